# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.aftersales_service.tests import zh_labels

from .common import AftersalesReturnsCommon


@tagged("post_install", "-at_install")
class TestOcaTermsReturns(AftersalesReturnsCommon, HttpCase):
    """rma, rma_sale, rma_reason and rma_lot read in Chinese: their terms come
    from aftersales_returns/i18n_extra/zh_CN.po, the Python code terms a user
    meets through the suite's overrides."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        zh_labels.install_zh_cn(cls.env)
        cls.zh = cls.env(context={"lang": "zh_CN"})
        cls.portal = new_test_user(
            cls.env,
            login="zh_rma_portal",
            groups="base.group_portal",
            lang="zh_CN",
            name="Portal Zhao",
        )
        cls.order = cls._sell(
            cls.portal.partner_id,
            [(cls.heater, 1, 1000.0)],
            invoice_date=fields.Date.today(),
        )
        cls.rma = cls._rma(cls.order)
        cls.rma.message_subscribe(cls.portal.partner_id.ids)

    def test_model_terms_loaded(self):
        rma_fields = self.zh["rma"].fields_get(
            ["state", "operation_id"], ["string", "selection"]
        )
        self.assertEqual(rma_fields["operation_id"]["string"], "申请的处理流程")
        states = dict(rma_fields["state"]["selection"])
        self.assertEqual(states["draft"], "草稿")
        self.assertEqual(states["replaced"], "已换货")
        self.assertEqual(self.zh.ref("rma.rma_menu").name, "退货单")
        arch = self.zh["rma"].get_view(self.env.ref("rma.rma_view_form").id, "form")[
            "arch"
        ]
        self.assertIn("其他信息", arch)

    def test_code_terms_overridden(self):
        rma = self.rma.with_env(self.zh)
        self.assertEqual(rma.action_view_refund()["name"], "退款")
        reasons = {
            r.get("partner_id"): r["reason"]
            for r in rma._message_get_suggested_recipients()
        }
        if self.order.partner_id.id in reasons:
            self.assertEqual(reasons[self.order.partner_id.id], "客户")
        self.assertEqual(
            self.order.with_env(self.zh).action_create_rma()["name"], "创建退货单"
        )

    def test_operation_types_named_in_chinese(self):
        """rma names each warehouse's operation types in Python: they get the
        suite's Chinese when zh_CN is loaded."""
        self.assertEqual(
            self.warehouse.with_env(self.zh).rma_in_type_id.name, "退货收货单"
        )
        self.assertEqual(
            self.warehouse.with_env(self.zh).rma_out_type_id.name, "退货发货单"
        )

    def test_portal_return_list(self):
        self.authenticate("zh_rma_portal", "zh_rma_portal")
        html = self.url_open("/my/rmas").text
        for label in ("日期", "名称", "状态"):
            self.assertIn(label, html)
        self.assertIn(self.rma.name, html)
        for english in (">Date<", ">Name<", ">Status<"):
            self.assertNotIn(english, html)
