# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class AftersalesRmaOverride(models.TransientModel):
    """A manager confirms returns the rules refused, with a written reason."""

    _name = "aftersales.rma.override"
    _description = "Override Return Rules"

    rma_ids = fields.Many2many(
        "rma",
        default=lambda self: self.env.context.get("active_ids"),
        string="Returns",
    )
    reason = fields.Text(required=True)

    def action_override(self):
        self.ensure_one()
        self.rma_ids._aftersales_override(self.reason)
        return {"type": "ir.actions.act_window_close"}
