# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from freezegun import freeze_time

from .common import AftersalesReturnsCommon


@freeze_time("2026-03-05 10:00:00")
class TestReturnMails(AftersalesReturnsCommon):
    """Mails come from the company, say what happened, in the customer's
    language."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=False))
        cls.company.email = "service@example.com"
        cls.order = cls._sell(cls.customer, [(cls.heater, 3, 1000.0)])

    def _mails(self, rma):
        return rma.message_ids.filtered(
            lambda m: m.message_type == "comment"
            and m.subtype_id == self.env.ref("mail.mt_comment")
        )

    def test_mails_are_sent_as_the_company(self):
        rma = self._confirmed(self.order, qty=1)
        self._inspect(rma, "stock")
        mails = self._mails(rma)
        self.assertGreaterEqual(len(mails), 2)
        for mail in mails:
            self.assertEqual(mail.author_id, self.company.partner_id)
            self.assertNotIn("aftersales-verdict", mail.body or "")
            self.assertNotIn("product manager", (mail.body or "").lower())

    def test_draft_credit_note_is_not_said_issued(self):
        rma = self._confirmed(self.order, qty=1)
        self._inspect(rma, "stock")
        self.assertEqual(rma.refund_id.state, "draft")
        bodies = " ".join(self._mails(rma).mapped("body"))
        self.assertIn("being prepared", bodies)
        self.assertNotIn("has been issued", bodies)
        rma.refund_id.action_post()
        bodies = " ".join(self._mails(rma).mapped("body"))
        self.assertIn("has been issued", bodies)
        self.assertIn(rma.refund_id.name, bodies)

    def test_mail_in_the_customer_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(
            ["aftersales_returns"], ["zh_CN"], overwrite=True
        )
        self.customer.lang = "zh_CN"
        rma = self._confirmed(self.order, qty=1)
        body = self._mails(rma)[:1].body
        self.assertIn("退货", body)
        self.assertNotIn("Dear", body)

    def test_pickup_said_once_decided(self):
        rma = self._rma(self.order, qty=1)
        self._evidence(rma, "test_report")
        rma.action_aftersales_check()
        self.assertFalse(self._mails(rma))
        rma.action_confirm()
        body = self._mails(rma)[:1].body
        self.assertIn("collect the goods", body)


class TestReturnForbiddenPhrases(AftersalesReturnsCommon):
    """What an agent writes to the customer on a return is checked for the
    forbidden phrases (服务禁语), as on a ticket."""

    def test_forbidden_phrase_refused_on_a_return(self):
        from odoo.exceptions import UserError

        order = self._sell(self.customer, [(self.heater, 1, 1000.0)])
        rma = self._rma(order)
        before = len(rma.message_ids)
        self.assertTrue(rma._aftersales_forbidden_phrase_checked())
        with self.assertRaises(UserError):
            rma.with_user(self.user).message_post(
                body="不归我管",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        self.assertEqual(len(rma.message_ids), before)
