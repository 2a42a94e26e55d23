# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.aftersales_service.tests import zh_labels

from .common import AftersalesContractsCommon


@tagged("post_install", "-at_install")
class TestOcaTermsContracts(AftersalesContractsCommon, HttpCase):
    """contract reads in Chinese: its terms come from
    aftersales_contracts/i18n_extra/zh_CN.po and win over contract's own
    (partly wrong) zh_CN; the Python code terms a user meets come through the
    suite's overrides."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        zh_labels.install_zh_cn(cls.env)
        cls.zh = cls.env(context={"lang": "zh_CN"})
        cls.portal = new_test_user(
            cls.env,
            login="zh_contract_portal",
            password="zh_contract_pwd",
            groups="base.group_portal",
            lang="zh_CN",
            partner_id=cls.distributor.id,
        )
        cls.dist_agreement.message_subscribe(cls.distributor.ids)

    def test_model_terms_loaded(self):
        """The suite's terms win over contract's own zh_CN ("重新发起",
        "下一个发票的日期")."""
        contract_fields = self.zh["contract.contract"].fields_get(
            ["recurring_rule_type", "recurring_next_date", "contract_line_ids"],
            ["string", "selection"],
        )
        self.assertEqual(contract_fields["recurring_rule_type"]["string"], "周期")
        self.assertEqual(
            dict(contract_fields["recurring_rule_type"]["selection"])["monthlylastday"],
            "个月（月末）",
        )
        self.assertEqual(
            contract_fields["recurring_next_date"]["string"], "下次开票日期"
        )
        self.assertEqual(contract_fields["contract_line_ids"]["string"], "合同行")

    def test_code_terms_overridden(self):
        action = self.dist_agreement.with_env(self.zh).action_contract_send()
        self.assertEqual(action["name"], "撰写邮件")

    def test_portal_contract_list(self):
        self.authenticate("zh_contract_portal", "zh_contract_pwd")
        html = self.url_open("/my/contracts").text
        for label in ("日期", "名称", "参考号"):
            self.assertIn(label, html)
        for english in (">Reference<", ">Name<"):
            self.assertNotIn(english, html)
