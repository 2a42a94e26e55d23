# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

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
