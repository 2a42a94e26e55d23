# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    aftersales_renewal_notice_days = fields.Integer(
        string="Renewal Reminder (days before end)",
        default=30,
        help="An agreement's renewal is prepared this many days before it ends "
        "(到期前一个月续签).",
    )
