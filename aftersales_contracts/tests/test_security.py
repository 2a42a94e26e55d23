# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import AftersalesContractsCommon


@tagged("post_install", "-at_install")
class TestSecurity(AftersalesContractsCommon):
    def test_user_reads_agreements_and_plans_visits(self):
        """An after-sales user sees agreements and their units and records visits,
        but cannot delete a swap; the manager can."""
        agreement = self.agreement.with_user(self.user)
        self.assertEqual(len(agreement.aftersales_unit_ids), 2)
        visit = (
            self.env["aftersales.agreement.visit"]
            .with_user(self.user)
            .create(
                {"contract_id": self.agreement.id, "planned_date": date(2026, 5, 5)}
            )
        )
        self.assertEqual(visit.state, "planned")
        swap = self.env["aftersales.part.swap"]._issue(
            self.distributor, self.part_valve, 1, contract=self.dist_agreement
        )
        with self.assertRaises(AccessError):
            swap.with_user(self.user).unlink()

    def test_other_company_does_not_see_swaps(self):
        swap = self.env["aftersales.part.swap"]._issue(
            self.distributor, self.part_valve, 1, contract=self.dist_agreement
        )
        other = self.env["res.company"].create({"name": "Other Appliance Co"})
        self.user.write({"company_ids": [(4, other.id)], "company_id": other.id})
        Swap = self.env["aftersales.part.swap"].with_user(self.user)
        self.assertNotIn(
            swap, Swap.with_context(allowed_company_ids=[other.id]).search([])
        )
        self.assertIn(
            swap,
            Swap.with_context(allowed_company_ids=[other.id, self.company.id]).search(
                []
            ),
        )
