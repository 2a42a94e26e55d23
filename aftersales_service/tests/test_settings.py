# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from .common import AftersalesCommon


class TestSettings(AftersalesCommon):
    def test_seed_defaults(self):
        """A new company gets the seed's warranty policy."""
        company = self.env["res.company"].create({"name": "New Co"})
        self.assertEqual(company.aftersales_warranty_months, 12)
        self.assertEqual(company.aftersales_warranty_start, "invoice")

    def test_settings_write_company(self):
        """Settings write the policy on the current company only."""
        settings = self.env["res.config.settings"].create(
            {"aftersales_warranty_months": 24, "aftersales_warranty_start": "delivery"}
        )
        settings.execute()
        self.assertEqual(self.company.aftersales_warranty_months, 24)
        self.assertEqual(self.company.aftersales_warranty_start, "delivery")
