# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged
from odoo.tests.common import TransactionCase


@tagged("post_install", "-at_install")
class TestContractSettings(TransactionCase):
    def test_seed_defaults(self):
        """A new company prepares renewals one month (30 days) ahead."""
        company = self.env["res.company"].create({"name": "New Co"})
        self.assertEqual(company.aftersales_renewal_notice_days, 30)

    def test_agreement_menu_under_aftersales(self):
        """Agreements are reached from the After-Sales app menu."""
        menu = self.env.ref("aftersales_contracts.menu_aftersales_agreements")
        self.assertEqual(
            menu.parent_id, self.env.ref("aftersales_service.menu_aftersales_root")
        )

    def test_demo_money_story(self):
        """With demo data: agreements signed with their lines and invoices, a
        service visit billed, swaps waiting, returned, free and charged, a
        month settled (the demo logs instead of failing: this checks it)."""
        hotel = self.env.ref(
            "aftersales_contracts.demo_agreement_hotel", raise_if_not_found=False
        )
        if not hotel:
            self.skipTest("no demo data")
        self.assertTrue(hotel.aftersales_signed_on)
        self.assertEqual(
            hotel.contract_line_ids.mapped("aftersales_fee_kind"), ["signing"]
        )
        self.assertEqual(hotel.aftersales_signing_move_id.amount_untaxed, 3000.0)
        software = self.env.ref("aftersales_contracts.demo_agreement_software")
        self.assertEqual(software.aftersales_software_fee, 4000.0)
        self.assertTrue(software._get_related_invoices())
        self.assertIn(
            "service_day", software.contract_line_ids.mapped("aftersales_fee_kind")
        )
        distributor = self.env.ref("aftersales_contracts.demo_agreement_distributor")
        swaps = self.env["aftersales.part.swap"].search(
            [("contract_id", "=", distributor.id)]
        )
        self.assertEqual(
            set(swaps.mapped("state")), {"waiting", "returned", "free", "charged"}
        )
        self.assertTrue(distributor.aftersales_settlement_ids.bill_id)
        self.assertTrue(distributor.aftersales_initial_picking_id)
