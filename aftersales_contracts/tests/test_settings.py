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
