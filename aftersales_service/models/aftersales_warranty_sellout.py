# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Sell-out registration: the distributor channel of the warranty card.

A unit we sell to a distributor gets a card owned by the distributor
(``registration_state`` ``pending``), counted from our sale plus the shelf
allowance. When the distributor sells it on, the end user is registered
through one method, :meth:`_aftersales_register_sellout`, reached from the
distributor's portal (``/my/warranties/register``), the back office
(*Register Sell-out* on the card) and JSON-RPC (:meth:`register_sellout`).
"""

import base64
import binascii
import re

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import email_normalize, format_date
from odoo.tools.mimetypes import guess_mimetype

from ..tools import reader_env

PHONE_RE = re.compile(r"^\+?[0-9 ()\-.]{7,32}$")
RECEIPT_MAX_BYTES = 10 * 1024 * 1024
RECEIPT_MIMETYPES = (
    "image/jpeg",
    "image/png",
    "image/gif",
    "image/webp",
    "application/pdf",
)


def phone_digits(phone):
    return re.sub(r"\D", "", phone or "")


class AftersalesWarranty(models.Model):
    _inherit = "aftersales.warranty"

    @api.depends("registration_state", "state")
    @api.depends_context("uid")
    def _compute_can_register(self):
        is_user = self.env.user._aftersales_is_user()
        is_manager = self.env.user._aftersales_is_manager()
        for card in self:
            active = card.state == "active"
            card.can_register = (
                active and card.registration_state == "pending" and is_user
            )
            card.can_correct_registration = (
                active and card.registration_state == "registered" and is_manager
            )

    # ------------------------------------------------------------------
    # Public API (JSON-RPC)
    # ------------------------------------------------------------------
    @api.model
    def register_sellout(
        self,
        serial,
        customer_name,
        phone,
        sale_date,
        address=None,
        email=None,
        receipt=None,
        receipt_filename=None,
        product_code=None,
    ):
        """Register the end user of a unit sold through a distributor.

        Public method (JSON-RPC ``execute_kw``), for an after-sales user or a
        user of the distributor we sold the unit to. ``sale_date`` is the
        distributor's sale to the end user (``YYYY-MM-DD``); ``receipt`` an
        optional photo or PDF of the sale receipt, base64. Returns the card:
        ``{"id", "name", "serial", "product", "owner", "start_date",
        "end_date", "registration_state"}``. Refused (ValidationError or
        AccessError, nothing changed): a serial we never sold, a serial sold
        to another distributor or sold directly, a sale date before our sale
        to the distributor or in the future, a unit already registered.
        """
        card = self._aftersales_register_sellout(
            serial=serial,
            customer_name=customer_name,
            phone=phone,
            sale_date=sale_date,
            address=address,
            email=email,
            receipt=receipt,
            receipt_filename=receipt_filename,
            product_code=product_code,
            channel="rpc",
        )
        return card._aftersales_card_summary()

    def _aftersales_card_summary(self):
        self.ensure_one()
        card = self.sudo()
        return {
            "id": card.id,
            "name": card.name,
            "serial": card.lot_id.name or False,
            "product": card.product_id.display_name,
            "owner": card.partner_id.display_name,
            "start_date": fields.Date.to_string(card.start_date),
            "end_date": fields.Date.to_string(card.end_date),
            "registration_state": card.registration_state,
        }

    # ------------------------------------------------------------------
    # The one registration method
    # ------------------------------------------------------------------
    @api.model
    def _aftersales_find_sellout_card(self, serial, product_code=None):
        serial = (serial or "").strip()
        if not serial or len(serial) > 64:
            raise ValidationError(self.env._("Give the serial number of the unit."))
        domain = [("lot_name", "=", serial), ("state", "=", "active")]
        if product_code:
            domain.append(("product_id.default_code", "=", product_code.strip()))
        # the caller may not read the card yet (a distributor's user): the
        # search is on the exact serial only, the rights are checked below
        cards = self.sudo().search(domain, order="id desc")
        if not cards:
            raise ValidationError(
                self.env._("Serial %s: we have no record of selling this unit.", serial)
            )
        if len(cards.product_id) > 1:
            raise ValidationError(
                self.env._(
                    "Serial %s is carried by several products: give the product "
                    "code too.",
                    serial,
                )
            )
        return cards[:1]

    def _aftersales_check_may_register(self, correction=False):
        """The caller may register this card: an after-sales user, or a user
        of the card's distributor; a correction needs a manager."""
        self.ensure_one()
        user = self.env.user
        card = self.sudo()
        if correction:
            user._aftersales_check_manager(
                card, self.env._("correct the registration of")
            )
            return
        if user._aftersales_is_user():
            return
        if not user.share:
            raise AccessError(
                self.env._(
                    "Only after-sales users and the distributor's own users "
                    "can register the sale of serial %s.",
                    card.lot_id.name,
                )
            )
        commercial = user.partner_id.commercial_partner_id
        if card.distributor_id and card.distributor_id == commercial:
            return
        if card.distributor_id:
            raise ValidationError(
                self.env._(
                    "Serial %s was sold to another distributor: only that "
                    "distributor can register its sale.",
                    card.lot_id.name,
                )
            )
        raise AccessError(
            self.env._(
                "You cannot register the sale of serial %s: it was not sold "
                "through you.",
                card.lot_id.name,
            )
        )

    @api.model
    def _aftersales_parse_sellout_date(self, card, sale_date):
        try:
            day = fields.Date.to_date(sale_date)
        except (TypeError, ValueError):
            day = False
        if not day:
            raise ValidationError(
                self.env._(
                    "Serial %s: give the date of the sale to the end user "
                    "(YYYY-MM-DD).",
                    card.lot_id.name,
                )
            )
        today = fields.Date.context_today(card.with_company(card.company_id))
        if day > today:
            raise ValidationError(
                self.env._(
                    "Serial %(serial)s: the sale date %(date)s is in the future.",
                    serial=card.lot_id.name,
                    date=format_date(self.env, day),
                )
            )
        floor = card.distributor_date
        if floor and day < floor:
            raise ValidationError(
                self.env._(
                    "Serial %(serial)s: the sale date %(date)s is before our "
                    "sale to the distributor on %(floor)s.",
                    serial=card.lot_id.name,
                    date=format_date(self.env, day),
                    floor=format_date(self.env, floor),
                )
            )
        return day

    @api.model
    def _aftersales_check_sellout_contact(
        self, card, customer_name, phone, address, email
    ):
        serial = card.lot_id.name
        name = (customer_name or "").strip()
        if not name or len(name) > 128:
            raise ValidationError(
                self.env._(
                    "Serial %s: give the end user's name (at most 128 " "characters).",
                    serial,
                )
            )
        phone = (phone or "").strip()
        digits = phone_digits(phone)
        if not PHONE_RE.match(phone) or not 7 <= len(digits) <= 20:
            raise ValidationError(
                self.env._(
                    "Serial %s: give the end user's phone number (7 to 20 " "digits).",
                    serial,
                )
            )
        address = (address or "").strip()
        if len(address) > 256:
            raise ValidationError(
                self.env._(
                    "Serial %s: the address is longer than 256 characters.", serial
                )
            )
        email = (email or "").strip()
        if email and not email_normalize(email):
            raise ValidationError(
                self.env._(
                    "Serial %(serial)s: %(email)s is not an e-mail address.",
                    serial=serial,
                    email=email,
                )
            )
        return name, phone, address, email_normalize(email) if email else False

    @api.model
    def _aftersales_check_receipt(self, card, receipt, receipt_filename):
        if not receipt:
            return False, False
        if isinstance(receipt, str):
            receipt = receipt.encode()
        try:
            raw = base64.b64decode(receipt, validate=True)
        except (binascii.Error, ValueError):
            raw = b""
        mimetype = guess_mimetype(raw) if raw else ""
        if not raw or len(raw) > RECEIPT_MAX_BYTES or mimetype not in RECEIPT_MIMETYPES:
            raise ValidationError(
                self.env._(
                    "Serial %s: the receipt must be a photo or a PDF of at most "
                    "10 MB.",
                    card.lot_id.name,
                )
            )
        name = (receipt_filename or "").strip()[:128] or self.env._("receipt")
        return base64.b64encode(raw), name

    @api.model
    def _aftersales_sellout_partner(self, card, name, phone, address, email):
        """The end user's contact: an existing one with this exact name and
        phone, else a new one."""
        Partner = self.env["res.partner"].sudo()
        candidates = Partner.search(
            [("name", "=ilike", name), ("phone", "!=", False)], limit=20
        ).filtered(lambda p: phone_digits(p.phone) == phone_digits(phone))
        if candidates:
            return candidates[:1]
        return Partner.create(
            self._prepare_sellout_partner_vals(card, name, phone, address, email)
        )

    @api.model
    def _prepare_sellout_partner_vals(self, card, name, phone, address, email):
        """Values of a new end user's contact (hook)."""
        return {
            "name": name,
            "phone": phone,
            "street": address or False,
            "email": email or False,
            "type": "contact",
        }

    @api.model
    def _aftersales_register_sellout(
        self,
        serial=None,
        customer_name=None,
        phone=None,
        sale_date=None,
        address=None,
        email=None,
        receipt=None,
        receipt_filename=None,
        product_code=None,
        channel="rpc",
        card=None,
        partner=None,
        correction=False,
        reason=None,
    ):
        """Register the end user of one unit (all channels come here).

        Sets the owner, moves the start of the warranty to the end user's
        sale date (never later than the shelf allowance), keeps the history
        in the chatter and asks nothing more of pending tickets. A
        ``correction`` (managers) replaces a registration with a reason.
        """
        card = (
            card.sudo()
            if card
            else self._aftersales_find_sellout_card(serial, product_code)
        )
        card.sudo(False)._aftersales_check_may_register(correction=correction)
        if card.registration_state == "direct":
            raise ValidationError(
                self.env._(
                    "Serial %s was sold directly to a customer, not through a "
                    "distributor: there is no sell-out to register.",
                    card.lot_id.name or card.name,
                )
            )
        if not card.lot_id:
            raise ValidationError(
                self.env._(
                    "Warranty card %s has no serial number: sell-out is "
                    "registered per serial.",
                    card.name,
                )
            )
        if card.registration_state == "registered" and not correction:
            raise ValidationError(
                self.env._(
                    "Serial %(serial)s is already registered to an end user "
                    "(sold on %(date)s); an after-sales manager may correct "
                    "the registration.",
                    serial=card.lot_id.name,
                    date=format_date(self.env, card.sellout_date),
                )
            )
        if correction and card.registration_state != "registered":
            raise UserError(
                self.env._(
                    "Serial %s is not registered yet: register it instead of "
                    "correcting it.",
                    card.lot_id.name,
                )
            )
        if correction and not (reason or "").strip():
            raise ValidationError(
                self.env._(
                    "Serial %s: give the reason for correcting the registration.",
                    card.lot_id.name,
                )
            )
        day = self._aftersales_parse_sellout_date(card, sale_date)
        if partner:
            end_user = partner.sudo()
            name = end_user.name
        else:
            name, phone, address, email = self._aftersales_check_sellout_contact(
                card, customer_name, phone, address, email
            )
            end_user = None
        receipt, receipt_filename = self._aftersales_check_receipt(
            card, receipt, receipt_filename
        )
        if end_user is None:
            end_user = self._aftersales_sellout_partner(
                card, name, phone, address, email
            )
        before = {
            "owner": card.partner_id.display_name,
            "start": card.start_date,
            "end": card.end_date,
        }
        vals = {
            "partner_id": end_user.id,
            "start_date": day,
            "start_basis": "sellout",
            "sellout_date": day,
            "registration_state": "registered",
            "registered_date": fields.Datetime.now(),
            "registered_by_id": self.env.uid,
            "registration_channel": channel,
        }
        if receipt:
            vals.update(sellout_receipt=receipt, sellout_receipt_name=receipt_filename)
        card._aftersales_action_write(vals)
        card._aftersales_log_registration(before, channel, correction, reason)
        card._aftersales_after_registration()
        return card.sudo(False)

    def _aftersales_log_registration(self, before, channel, correction, reason):
        """The registration's audit note, in the company's language (its
        readers are the company's staff), whoever registered."""
        self.ensure_one()
        env = reader_env(self.env, company=self.company_id)
        channel_label = dict(
            self._fields["registration_channel"]._description_selection(env)
        )[channel]
        values = {
            "serial": self.lot_id.name,
            "owner_before": before["owner"],
            "owner": self.partner_id.display_name,
            "sale_date": format_date(env, self.sellout_date),
            "start_before": format_date(env, before["start"]),
            "start": format_date(env, self.start_date),
            "end_before": format_date(env, before["end"]),
            "end": format_date(env, self.end_date),
            "user": self.env.user.name,
            "channel": channel_label,
        }
        if correction:
            body = env._(
                "Sell-out registration of %(serial)s corrected by %(user)s "
                "(%(channel)s): owner %(owner_before)s -> %(owner)s, sold on "
                "%(sale_date)s; warranty start %(start_before)s -> %(start)s, "
                "end %(end_before)s -> %(end)s. Reason: %(reason)s",
                reason=reason,
                **values,
            )
        else:
            body = env._(
                "Serial %(serial)s registered to its end user %(owner)s by "
                "%(user)s (%(channel)s), sold on %(sale_date)s: owner "
                "%(owner_before)s -> %(owner)s; warranty start %(start_before)s "
                "-> %(start)s, end %(end_before)s -> %(end)s.",
                **values,
            )
        self._message_log(body=body)

    def _aftersales_after_registration(self):
        """Close the distributor's "confirm the sale" to-dos and refresh the
        tickets and repairs that were waiting for this registration."""
        activity_type = self.env.ref(
            "aftersales_service.mail_activity_type_confirm_sellout",
            raise_if_not_found=False,
        )
        for card in self:
            if activity_type:
                card.activity_ids.filtered(
                    lambda a, t=activity_type: a.activity_type_id == t
                ).sudo().action_feedback(
                    feedback=self.env._("Sale registered to %s.", card.partner_id.name)
                )
        lots = self.lot_id
        if not lots:
            return
        tickets = (
            self.env["helpdesk.ticket"]
            .sudo()
            .search(
                [
                    ("lot_id", "in", lots.ids),
                    ("aftersales_registration_pending", "=", True),
                ]
            )
        )
        tickets._aftersales_refresh_warranty()
        repairs = (
            self.env["repair.order"]
            .sudo()
            .search(
                [
                    ("lot_id", "in", lots.ids),
                    ("aftersales_registration_pending", "=", True),
                ]
            )
        )
        repairs._aftersales_refresh_warranty()

    # ------------------------------------------------------------------
    # Asking the distributor to confirm a sale (pending tickets)
    # ------------------------------------------------------------------
    def _aftersales_ask_distributor(self, ticket):
        """A customer asked for service on this unit still registered to its
        distributor: a to-do for the distributor's salesperson (or the
        ticket's agent) and a message to the distributor with the link to
        its registration page, once per card."""
        activity_type = self.env.ref(
            "aftersales_service.mail_activity_type_confirm_sellout",
            raise_if_not_found=False,
        )
        for card in self.sudo():
            if card.registration_state != "pending" or not card.distributor_id:
                continue
            if activity_type and card.activity_ids.filtered(
                lambda a, t=activity_type: a.activity_type_id == t
            ):
                continue
            user = (
                card.distributor_id.user_id
                or ticket.user_id
                or ticket.team_id.user_id
                or card.company_id.aftersales_sla_escalation_user_id
            )
            # each text in its reader's language: the to-do in its user's,
            # the message in the distributor's
            if user and activity_type:
                user_env = reader_env(
                    self.env, partner=user.partner_id, company=card.company_id
                )
                card._aftersales_activity_schedule_auto(
                    "aftersales_service.mail_activity_type_confirm_sellout",
                    user_id=user.id,
                    summary=activity_type.with_env(user_env).summary,
                    note=user_env._(
                        "Ticket %(ticket)s: %(customer)s asks for service on "
                        "serial %(serial)s, still registered to %(distributor)s. "
                        "Ask the distributor to register the sale.",
                        ticket=ticket.display_name,
                        customer=ticket.partner_id.display_name
                        or ticket.partner_name
                        or "",
                        serial=card.lot_id.name,
                        distributor=card.distributor_id.display_name,
                    ),
                )
            distributor_env = reader_env(
                self.env, partner=card.distributor_id, company=card.company_id
            )
            card._aftersales_message_post_auto(
                body=distributor_env._(
                    "A customer asked for service on serial %(serial)s, which "
                    "we sold to you and which is not registered to its end user "
                    "yet. Please register the sale in your portal: %(url)s",
                    serial=card.lot_id.name,
                    url=card.get_base_url() + "/my/warranties/register",
                ),
                partner_ids=card.distributor_id.ids,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )

    # ------------------------------------------------------------------
    # Buttons
    # ------------------------------------------------------------------
    def action_open_register_sellout(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Register Sell-out"),
            "res_model": "aftersales.warranty.register",
            "view_mode": "form",
            "target": "new",
            "context": {"default_warranty_id": self.id},
        }

    def action_open_correct_registration(self):
        self.ensure_one()
        self.env.user._aftersales_check_manager(
            self, self.env._("correct the registration of")
        )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Correct Registration"),
            "res_model": "aftersales.warranty.register",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_warranty_id": self.id,
                "default_correction": True,
                "default_partner_id": self.partner_id.id,
                "default_sale_date": self.sellout_date,
            },
        }
