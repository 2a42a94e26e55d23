# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class AftersalesOverviewTile(models.Model):
    _inherit = "aftersales.overview.tile"

    section = fields.Selection(
        selection_add=[("returns", "Returns")], ondelete={"returns": "set default"}
    )
