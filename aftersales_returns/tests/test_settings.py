# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests.common import TransactionCase


class TestReturnSettings(TransactionCase):
    def test_seed_defaults(self):
        """A new company gets the seed's return policy: 7 / 15 days, and the
        seed's reasons (10 % kept on a no-reason return)."""
        company = self.env["res.company"].create({"name": "New Co"})
        self.assertEqual(company.aftersales_return_days, 7)
        self.assertEqual(company.aftersales_exchange_days, 15)
        reasons = self.env["rma.reason"].search([("company_id", "=", company.id)])
        self.assertEqual(len(reasons), 7)
        no_reason = reasons.filtered(lambda r: r.aftersales_code == "no_reason")
        self.assertEqual(no_reason.aftersales_fee_pct, 10.0)
        self.assertEqual(no_reason.aftersales_package_required, "sealed")
        counterfeit = reasons.filtered(lambda r: r.aftersales_code == "counterfeit")
        self.assertEqual(counterfeit.aftersales_compensation_factor, 2.0)
        self.assertEqual(company.aftersales_late_shipping_pct, 5.0)
        self.assertEqual(company.aftersales_late_shipping_min, 1.0)
        self.assertEqual(company.aftersales_late_shipping_max, 30.0)

    def test_bounds(self):
        from odoo.exceptions import ValidationError

        with self.assertRaises(ValidationError):
            self.env.company.aftersales_evidence_max_mb = 0
        with self.assertRaises(ValidationError):
            self.env.company.aftersales_return_days = -1
        with self.assertRaises(ValidationError):
            self.env.company.aftersales_late_shipping_pct = 120
        reason = self.env.ref("aftersales_returns.rma_reason_no_reason")
        with self.assertRaises(ValidationError):
            reason.aftersales_fee_pct = 101

    def test_new_warehouse_gets_quarantine(self):
        warehouse = self.env["stock.warehouse"].create(
            {"name": "Shenzhen DC", "code": "SZDC"}
        )
        self.assertTrue(warehouse.aftersales_quarantine_loc_id)
        self.assertEqual(
            warehouse.aftersales_quarantine_loc_id.location_id,
            warehouse.view_location_id,
        )

    def test_admin_adds_a_reason_without_code(self):
        """A new reason is a record with its policy, used by the rules."""
        reason = self.env["rma.reason"].create(
            {
                "name": "Gift not wanted",
                "aftersales_package_required": "sealed",
                "aftersales_fee_pct": 5.0,
            }
        )
        self.assertTrue(reason.aftersales_portal)
        self.assertEqual(reason.aftersales_inspection_policy, "decision")

    def test_settings_view_has_returns_block(self):
        """The returns block lives inside the one After-Sales settings app."""
        arch = self.env["res.config.settings"].get_view()["arch"]
        self.assertIn('name="aftersales_returns_block"', arch)
        self.assertIn('name="aftersales_service"', arch)
