# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, tagged

from .common import AftersalesCommon


@tagged("post_install", "-at_install")
class TestPenaltyTour(AftersalesCommon, HttpCase):
    def test_manager_confirms_and_reverses(self):
        penalty = self._create_penalty(reason="Tour: no callback")
        self.start_tour(
            "/odoo/action-aftersales_service.action_aftersales_penalty",
            "aftersales_penalty_confirm_tour",
            login="as_manager",
        )
        self.assertEqual(penalty.state, "confirmed")
        self.assertTrue(penalty.is_reversed)
        self.assertEqual(penalty.reversal_entry_ids.points, -3)
