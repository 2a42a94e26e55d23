# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class AccountMove(models.Model):
    _inherit = "account.move"

    aftersales_surcharged_until = fields.Date(
        string="Late Surcharge Charged Until",
        copy=False,
        readonly=True,
        help="Last day whose late payment surcharge was added to the agreement.",
    )

    @api.model
    def _aftersales_guarded_fields(self):
        # only the surcharge run moves the marker: each day is charged once
        return super()._aftersales_guarded_fields() | {"aftersales_surcharged_until"}


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    aftersales_swap_ids = fields.One2many(
        "aftersales.part.swap", "charge_line_id", string="Charged Swaps"
    )
