# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class RepairOrder(models.Model):
    _inherit = "repair.order"

    def _aftersales_forbidden_phrase_checked(self):
        """Messages to the customer on a repair are checked for forbidden
        phrases (服务禁语)."""
        return True
