# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    aftersales_return_days = fields.Integer(
        string="Return Window (days)",
        default=7,
        help="Days from the customer invoice date within which a return is "
        "accepted (退货).",
    )
    aftersales_exchange_days = fields.Integer(
        string="Exchange Window (days)",
        default=15,
        help="Days from the customer invoice date within which an exchange is "
        "accepted (换货).",
    )
    aftersales_restocking_fee_pct = fields.Float(
        string="No-Reason Return Fee (%)",
        default=10.0,
        help="Share of the price kept on a no-reason return.",
    )
