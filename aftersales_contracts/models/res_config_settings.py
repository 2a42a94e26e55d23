# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    aftersales_renewal_notice_days = fields.Integer(
        related="company_id.aftersales_renewal_notice_days", readonly=False
    )
