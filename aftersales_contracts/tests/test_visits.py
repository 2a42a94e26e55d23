# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from freezegun import freeze_time

from odoo.exceptions import UserError

from .common import AftersalesContractsCommon


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
