# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class AftersalesCompensationSign(models.TransientModel):
    """The customer signs the handling agreement (签下处理协议) on the agent's
    screen (Odoo's signature widget)."""

    _name = "aftersales.compensation.sign"
    _description = "Sign the Handling Agreement"

    compensation_id = fields.Many2one("aftersales.compensation", required=True)
    signed_by = fields.Char(string="Customer's Name", required=True)
    signature = fields.Binary(required=True)

    def action_sign(self):
        self.ensure_one()
        self.compensation_id.action_sign(self.signature, self.signed_by)
        return {"type": "ir.actions.act_window_close"}
