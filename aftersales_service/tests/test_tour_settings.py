# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestSettingsTour(HttpCase):
    def test_settings_tour(self):
        """An admin reaches the After-Sales settings and the warranty cards."""
        self.start_tour("/odoo", "aftersales_settings_tour", login="admin")
