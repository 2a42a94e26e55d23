# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import ValidationError
from odoo.tests import tagged

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


@tagged("post_install", "-at_install")
class TestSettingsBounds(AftersalesCommon):
    """Settings accept only sensible numbers; the message names the field
    and the bound, and nothing changes."""

    def test_bounds_on_company(self):
        cases = [
            ("aftersales_contact_hours", 0, "greater than 0"),
            ("aftersales_escalation_hours", -1, "greater than 0"),
            ("aftersales_sla_warning_hours", 0, "greater than 0"),
            ("aftersales_penalty_points", 0, "at least 1"),
            ("aftersales_score_start", 0, "at least 1"),
            ("aftersales_callback_target_rate", 101, "between 0 and 100"),
            ("aftersales_callback_target_rate", -1, "between 0 and 100"),
            ("aftersales_callback_delay_days", -1, "0 or more"),
        ]
        for fname, value, bound in cases:
            label = self.company._fields[fname]._description_string(self.env)
            before = self.company[fname]
            with (
                self.subTest(field=fname),
                self.assertRaisesNaming(ValidationError, label, bound),
            ):
                self.company.write({fname: value})
            self.assertEqual(self.company[fname], before)
        # the bounds themselves are accepted
        self.company.write(
            {
                "aftersales_callback_target_rate": 100,
                "aftersales_callback_delay_days": 0,
                "aftersales_penalty_points": 1,
                "aftersales_contact_hours": 0.5,
            }
        )

    def test_bounds_through_settings(self):
        with self.assertRaisesNaming(ValidationError, "Contact Customer Within"):
            self.env["res.config.settings"].create(
                {"aftersales_contact_hours": 0}
            ).execute()
        self.assertEqual(self.company.aftersales_contact_hours, 4.0)

    def test_bounds_table_is_extensible(self):
        """Other addons add their fields to the one table."""
        bounded = self.env["res.company"]._aftersales_bounded_fields()
        self.assertEqual(bounded["aftersales_penalty_points"], "points")
        self.assertEqual(bounded["aftersales_callback_target_rate"], "percent")
