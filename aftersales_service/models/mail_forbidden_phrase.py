# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Forbidden phrases (服务禁语): one check for every message a customer can
see, on every model that opts in.

A model opts in with one method::

    def _aftersales_forbidden_phrase_checked(self):
        return True

(helpdesk.ticket and repair.order here; rma in aftersales_returns). From then
on every ``mail.message`` created or edited on its records is checked when a
customer can see it, whatever its ``message_type`` (comment, email,
notification...): its subtype is public (not an internal note) and it is not
marked internal, or it notifies a partner who is not an employee. The check
covers ``message_post``, ``message_post_with_source`` (templates, e.g. the
proposed solution mailed to the customer), ``message_notify``, the composer
(also in mass-mail mode, through the outgoing ``mail.mail``), a
``mail.message`` created over RPC and a message edited afterwards. Texts are
normalised first (NFKC, zero-width characters and soft hyphens removed,
traditional characters folded to simplified: see ``tools/text.py``).

Messages written by customers (portal users, or incoming mail processed by
the mail gateway as the superuser for an author who is not an employee) are
not checked: the phrases are what staff must not say.
"""

from odoo import SUPERUSER_ID, api, models, tools
from odoo.exceptions import UserError


def _raise_forbidden(env, record_name, phrase):
    message = env._(
        "Your message on %(record)s contains the forbidden phrase 「%(phrase)s」. "
        "Please rephrase it before sending.",
        record=record_name,
        phrase=phrase.name,
    )
    if phrase.suggestion:
        message += "\n" + env._("Suggestion: %s", phrase.suggestion)
    raise UserError(message)


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    def _aftersales_forbidden_phrase_checked(self):
        """Whether messages customers can see on this model are checked for
        forbidden phrases (服务禁语). Override to return True to opt in."""
        return False


class MailMessage(models.Model):
    _inherit = "mail.message"

    @api.model
    def _aftersales_phrase_author_is_customer(self, author_id):
        """Customers' own messages are not checked: a portal (or public)
        user writing, or the mail gateway (superuser) posting mail from an
        author who is not an employee. An employee is always checked, even
        when naming another author."""
        user = self.env.user
        if user.share:
            return True
        if user.id != SUPERUSER_ID:
            return False
        if not author_id:
            return True
        author = self.env["res.partner"].sudo().browse(author_id)
        return not any(u._is_internal() for u in author.user_ids)

    @api.model
    def _aftersales_phrase_visible(self, subtype_id, is_internal, partner_ids):
        """Whether a customer can see a message with these values."""
        subtype = self.env["mail.message.subtype"].sudo().browse(subtype_id or [])
        if not is_internal and not subtype.internal:
            return True
        partners = self.env["res.partner"].sudo().browse(partner_ids or [])
        # a note notifying a partner who is no employee reaches the outside
        return any(not p.user_ids or p.partner_share for p in partners)

    @staticmethod
    def _aftersales_m2m_ids(value):
        """Ids of a many2many value as sent to create/write."""
        ids = []
        for item in value or []:
            if isinstance(item, int):
                ids.append(item)
            elif isinstance(item, list | tuple) and item:
                if item[0] == 4:
                    ids.append(item[1])
                elif item[0] == 6:
                    ids.extend(item[2])
        return ids

    @api.model
    def _aftersales_check_phrases(
        self, model, res_id, texts, subtype_id, is_internal, partner_ids, author_id
    ):
        text = " ".join(t for t in texts if t)
        if not text or not model or model not in self.env or not res_id:
            return
        Model = self.env[model]
        if not hasattr(Model, "_aftersales_forbidden_phrase_checked"):
            return
        record = Model.browse(res_id)
        if not record._aftersales_forbidden_phrase_checked():
            return
        # the phrases are cached: a message without any costs no query
        phrase = self.env["aftersales.forbidden.phrase"]._find_in_text(text)
        if not phrase:
            return
        if self._aftersales_phrase_author_is_customer(author_id):
            return
        if not self._aftersales_phrase_visible(subtype_id, is_internal, partner_ids):
            return
        _raise_forbidden(self.env, record.sudo().display_name, phrase)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if not (vals.get("body") or vals.get("subject")):
                continue
            self._aftersales_check_phrases(
                vals.get("model"),
                vals.get("res_id"),
                [str(vals.get("subject") or ""), str(vals.get("body") or "")],
                vals.get("subtype_id"),
                vals.get("is_internal"),
                self._aftersales_m2m_ids(vals.get("partner_ids")),
                vals.get("author_id", self.env.user.partner_id.id),
            )
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("body") or vals.get("subject"):
            for message in self.sudo():
                self._aftersales_check_phrases(
                    message.model,
                    message.res_id,
                    [
                        str(vals.get("subject") or message.subject or ""),
                        str(vals.get("body") or ""),
                    ],
                    vals.get("subtype_id", message.subtype_id.id),
                    vals.get("is_internal", message.is_internal),
                    message.partner_ids.ids,
                    message.author_id.id,
                )
        return super().write(vals)


class MailMail(models.Model):
    _inherit = "mail.mail"

    @api.model_create_multi
    def create(self, vals_list):
        """Outgoing mail (mass-mail composer): its html body is what the
        customer reads."""
        Message = self.env["mail.message"]
        for vals in vals_list:
            body_html = vals.get("body_html")
            if not body_html or vals.get("mail_message_id"):
                continue
            Message._aftersales_check_phrases(
                vals.get("model"),
                vals.get("res_id"),
                [str(vals.get("subject") or ""), tools.html2plaintext(body_html)],
                vals.get("subtype_id"),
                False,
                [],
                vals.get("author_id", self.env.user.partner_id.id),
            )
        return super().create(vals_list)
