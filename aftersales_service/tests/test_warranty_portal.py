# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestWarrantyPortal(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal_a = new_test_user(
            cls.env,
            login="wty_portal_a",
            password="wty_portal_a",
            groups="base.group_portal",
        )
        cls.portal_b = new_test_user(
            cls.env,
            login="wty_portal_b",
            password="wty_portal_b",
            groups="base.group_portal",
        )
        product = cls.env["product.product"].create(
            {"name": "Gas Stove", "type": "consu"}
        )
        cls.card_a, cls.card_b = cls.env["aftersales.warranty"].create(
            [
                {
                    "partner_id": user.partner_id.id,
                    "product_id": product.id,
                    "start_date": date(2025, 1, 1),
                    "duration": 12,
                }
                for user in (cls.portal_a, cls.portal_b)
            ]
        )

    def test_portal_orm_access(self):
        self.assertEqual(
            self.card_a.with_user(self.portal_a).read(["name"])[0]["name"],
            self.card_a.name,
        )
        with self.assertRaises(AccessError):
            self.card_b.with_user(self.portal_a).read(["name"])
        self.assertEqual(
            self.env["aftersales.warranty"].with_user(self.portal_a).search([]),
            self.card_a,
        )

    def test_portal_routes(self):
        self.authenticate("wty_portal_a", "wty_portal_a")
        response = self.url_open("/my/warranties")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.card_a.name, response.text)
        self.assertNotIn(self.card_b.name, response.text)
        response = self.url_open(f"/my/warranties/{self.card_a.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.card_a.name, response.text)
        response = self.url_open(f"/my/warranties/{self.card_b.id}")
        self.assertIn(response.status_code, (403, 404))
        self.assertNotIn(self.card_b.name, response.text)

    def test_report_renders(self):
        html, _type = self.env["ir.actions.report"]._render_qweb_html(
            "aftersales_service.report_aftersales_warranty", self.card_a.ids
        )
        html = html.decode()
        self.assertIn(self.card_a.name, html)
        self.assertIn("Gas Stove", html)
        self.assertIn("Damage from unstable voltage", html)
