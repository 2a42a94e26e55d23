# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests.common import TransactionCase, new_test_user


class AftersalesCommon(TransactionCase):
    """The one fixture class of aftersales_service tests."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.company
        cls.user = new_test_user(
            cls.env,
            login="as_user",
            groups="aftersales_service.group_aftersales_user",
        )
        cls.manager = new_test_user(
            cls.env,
            login="as_manager",
            groups="aftersales_service.group_aftersales_manager",
        )
        cls.customer = cls.env["res.partner"].create({"name": "Customer Wang"})
