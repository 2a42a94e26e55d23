# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import plaintext2html

CHANNEL_XMLIDS = {
    "phone": "helpdesk_mgmt.helpdesk_ticket_channel_phone",
    "visit": "aftersales_service.helpdesk_ticket_channel_visit",
    "mail": "helpdesk_mgmt.helpdesk_ticket_channel_email",
    "web": "helpdesk_mgmt.helpdesk_ticket_channel_web",
    "other": "helpdesk_mgmt.helpdesk_ticket_channel_other",
}


class AftersalesRequestLog(models.TransientModel):
    """Log a customer request (首问负责制): any employee, helpdesk user or not,
    records what a customer asked and hands it to the after-sales team.

    Rights: plain employees (``base.group_user``) only have read access on
    tickets. This wizard creates the ticket with ``sudo()`` but only with the
    values it builds itself in :meth:`_prepare_ticket_vals` from its own typed
    fields (customer, channel, subject, description); no user-supplied dict
    reaches the sudo create. The logging user is recorded as first responder
    and follower, which gives them read access through helpdesk_mgmt's rule.
    """

    _name = "aftersales.request.log"
    _description = "Log Customer Request"

    partner_id = fields.Many2one("res.partner", string="Customer")
    partner_name = fields.Char(
        string="Customer Name", help="When the customer is not a contact yet."
    )
    partner_phone = fields.Char(string="Phone")
    channel = fields.Selection(
        [
            ("phone", "Phone"),
            ("visit", "Visit"),
            ("mail", "Mail"),
            ("web", "Web"),
            ("other", "Other"),
        ],
        required=True,
        default="phone",
    )
    name = fields.Char(string="Subject", required=True)
    description = fields.Text(string="What was asked", required=True)

    @api.model
    def _get_team(self):
        company = self.env.company
        team = company.aftersales_default_team_id or self.env.ref(
            "aftersales_service.helpdesk_team_aftersales", raise_if_not_found=False
        )
        if not team:
            raise UserError(
                self.env._(
                    "Set the after-sales team in Settings before logging requests."
                )
            )
        return team.sudo()

    def _prepare_ticket_vals(self):
        self.ensure_one()
        if not self.partner_id and not self.partner_name:
            raise UserError(
                self.env._("Give the customer (a contact or at least a name).")
            )
        team = self._get_team()
        channel = self.env.ref(CHANNEL_XMLIDS[self.channel], raise_if_not_found=False)
        description = plaintext2html(self.description)
        if self.partner_phone:
            description += plaintext2html(
                self.env._("Phone: %s", self.partner_phone)
            )
        return {
            "name": self.name,
            "description": description,
            "partner_id": self.partner_id.id,
            "partner_name": self.partner_id.name or self.partner_name,
            "partner_email": self.partner_id.email,
            "channel_id": channel.id if channel else False,
            "team_id": team.id,
            "user_id": self.env["helpdesk.ticket"]
            ._aftersales_pick_user(team, self.env.user)
            .id,
            "company_id": team.company_id.id or self.env.company.id,
            "first_responder_id": self.env.uid,
        }

    def _create_ticket(self):
        self.ensure_one()
        ticket = self.env["helpdesk.ticket"].sudo().create(self._prepare_ticket_vals())
        ticket._aftersales_send_progress(
            "aftersales_service.mail_template_ticket_received"
        )
        return ticket

    def action_log(self):
        self.ensure_one()
        ticket = self._create_ticket()
        if self.env.context.get("aftersales_log_in_dialog"):
            next_action = {"type": "ir.actions.act_window_close"}
        else:
            next_action = self.env["ir.actions.act_window"]._for_xml_id(
                "aftersales_service.action_aftersales_request_log"
            )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "title": self.env._("Request logged"),
                "message": self.env._(
                    "Ticket %(number)s handed to %(team)s. You are its first "
                    "responder until the team accepts it.",
                    number=ticket.number,
                    team=ticket.team_id.name,
                ),
                "sticky": False,
                "next": next_action,
            },
        }
