# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The public warranty check (扫码查保修) and service requests from it.

The QR code printed on the card opens ``/warranty/check/<token>``; anybody can
also type a serial and the last four digits of the owner's phone on
``/warranty/check``. The answer shows the product, the coverage and the
service hotline, never the owner. Look-ups are limited per network address
(Settings) and "no such serial" and "wrong phone" get the same answer.
"""

import re
import uuid
from datetime import timedelta
from urllib.parse import urlencode

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import email_normalize, plaintext2html
from odoo.tools.translate import LazyTranslate

from ..tools import cron_batch_size, render_coded
from .aftersales_warranty_sellout import PHONE_RE, phone_digits

_lt = LazyTranslate(__name__)

SERIAL_RE = re.compile(r"^[\w\-./ ]{1,64}$")
TOKEN_RE = re.compile(r"^[0-9a-f]{32}$")
# What the public page says: no owner, no distributor, no documents.
PUBLIC_REASONS = {
    "in_warranty": _lt("In warranty until %(end_date)s."),
    "pending": _lt("In warranty until %(end_date)s."),
    "agreement": _lt("Covered by a service agreement until %(end_date)s."),
    "not_started": _lt("Not covered yet: the warranty starts on %(start_date)s."),
    "expired": _lt("Not covered: the warranty ended on %(end_date)s."),
    "pending_expired": _lt("Not covered: the warranty ended on %(end_date)s."),
    "void": _lt("Not covered: this warranty card is no longer valid."),
    "other": _lt("Not covered by the warranty."),
}


class AftersalesWarrantyLookup(models.Model):
    """One use of the public warranty check, for its per-address limit."""

    _name = "aftersales.warranty.lookup"
    _description = "Public Warranty Check Use"
    _order = "id desc"

    address = fields.Char(string="Network Address", required=True, index=True)
    kind = fields.Selection(
        [("lookup", "Look-up"), ("request", "Service request")],
        required=True,
        default="lookup",
    )
    found = fields.Boolean()
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )

    @api.model
    def _aftersales_allowed(self, address, company=None):
        """Whether ``address`` may use the public check now."""
        company = company or self.env.company
        since = fields.Datetime.now() - timedelta(
            minutes=company.aftersales_public_check_window
        )
        used = self.sudo().search_count(
            [("address", "=", address or "?"), ("create_date", ">=", since)]
        )
        return used < company.aftersales_public_check_limit

    @api.model
    def _aftersales_record(self, address, kind, found, company=None):
        return self.sudo().create(
            {
                "address": (address or "?")[:64],
                "kind": kind,
                "found": bool(found),
                "company_id": (company or self.env.company).id,
            }
        )

    @api.model
    def _cron_purge(self, days=7, batch=None):
        """Forget uses older than ``days`` (scheduled job, in batches)."""
        batch = batch or cron_batch_size(self.env, default=5000)
        limit = fields.Datetime.now() - timedelta(days=days)
        domain = [("create_date", "<", limit)]
        old = self.sudo().search(domain, limit=batch)
        old.unlink()
        remaining = self.sudo().search_count(domain)
        self.env["ir.cron"]._notify_progress(done=len(old), remaining=remaining)
        return len(old)


class AftersalesWarranty(models.Model):
    _inherit = "aftersales.warranty"

    # ------------------------------------------------------------------
    # Finding a card from the public page
    # ------------------------------------------------------------------
    @api.model
    def _aftersales_public_card_by_token(self, token):
        token = (token or "").strip().lower()
        if not TOKEN_RE.match(token):
            return self.browse()
        return self.sudo().search([("check_token", "=", token)], limit=1)

    @api.model
    def _aftersales_public_lookup(self, serial, phone_last4):
        """The card of ``serial`` whose owner's phone ends with
        ``phone_last4``, or an empty set (whichever part is wrong)."""
        serial = (serial or "").strip()
        digits = phone_digits(phone_last4)
        if not SERIAL_RE.match(serial) or len(digits) != 4:
            return self.browse()
        # exact serial only; the phone decides whether anything is shown
        cards = self.sudo().search(
            [("lot_name", "=", serial)], order="state, end_date desc, id desc"
        )
        for card in cards:
            owner = card.partner_id
            phones = {phone_digits(owner.phone), phone_digits(owner.mobile)} - {""}
            if any(p.endswith(digits) for p in phones):
                return card
        return self.browse()

    def _aftersales_public_answer(self):
        """What the public page shows about this card: the product, the serial,
        the coverage today and the hotline; nothing about the owner."""
        self.ensure_one()
        card = self.sudo()
        today = fields.Date.context_today(card)
        if card.lot_id:
            coverage = self._get_coverage(lot=card.lot_id, on_date=today)
        else:
            coverage = self._coverage_of_card(card, on_date=today)
        code = coverage["reason_code"]
        values = dict(coverage["reason_values"] or {})
        values.setdefault("end_date", fields.Date.to_string(coverage["end_date"]))
        values.setdefault("start_date", fields.Date.to_string(card.start_date))
        covered = coverage["state"] == "in_warranty"
        if code not in PUBLIC_REASONS:
            code = "agreement" if covered else "other"
        return {
            "card": card,
            "covered": covered,
            "state": coverage["state"],
            "product": card.product_id.display_name,
            "serial": card.lot_id.name or "",
            "card_number": card.name,
            "end_date": coverage["end_date"],
            "sentence": render_coded(self.env, PUBLIC_REASONS, code, values),
            "hotline": card.company_id._aftersales_hotline(),
            "company": card.company_id.name,
            "token": card.check_token,
        }

    def _aftersales_public_url(self):
        self.ensure_one()
        card = self.sudo()
        if not card.check_token:  # a card made before the public check
            card._aftersales_action_write({"check_token": uuid.uuid4().hex})
        return f"{card.get_base_url()}/warranty/check/{card.check_token}"

    def _aftersales_qr_src(self, size=160):
        """The QR code of the public check, from Odoo's /report/barcode route."""
        self.ensure_one()
        query = urlencode(
            {
                "barcode_type": "QR",
                "value": self._aftersales_public_url(),
                "width": size,
                "height": size,
            }
        )
        return f"/report/barcode/?{query}"

    # ------------------------------------------------------------------
    # Service request (public page and portal)
    # ------------------------------------------------------------------
    @api.model
    def _aftersales_check_request_contact(self, name, phone, email, description):
        name = (name or "").strip()
        phone = (phone or "").strip()
        email = (email or "").strip()
        description = (description or "").strip()
        if not name or len(name) > 128:
            raise ValidationError(
                self.env._("Give your name (at most 128 characters).")
            )
        if not PHONE_RE.match(phone) or not 7 <= len(phone_digits(phone)) <= 20:
            raise ValidationError(self.env._("Give a phone number (7 to 20 digits)."))
        if email and not email_normalize(email):
            raise ValidationError(self.env._("%s is not an e-mail address.", email))
        if not description or len(description) > 2000:
            raise ValidationError(
                self.env._("Describe the problem (at most 2000 characters).")
            )
        return name, phone, email_normalize(email) if email else False, description

    def _aftersales_service_team(self):
        self.ensure_one()
        company = self.company_id
        team = company.aftersales_default_team_id or self.env.ref(
            "aftersales_service.helpdesk_team_aftersales", raise_if_not_found=False
        )
        return team.sudo() if team else self.env["helpdesk.ticket.team"]

    def _prepare_service_request_vals(self, name, phone, email, description, partner):
        """Values of the ticket a customer asks for from the card (hook)."""
        self.ensure_one()
        card = self.sudo()
        team = card._aftersales_service_team()
        channel = self.env.ref(
            "helpdesk_mgmt.helpdesk_ticket_channel_web", raise_if_not_found=False
        )
        contact = ", ".join(x for x in (phone, email) if x)
        body = plaintext2html(description) + plaintext2html(
            self.env._(
                "Requested from warranty card %(card)s by %(name)s (%(contact)s).",
                card=card.name,
                name=name,
                contact=contact,
            )
        )
        Ticket = self.env["helpdesk.ticket"].sudo()
        user = Ticket._aftersales_pick_user(team) if team else Ticket.env["res.users"]
        return {
            "name": self.env._(
                "Service request: %(product)s, serial %(serial)s",
                product=card.product_id.display_name,
                serial=card.lot_id.name or card.name,
            ),
            "description": body,
            "partner_id": partner.id if partner else False,
            "partner_name": name,
            "partner_email": email or (partner.email if partner else False),
            "product_id": card.product_id.id,
            "lot_id": card.lot_id.id,
            "sale_order_id": card.sale_order_id.id if not card.lot_id else False,
            "channel_id": channel.id if channel else False,
            "team_id": team.id,
            "user_id": user.id,
            "company_id": team.company_id.id or card.company_id.id,
        }

    def _aftersales_request_service(
        self, name, phone, email, description, partner=None
    ):
        """Create the ticket of a service request from this card, with the
        desk's normal ticket creation. The public user and portal users have
        no rights on tickets: the ticket is created as superuser, from the
        values built here out of the validated fields only."""
        self.ensure_one()
        card = self.sudo()
        name, phone, email, description = self._aftersales_check_request_contact(
            name, phone, email, description
        )
        if partner is None and card.registration_state != "pending":
            # the owner's unit: the ticket is theirs (nothing shown back)
            partner = card.partner_id
        vals = card._prepare_service_request_vals(
            name, phone, email, description, partner
        )
        ticket = (
            self.env["helpdesk.ticket"]
            .sudo()
            .with_company(card.company_id)
            .create(vals)
        )
        ticket._aftersales_send_progress(
            "aftersales_service.mail_template_ticket_received"
        )
        return ticket
