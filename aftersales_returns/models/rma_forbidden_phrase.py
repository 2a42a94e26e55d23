# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class Rma(models.Model):
    _inherit = "rma"

    def _aftersales_forbidden_phrase_checked(self):
        """What an employee writes to the customer on a return is checked for
        the forbidden phrases (服务禁语), as on a ticket."""
        return True
