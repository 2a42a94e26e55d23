# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Automatic messages are sent as the company, never as the user whose click
triggered them (who may have no e-mail address)."""

import contextvars
from contextlib import contextmanager

from odoo import models

_AS_COMPANY = contextvars.ContextVar("aftersales_notify_as_company", default=None)


@contextmanager
def _notify_as(company):
    token = _AS_COMPANY.set(company)
    try:
        yield
    finally:
        _AS_COMPANY.reset(token)


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    def _aftersales_company(self):
        """The company a record speaks for."""
        self.ensure_one()
        company = "company_id" in self._fields and self.company_id
        return company or self.env.company

    def _aftersales_sender(self, company=None):
        """(author partner id, From address) of automatic messages: the
        company, with its address (or the catchall/notification address)."""
        company = company or self._aftersales_company()
        email = company.email_formatted or company.partner_id.email_formatted
        if not email:
            email = self.env["ir.mail_server"]._get_default_from_address()
        return company.partner_id.id, email or False

    def _aftersales_post_defaults(self):
        """{record id: values} ``message_post`` would look up record by record
        (the alias domain and the reply-to address), for all the records at
        once: posting on many records costs these queries once."""
        if len(self) < 2:
            return {}
        domains = self.sudo()._mail_get_alias_domains(default_company=self.env.company)
        defaults = {}
        for (_author, email_from), records in self.grouped(
            lambda r: r._aftersales_sender()
        ).items():
            reply_to = records._notify_get_reply_to(default=email_from)
            for record in records:
                defaults[record.id] = {
                    "record_alias_domain_id": domains[record.id].id,
                    "reply_to": reply_to[record.id],
                }
        return defaults

    def _aftersales_message_post_auto(self, **kwargs):
        """``message_post`` on each record, as its company."""
        messages = self.env["mail.message"]
        defaults = self._aftersales_post_defaults()
        for record in self:
            author_id, email_from = record._aftersales_sender()
            values = {
                **defaults.get(record.id, {}),
                **kwargs,
                "author_id": author_id,
                "email_from": email_from,
            }
            # a company without any address still logs its automatic notes
            poster = record if email_from else record.sudo()
            messages |= poster.message_post(**values)
        return messages

    def _aftersales_message_log_auto(self, bodies, subject=False):
        """Internal notes (no notification) on many records in one insert per
        company, as the company: ``bodies`` is {record id: body} or one body
        for all. Only for notes an action writes, never a user's text unchecked
        (``_message_log_batch`` creates as superuser)."""
        if not self:
            return self.env["mail.message"]
        if not isinstance(bodies, dict):
            bodies = dict.fromkeys(self.ids, bodies)
        messages = self.env["mail.message"].sudo()
        for (author_id, email_from), records in self.grouped(
            lambda r: r._aftersales_sender()
        ).items():
            messages |= records._message_log_batch(
                {rid: bodies[rid] for rid in records.ids if rid in bodies},
                subject=subject,
                author_id=author_id,
                email_from=email_from,
            )
        return messages

    def _aftersales_message_post_with_source_auto(self, source_ref, **kwargs):
        """``message_post_with_source`` (mail templates, views) on each
        record, as its company."""
        messages = self.env["mail.message"]
        for record in self:
            author_id, email_from = record._aftersales_sender()
            poster = record if email_from else record.sudo()
            messages |= poster.message_post_with_source(
                source_ref, author_id=author_id, email_from=email_from, **kwargs
            )
        return messages

    def _aftersales_activity_schedule_auto(self, act_type_xmlid="", **kwargs):
        """``activity_schedule`` whose assignment notification is sent as the
        company. The records of one company get theirs in one create."""
        activities = self.env["mail.activity"]
        for company, records in self.grouped(lambda r: r._aftersales_company()).items():
            with _notify_as(company):
                # False when activities are skipped (mail_activity_automation_skip)
                activities |= (
                    records.activity_schedule(act_type_xmlid, **kwargs)
                    or activities.browse()
                )
        return activities

    def message_notify(self, **kwargs):
        company = _AS_COMPANY.get()
        if company is not None and not kwargs.get("author_id"):
            author_id, email_from = self[:1]._aftersales_sender(company)
            kwargs.setdefault("author_id", author_id)
            kwargs.setdefault("email_from", email_from)
        return super().message_notify(**kwargs)


class MailActivity(models.Model):
    _inherit = "mail.activity"

    def action_notify(self):
        """Assignment notifications: as the record's company when the user
        who assigns has no e-mail address (or when an automatic job assigns)."""
        if _AS_COMPANY.get() is not None or self.env.user.email:
            return super().action_notify()
        for activity in self:
            record = self.env[activity.res_model].browse(activity.res_id).sudo()
            company = (
                record._aftersales_company()
                if hasattr(record, "_aftersales_company") and record.exists()
                else self.env.company
            )
            with _notify_as(company):
                super(MailActivity, activity).action_notify()
        return True
