# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The warranty card (保修卡) as a PDF: rendered by wkhtmltopdf and read back
with pdftotext.

An HttpCase: wkhtmltopdf fetches the report's stylesheets from the test server,
which must share the test transaction (as Odoo's own report rendering tests)."""

import shutil
import subprocess
import tempfile
import unittest
from datetime import date

from odoo.tests import HttpCase, tagged
from odoo.tools.misc import format_date

from .common import AftersalesCommon

D = date(2025, 3, 10)


@tagged("post_install", "-at_install")
class TestWarrantyReport(HttpCase, AftersalesCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_warranty_fixture()
        cls.company.aftersales_service_hotline = "400-800-1234"
        cls.customer.write(
            {
                "phone": "+86 571 8888 0001",
                "street": "1 Wensan Road",
                "city": "Hangzhou",
            }
        )
        cls.lot = cls._create_lots(cls.product_heater, ["WH-PDF-001"])
        cls.order, cls.invoice = cls._sell_and_invoice(cls.product_heater, 1, None, D)
        cls.card = cls.Warranty.search([("lot_id", "=", cls.lot.id)])
        cls.printer_categ = cls.env.ref(
            "aftersales_service.product_category_office_equipment"
        )

    def _pdf_text(self, card):
        if not shutil.which("pdftotext"):
            raise unittest.SkipTest("pdftotext (poppler-utils) is not installed")
        pdf, kind = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf("aftersales_service.report_aftersales_warranty", card.ids)
        )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
            handle.write(pdf)
            handle.flush()
            text = subprocess.run(
                ["pdftotext", "-layout", handle.name, "-"],
                check=True,
                capture_output=True,
            ).stdout.decode()
        return " ".join(text.split())

    def test_card_pdf(self):
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "Heater noise",
                "description": "<p>noise</p>",
                "partner_id": self.customer.id,
                "lot_id": self.lot.id,
            }
        )
        text = self._pdf_text(self.card)
        self.assertIn(self.card.name, text)
        self.assertIn("WH-PDF-001", text)
        self.assertIn(format_date(self.env, self.card.end_date), text)
        self.assertIn("400-800-1234", text)
        self.assertIn(self.company.name, text)
        self.assertIn("Customer Wang", text)
        self.assertIn("+86 571 8888 0001", text)
        self.assertIn("Wensan Road", text)
        self.assertIn(self.invoice.name, text)
        self.assertIn("Customer invoice date", text)
        self.assertIn(format_date(self.env, D), text)
        self.assertIn(ticket.number, text)
        self.assertIn("Quantity 1 ", text + " ")
        # exclusions of this product's category only
        self.assertIn("Damage from unstable voltage", text)
        self.assertNotIn("toner", text)

    def test_exclusions_by_category(self):
        Exclusion = self.env["aftersales.warranty.exclusion"]
        consumables = self.env.ref("aftersales_service.exclusion_consumables")
        self.assertNotIn(
            consumables, Exclusion._aftersales_for_product(self.product_heater)
        )
        printer = self._create_warranty_product(
            "Laser Printer",
            categ=self.env["product.category"].create(
                {"name": "Laser", "parent_id": self.printer_categ.id}
            ),
        )
        self.assertIn(consumables, Exclusion._aftersales_for_product(printer))
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(
                "aftersales_service.report_aftersales_warranty", self.card.ids
            )[0]
            .decode()
        )
        self.assertNotIn("toner", html)
        self.assertIn("data:image/png;base64", html, "the QR code is embedded")
