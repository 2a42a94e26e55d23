# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, plaintext2html

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
    phone_match_id = fields.Many2one(
        "res.partner",
        string="Known Caller",
        compute="_compute_phone_match",
        help="The contact whose phone or mobile is the number typed.",
    )

    @api.model
    def _phone_key(self, number):
        """Digits of a phone number, without the country prefix noise."""
        digits = "".join(ch for ch in (number or "") if ch.isdigit())
        return digits[-11:] if len(digits) > 11 else digits

    @api.model
    def _find_partner_by_phone(self, number):
        """The contact whose phone or mobile has the same digits as
        ``number`` (its last 11: the country prefix and spaces do not
        matter), among the contacts the user may read."""
        key = self._phone_key(number)
        Partner = self.env["res.partner"]
        if len(key) < 5:
            return Partner
        columns = [f for f in ("phone", "mobile") if f in Partner._fields]
        Partner.flush_model(columns)
        self.env.cr.execute(
            SQL(
                "SELECT id FROM res_partner WHERE active AND (%s) ORDER BY id LIMIT 50",
                SQL(" OR ").join(
                    SQL(
                        "right(regexp_replace(coalesce(%s, ''), '[^0-9]', '', 'g'), 11)"
                        " = %s",
                        SQL.identifier(column),
                        key,
                    )
                    for column in columns
                ),
            )
        )
        ids = [row[0] for row in self.env.cr.fetchall()]
        # the user's own rights decide which of them they may use
        if not ids:
            return Partner
        return Partner.search([("id", "in", ids)], order="id", limit=1)

    @api.depends("partner_phone")
    def _compute_phone_match(self):
        for wizard in self:
            wizard.phone_match_id = wizard._find_partner_by_phone(wizard.partner_phone)

    @api.onchange("partner_phone")
    def _onchange_partner_phone(self):
        """Typing a known number fills the customer in."""
        if self.partner_phone and not self.partner_id:
            match = self._find_partner_by_phone(self.partner_phone)
            if match:
                self.partner_id = match

    @api.onchange("partner_id")
    def _onchange_partner_id(self):
        if self.partner_id and not self.partner_phone:
            self.partner_phone = (
                self.partner_id.phone
                or ("mobile" in self.partner_id._fields and self.partner_id.mobile)
                or False
            )

    def _aftersales_resolve_partner(self):
        """The customer of the request: the contact chosen, else the one with
        this phone number, else a new contact with the name and number typed;
        the number is stored on the contact when it has none.

        Rights: with the user's own rights when they may create and edit
        contacts. A plain employee may not (no "Contact Creation"): the
        contact is then created or completed with ``sudo()``, but only with
        the two plain-text values this wizard checks itself (the name, and
        the phone number reduced to its digits, spaces, ``+``, ``-`` and
        parentheses), never with a dict from the client, like the ticket.
        """
        self.ensure_one()
        phone = self._clean_phone(self.partner_phone)
        Partner = self.env["res.partner"]
        partner = self.partner_id or (phone and self._find_partner_by_phone(phone))
        if partner:
            has_number = partner.phone or (
                "mobile" in partner._fields and partner.mobile
            )
            if phone and not has_number:
                writer = partner if partner.has_access("write") else partner.sudo()
                writer.write({"phone": phone})
            return partner
        name = (self.partner_name or "").strip()
        if not name:
            raise UserError(
                self.env._("Give the customer (a contact or at least a name).")
            )
        creator = Partner if Partner.has_access("create") else Partner.sudo()
        return creator.create({"name": name[:128], "phone": phone or False}).with_env(
            self.env
        )

    @api.model
    def _clean_phone(self, number):
        """The number as typed, without characters a phone number has not."""
        allowed = set("0123456789+-() ")
        return "".join(ch for ch in (number or "") if ch in allowed).strip()[:32]

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

    def _prepare_ticket_vals(self, partner=None):
        self.ensure_one()
        if not self.partner_id and not self.partner_name and not partner:
            raise UserError(
                self.env._("Give the customer (a contact or at least a name).")
            )
        partner = partner if partner is not None else self.partner_id
        team = self._get_team()
        channel = self.env.ref(CHANNEL_XMLIDS[self.channel], raise_if_not_found=False)
        description = plaintext2html(self.description)
        return {
            "name": self.name,
            "description": description,
            "partner_id": partner.id,
            "partner_name": partner.name or self.partner_name,
            "partner_email": partner.email,
            "partner_phone": self._clean_phone(self.partner_phone) or partner.phone,
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
        partner = self._aftersales_resolve_partner()
        ticket = (
            self.env["helpdesk.ticket"]
            .sudo()
            .create(self._prepare_ticket_vals(partner))
        )
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
            # a fresh form for the next call, not a breadcrumb of this one
            next_action["target"] = "main"
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "title": self.env._("Request logged"),
                # %s: the link to the ticket (display_notification "links")
                "message": self.env._(
                    "Ticket %(link)s handed to %(team)s. You are its first "
                    "responder until the team accepts it.",
                    link="%s",
                    team=(ticket.team_id.name or "").replace("%", "%%"),
                ),
                "links": [
                    {
                        "label": f"{ticket.number} - {ticket.name}",
                        "url": "/odoo/action-aftersales_service."
                        f"action_aftersales_my_requests/{ticket.id}",
                    }
                ],
                "sticky": False,
                "next": next_action,
            },
        }
