# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from ..models.rma_selections import DECISIONS


class AftersalesRmaDecision(models.TransientModel):
    """A manager decides, in writing, on returns whose inspection failed a
    condition: accept, accept with a fee, or refuse and send back."""

    _name = "aftersales.rma.decision"
    _description = "Decide on an Inspected Return"

    rma_ids = fields.Many2many("rma", string="Returns", required=True)
    failed = fields.Char(
        related="rma_ids.aftersales_inspection_failed_text", string="Conditions Not Met"
    )
    decision = fields.Selection(DECISIONS, required=True, default="accept")
    fee_pct = fields.Float(string="Fee (%)", digits=(5, 2), default=10.0)
    note = fields.Text(required=True)

    def action_decide(self):
        self.ensure_one()
        self.rma_ids._aftersales_decide(self.decision, self.note, self.fee_pct)
        return {"type": "ir.actions.act_window_close"}
