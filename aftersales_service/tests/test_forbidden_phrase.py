# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import AftersalesCommon


@tagged("post_install", "-at_install")
class TestForbiddenPhrase(AftersalesCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")

    def _reply(self, body, user=None, lang="en_US", **kwargs):
        values = dict(
            {"message_type": "comment", "subtype_xmlid": "mail.mt_comment"}, **kwargs
        )
        return (
            self.ticket.with_user(user or self.agent)
            .with_context(lang=lang)
            .message_post(body=body, **values)
        )

    def test_seeded_phrases(self):
        phrases = self.env["aftersales.forbidden.phrase"].search([])
        self.assertIn("不关我的事", phrases.mapped("name"))
        self.assertIn("not my problem", phrases.mapped("name"))

    def test_chinese_reply_blocked(self):
        count = len(self.ticket.message_ids)
        with self.assertRaisesRegex(UserError, "不关我的事"):
            self._reply("<p>这个问题不关我的事，请找别人。</p>", lang="zh_CN")
        with self.assertRaisesRegex(UserError, "你问我，我问谁"):
            self._reply("<p>你问我, 我问谁?</p>", lang="zh_CN")
        self.assertEqual(len(self.ticket.message_ids), count)
        # rephrased: it goes through
        self._reply("<p>这个问题我马上为您转给维修部门跟进。</p>", lang="zh_CN")
        self.assertEqual(len(self.ticket.message_ids), count + 1)

    def test_english_reply_blocked_case_insensitive(self):
        with self.assertRaisesRegex(UserError, "not my problem"):
            self._reply("<p>Sorry, that is NOT my Problem.</p>")
        with self.assertRaisesRegex(UserError, "complain if you want"):
            self._reply("Well, complain if you want!", subtype_xmlid=None,
                        subtype_id=self.env.ref("mail.mt_comment").id)
        self._reply("<p>I will look into your problem today.</p>")

    def test_internal_note_not_checked(self):
        self._reply(
            "<p>Customer says: not my problem</p>", subtype_xmlid="mail.mt_note"
        )
        self.ticket.with_user(self.agent).message_post(
            body="不关我的事", message_type="comment"
        )  # no subtype: a note

    def test_archived_or_edited_phrase(self):
        phrase = self.env["aftersales.forbidden.phrase"].search(
            [("name", "=", "not my problem")]
        )
        phrase.active = False
        self._reply("<p>That is not my problem.</p>")
        self.env["aftersales.forbidden.phrase"].create(
            {"name": "whatever", "lang": "en"}
        )
        with self.assertRaisesRegex(UserError, "whatever"):
            self._reply("<p>Whatever.</p>")
