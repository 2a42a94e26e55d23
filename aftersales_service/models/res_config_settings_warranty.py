# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    aftersales_shelf_allowance_days = fields.Integer(
        related="company_id.aftersales_shelf_allowance_days", readonly=False
    )
    aftersales_service_hotline = fields.Char(
        related="company_id.aftersales_service_hotline", readonly=False
    )
    aftersales_public_check_limit = fields.Integer(
        related="company_id.aftersales_public_check_limit", readonly=False
    )
    aftersales_public_check_window = fields.Integer(
        related="company_id.aftersales_public_check_window", readonly=False
    )
