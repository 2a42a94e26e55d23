# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The distributor's portal: its units with the months left, registering
sales to end users (several at once, with a receipt photo), the card page."""

import base64
import re
from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged

CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


@tagged("post_install", "-at_install")
class TestWarrantyPortalDistributor(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.distributor = cls.env["res.partner"].create(
            {
                "name": "Portal Distributor",
                "is_company": True,
                "aftersales_is_distributor": True,
            }
        )
        cls.user = new_test_user(
            cls.env, login="wty_dist", password="wty_dist", groups="base.group_portal"
        )
        cls.user.partner_id.parent_id = cls.distributor
        cls.customer_user = new_test_user(
            cls.env, login="wty_cust", password="wty_cust", groups="base.group_portal"
        )
        product = cls.env["product.product"].create(
            {
                "name": "Tour Water Heater",
                "type": "consu",
                "is_storable": True,
                "tracking": "serial",
            }
        )
        lots = cls.env["stock.lot"].create(
            [{"name": f"TOUR-WH-00{i}", "product_id": product.id} for i in (1, 2, 3)]
        )
        today = fields.Date.today()
        sold = today - timedelta(days=20)
        # cards as the sale to the distributor makes them (as superuser)
        cls.cards = cls.env["aftersales.warranty"].create(
            [
                {
                    "partner_id": cls.distributor.id,
                    "distributor_id": cls.distributor.id,
                    "product_id": product.id,
                    "lot_id": lot.id,
                    "start_basis": "invoice",
                    "start_date": sold,
                    "distributor_date": sold,
                    "shelf_limit_date": sold + timedelta(days=90),
                    "registration_state": "pending",
                    "duration": 12,
                }
                for lot in lots
            ]
        )

    def _csrf(self, url):
        return CSRF_RE.search(self.url_open(url).text).group(1)

    def test_tour_distributor_registers_two_units(self):
        self.start_tour(
            "/my/warranties", "aftersales_warranty_register_tour", login="wty_dist"
        )
        registered = self.cards.filtered(lambda c: c.registration_state == "registered")
        self.assertEqual(
            registered.lot_id.mapped("name"), ["TOUR-WH-001", "TOUR-WH-002"]
        )
        self.assertEqual(
            sorted(registered.partner_id.mapped("name")), ["Chen Jing", "Wang Lei"]
        )
        self.assertEqual(set(registered.mapped("registration_channel")), {"portal"})
        self.assertEqual(registered.registered_by_id, self.user)

    def test_register_batch_with_receipt_all_or_nothing(self):
        self.authenticate("wty_dist", "wty_dist")
        csrf = self._csrf("/my/warranties/register")
        day = fields.Date.to_string(fields.Date.today() - timedelta(days=2))
        too_early = fields.Date.to_string(fields.Date.today() - timedelta(days=30))
        data = {
            "csrf_token": csrf,
            "row_count": "3",
            "serial_0": "TOUR-WH-001",
            "customer_name_0": "Chen Jing",
            "phone_0": "138 5751 2507",
            "sale_date_0": day,
            "serial_1": "TOUR-WH-002",
            "customer_name_1": "Wang Lei",
            "phone_1": "137 2222 3333",
            "sale_date_1": too_early,
        }
        files = {"receipt_0": ("receipt.png", PNG, "image/png")}
        response = self.url_open("/my/warranties/register", data=data, files=files)
        self.assertEqual(response.status_code, 200)
        self.assertIn("warranty_register_errors", response.text)
        self.assertIn("before our sale to the distributor", response.text)
        self.assertEqual(set(self.cards.mapped("registration_state")), {"pending"})
        data["sale_date_1"] = day
        response = self.url_open("/my/warranties/register", data=data, files=files)
        self.assertIn("/my/warranties", response.url)
        self.assertIn("warranty_registered_done", response.text)
        card1, card2, card3 = self.cards
        self.assertEqual(card1.registration_state, "registered")
        self.assertEqual(card1.sellout_receipt_name, "receipt.png")
        self.assertEqual(base64.b64decode(card1.sellout_receipt), PNG)
        self.assertEqual(card2.partner_id.name, "Wang Lei")
        self.assertEqual(card3.registration_state, "pending")
        # the list: registered and awaiting units, with the months left
        page = self.url_open("/my/warranties?filterby=pending").text
        self.assertIn("TOUR-WH-003", page)
        self.assertNotIn("TOUR-WH-001", page)
        page = self.url_open("/my/warranties?filterby=registered").text
        self.assertIn("TOUR-WH-001", page)
        self.assertIn("Months Left", page)

    def test_register_page_only_for_distributors(self):
        self.authenticate("wty_cust", "wty_cust")
        response = self.url_open("/my/warranties/register")
        self.assertTrue(response.url.endswith("/my/warranties"))
        self.assertNotIn("warranty_register_form", response.text)

    def test_card_page_pdf_and_request_service(self):
        card = self.cards[2]
        self.authenticate("wty_dist", "wty_dist")
        response = self.url_open(f"/my/warranties/{card.id}")
        self.assertEqual(response.status_code, 200)
        # breadcrumb: the list's label, then the card
        crumbs = re.search(
            r'<ol class="o_portal_submenu breadcrumb.*?</ol>', response.text, re.DOTALL
        ).group(0)
        self.assertIn("Warranty Cards", crumbs)
        self.assertIn(card.name, crumbs)
        self.assertIn("warranty_pdf_download", response.text)
        self.assertIn("/report/barcode/?barcode_type=QR", response.text)
        pdf = self.url_open(f"/my/warranties/{card.id}?report_type=pdf&download=true")
        self.assertEqual(pdf.status_code, 200)
        self.assertEqual(pdf.headers["Content-Type"], "application/pdf")
        csrf = CSRF_RE.search(response.text).group(1)
        response = self.url_open(
            f"/my/warranties/{card.id}/request",
            data={
                "csrf_token": csrf,
                "name": "Zhou Min",
                "phone": "139 0000 2222",
                "description": "Customer reports a leak.",
            },
        )
        ticket = self.env["helpdesk.ticket"].sudo().search([], order="id desc", limit=1)
        self.assertEqual(ticket.lot_id, card.lot_id)
        self.assertEqual(ticket.partner_id, self.user.partner_id)
        self.assertIn(ticket.number, response.text)
        # another portal user cannot see the card
        self.authenticate("wty_cust", "wty_cust")
        response = self.url_open(f"/my/warranties/{card.id}")
        self.assertIn(response.status_code, (403, 404))
