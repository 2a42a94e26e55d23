# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime, timedelta
from unittest.mock import patch

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common_onsite import AftersalesOnsiteCommon

REPORTED = datetime(2026, 3, 2, 8, 0)


@tagged("post_install", "-at_install")
class TestOnsiteFollowUp(AftersalesOnsiteCommon):
    """What happens around a visit: reminders and escalations, staff changes,
    major faults, parts, fees, callbacks and the monthly compliance."""

    # ------------------------------------------------------------------
    # Scheduled job
    # ------------------------------------------------------------------
    def _cron(self, at, batch_size=200):
        with freeze_time(at):
            return self.env["fsm.order"]._cron_aftersales_onsite_deadlines(
                batch_size=batch_size
            )

    def test_cron_warns_then_escalates_once(self):
        order = self._dispatch(self._ticket(self.city_customer))
        deadline = order.aftersales_deadline  # 2026-03-03 08:00
        self.assertEqual(self._cron(deadline - timedelta(hours=3)), (0, 0))
        done, remaining = self._cron(deadline - timedelta(hours=2))
        self.assertEqual((done, remaining), (1, 0))
        self.assertTrue(order.aftersales_warned)
        reminder = order.message_ids.filtered(lambda m: "Reminder" in (m.body or ""))
        self.assertEqual(len(reminder), 1)
        self.assertIn(self.distributor, reminder.partner_ids)
        self.assertEqual(reminder.author_id, self.company.partner_id)
        self.assertEqual(self._cron(deadline - timedelta(hours=1)), (0, 0))
        self.assertFalse(order.activity_ids)
        self.assertEqual(self._cron(deadline + timedelta(minutes=1)), (1, 0))
        self.assertTrue(order.aftersales_escalated)
        self.assertEqual(order.activity_ids.user_id, self.manager)
        self.assertTrue(order.aftersales_overdue)
        self.assertEqual(self._cron(deadline + timedelta(hours=5)), (0, 0))

    def test_cron_escalates_a_late_arrival(self):
        order = self._dispatch(self._ticket(self.city_customer))
        with freeze_time(order.aftersales_deadline + timedelta(minutes=30)):
            order.action_aftersales_check_in()
        self.assertEqual(
            self._cron(order.aftersales_deadline + timedelta(hours=1)), (1, 0)
        )
        self.assertEqual(order.activity_ids.user_id, self.manager)

    def test_cron_works_in_batches_with_bounded_queries(self):
        tickets = [self._ticket(self.city_customer) for _i in range(7)]
        orders = self.env["fsm.order"].browse([self._dispatch(t).id for t in tickets])
        after = orders[0].aftersales_deadline + timedelta(minutes=5)
        cron = self.env.ref("aftersales_contracts.cron_aftersales_onsite_deadlines")
        progress = self.env["ir.cron.progress"].create({"cron_id": cron.id})
        Order = self.env["fsm.order"].with_context(ir_cron_progress_id=progress.id)
        with freeze_time(after):
            Order._cron_aftersales_onsite_deadlines(batch_size=3)
        self.assertEqual((progress.done, progress.remaining), (3, 4))
        # the cost of a batch grows by a bounded number of queries per order
        self.env.flush_all()
        self.env.invalidate_all()
        with freeze_time(after), self.assertQueryCount(__system__=60):
            Order._cron_aftersales_onsite_deadlines(batch_size=1)
        self.env.flush_all()
        self.env.invalidate_all()
        with freeze_time(after), self.assertQueryCount(__system__=70):
            Order._cron_aftersales_onsite_deadlines(batch_size=3)
        self.assertEqual(len(orders.filtered("aftersales_escalated")), 7)

    # ------------------------------------------------------------------
    # Service point staff (如有变动应及时通知甲方)
    # ------------------------------------------------------------------
    def test_staff_change_is_logged_and_told(self):
        newcomer = self.env["fsm.person"].create(
            {
                "partner_id": self.env["res.partner"]
                .create({"name": "Tech Gao", "parent_id": self.distributor.id})
                .id
            }
        )
        self.point.with_user(self.manager).write(
            {"lead_id": newcomer.id, "technician_ids": [Command.link(self.lead.id)]}
        )
        self.assertEqual(self.point.last_change_by_id, self.manager)
        note = self.point.message_ids.filtered(
            lambda m: "Staff of service point" in (m.body or "")
        )
        self.assertEqual(len(note), 1)
        self.assertIn("Lead Wu", note.body)
        self.assertIn("Tech Gao", note.body)
        activity = self.point.activity_ids
        self.assertEqual(activity.user_id, self.manager)
        self.assertIn(newcomer.partner_id, self.point.member_partner_ids)
        with self.assertRaises(UserError):
            self.point.with_user(self.manager).write(
                {"last_change_on": "2020-01-01 00:00:00"}
            )
        # only a manager edits a service point
        with self.assertRaises(AccessError):
            self.point.with_user(self.user).write({"lead_id": self.tech.id})

    def test_training_records(self):
        heaters = self.env["product.category"].create({"name": "Water heaters"})
        self.heater.categ_id = heaters
        self.env["aftersales.technician.training"].create(
            {
                "person_id": self.tech.id,
                "service_point_id": self.point.id,
                "date": date(2026, 1, 15),
                "categ_ids": [Command.set(heaters.ids)],
                "trainer_id": self.manager.id,
                "topic": "JSQ ignition",
            }
        )
        self.assertEqual(self.tech.aftersales_trained_categ_ids, heaters)
        self.assertFalse(self.lead.aftersales_trained_categ_ids)

    # ------------------------------------------------------------------
    # Major faults (重大故障和发生事故)
    # ------------------------------------------------------------------
    def test_major_fault_notifies_the_manager_at_once(self):
        ticket = self._ticket(self.city_customer)
        order = self._dispatch(ticket)
        fault = (
            self.env["aftersales.major.fault"]
            .with_user(self.user)
            .create(
                {
                    "fsm_order_id": order.id,
                    "kind": "accident",
                    "description": "Gas smell and scorched casing",
                }
            )
        )
        self.assertEqual(fault.ticket_id, ticket)
        self.assertEqual(fault.service_point_id, self.point)
        self.assertEqual(fault.reported_by_id, self.user)
        self.assertEqual(fault.manager_id, self.manager)
        self.assertEqual(fault.activity_ids.user_id, self.manager)
        self.assertTrue(order.aftersales_is_major_fault)
        self.assertTrue(ticket.aftersales_is_major_fault)
        self.assertTrue(
            ticket.message_ids.filtered(lambda m: fault.name in (m.body or ""))
        )
        with self.assertRaises(AccessError):
            fault.with_user(self.user).action_conclude()
        with self.assertRaisesRegex(UserError, "finding"):
            fault.with_user(self.manager).action_conclude()
        fault.with_user(self.manager).action_investigate()
        fault.with_user(self.manager).write(
            {"finding": "Cracked burner seal", "responsibility": "product"}
        )
        fault.with_user(self.manager).action_conclude()
        self.assertEqual(fault.state, "concluded")
        self.assertEqual(fault.concluded_by_id, self.manager)
        with self.assertRaises(UserError):
            fault.with_user(self.manager).write({"state": "reported"})

    # ------------------------------------------------------------------
    # Fee schedule on the slip
    # ------------------------------------------------------------------
    def _order_with_parts(self, partner, **ticket_vals):
        order = self._dispatch(self._ticket(partner, **ticket_vals))
        with freeze_time("2026-03-02 10:00:00"):
            order.action_aftersales_check_in()
        self.env["aftersales.onsite.line"].create(
            [
                {"order_id": order.id, "product_id": self.part_valve.id},
                {"order_id": order.id, "product_id": self.labour.id, "quantity": 2},
            ]
        )
        return order

    def test_fee_schedule_free_cost_standard(self):
        order = self._order_with_parts(self.city_customer, lot_id=self.lot3.id)
        self.assertEqual(order.aftersales_warranty_state, "in_warranty")
        self.assertEqual(order.aftersales_fee_policy, "free")
        self.assertEqual(order.aftersales_amount_total, 0.0)
        self.assertIn("free of charge", order.aftersales_warranty_decision)
        order.aftersales_user_caused = True
        self.assertEqual(order.aftersales_fee_policy, "cost")
        valve, labour = order.aftersales_line_ids
        self.assertEqual(valve.price_unit, 45.0)  # cost price
        self.assertEqual(labour.price_subtotal, 100.0)
        self.assertEqual(order.aftersales_amount_total, 145.0)
        order.write(
            {
                "aftersales_user_caused": False,
                "aftersales_exclusion_id": self.env["aftersales.warranty.exclusion"]
                .search([], limit=1)
                .id,
            }
        )
        self.assertEqual(order.aftersales_fee_policy, "standard")
        self.assertEqual(valve.price_unit, 80.0)
        self.assertIn("excluded", order.aftersales_warranty_decision)
        # the price follows the schedule, never a typed figure
        with self.assertRaises(UserError):
            valve.with_user(self.manager).price_unit = 1.0
        no_card = self._order_with_parts(self.far_customer)
        self.assertEqual(no_card.aftersales_fee_policy, "standard")
        self.assertEqual(no_card.aftersales_amount_total, 180.0)

    def test_parts_issued_under_swap_to_the_distributor(self):
        order = self._order_with_parts(self.city_customer, lot_id=self.lot3.id)
        self.env["aftersales.onsite.line"].create(
            {"order_id": order.id, "product_id": self.part_burner.id}
        )
        self._complete(order)
        swaps = self.env["aftersales.part.swap"].search(
            [("fsm_order_id", "=", order.id)]
        )
        self.assertEqual(swaps.product_id, self.part_valve)  # burner: must buy
        self.assertEqual(swaps.partner_id, self.distributor)
        self.assertEqual(swaps.contract_id, self.dist_agreement)
        self.assertEqual(swaps.state, "waiting")
        self.assertEqual(order.aftersales_line_ids[0].swap_id, swaps)

    def test_service_days_billed_under_equipment_agreement(self):
        ticket = self._ticket(self.customer, lot_id=self.lot1.id)
        order = self._dispatch(ticket)
        order.aftersales_travel_cost = 120.0
        Contract = type(self.env["contract.contract"])
        with patch.object(
            Contract, "_aftersales_bill_service_days", create=True
        ) as bill:
            self._complete(order, at=datetime(2026, 3, 2, 11, 0))
        bill.assert_called_once()
        args, kwargs = bill.call_args
        self.assertEqual(args[0], order.aftersales_arrived_on)
        self.assertEqual(args[1], order.aftersales_finished_on)
        self.assertEqual(args[2], order)
        self.assertEqual(kwargs["travel_cost"], 120.0)

    # ------------------------------------------------------------------
    # Callbacks and the monthly compliance
    # ------------------------------------------------------------------
    def _close(self, ticket):
        ticket.with_user(self.manager).action_close_confirmed()

    def test_callbacks_and_compliance_report(self):
        tickets = [
            self._ticket(self.city_customer, lot_id=self.lot3.id) for _i in range(3)
        ]
        orders = [self._dispatch(t) for t in tickets]
        # on time, on time, late (one minute after the deadline)
        self._complete(orders[0], at=datetime(2026, 3, 2, 12, 0))
        self._complete(orders[1], at=datetime(2026, 3, 3, 8, 0))
        with freeze_time(orders[2].aftersales_deadline + timedelta(minutes=1)):
            orders[2].action_aftersales_check_in()
        self._complete(orders[2], at=datetime(2026, 3, 3, 9, 0))
        for ticket in tickets:
            self.assertTrue(ticket.customer_confirmed)
            self._close(ticket)
        callback = self.env["aftersales.callback"].create(
            {"ticket_id": tickets[0].id, "outcome": "satisfied", "rating": "5"}
        )
        self.assertEqual(callback.fsm_order_id, orders[0])
        self.assertEqual(callback.service_point_id, self.point)
        self.assertTrue(orders[0].aftersales_callback_done)
        self.env["aftersales.callback"].create(
            {"ticket_id": tickets[1].id, "outcome": "unreachable"}
        )
        self.dist_agreement.aftersales_callback_target = 30.0
        self.env.flush_all()
        Report = self.env["aftersales.onsite.report"]
        [row] = Report._read_group(
            [("service_point_id", "=", self.point.id)],
            [],
            [
                "order_count:sum",
                "on_time_count:sum",
                "late_count:sum",
                "hours_to_site:avg",
                "repair_count:sum",
                "callback_count:sum",
                "callback_rate:avg",
                "target_rate:avg",
                "repeat_count:sum",
            ],
        )
        orders_, on_time, late, hours, repairs, callbacks, rate, target, repeat = row
        self.assertEqual((orders_, on_time, late), (3, 2, 1))
        self.assertEqual((repairs, callbacks), (3, 1))
        self.assertAlmostEqual(rate, 100.0 / 3)
        self.assertEqual(target, 30.0)
        self.assertEqual(repeat, 3)  # the same serial three times in March
        self.assertAlmostEqual(hours, (4.0 + 24.0 + (24.0 + 1 / 60)) / 3, places=3)
        # the per-visit fee of the settlement counts the completed orders
        self.assertEqual(
            self.dist_agreement._aftersales_settlement_visits(date(2026, 3, 1)), 3
        )
        self.assertEqual(
            self.dist_agreement._aftersales_settlement_visits(date(2026, 4, 1)), 0
        )

    def test_callback_order_is_set_by_its_action_only(self):
        """The order a callback follows credits a service point: nobody moves
        a callback to another order by hand (the agent, the manager over
        RPC); it is set when the callback is planned from the order."""
        ticket = self._ticket(self.city_customer)
        first = self._dispatch(ticket)
        self._complete(first)
        second = self._dispatch(ticket)
        self._complete(second)
        self._close(ticket)
        callback = ticket.callback_ids.filtered(lambda c: c.state == "planned")
        self.assertEqual(callback.fsm_order_id, second)
        for user in (self.user, self.manager):
            with self.assertRaises(UserError):
                callback.with_user(user).write({"fsm_order_id": first.id})
            self.assertEqual(callback.fsm_order_id, second)
        with self.assertRaises(UserError):
            self.env["aftersales.callback"].with_user(self.user).create(
                {"ticket_id": ticket.id, "fsm_order_id": first.id}
            )
        # the portal's recording ties it to the order the technician served
        self.env["aftersales.callback"]._aftersales_onsite_callback(first)
        self.assertEqual(callback.fsm_order_id, first)

    def test_callback_must_match_a_completed_order(self):
        ticket = self._ticket(self.city_customer)
        order = self._dispatch(ticket)
        other = self._dispatch(self._ticket(self.city_customer))
        self._complete(order)
        self._close(ticket)
        with self.assertRaises(Exception):  # noqa: B017 - ValidationError
            self.env["aftersales.callback"].create(
                {
                    "ticket_id": ticket.id,
                    "fsm_order_id": other.id,
                    "outcome": "satisfied",
                    "rating": "4",
                }
            )
