# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    aftersales_return_days = fields.Integer(
        related="company_id.aftersales_return_days", readonly=False
    )
    aftersales_exchange_days = fields.Integer(
        related="company_id.aftersales_exchange_days", readonly=False
    )
    aftersales_restocking_fee_pct = fields.Float(
        related="company_id.aftersales_restocking_fee_pct", readonly=False
    )
