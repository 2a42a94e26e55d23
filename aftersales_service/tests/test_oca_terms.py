# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io
import os

import polib

from odoo.modules.module import get_module_path
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tests.common import TransactionCase
from odoo.tools.translate import code_translations, trans_export

from ..tools import oca_term
from . import zh_labels

# the OCA modules whose terms each suite addon ships (as in tools/oca_i18n.py)
OCA_TERMS = {
    "aftersales_service": ["helpdesk_mgmt", "product_warranty"],
    "aftersales_returns": ["rma", "rma_sale", "rma_reason", "rma_lot"],
    "aftersales_contracts": [
        "contract",
        "fieldservice",
        "base_territory",
        "helpdesk_mgmt_fieldservice",
    ],
}


@tagged("post_install", "-at_install")
class TestOcaTermsService(HttpCase):
    """helpdesk_mgmt and product_warranty read in Chinese: their terms come
    from aftersales_service/i18n_extra/zh_CN.po, their Python code terms a
    user meets through the suite's overrides."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        zh_labels.install_zh_cn(cls.env)
        cls.zh = cls.env(context={"lang": "zh_CN"})
        cls.portal = new_test_user(
            cls.env,
            login="zh_portal",
            groups="base.group_portal",
            lang="zh_CN",
            name="Portal Zhang",
        )
        cls.ticket = cls.env["helpdesk.ticket"].create(
            {
                "name": "热水器不加热",
                "description": "<p>热水器不加热</p>",
                "partner_id": cls.portal.partner_id.id,
                "user_id": cls.env.ref("base.user_admin").id,
            }
        )

    def test_model_terms_loaded(self):
        """Field labels, selection values, stages, menus and views of
        helpdesk_mgmt and product_warranty read back in Chinese."""
        fields = self.zh["helpdesk.ticket"].fields_get(
            ["user_id", "category_id", "priority", "stage_id"], ["string", "selection"]
        )
        self.assertEqual(fields["user_id"]["string"], "处理人")
        self.assertEqual(fields["category_id"]["string"], "类别")
        self.assertEqual(dict(fields["priority"]["selection"])["3"], "非常高")
        self.assertEqual(
            self.zh.ref("helpdesk_mgmt.helpdesk_ticket_stage_new").name, "新建"
        )
        self.assertEqual(
            self.zh.ref("helpdesk_mgmt.helpdesk_ticket_stage_in_progress").name,
            "处理中",
        )
        self.assertEqual(
            self.zh.ref("helpdesk_mgmt.helpdesk_ticket_main_menu").name, "服务台"
        )
        arch = self.zh["helpdesk.ticket"].get_view(
            self.env.ref("helpdesk_mgmt.ticket_view_form").id, "form"
        )["arch"]
        self.assertIn("其他信息", arch)
        self.assertNotIn('string="Other Information"', arch)
        warranty = self.zh["product.template"].fields_get(["warranty"], ["string"])
        self.assertEqual(warranty["warranty"]["string"], "保修期")
        template = self.zh.ref("helpdesk_mgmt.closed_ticket_template")
        self.assertIn("已结案", template.subject)

    def test_code_terms_lookup(self):
        self.assertEqual(oca_term(self.zh, "aftersales_service", "Newest"), "最新")
        self.assertEqual(
            oca_term(
                self.env(context={"lang": "en_US"}), "aftersales_service", "Newest"
            ),
            "Newest",
        )
        self.assertEqual(
            oca_term(self.zh, "aftersales_service", "No such term"), "No such term"
        )
        web = code_translations.get_web_translations("aftersales_service", "zh_CN")
        messages = {m["id"]: m["string"] for m in web["messages"]}
        self.assertIn(
            "超过允许的最大文件大小",
            messages[
                "The selected file (%sB) is over the maximum allowed file size (%sB)."
            ],
        )

    def test_dashboard_and_recipients(self):
        tiles = self.zh["helpdesk.ticket.team"]._retrieve_dashboard()
        self.assertEqual(
            {t["name"] for t in tiles}, {"未结案工单", "无团队的未结案工单"}
        )
        reasons = {
            r["partner_id"]: r["reason"]
            for r in self.ticket.with_env(self.zh)._message_get_suggested_recipients()
        }
        self.assertEqual(reasons[self.portal.partner_id.id], "客户")

    def test_portal_ticket_list(self):
        self.authenticate("zh_portal", "zh_portal")
        html = self.url_open("/my/tickets").text
        for label in (
            "最新",
            "标题",
            "阶段更新时间",
            "在全部中搜索",
            "按编号搜索",
            "全部",
            "无",
        ):
            self.assertIn(label, html)
        for english in ("Newest", "Search in Title", "Last Stage Update"):
            self.assertNotIn(english, html)
        self.assertIn("热水器不加热", html)


@tagged("post_install", "-at_install")
class TestOcaTermsCurrent(TransactionCase):
    """Every term of the installed OCA modules has its Chinese in the suite's
    i18n_extra files: a new OCA release with new terms fails here until
    tools/oca_i18n.py is run."""

    def test_i18n_extra_covers_installed_oca_terms(self):
        installed = set(
            self.env["ir.module.module"]
            .search([("state", "=", "installed")])
            .mapped("name")
        )
        for addon, modules in OCA_TERMS.items():
            if addon not in installed:
                continue
            oca = [m for m in modules if m in installed]
            buf = io.BytesIO()
            trans_export(False, oca, buf, "po", self.env.cr)
            exported = {e.msgid for e in polib.pofile(buf.getvalue().decode())}
            path = os.path.join(get_module_path(addon), "i18n_extra", "zh_CN.po")
            shipped = {e.msgid: e.msgstr for e in polib.pofile(path)}
            self.assertEqual(
                sorted(exported - set(shipped)),
                [],
                f"{addon}/i18n_extra/zh_CN.po lacks terms of {oca}: "
                "run tools/oca_i18n.py",
            )
            self.assertEqual(
                sorted(m for m in exported if not shipped[m]),
                [],
                f"{addon}/i18n_extra/zh_CN.po: terms without Chinese",
            )
