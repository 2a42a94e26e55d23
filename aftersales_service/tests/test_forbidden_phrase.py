# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup

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
            self._reply(
                "Well, complain if you want!",
                subtype_xmlid=None,
                subtype_id=self.env.ref("mail.mt_comment").id,
            )
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


@tagged("post_install", "-at_install")
class TestForbiddenPhraseEverywhere(AftersalesCommon):
    """One check on every message a customer can see, normalised so that it
    cannot be bypassed."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer.email = "wang@example.com"
        cls.ticket.message_subscribe(partner_ids=cls.customer.ids)

    def _post(self, body, record=None, **kwargs):
        """Post as the agent, the body as html (what the chatter sends)."""
        values = dict(
            {"message_type": "comment", "subtype_xmlid": "mail.mt_comment"}, **kwargs
        )
        return (
            (record or self.ticket)
            .with_user(self.agent)
            .message_post(body=Markup(f"<p>{body}</p>"), **values)
        )

    def test_seed_001_complete(self):
        names = set(self.env["aftersales.forbidden.phrase"].search([]).mapped("name"))
        for phrase in (
            "喂！嘿！",
            "什么意思？",
            "你不明白！",
            "没办法！",
            "大声点，我听不清！",
            "我刚才不是已解释过了吗",
            "叫你旁边的人别说话",
            "你怎么用也不会？",
        ):
            self.assertIn(phrase, names)
        self.assertGreaterEqual(
            len([n for n in names if any("\u4e00" <= c <= "\u9fff" for c in n)]), 40
        )

    def test_bypasses_refused(self):
        count = len(self.ticket.message_ids)
        for body in (
            "这个不\u200b关我的事",  # zero-width space
            "这个不\u00ad关我的事",  # soft hyphen
            "这个不&shy;关我的事",  # soft hyphen as an html entity
            "这个不&#8203;关我的事",  # zero-width space as an entity
            "这个不\u2060关\ufeff我的事",  # word joiner, BOM
            "这个不關我的事",  # traditional characters
            "你問我，我問誰？",
            "ｎｏｔ ｍｙ ｊｏｂ",  # full-width letters
            "喂!嘿!",
        ):
            with (
                self.subTest(body=body),
                self.assertRaisesNaming(UserError, "forbidden phrase"),
            ):
                self._post(body)
        self.assertEqual(len(self.ticket.message_ids), count)

    def test_every_message_type_a_customer_sees(self):
        for message_type in ("comment", "email", "notification", "auto_comment"):
            with self.subTest(message_type=message_type), self.assertRaises(UserError):
                self._post("不关我的事", message_type=message_type)
        # a note with the customer among its recipients reaches the customer
        with self.assertRaises(UserError):
            self._post(
                "不关我的事",
                subtype_xmlid="mail.mt_note",
                partner_ids=self.customer.ids,
            )
        # an internal note stays internal
        self._post("客户说：不关我的事", subtype_xmlid="mail.mt_note")
        # direct notifications and direct message creation
        with self.assertRaises(UserError):
            self.ticket.with_user(self.agent).message_notify(
                body="没办法！", partner_ids=self.customer.ids
            )
        with self.assertRaises(UserError):
            self.env["mail.message"].with_user(self.agent).create(
                {
                    "model": "helpdesk.ticket",
                    "res_id": self.ticket.id,
                    "body": "你要投诉就投诉吧",
                    "message_type": "comment",
                    "subtype_id": self.env.ref("mail.mt_comment").id,
                }
            )

    def test_editing_a_sent_message(self):
        message = self._post("我马上为您处理。")
        with self.assertRaises(UserError):
            self.ticket.with_user(self.agent)._message_update_content(
                message, "我马上为您处理。不关我的事", strict=False
            )
        self.assertNotIn("不关", message.body)

    def test_composer_comment_and_mass_mail(self):
        for mode in ("comment", "mass_mail"):
            composer = (
                self.env["mail.compose.message"]
                .with_user(self.agent)
                .with_context(
                    default_model="helpdesk.ticket",
                    default_res_ids=self.ticket.ids,
                    default_composition_mode=mode,
                )
                .create({"body": "<p>这不是我们公司的责任</p>", "subject": "Re"})
            )
            with self.subTest(mode=mode), self.assertRaises(UserError):
                composer._action_send_mail()

    def test_proposed_solution_mailed_is_checked(self):
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "Hood",
                "description": "x",
                "partner_id": self.customer.id,
                "team_id": self.team.id,
                "user_id": self.agent.id,
            }
        )
        ticket.with_user(self.agent).action_mark_contacted()
        ticket.aftersales_solution = "没办法，用不起就别用"
        with self.assertRaisesNaming(UserError, "forbidden phrase"):
            ticket.with_user(self.agent).action_propose_solution()
        self.assertEqual(
            ticket.milestone_ids.filtered(lambda m: m.kind == "solution").state,
            "pending",
        )

    def test_repairs_are_checked_too(self):
        repair = self.env["repair.order"].create(
            {
                "partner_id": self.customer.id,
                "product_id": self.env["product.product"]
                .create({"name": "Heater", "type": "consu"})
                .id,
            }
        )
        stock_agent = self.env["res.users"].create(
            {
                "name": "Stock agent",
                "login": "as_stock_agent",
                "email": "stock@example.com",
                "groups_id": [
                    (
                        6,
                        0,
                        [
                            self.env.ref("stock.group_stock_user").id,
                            self.env.ref("aftersales_service.group_aftersales_user").id,
                        ],
                    )
                ],
            }
        )
        with self.assertRaises(UserError):
            repair.with_user(stock_agent).message_post(
                body="不归我管", message_type="email", subtype_xmlid="mail.mt_comment"
            )
        self.assertTrue(repair._aftersales_forbidden_phrase_checked())
        self.assertFalse(self.customer._aftersales_forbidden_phrase_checked())

    def test_customers_own_words_pass(self):
        """Incoming mail from the customer (mail gateway, as the superuser)
        and portal messages are the customer's, not checked."""
        self.ticket.message_post(
            body="你们这服务，真是不关我的事一样",
            message_type="email",
            subtype_xmlid="mail.mt_comment",
            author_id=self.customer.id,
        )
        # an employee cannot pretend to be the customer
        with self.assertRaises(UserError):
            self._post("不关我的事", author_id=self.customer.id)
