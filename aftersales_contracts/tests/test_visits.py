# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import AftersalesContractsCommon


@tagged("post_install", "-at_install")
class TestVisits(AftersalesContractsCommon):
    def test_plan_visits_at_least_minimum(self):
        """4 visits a year: 4 visits spread over 2026, none twice."""
        visits = self.agreement.action_aftersales_plan_visits()
        self.assertEqual(len(visits), 4)
        self.assertGreaterEqual(len(self.agreement.aftersales_visit_ids), 4)
        dates = sorted(visits.mapped("planned_date"))
        self.assertTrue(all(date(2026, 1, 1) <= d <= date(2026, 12, 31) for d in dates))
        self.assertEqual(len(set(d.month for d in dates)), 4)
        # planning again adds nothing
        self.assertFalse(self.agreement.action_aftersales_plan_visits())
        # a cancelled visit is replaced
        visits[0].action_cancel()
        self.assertEqual(len(self.agreement.action_aftersales_plan_visits()), 1)

    def test_plan_visits_minimum_five(self):
        self.agreement.aftersales_min_visits = 5
        self.assertEqual(len(self.agreement.action_aftersales_plan_visits()), 5)

    def test_plan_visits_every_year_of_the_agreement(self):
        """A two-year agreement: 4 visits in each year; the agreement counts
        the visits done against the minimum, per year."""
        two = self._make_agreement(
            self.customer,
            "equipment",
            date(2026, 1, 1),
            date(2027, 12, 31),
            [(self.lot3, "city")],
            aftersales_min_visits=4,
        )
        years = two.aftersales_year_ids
        self.assertEqual(
            years.mapped("date_from"), [date(2026, 1, 1), date(2027, 1, 1)]
        )
        self.assertEqual(
            years.mapped("date_to"), [date(2026, 12, 31), date(2027, 12, 31)]
        )
        visits = two.action_aftersales_plan_visits()
        self.assertEqual(len(visits), 8)
        self.assertEqual(years.mapped("visits_planned"), [4, 4])
        self.assertEqual(years.mapped("shortfall"), [4, 4])
        first = visits.filtered(lambda v: v.planned_date.year == 2026)
        first[:3].write({"report": "Checked"})
        with freeze_time("2026-06-01"):
            first[:3].action_done()
        self.assertEqual(years[0].visits_done, 3)
        self.assertEqual(years[0].shortfall, 1)
        with freeze_time("2026-06-01"):
            two.invalidate_recordset(["aftersales_year_id"])
            self.assertEqual(two.aftersales_year_id, years[0])
            self.assertEqual(two.aftersales_visit_shortfall, 1)
        # the minimum of years not over yet follows the agreement
        with freeze_time("2027-03-01"):
            two.aftersales_min_visits = 6
            self.assertEqual(years.mapped("visits_required"), [4, 6])
            self.assertEqual(len(two.action_aftersales_plan_visits()), 2)

    def test_shortfall_flagged_before_the_year_ends_once(self):
        """Notice 30 days: year ending 2026-12-31 with 1 of 4 visits done is
        flagged from 2026-12-01, once; a year with all visits done is not."""
        Year = self.env["aftersales.agreement.year"]
        visits = self.agreement.action_aftersales_plan_visits()
        visits[:1].write({"report": "Done"})
        with freeze_time("2026-03-01"):
            visits[:1].action_done()
        year = self.agreement.aftersales_year_ids
        self.assertEqual(year.shortfall, 3)
        self.assertFalse(Year._cron_flag_shortfall(date(2026, 11, 30)))
        flagged = Year._cron_flag_shortfall(date(2026, 12, 1))
        self.assertEqual(flagged, year)
        activity = self.agreement.activity_ids.filtered(
            lambda a: a.summary == "Preventive visits short"
        )
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.date_deadline, date(2026, 12, 31))
        self.assertFalse(Year._cron_flag_shortfall(date(2026, 12, 2)))
        self.assertTrue(year.shortfall_notified)
        with self.assertRaises(UserError):
            year.with_user(self.manager).write({"shortfall_notified": False})

    def test_visit_state_only_through_its_actions(self):
        visit = self.env["aftersales.agreement.visit"].create(
            {"contract_id": self.agreement.id, "planned_date": date(2026, 3, 10)}
        )
        for vals in ({"state": "done"}, {"date_done": "2026-03-10"}):
            with self.assertRaises(UserError):
                visit.with_user(self.user).write(vals)
        self.assertEqual(visit.state, "planned")

    def test_overdue_visits_flagged(self):
        visit = self.env["aftersales.agreement.visit"].create(
            {"contract_id": self.agreement.id, "planned_date": date(2026, 3, 10)}
        )
        Visit = self.env["aftersales.agreement.visit"]
        with freeze_time("2026-03-10"):
            visit.invalidate_recordset(["is_overdue"])
            self.assertFalse(visit.is_overdue)
            self.assertFalse(Visit._cron_flag_overdue())
        with freeze_time("2026-03-11"):
            visit.invalidate_recordset(["is_overdue"])
            self.assertTrue(visit.is_overdue)
            self.assertIn(visit, Visit.search([("is_overdue", "=", True)]))
            self.assertEqual(Visit._cron_flag_overdue(), visit)
            self.assertEqual(len(visit.activity_ids), 1)
            self.assertFalse(Visit._cron_flag_overdue())

    def test_visit_done_needs_report_and_signature_kept(self):
        visit = self.env["aftersales.agreement.visit"].create(
            {"contract_id": self.agreement.id, "planned_date": date(2026, 3, 10)}
        )
        with self.assertRaises(UserError):
            visit.action_done()
        visit.write(
            {
                "report": "Cleaned burner, checked valve.",
                "customer_signature": "iVBORw0KGgo=",
                "signed_by": "Manager Zhou",
            }
        )
        visit.action_done()
        self.assertEqual(visit.state, "done")
        self.assertTrue(visit.signed_on)
        self.assertFalse(visit.is_overdue)

    def test_visit_dispatched_as_ticket(self):
        visit = self.agreement.action_aftersales_plan_visits()[:1]
        visit.action_create_ticket()
        ticket = visit.ticket_id
        self.assertTrue(ticket)
        self.assertEqual(ticket.lot_id, visit.unit_id.lot_id)
        visit.action_create_ticket()
        self.assertEqual(visit.ticket_id, ticket)

    def test_visit_report_printable(self):
        visit = self.env["aftersales.agreement.visit"].create(
            {
                "contract_id": self.agreement.id,
                "planned_date": date(2026, 3, 10),
                "report": "Replaced the gas valve.",
                "signed_by": "Manager Zhou",
            }
        )
        html, _type = self.env["ir.actions.report"]._render_qweb_html(
            "aftersales_contracts.report_aftersales_visit", visit.ids
        )
        self.assertIn(b"Replaced the gas valve.", html)
        self.assertIn(b"Manager Zhou", html)
