# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime

from odoo.exceptions import AccessError
from odoo.tests import tagged

from ..tools import format_reader_datetime, render_coded
from .common import AftersalesCommon

# a plain template (a LazyTranslate one would be exported into the .pot)
CODES = {"ends": "Covered until %(end_date)s (checked %(at_datetime)s)."}


@tagged("post_install", "-at_install")
class TestFoundation(AftersalesCommon):
    """Shared helpers: reader's timezone, coded messages, company sender,
    the manager check."""

    def test_reader_timezone_without_seconds(self):
        self.customer.tz = "Asia/Shanghai"
        text = format_reader_datetime(
            self.env, datetime(2026, 12, 1, 10, 42, 27), partner=self.customer
        )
        self.assertIn("18:42", text)
        self.assertNotIn("27", text.split("18:42")[1])

    def test_qweb_hide_seconds_in_chinese(self):
        """hide_seconds drops the seconds of a Chinese time too (Odoo only
        removes ':ss'), in the reader's timezone."""
        self.env["res.lang"]._activate_lang("zh_CN")
        converter = self.env["ir.qweb.field.datetime"].with_context(
            lang="zh_CN", tz="Asia/Shanghai"
        )
        value = datetime(2026, 12, 28, 12, 58, 58)
        shown = converter.value_to_html(value, {"hide_seconds": True})
        self.assertEqual(shown, "2026年12月28日 20时58分")
        self.assertIn("58秒", converter.value_to_html(value, {}))
        self.assertEqual(
            converter.value_to_html(value, {"hide_seconds": True, "time_only": True}),
            "20时58分",
        )

    def test_cron_batch_size_parameter_sets_every_job(self):
        """A job keeps its own default batch; the system parameter, when set,
        gives the batch of every job of the suite (here the purge of the
        public check's uses, 5,000 by default)."""
        Lookup = self.env["aftersales.warranty.lookup"]
        Lookup.sudo().create([{"address": f"10.0.0.{i}"} for i in range(3)])
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE aftersales_warranty_lookup "
            "SET create_date = create_date - interval '30 days'"
        )
        self.env.invalidate_all()
        self.env["ir.config_parameter"].sudo().set_param(
            "aftersales_service.cron_batch_size", "2"
        )
        self.assertEqual(Lookup._cron_purge(), 2)
        self.assertEqual(Lookup._cron_purge(), 1)
        self.env["ir.config_parameter"].sudo().set_param(
            "aftersales_service.cron_batch_size", False
        )
        Lookup.sudo().create([{"address": "10.0.1.1"}])
        self.assertEqual(Lookup._cron_purge(days=-1), 1)

    def test_render_coded_in_reader_language(self):
        text = render_coded(
            self.env,
            CODES,
            "ends",
            {"end_date": "2027-01-31", "at_datetime": "2026-12-01 10:00:00"},
            lang="en_US",
            tz="UTC",
        )
        self.assertEqual(text, "Covered until 01/31/2027 (checked 12/01/2026 10:00).")
        self.assertEqual(render_coded(self.env, CODES, "unknown", {}), "unknown")

    def test_automatic_activity_from_user_without_email(self):
        self.company.email = "service@example.com"
        self.agent.partner_id.email = False
        self.agent2.partner_id.email = "agent2@example.com"
        ticket = self.ticket.with_user(self.agent)
        ticket._aftersales_activity_schedule_auto(
            "mail.mail_activity_data_todo", user_id=self.agent2.id, summary="Call"
        )
        ticket._aftersales_message_post_auto(body="Automatic note")
        message = self.ticket.message_ids[:1]
        self.assertEqual(message.author_id, self.company.partner_id)
        # a plain activity_schedule by the same user does not crash either
        ticket.activity_schedule(
            "mail.mail_activity_data_todo", user_id=self.agent2.id, summary="Again"
        )

    def test_manager_check(self):
        self.assertTrue(self.manager._aftersales_is_manager())
        self.assertFalse(self.agent._aftersales_is_manager())
        with self.assertRaisesNaming(AccessError, self.ticket.display_name):
            self.agent._aftersales_check_manager(self.ticket, "approve")
