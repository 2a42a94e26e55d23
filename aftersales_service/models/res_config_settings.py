# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    aftersales_warranty_months = fields.Integer(
        related="company_id.aftersales_warranty_months", readonly=False
    )
    aftersales_warranty_start = fields.Selection(
        related="company_id.aftersales_warranty_start", readonly=False
    )
    aftersales_penalty_points = fields.Integer(
        related="company_id.aftersales_penalty_points", readonly=False
    )
    aftersales_score_start = fields.Integer(
        related="company_id.aftersales_score_start", readonly=False
    )
