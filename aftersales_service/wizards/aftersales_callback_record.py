# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from ..models.aftersales_callback import OUTCOMES


class AftersalesCallbackRecord(models.TransientModel):
    """Record Callback: what the customer said on the follow-up call."""

    _name = "aftersales.callback.record"
    _description = "Record Callback"

    callback_id = fields.Many2one("aftersales.callback", required=True)
    ticket_id = fields.Many2one(related="callback_id.ticket_id")
    partner_id = fields.Many2one(related="callback_id.partner_id")
    partner_phone = fields.Char(related="callback_id.partner_phone")
    outcome = fields.Selection(OUTCOMES, required=True)
    rating = fields.Selection(
        [("1", "1"), ("2", "2"), ("3", "3"), ("4", "4"), ("5", "5")],
        help="Customer's satisfaction from 1 (very poor) to 5 (excellent).",
    )
    note = fields.Text(help="What the customer said.")

    def action_record(self):
        self.ensure_one()
        self.callback_id.action_record(self.outcome, self.rating, self.note)
        return {"type": "ir.actions.act_window_close"}
