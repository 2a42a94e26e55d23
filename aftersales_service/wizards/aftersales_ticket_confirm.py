# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from ..models.helpdesk_ticket import CONFIRMATION_CHANNELS


class AftersalesTicketConfirm(models.TransientModel):
    """Agent entry of the customer's confirmation that the need is met."""

    _name = "aftersales.ticket.confirm"
    _description = "Record Customer Confirmation"

    ticket_id = fields.Many2one("helpdesk.ticket", required=True)
    channel = fields.Selection(
        [c for c in CONFIRMATION_CHANNELS if c[0] != "portal"],
        required=True,
        default="phone",
    )
    note = fields.Text(help="What the customer said.")
    close_ticket = fields.Boolean(string="Close the ticket now", default=True)

    def action_confirm(self):
        self.ensure_one()
        self.ticket_id._aftersales_check_agent()
        self.ticket_id._aftersales_record_confirmation(self.channel, self.note)
        if self.close_ticket:
            self.ticket_id.action_close_confirmed()
        return {"type": "ir.actions.act_window_close"}
