# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class StockPicking(models.Model):
    _inherit = "stock.picking"

    aftersales_compensation_id = fields.Many2one(
        "aftersales.compensation",
        string="Compensation",
        index="btree_not_null",
        copy=False,
        readonly=True,
        help="The approved complaint compensation this delivery carries out "
        "(replacement, goods or gift).",
    )
    aftersales_ticket_id = fields.Many2one(
        "helpdesk.ticket",
        string="After-Sales Ticket",
        index="btree_not_null",
        copy=False,
        readonly=True,
    )
