# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The public warranty check over HTTP, without a login."""

import re
from datetime import timedelta

from lxml import html as lxml_html

from odoo import fields
from odoo.tests import HttpCase, tagged

CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')


@tagged("post_install", "-at_install")
class TestWarrantyPublic(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.company.aftersales_service_hotline = "400-800-1234"
        cls.company.aftersales_public_check_limit = 10
        product = cls.env["product.product"].create(
            {
                "name": "Public Water Heater",
                "type": "consu",
                "is_storable": True,
                "tracking": "serial",
            }
        )
        cls.owner = cls.env["res.partner"].create(
            {
                "name": "Owner Secret Name",
                "phone": "+86 138 1234 5678",
                "street": "Secret Street 1",
            }
        )
        cls.lot_ok, cls.lot_old = cls.env["stock.lot"].create(
            [
                {"name": "PUB-OK-001", "product_id": product.id},
                {"name": "PUB-OLD-001", "product_id": product.id},
            ]
        )
        today = fields.Date.today()
        # made as superuser (trusted), like a data import
        Warranty = cls.env["aftersales.warranty"]
        cls.card_ok = Warranty.create(
            {
                "partner_id": cls.owner.id,
                "product_id": product.id,
                "lot_id": cls.lot_ok.id,
                "start_date": today - timedelta(days=30),
                "duration": 12,
            }
        )
        cls.card_old = Warranty.create(
            {
                "partner_id": cls.owner.id,
                "product_id": product.id,
                "lot_id": cls.lot_old.id,
                "start_date": today - timedelta(days=800),
                "duration": 12,
            }
        )

    def _csrf(self):
        response = self.url_open("/warranty/check")
        self.assertEqual(response.status_code, 200)
        return CSRF_RE.search(response.text).group(1)

    def _lookup(self, serial, phone, csrf=None):
        return self.url_open(
            "/warranty/check",
            data={"serial": serial, "phone": phone, "csrf_token": csrf or self._csrf()},
        )

    @staticmethod
    def _block(response, block_id):
        nodes = lxml_html.fromstring(response.text).xpath(f"//*[@id='{block_id}']")
        return " ".join(nodes[0].text_content().split()) if nodes else None

    def _assert_no_personal_data(self, response):
        for secret in ("Owner Secret Name", "1234 5678", "Secret Street"):
            self.assertNotIn(secret, response.text)

    def test_qr_page_covered(self):
        response = self.url_open(f"/warranty/check/{self.card_ok.sudo().check_token}")
        self.assertEqual(response.status_code, 200)
        answer = self._block(response, "warranty_check_answer")
        self.assertIn("In warranty", answer)
        self.assertIn("Public Water Heater", answer)
        self.assertIn("PUB-OK-001", answer)
        self.assertIn("400-800-1234", answer)
        self.assertIn(self.card_ok.end_date.strftime("%m/%d/%Y"), answer)
        self._assert_no_personal_data(response)
        self.assertIn('id="warranty_request_form"', response.text)

    def test_qr_page_expired(self):
        response = self.url_open(f"/warranty/check/{self.card_old.sudo().check_token}")
        answer = self._block(response, "warranty_check_answer")
        self.assertIn("Not covered", answer)
        self.assertIn("ended on", answer)
        self._assert_no_personal_data(response)

    def test_typed_lookup_and_refusal_is_the_same(self):
        response = self._lookup("PUB-OK-001", "5678")
        self.assertIn("In warranty", self._block(response, "warranty_check_answer"))
        self._assert_no_personal_data(response)
        wrong_phone = self._lookup("PUB-OK-001", "0000")
        no_serial = self._lookup("PUB-NOPE-999", "5678")
        self.assertEqual(wrong_phone.status_code, no_serial.status_code)
        refused = self._block(wrong_phone, "warranty_check_refused")
        self.assertTrue(refused)
        self.assertEqual(refused, self._block(no_serial, "warranty_check_refused"))
        for response in (wrong_phone, no_serial):
            self.assertIsNone(self._block(response, "warranty_check_answer"))
            self.assertNotIn("Public Water Heater", response.text)
        bad_token = self.url_open("/warranty/check/" + "0" * 32)
        self.assertEqual(refused, self._block(bad_token, "warranty_check_refused"))
        uses = self.env["aftersales.warranty.lookup"].search([])
        self.assertEqual(len(uses), 4)
        self.assertEqual(uses.mapped("found").count(True), 1)

    def test_rate_limit_per_address(self):
        self.company.aftersales_public_check_limit = 3
        csrf = self._csrf()
        for _i in range(3):
            response = self._lookup("PUB-NOPE-999", "1111", csrf=csrf)
            self.assertEqual(response.status_code, 200)
        # even the right answer is refused once the address is over its limit
        response = self._lookup("PUB-OK-001", "5678", csrf=csrf)
        self.assertEqual(response.status_code, 429)
        self.assertTrue(self._block(response, "warranty_check_rate_limited"))
        self.assertIsNone(self._block(response, "warranty_check_answer"))
        # the window passes: allowed again
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE aftersales_warranty_lookup "
            "SET create_date = create_date - interval '2 hours'"
        )
        self.env.invalidate_all()
        response = self._lookup("PUB-OK-001", "5678", csrf=csrf)
        self.assertEqual(response.status_code, 200)
        self.assertTrue(self._block(response, "warranty_check_answer"))

    def test_request_service_creates_ticket(self):
        csrf = self._csrf()
        token = self.card_ok.sudo().check_token
        Ticket = self.env["helpdesk.ticket"].sudo()
        before = Ticket.search_count([])
        response = self.url_open(
            "/warranty/request",
            data={
                "token": token,
                "name": "Visitor Zhao",
                "phone": "12",
                "description": "Leaks",
                "csrf_token": csrf,
            },
        )
        self.assertIn("phone", self._block(response, "warranty_request_form"))
        self.assertEqual(Ticket.search_count([]), before)
        response = self.url_open(
            "/warranty/request",
            data={
                "token": token,
                "name": "Visitor Zhao",
                "phone": "+86 139 0000 1111",
                "email": "zhao@example.com",
                "description": "The valve leaks.",
                "partner_id": "1",  # ignored: only validated fields are used
                "csrf_token": csrf,
            },
        )
        self.assertEqual(response.status_code, 200)
        ticket = Ticket.search([], order="id desc", limit=1)
        self.assertEqual(Ticket.search_count([]), before + 1)
        self.assertEqual(ticket.lot_id, self.lot_ok)
        self.assertEqual(ticket.partner_id, self.owner)
        self.assertEqual(ticket.partner_name, "Visitor Zhao")
        self.assertIn("The valve leaks.", ticket.description)
        self.assertEqual(ticket.warranty_id, self.card_ok)
        self.assertEqual(ticket.warranty_state, "in_warranty")
        self.assertIn(ticket.number, self._block(response, "warranty_request_done"))
        self._assert_no_personal_data(response)
