# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests.common import TransactionCase


class TestReturnSettings(TransactionCase):
    def test_seed_defaults(self):
        """A new company gets the seed's return policy: 7 / 15 days, 10 %."""
        company = self.env["res.company"].create({"name": "New Co"})
        self.assertEqual(company.aftersales_return_days, 7)
        self.assertEqual(company.aftersales_exchange_days, 15)
        self.assertEqual(company.aftersales_restocking_fee_pct, 10.0)

    def test_settings_view_has_returns_block(self):
        """The returns block lives inside the one After-Sales settings app."""
        arch = self.env["res.config.settings"].get_view()["arch"]
        self.assertIn('name="aftersales_returns_block"', arch)
        self.assertIn('name="aftersales_service"', arch)
