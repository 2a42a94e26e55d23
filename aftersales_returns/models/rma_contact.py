# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import _, api, fields, models

from .rma_selections import OPEN_STATES


class Rma(models.Model):
    _inherit = "rma"

    # Customer contact
    aftersales_last_contact_date = fields.Datetime(
        string="Last Customer Contact", readonly=True, copy=False
    )
    aftersales_next_contact_date = fields.Datetime(
        string="Next Customer Contact", readonly=True, copy=False, index=True
    )

    # ------------------------------------------------------------------
    # Keeping the customer informed
    # ------------------------------------------------------------------
    def _aftersales_notify_customer(self, template_xmlid):
        template = self.env.ref(template_xmlid, raise_if_not_found=False)
        for rma in self:
            if template and rma.partner_id:
                rma._add_message_subscribe_partner()
                rma.with_context(aftersales_no_touch=True).message_post_with_source(
                    template,
                    message_type="comment",
                    subtype_xmlid="mail.mt_comment",
                )
        self._aftersales_touch_contact()

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
            rmas.sudo().write(
                {
                    "aftersales_last_contact_date": now,
                    "aftersales_next_contact_date": now
                    + timedelta(days=company.aftersales_contact_days or 3),
                }
            )

    @api.model
    def _cron_aftersales_contact_reminder(self, limit=500):
        """Activity on open returns whose customer was not contacted lately."""
        now = fields.Datetime.now()
        rmas = self.search(
            [
                ("aftersales_next_contact_date", "<=", now),
                ("state", "in", OPEN_STATES),
            ],
            limit=limit,
        )
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
            group.write(
                {
                    "aftersales_next_contact_date": now
                    + timedelta(days=company.aftersales_contact_days or 3)
                }
            )
        return len(rmas)

    def _aftersales_portal_verdicts(self):
        """Plain-text verdict list for the portal page."""
        self.ensure_one()
        return [
            (v.result, v.message) for v in self.sudo().aftersales_verdict_ids
        ]

