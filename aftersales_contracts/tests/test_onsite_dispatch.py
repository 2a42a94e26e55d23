# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tests.common import new_test_user

from .common_onsite import SIGNATURE, AftersalesOnsiteCommon

REPORTED = datetime(2026, 3, 2, 8, 0)


@tagged("post_install", "-at_install")
class TestOnsiteDispatch(AftersalesOnsiteCommon):
    # ------------------------------------------------------------------
    # Territory and governing agreement
    # ------------------------------------------------------------------
    def test_territory_match_by_zip_state_country(self):
        Territory = self.env["res.territory"]
        self.assertEqual(
            Territory._aftersales_match_partner(self.city_customer), self.t_city
        )
        self.assertEqual(
            Territory._aftersales_match_partner(self.county_customer), self.t_county
        )
        self.assertFalse(Territory._aftersales_match_partner(self.far_customer))
        exact = self.env["res.partner"].create({"name": "Exact", "zip": "611600"})
        self.assertEqual(Territory._aftersales_match_partner(exact), self.t_county)
        near = self.env["res.partner"].create({"name": "Near", "zip": "611601"})
        self.assertFalse(Territory._aftersales_match_partner(near))
        # a ZIP code match beats a state match
        state = self.env.ref("base.state_cn_ZJ", raise_if_not_found=False) or (
            self.env["res.country.state"].search([], limit=1)
        )
        province = Territory.create(
            {
                "name": "Province",
                "type": "state",
                "aftersales_state_ids": [Command.set(state.ids)],
                "aftersales_zone": "remote",
            }
        )
        self.county_customer.state_id = state
        self.assertEqual(
            Territory._aftersales_match_partner(self.county_customer), self.t_county
        )
        self.far_customer.state_id = state
        self.assertEqual(
            Territory._aftersales_match_partner(self.far_customer), province
        )

    def test_ticket_governed_by_territory(self):
        ticket = self._ticket(self.county_customer)
        self.assertEqual(ticket.aftersales_territory_id, self.t_county)
        self.assertEqual(ticket.aftersales_service_point_id, self.point)
        self.assertEqual(ticket.aftersales_agreement_id, self.dist_agreement)
        self.assertEqual(ticket.aftersales_onsite_zone, "suburb")
        self.assertEqual(
            ticket.aftersales_agreement_deadline, REPORTED + timedelta(hours=48)
        )
        other = self._ticket(self.nanjing_customer)
        self.assertEqual(other.aftersales_service_point_id, self.point2)
        self.assertEqual(other.aftersales_agreement_id, self.dist_agreement2)
        nobody = self._ticket(self.far_customer)
        self.assertFalse(nobody.aftersales_service_point_id)
        self.assertFalse(nobody.aftersales_agreement_id)

    def test_ticket_governed_by_serial_first(self):
        ticket = self._ticket(self.customer, lot_id=self.lot1.id)
        self.assertEqual(ticket.aftersales_agreement_id, self.agreement)
        order = self._dispatch(ticket)
        self.assertEqual(order.aftersales_agreement_id, self.agreement)
        self.assertEqual(order.aftersales_zone, "city")
        # the equipment agreement's own 4 h, not the Settings' 24 h
        self.assertEqual(order.aftersales_deadline, REPORTED + timedelta(hours=4))

    # ------------------------------------------------------------------
    # Deadlines: city vs county, agreement vs Settings
    # ------------------------------------------------------------------
    def test_city_and_county_deadlines(self):
        city = self._dispatch(self._ticket(self.city_customer))
        county = self._dispatch(self._ticket(self.county_customer))
        self.assertEqual(city.aftersales_service_point_id, self.point)
        self.assertEqual(county.aftersales_service_point_id, self.point)
        self.assertEqual(city.aftersales_zone, "city")
        self.assertEqual(county.aftersales_zone, "suburb")
        # counted from the call (08:00), not from the dispatch (08:30)
        self.assertEqual(city.aftersales_called_on, REPORTED)
        self.assertEqual(city.aftersales_deadline, REPORTED + timedelta(hours=24))
        self.assertEqual(county.aftersales_deadline, REPORTED + timedelta(hours=48))
        self.assertEqual(city.request_late, city.aftersales_deadline)
        self.assertEqual(city.type.aftersales_visit_kind, "repair")
        # the agreement overrides the Settings
        self.dist_agreement.aftersales_city_hours = 6.0
        city2 = self._dispatch(self._ticket(self.city_customer))
        self.assertEqual(city2.aftersales_deadline, REPORTED + timedelta(hours=6))

    def test_no_territory_chosen_by_hand(self):
        ticket = self._ticket(self.far_customer)
        own = self._dispatch(ticket)
        self.assertFalse(own.aftersales_service_point_id)
        self.assertEqual(own.aftersales_deadline, REPORTED + timedelta(hours=24))
        self.company.aftersales_city_response_hours = 12.0
        chosen = self._dispatch(ticket, service_point_id=self.point2.id)
        self.assertEqual(chosen.aftersales_service_point_id, self.point2)
        self.assertEqual(chosen.aftersales_agreement_id, self.dist_agreement2)
        self.assertEqual(chosen.aftersales_deadline, REPORTED + timedelta(hours=24))
        third = self._dispatch(ticket, service_point_id=False)
        self.assertEqual(third.aftersales_deadline, REPORTED + timedelta(hours=12))

    def test_dispatch_wizard_previews_the_deadline(self):
        ticket = self._ticket(self.county_customer)
        action = ticket.action_aftersales_open_dispatch()
        wizard = (
            self.env[action["res_model"]].with_context(**action["context"]).create({})
        )
        self.assertEqual(wizard.service_point_id, self.point)
        self.assertEqual(wizard.deadline, REPORTED + timedelta(hours=48))
        self.assertIn(self.tech, wizard.technician_ids)
        wizard.person_id = self.tech
        with freeze_time(REPORTED + timedelta(minutes=20)):
            result = wizard.action_dispatch()
        order = self.env["fsm.order"].browse(result["res_id"])
        self.assertEqual(order.ticket_id, ticket)
        self.assertEqual(order.person_id, self.tech)
        self.assertEqual(order.aftersales_deadline, REPORTED + timedelta(hours=48))
        self.assertEqual(ticket.aftersales_onsite_order_count, 1)

    # ------------------------------------------------------------------
    # Arrival at the boundary
    # ------------------------------------------------------------------
    def test_arrival_exactly_at_the_deadline_is_on_time(self):
        order = self._dispatch(self._ticket(self.city_customer))
        with freeze_time(order.aftersales_deadline):
            order.action_aftersales_check_in()
        self.assertEqual(order.aftersales_arrived_on, order.aftersales_deadline)
        self.assertFalse(order.aftersales_late)
        self.assertEqual(order.aftersales_state, "on_site")
        self.assertAlmostEqual(order.aftersales_hours_to_site, 24.0)

    def test_arrival_one_minute_after_the_deadline_is_late(self):
        order = self._dispatch(self._ticket(self.city_customer))
        with freeze_time(order.aftersales_deadline + timedelta(minutes=1)):
            order.action_aftersales_check_in()
        self.assertTrue(order.aftersales_late)
        self.assertIn("late by 1 minute", order.message_ids[0].body)

    def test_check_in_is_server_time_and_once(self):
        order = self._dispatch(self._ticket(self.city_customer))
        with freeze_time("2026-03-02 10:15:00"):
            order.action_aftersales_accept()
            order.action_aftersales_check_in()
        self.assertEqual(order.aftersales_arrived_on, datetime(2026, 3, 2, 10, 15))
        self.assertEqual(order.date_start, datetime(2026, 3, 2, 10, 15))
        with self.assertRaises(UserError):
            order.action_aftersales_check_in()

    # ------------------------------------------------------------------
    # Guarded fields
    # ------------------------------------------------------------------
    def test_deadline_and_arrival_are_guarded(self):
        worker = new_test_user(
            self.env, login="field_worker", groups="fieldservice.group_fsm_user"
        )
        order = self._dispatch(self._ticket(self.city_customer))
        deadline = order.aftersales_deadline
        for env in (
            order.with_user(worker),
            order.with_user(self.manager),
            order.with_user(self.manager).sudo(),
        ):
            for vals in (
                {"aftersales_deadline": deadline + timedelta(days=3)},
                {"aftersales_arrived_on": deadline - timedelta(hours=1)},
                {"aftersales_late": True},
                {"signature": SIGNATURE},
            ):
                with self.assertRaises(UserError):
                    env.write(vals)
        self.assertEqual(order.aftersales_deadline, deadline)
        self.assertFalse(order.aftersales_arrived_on)
        with self.assertRaises(UserError):
            self.env["fsm.order"].with_user(self.manager).create(
                {
                    "location_id": order.location_id.id,
                    "aftersales_deadline": "2099-01-01 00:00:00",
                }
            )
        # the measured stages are reached by their buttons only
        on_site = self.env.ref("aftersales_contracts.fsm_stage_aftersales_on_site")
        with self.assertRaises(UserError):
            order.with_user(self.manager).write({"stage_id": on_site.id})
        fields_info = order.fields_get(["aftersales_deadline"], ["readonly"])
        self.assertTrue(fields_info["aftersales_deadline"]["readonly"])

    # ------------------------------------------------------------------
    # Completion needs the customer's signature
    # ------------------------------------------------------------------
    def test_completion_refused_without_signature(self):
        order = self._dispatch(self._ticket(self.city_customer))
        with freeze_time("2026-03-02 11:00:00"):
            order.action_aftersales_check_in()
        order.resolution = "<p>Replaced the electrode.</p>"
        with self.assertRaisesRegex(UserError, "signed"):
            order.action_complete()
        completed = self.env.ref("fieldservice.fsm_stage_completed")
        with self.assertRaises(UserError):
            order.with_user(self.manager).with_context(
                bypass_order_completed_stage=True
            ).write({"stage_id": completed.id})
        self.assertFalse(order.is_closed)
        self.assertFalse(order.aftersales_finished_on)

    def test_signing_needs_check_in_and_work(self):
        order = self._dispatch(self._ticket(self.city_customer))
        with self.assertRaises(UserError):
            order._aftersales_sign("Mrs Lin", SIGNATURE)
        with freeze_time("2026-03-02 11:00:00"):
            order.action_aftersales_check_in()
        with self.assertRaisesRegex(UserError, "work"):
            order._aftersales_sign("Mrs Lin", SIGNATURE)
        order.resolution = "<p>Done.</p>"
        with self.assertRaises(UserError):
            order._aftersales_sign("", SIGNATURE)
        with self.assertRaises(UserError):
            order._aftersales_sign("Mrs Lin", "not an image!")

    def test_completion_with_signature(self):
        ticket = self._ticket(self.city_customer)
        ticket.user_id = self.user
        order = self._dispatch(ticket)
        self._complete(order, at=datetime(2026, 3, 2, 12, 0))
        self.assertEqual(order.aftersales_state, "done")
        self.assertTrue(order.is_closed)
        self.assertTrue(order.aftersales_slip_number.startswith("WXD/"))
        self.assertEqual(order.signed_by, "Mrs Lin")
        self.assertEqual(order.aftersales_finished_on, datetime(2026, 3, 2, 12, 0))
        # the signed slip is the customer's confirmation on the ticket (闭环)
        self.assertTrue(ticket.customer_confirmed)
        self.assertEqual(ticket.confirmation_channel, "visit")
        self.assertIn(
            "Close the ticket", " ".join(ticket.activity_ids.mapped("summary"))
        )
        # a completed slip does not change any more
        with self.assertRaises(UserError):
            order.with_user(self.manager).resolution = "<p>Something else.</p>"
        with self.assertRaises(UserError):
            self.env["aftersales.onsite.line"].with_user(self.manager).create(
                {"order_id": order.id, "product_id": self.labour.id}
            )

    def test_oca_sign_wizard_signs_through_the_action(self):
        order = self._dispatch(self._ticket(self.city_customer))
        with freeze_time("2026-03-02 11:00:00"):
            order.action_aftersales_check_in()
        order.resolution = "<p>Done.</p>"
        wizard = (
            self.env["fsm.order.sign.wizard"]
            .with_context(active_id=order.id)
            .create({"signed_by": "Mrs Lin", "signature": SIGNATURE})
        )
        wizard.action_sign()
        self.assertTrue(order.signature)
        order.action_complete()
        self.assertEqual(order.aftersales_state, "done")

    # ------------------------------------------------------------------
    # Settings and agreement bounds
    # ------------------------------------------------------------------
    def test_response_time_bounds(self):
        # the bounds themselves are accepted
        self.company.write(
            {
                "aftersales_city_response_hours": 0.5,
                "aftersales_remote_response_days": 60,
            }
        )
        for fname, value, bound in (
            ("aftersales_city_response_hours", 0.0, "between 0.5 and 720"),
            ("aftersales_suburb_response_hours", 721.0, "between 0.5 and 720"),
            ("aftersales_remote_response_days", 61, "between 1 and 60"),
            ("aftersales_onsite_warning_hours", -1.0, "between 0.0 and 72"),
        ):
            with self.assertRaisesRegex(ValidationError, bound):
                self.company[fname] = value
            # the refused value is not kept (the request rolls back)
            self.company.invalidate_recordset([fname], flush=False)
        with self.assertRaisesRegex(ValidationError, "Agreement"):
            self.dist_agreement.aftersales_suburb_hours = 1000
