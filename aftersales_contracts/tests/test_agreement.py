# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import AftersalesContractsCommon


@tagged("post_install", "-at_install")
class TestAgreement(AftersalesContractsCommon):
    def test_coverage_lookup_by_serial(self):
        """A covered serial finds its agreement; an uncovered one does not."""
        Contract = self.env["contract.contract"]
        on = date(2026, 6, 1)
        self.assertEqual(
            Contract._aftersales_find_agreement(self.lot1, on), self.agreement
        )
        self.assertEqual(
            Contract._aftersales_find_agreement(self.lot1, on, kind="equipment"),
            self.agreement,
        )
        self.assertFalse(
            Contract._aftersales_find_agreement(self.lot1, on, kind="software")
        )
        self.assertFalse(Contract._aftersales_find_agreement(self.lot3, on))
        # boundaries of the period
        self.assertEqual(
            Contract._aftersales_find_agreement(self.lot1, date(2026, 12, 31)),
            self.agreement,
        )
        self.assertFalse(
            Contract._aftersales_find_agreement(self.lot1, date(2027, 1, 1))
        )

    def test_ticket_shows_agreement_and_deadline(self):
        """A ticket for a covered serial shows the agreement, the deadline from
        the unit's zone (city hours, remote days) and whether it is covered."""
        with freeze_time("2026-03-02 08:00:00"):  # coverage date = today
            city = self.env["helpdesk.ticket"].create(
                {
                    "name": "No hot water",
                    "description": "<p>Heater off</p>",
                    "partner_id": self.customer.id,
                    "lot_id": self.lot1.id,
                }
            )
            remote = self.env["helpdesk.ticket"].create(
                {
                    "name": "Leak",
                    "description": "<p>Leak</p>",
                    "partner_id": self.customer.id,
                    "lot_id": self.lot2.id,
                }
            )
            other = self.env["helpdesk.ticket"].create(
                {
                    "name": "Noise",
                    "description": "<p>Noise</p>",
                    "lot_id": self.lot3.id,
                }
            )
        self.assertEqual(city.aftersales_agreement_id, self.agreement)
        self.assertEqual(
            city.aftersales_agreement_deadline, datetime(2026, 3, 2, 12, 0)
        )
        self.assertTrue(city.aftersales_fault_covered)
        self.assertEqual(
            remote.aftersales_agreement_deadline, datetime(2026, 3, 4, 8, 0)
        )
        self.assertFalse(other.aftersales_agreement_id)
        self.assertFalse(other.aftersales_fault_covered)
        city.aftersales_exclusion_id = self.env.ref(
            "aftersales_service.exclusion_voltage"
        )
        self.assertFalse(city.aftersales_fault_covered)

    @freeze_time("2026-06-01")
    def test_repair_shows_agreement(self):
        repair = self.env["repair.order"].create(
            {
                "product_id": self.heater.id,
                "lot_id": self.lot1.id,
                "partner_id": self.customer.id,
            }
        )
        self.assertEqual(repair.aftersales_agreement_id, self.agreement)
        self.assertTrue(repair.aftersales_agreement_deadline)

    def test_one_active_agreement_per_kind_per_serial(self):
        """A second overlapping agreement of the same kind on a serial is refused,
        naming the serial and both agreements; other kinds and later periods pass."""
        with self.assertRaises(ValidationError) as err:
            self._make_agreement(
                self.customer,
                "equipment",
                date(2026, 12, 31),
                date(2027, 12, 30),
                [(self.lot1, "city")],
            )
        self.assertIn("WH60-0001", str(err.exception))
        self.assertIn(self.agreement.display_name, str(err.exception))
        # other kind: fine
        self._make_agreement(
            self.customer,
            "software",
            date(2026, 1, 1),
            date(2026, 12, 31),
            [(self.lot1, "city")],
        )
        # next period (day after the end): fine
        self._make_agreement(
            self.customer,
            "equipment",
            date(2027, 1, 1),
            date(2027, 12, 31),
            [(self.lot1, "city")],
        )
        # adding the serial to an existing overlapping agreement is refused too
        other = self._make_agreement(
            self.customer, "equipment", date(2026, 6, 1), date(2026, 8, 31), []
        )
        with self.assertRaises(ValidationError):
            other.aftersales_unit_ids = [
                Command.create({"product_id": self.heater.id, "lot_id": self.lot2.id})
            ]
        # an archived agreement does not count
        self.agreement.active = False
        other.aftersales_unit_ids = [
            Command.create({"product_id": self.heater.id, "lot_id": self.lot2.id})
        ]

    def test_renewal_reminder_on_the_right_day_once(self):
        """Ends 2026-12-31, notice 30 days: reminder on 2026-12-01, not 11-30."""
        Contract = self.env["contract.contract"]
        todo = self.env.ref("mail.mail_activity_data_todo")

        def reminders():
            return self.agreement.activity_ids.filtered(
                lambda a: a.activity_type_id == todo
            )

        Contract._cron_aftersales_renewal_reminder(date(2026, 11, 30))
        self.assertFalse(reminders())
        Contract._cron_aftersales_renewal_reminder(date(2026, 12, 1))
        self.assertEqual(len(reminders()), 1)
        self.assertEqual(reminders().date_deadline, date(2026, 12, 31))
        Contract._cron_aftersales_renewal_reminder(date(2026, 12, 2))
        self.assertEqual(len(reminders()), 1)

    def test_renewal_notice_from_settings(self):
        self.company.aftersales_renewal_notice_days = 10
        Contract = self.env["contract.contract"]
        Contract._cron_aftersales_renewal_reminder(date(2026, 12, 20))
        self.assertFalse(self.agreement.aftersales_renewal_reminded)
        Contract._cron_aftersales_renewal_reminder(date(2026, 12, 21))
        self.assertTrue(self.agreement.aftersales_renewal_reminded)

    def test_renew_carries_units_forward(self):
        action = self.agreement.action_aftersales_renew()
        new = self.env["contract.contract"].browse(action["res_id"])
        self.assertEqual(new.date_start, date(2027, 1, 1))
        self.assertEqual(new.date_end, date(2027, 12, 31))
        self.assertEqual(new.aftersales_kind, "equipment")
        self.assertEqual(new.aftersales_unit_ids.lot_id, self.lot1 | self.lot2)
        self.assertEqual(len(self.agreement.aftersales_unit_ids), 2)
        self.assertEqual(self.agreement.aftersales_renewal_id, new)
        self.assertEqual(new.aftersales_renewed_from_id, self.agreement)
        self.assertFalse(self.agreement.can_aftersales_renew)
        self.assertEqual(
            self.env["contract.contract"]._aftersales_find_agreement(
                self.lot1, date(2027, 3, 1)
            ),
            new,
        )

    def test_renewal_keeps_units_rates_and_visit_plan(self):
        self.agreement.write(
            {"aftersales_signing_fee": 3000.0, "aftersales_travel_fee": 200.0}
        )
        self.agreement.action_aftersales_sign()
        visits = self.agreement.action_aftersales_plan_visits()
        action = self.agreement.action_aftersales_renew()
        new = self.env["contract.contract"].browse(action["res_id"])
        self.assertEqual(new.aftersales_signing_fee, 3000.0)
        self.assertEqual(new.aftersales_travel_fee, 200.0)
        self.assertEqual(new.aftersales_min_visits, 4)
        self.assertEqual(
            [u.zone for u in new.aftersales_unit_ids],
            [u.zone for u in self.agreement.aftersales_unit_ids],
        )
        # same visit days, one year later
        self.assertEqual(
            sorted(new.aftersales_visit_ids.mapped("planned_date")),
            sorted(d.replace(year=2027) for d in visits.mapped("planned_date")),
        )
        self.assertEqual(new.aftersales_year_ids.visits_planned, 4)
        # not signed yet: no fee line copied, signed on its own
        self.assertFalse(new.aftersales_signed_on)
        self.assertFalse(new.contract_line_ids)
        new.action_aftersales_sign()
        self.assertEqual(new.contract_line_ids.price_unit, 3000.0)

    def test_renewal_links_guarded(self):
        with self.assertRaises(UserError):
            self.agreement.with_user(self.manager).write(
                {"aftersales_renewal_id": self.dist_agreement.id}
            )

    def test_seed_defaults_in_settings(self):
        """Numbers of the agreements seed are company settings with defaults."""
        company = self.env["res.company"].create({"name": "Other Co"})
        self.assertEqual(company.aftersales_late_fee_per_day_pct, 0.2)
        self.assertEqual(company.aftersales_software_fee_single_pct, 15.0)
        self.assertEqual(company.aftersales_software_fee_network_pct, 20.0)
        self.assertEqual(company.aftersales_swap_return_days, 30)
        settings = self.env["res.config.settings"].create({})
        settings.aftersales_swap_return_days = 45
        settings.execute()
        self.assertEqual(self.env.company.aftersales_swap_return_days, 45)
