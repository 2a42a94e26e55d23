# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.exceptions import UserError


class AftersalesTicketCloseOverride(models.TransientModel):
    """A manager closes a ticket without the customer's confirmation, with a
    written reason kept on the ticket and in its chatter."""

    _name = "aftersales.ticket.close.override"
    _description = "Close Ticket Without Confirmation"

    ticket_id = fields.Many2one("helpdesk.ticket", required=True)
    reason = fields.Text(required=True)

    def action_close(self):
        self.ensure_one()
        ticket = self.ticket_id
        self.env.user._aftersales_check_manager(
            ticket, self.env._("close without the customer's confirmation")
        )
        if not (self.reason or "").strip():
            raise UserError(
                self.env._(
                    "Write the reason for closing ticket %s.", ticket.display_name
                )
            )
        ticket._aftersales_action_write({"close_override_reason": self.reason})
        ticket._aftersales_message_post_auto(
            body=self.env._(
                "Closed without the customer's confirmation by %(user)s. "
                "Reason: %(reason)s",
                user=self.env.user.name,
                reason=self.reason,
            ),
            subtype_xmlid="mail.mt_note",
        )
        ticket.action_close_confirmed()
        return {"type": "ir.actions.act_window_close"}
