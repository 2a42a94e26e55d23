# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import AftersalesContractsCommon


@tagged("post_install", "-at_install")
class TestDistributor(AftersalesContractsCommon):
    def _repairs(self, lots, callbacks):
        repairs = self.env["repair.order"].create(
            [
                {
                    "product_id": self.heater.id,
                    "lot_id": lot.id,
                    "partner_id": self.customer.id,
                    "aftersales_agreement_id": self.dist_agreement.id,
                    "aftersales_fault": "No ignition",
                    "aftersales_callback_done": cb,
                }
                for lot, cb in zip(lots, callbacks, strict=True)
            ]
        )
        repairs.write({"state": "done", "aftersales_closed_date": date(2026, 4, 12)})
        return repairs

    def test_monthly_report_generated_due_and_missing(self):
        """April report: due 2026-05-05; not missing that day, missing the day after."""
        self.dist_agreement.aftersales_callback_target = 50.0
        self._repairs([self.lot1, self.lot1, self.lot3], [True, False, False])
        Report = self.env["aftersales.distributor.report"]
        with freeze_time("2026-05-01"):
            new, missing = Report._cron_distributor_reports(date(2026, 5, 1))
        report = new.filtered(lambda r: r.contract_id == self.dist_agreement)
        self.assertEqual(report.month, date(2026, 4, 1))
        self.assertEqual(report.due_date, date(2026, 5, 5))
        self.assertEqual(report.partner_id, self.distributor)
        self.assertEqual(report.repair_count, 3)
        self.assertEqual(report.repeat_count, 2)  # WH60-0001 twice
        self.assertAlmostEqual(report.callback_rate, 100.0 / 3, places=2)
        self.assertTrue(report.below_target)
        self.assertFalse(missing)
        with freeze_time("2026-05-05"):
            _new, missing = Report._cron_distributor_reports(date(2026, 5, 5))
            self.assertFalse(missing)
        with freeze_time("2026-05-06"):
            _new, missing = Report._cron_distributor_reports(date(2026, 5, 6))
            self.assertIn(report, missing)
            self.assertEqual(len(report.activity_ids), 1)
            _new, missing = Report._cron_distributor_reports(date(2026, 5, 6))
            self.assertFalse(missing)
            report.action_submit()
            self.assertEqual(report.state, "submitted")
            self.assertFalse(report.is_missing)

    def test_monthly_reports_in_batches(self):
        """The scheduler prepares one batch per call (committed between
        them): no agreement gets two reports, none is forgotten."""
        others = self.env["res.partner"].create(
            [{"name": f"Distributor {i}", "is_company": True} for i in range(3)]
        )
        for partner in others:
            self._make_agreement(
                partner, "distributor", date(2026, 1, 1), date(2026, 12, 31), []
            )
        cron = self.env.ref("aftersales_contracts.cron_aftersales_distributor_reports")
        progress = self.env["ir.cron.progress"].create({"cron_id": cron.id})
        Report = self.env["aftersales.distributor.report"].with_context(
            ir_cron_progress_id=progress.id
        )
        agreements = self.env["contract.contract"].search(
            [
                ("aftersales_kind", "=", "distributor"),
                ("date_start", "<=", "2026-04-30"),
                "|",
                ("date_end", "=", False),
                ("date_end", ">=", "2026-04-01"),
            ]
        )
        Reports = self.env["aftersales.distributor.report"]
        todo = agreements - Reports.search([("month", "=", "2026-04-01")]).contract_id
        self.assertGreaterEqual(len(todo), 4)
        with freeze_time("2026-05-01"):
            new, _missing = Report._cron_distributor_reports(date(2026, 5, 1), 2)
            self.assertEqual(len(new), 2)
            self.assertEqual((progress.done, progress.remaining), (2, len(todo) - 2))
            for _call in range(len(todo)):
                if not progress.remaining:
                    break
                Report._cron_distributor_reports(date(2026, 5, 1), 2)
        self.assertFalse(progress.remaining)
        reports = Reports.search([("month", "=", "2026-04-01")])
        self.assertEqual(reports.contract_id, agreements)
        self.assertEqual(len(reports), len(agreements))

    def _sell(self, qty):
        order = self.env["sale.order"].create(
            {
                "partner_id": self.distributor.id,
                "order_line": [
                    Command.create(
                        {"product_id": self.heater.id, "product_uom_qty": qty}
                    )
                ],
            }
        )
        order.action_confirm()
        return order

    def test_initial_stock_quantity_boundaries(self):
        """5 %: 40 sold -> 2 exactly, 41 -> 3 (rounded up), 19 -> 1; the quantity
        can be lowered, not raised above the proposal; a must-buy part is
        refused; after the delivery the proposal is history."""
        Contract = self.env["contract.contract"]
        self.assertEqual(Contract._aftersales_initial_stock_qty(40, 5.0), 2)
        self.assertEqual(Contract._aftersales_initial_stock_qty(41, 5.0), 3)
        self.assertEqual(Contract._aftersales_initial_stock_qty(19, 5.0), 1)
        self.assertEqual(Contract._aftersales_initial_stock_qty(0, 5.0), 0)
        self.dist_agreement.write(
            {
                "aftersales_initial_stock_pct": 5.0,
                "aftersales_initial_stock_months": 3,
                "aftersales_unit_ids": [Command.create({"product_id": self.heater.id})],
            }
        )
        self._sell(40)
        self.dist_agreement.action_aftersales_propose_initial_stock()
        line = self.dist_agreement.aftersales_initial_stock_ids
        self.assertEqual((line.sold_qty, line.proposed_qty, line.quantity), (40, 2, 2))
        line.quantity = 1
        with self.assertRaises(ValidationError):
            line.quantity = 3
        with self.assertRaises(ValidationError):
            line.part_id = self.part_burner
        with self.assertRaises(UserError):
            line.with_user(self.manager).write({"proposed_qty": 10})
        line.write({"part_id": self.part_valve.id, "quantity": 2})
        self.dist_agreement.with_user(
            self.manager
        ).action_aftersales_initial_stock_delivery()
        picking = self.dist_agreement.aftersales_initial_picking_id
        self.assertEqual(picking.move_ids.product_uom_qty, 2)
        self.assertIn(picking.state, ("confirmed", "assigned"))
        with self.assertRaises(UserError):
            line.quantity = 1
        with self.assertRaises(UserError):
            self.dist_agreement.action_aftersales_propose_initial_stock()
        with self.assertRaises(UserError):
            self.dist_agreement.action_aftersales_initial_stock_delivery()

    def test_initial_stock_proposal_and_delivery(self):
        """5 % of 3 months' sales: 45 heaters sold -> 3 (rounded up) to stock."""
        self.dist_agreement.write(
            {
                "aftersales_initial_stock_pct": 5.0,
                "aftersales_initial_stock_months": 3,
                "aftersales_unit_ids": [Command.create({"product_id": self.heater.id})],
            }
        )
        order = self.env["sale.order"].create(
            {
                "partner_id": self.distributor.id,
                "order_line": [
                    Command.create(
                        {"product_id": self.heater.id, "product_uom_qty": 45}
                    )
                ],
            }
        )
        order.action_confirm()
        self.dist_agreement.action_aftersales_propose_initial_stock()
        line = self.dist_agreement.aftersales_initial_stock_ids
        self.assertEqual(line.sold_qty, 45)
        self.assertEqual(line.quantity, 3)
        line.part_id = self.part_valve
        self.dist_agreement.action_aftersales_initial_stock_delivery()
        picking = self.dist_agreement.aftersales_initial_picking_id
        self.assertEqual(picking.picking_type_code, "outgoing")
        self.assertEqual(picking.partner_id, self.distributor)
        self.assertEqual(picking.move_ids.product_id, self.part_valve)
        self.assertEqual(picking.move_ids.product_uom_qty, 3)
