# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Keeping the customer informed (seed 001: at every step, and at least every
3-5 days): mails from the company in the customer's language, the contact
clock, the reminder cron, and the portal request's follow-up."""

from datetime import timedelta

from odoo import _, api, fields, models

from odoo.addons.aftersales_service.tools import cron_batch_size

from .rma_selections import OPEN_STATES


class Rma(models.Model):
    _inherit = "rma"

    aftersales_last_contact_date = fields.Datetime(
        string="Last Customer Contact", readonly=True, copy=False
    )
    aftersales_next_contact_date = fields.Datetime(
        string="Next Customer Contact", readonly=True, copy=False, index=True
    )

    @api.model
    def _aftersales_guarded_fields(self):
        return super()._aftersales_guarded_fields() | {
            "aftersales_last_contact_date",
            "aftersales_next_contact_date",
        }

    # ------------------------------------------------------------------
    # Mails to the customer
    # ------------------------------------------------------------------
    def _aftersales_notify_customer(self, template_xmlid, subscribe=True):
        """Post ``template_xmlid`` to the customer, as the company, rendered in
        the customer's language (the template's lang). ``subscribe=False``:
        the customer follows the returns already (OCA's confirmation has just
        subscribed them)."""
        # the xmlid's record (cached lookup; unlinking a template drops its
        # xmlid), without env.ref's existence query on every mail
        template = self.env["mail.template"].browse(
            self.env["ir.model.data"]._xmlid_to_res_id(
                template_xmlid, raise_if_not_found=False
            )
        )
        with_partner = self.filtered("partner_id")
        if not template or not with_partner:
            return
        mute = with_partner.filtered(lambda r: not r._aftersales_sender()[1])
        if mute:
            # Nobody to send it as: say so to the team instead of failing, in
            # one note per return, all inserted at once (as the company).
            mute._aftersales_message_log_auto(
                _(
                    "The customer was not notified (%s): the company has no "
                    "e-mail address.",
                    template.name,
                )
            )
        todo = with_partner - mute
        if not todo:
            return
        # Rendered per record in the customer's language (the template's
        # lang), posted as the company to the customer.
        bodies = template._render_field("body_html", todo.ids, compute_lang=True)
        subjects = template._render_field("subject", todo.ids, compute_lang=True)
        # reply-to and alias domain of every return in one go
        defaults = todo._aftersales_post_defaults()
        if subscribe:
            todo._aftersales_subscribe_customers()
        for rma in todo.with_context(aftersales_no_touch=True):
            # The customer follows the return (subscribed just above).
            rma._aftersales_message_post_auto(
                body=bodies[rma.id],
                subject=subjects[rma.id],
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                **defaults.get(rma.id, {}),
            )
        todo._aftersales_touch_contact()

    def _aftersales_subscribe_customers(self):
        """Each return's customer follows it (OCA's
        ``_add_message_subscribe_partner``), one subscription per customer
        for all their returns; followers already there are kept as they are."""
        for partner, rmas in self.filtered("partner_id").grouped("partner_id").items():
            rmas.message_subscribe(partner.ids)

    def _aftersales_customer_verdicts(self):
        """The verdicts the customer can act on, rendered in ``lang``."""
        self.ensure_one()
        return self.sudo().aftersales_verdict_ids.filtered("customer_visible")

    def message_post(self, **kwargs):
        """A public message to the customer counts as a contact."""
        message = super().message_post(**kwargs)
        if (
            message.message_type == "comment"
            and message.subtype_id
            and not message.subtype_id.internal
            and not self.env.context.get("aftersales_no_touch")
        ):
            self._aftersales_touch_contact()
        return message

    def _aftersales_touch_contact(self):
        now = fields.Datetime.now()
        for company, rmas in self.grouped("company_id").items():
            rmas.sudo()._aftersales_action_write(
                {
                    "aftersales_last_contact_date": now,
                    "aftersales_next_contact_date": now
                    + timedelta(days=company.aftersales_contact_days or 3),
                }
            )

    @api.model
    def _cron_aftersales_contact_reminder(self, limit=None):
        """Activity on open returns whose customer was not contacted lately.
        Works in batches of ``limit``; the scheduler commits between them."""
        limit = limit or cron_batch_size(self.env, default=500)
        now = fields.Datetime.now()
        domain = [
            ("aftersales_next_contact_date", "<=", now),
            ("state", "in", OPEN_STATES),
        ]
        rmas = self.search(domain, limit=limit)
        if not rmas:
            return 0
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        model_id = self.env["ir.model"]._get_id("rma")
        self.env["mail.activity"].create(
            [
                {
                    "res_model_id": model_id,
                    "res_id": rma.id,
                    "activity_type_id": activity_type.id,
                    "user_id": (rma.user_id or self.env.ref("base.user_admin")).id,
                    "summary": _("Contact the customer about this return"),
                    "date_deadline": fields.Date.context_today(self),
                }
                for rma in rmas
            ]
        )
        for company, group in rmas.grouped("company_id").items():
            group._aftersales_action_write(
                {
                    "aftersales_next_contact_date": now
                    + timedelta(days=company.aftersales_contact_days or 3)
                }
            )
        remaining = self.search_count(domain)
        self.env["ir.cron"]._notify_progress(done=len(rmas), remaining=remaining)
        return len(rmas)

    # ------------------------------------------------------------------
    # A request from the portal reaches the returns team
    # ------------------------------------------------------------------
    def _aftersales_portal_responsible(self):
        """A person of the returns team (never OdooBot, who created the
        request on the customer's behalf)."""
        self.ensure_one()
        root = self.env.ref("base.user_root")
        team = self.team_id
        candidates = (
            team.user_id
            | team.member_ids
            | self.order_id.user_id
            | self.company_id.aftersales_return_user_id
            | self.env.ref("base.user_admin", raise_if_not_found=False)
        )
        return candidates.filtered(lambda u: u != root and not u.share and u.active)[:1]

    def _aftersales_route_portal_request(self):
        """Team, responsible and an activity, like a return entered in the back
        office."""
        for rma in self:
            vals = {}
            if not rma.team_id:
                team = self.env["rma.team"].search(
                    [("company_id", "in", (rma.company_id.id, False))], limit=1
                )
                if team:
                    vals["team_id"] = team.id
            if vals:
                rma.write(vals)
            if not rma.user_id or rma.user_id == self.env.ref("base.user_root"):
                rma.user_id = rma._aftersales_portal_responsible()
            rma._aftersales_activity_schedule_auto(
                "mail.mail_activity_data_todo",
                user_id=(rma.user_id or self.env.ref("base.user_admin")).id,
                summary=_("Review the return requested in the portal"),
            )
