# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, timedelta

from odoo.tests import HttpCase, tagged

from .common import AftersalesContractsCommon


@tagged("post_install", "-at_install")
class TestAgreementTour(AftersalesContractsCommon, HttpCase):
    def test_agreement_tab_and_plan_visits(self):
        """An agent opens an agreement, sees its covered serial on the After-Sales
        tab and plans the year's preventive visits from the button."""
        lot = self.env["stock.lot"].create(
            {"name": "TOUR-0001", "product_id": self.heater.id}
        )
        agreement = self._make_agreement(
            self.customer,
            "equipment",
            date(2026, 1, 1),
            date(2026, 12, 31),
            [(lot, "city")],
            aftersales_min_visits=4,
        )
        agreement.name = "Tour Agreement"
        self.start_tour(
            "/odoo/action-aftersales_contracts.action_aftersales_agreement",
            "aftersales_contracts_agreement_tour",
            login="admin",
        )
        self.assertEqual(len(agreement.aftersales_visit_ids), 4)


@tagged("post_install", "-at_install")
class TestPartSwapTour(AftersalesContractsCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stock = (
            cls.env["stock.warehouse"]
            .search([("company_id", "=", cls.env.company.id)], limit=1)
            .lot_stock_id
        )
        cls.tour_distributor = cls.env["res.partner"].create(
            {"name": "Tour Distributor", "is_company": True}
        )
        cls.tour_agreement = cls._make_agreement(
            cls.tour_distributor,
            "distributor",
            date.today() - timedelta(days=100),
            date.today() + timedelta(days=265),
            [],
        )
        cls.valve = cls.env["product.product"].create(
            {
                "name": "Tour gas valve",
                "default_code": "TOUR-VALVE",
                "categ_id": cls.categ_swap.id,
                "is_storable": True,
                "list_price": 80.0,
                "standard_price": 45.0,
            }
        )
        cls.env["stock.quant"]._update_available_quantity(cls.valve, cls.stock, 10.0)

    def _on_hand(self):
        return self.valve.with_context(location=self.stock.id).qty_available

    def test_repair_issues_a_part_and_the_old_one_is_scanned_back(self):
        repair = self.env["repair.order"].create(
            {
                "product_id": self.heater.id,
                "lot_id": self.lot3.id,
                "partner_id": self.customer.id,
                "aftersales_agreement_id": self.tour_agreement.id,
            }
        )
        self.start_tour(
            f"/odoo/action-repair.action_repair_order_tree/{repair.id}",
            "aftersales_contracts_part_swap_tour",
            login="admin",
        )
        swap = repair.aftersales_swap_ids
        self.assertEqual(swap.partner_id, self.tour_distributor)
        self.assertEqual(swap.state, "returned")
        self.assertEqual(swap.move_id.state, "done")
        self.assertEqual(self._on_hand(), 9.0)
        self.assertEqual(swap.return_move_ids.picking_id.state, "done")

    def test_unreturned_part_charged_at_cost_by_the_run_once(self):
        swap = self.env["aftersales.part.swap"]._issue(
            self.tour_distributor,
            self.valve,
            1.0,
            self.tour_agreement,
            date.today() - timedelta(days=45),
        )
        self.assertEqual(self._on_hand(), 9.0)
        self.valve.standard_price = 60.0  # the cost went up since the issue
        cron = self.env.ref("aftersales_contracts.cron_aftersales_swap_charge")
        self.start_tour(
            f"/odoo/action-base.ir_cron_act/{cron.id}",
            "aftersales_contracts_swap_charge_tour",
            login="admin",
        )
        self.assertEqual(swap.state, "charged")
        invoices = self.env["account.move"].search(
            [
                ("partner_id", "=", self.tour_distributor.id),
                ("move_type", "=", "out_invoice"),
            ]
        )
        self.assertEqual(len(invoices), 1)
        self.assertEqual(invoices.amount_untaxed, 45.0)
        self.start_tour(
            f"/odoo/action-aftersales_contracts.action_aftersales_part_swap/{swap.id}",
            "aftersales_contracts_swap_charged_tour",
            login="admin",
        )
