# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A Chinese PDF prints Chinese with a CJK font, tested on the PDF itself.

The warranty card is rendered by wkhtmltopdf for a customer who reads
Chinese; the text is extracted (pdftotext, else PyPDF2) and the fonts listed
(pdffonts, else PyPDF2): the Chinese comes out, and a CJK font with its
Simplified Chinese forms (Noto Sans CJK SC, from fonts-noto-cjk) is embedded.
"""

import io
import os
import re
import shutil
import subprocess
import tempfile
import unicodedata

from odoo.tests import HttpCase, tagged

from .common import AftersalesCommon
from .zh_labels import install_zh_cn

OTHER_CJK = re.compile(r"CJK ?(jp|kr|tc|hk)", re.IGNORECASE)
CJK_FONT = re.compile(
    r"CJK|Han ?Sans|HanSans|WenQuanYi|YaHei|SimSun|SimHei", re.IGNORECASE
)


def pdf_text(pdf):
    if shutil.which("pdftotext"):
        with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
            f.write(pdf)
            f.flush()
            text = subprocess.run(
                ["pdftotext", "-layout", f.name, "-"],
                capture_output=True,
                check=True,
                text=True,
            ).stdout
    else:
        from PyPDF2 import PdfReader

        text = "\n".join(
            page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages
        )
    # Qt maps some glyphs back to their Kangxi radical (⽉ for 月): NFKC folds them
    return unicodedata.normalize("NFKC", text)


def pdf_fonts(pdf):
    """[(name, embedded)] of the fonts of the PDF."""
    if shutil.which("pdffonts"):
        with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
            f.write(pdf)
            f.flush()
            out = subprocess.run(
                ["pdffonts", f.name], capture_output=True, check=True, text=True
            ).stdout
        fonts = []
        for line in out.splitlines()[2:]:
            cols = line.split()
            # name type... encoding emb sub uni object ID
            if len(cols) >= 6:
                fonts.append((cols[0], cols[-5] == "yes"))
        return fonts
    from PyPDF2 import PdfReader

    def obj(value):
        return value.get_object() if hasattr(value, "get_object") else value

    fonts = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        resources = obj(page.get("/Resources")) or {}
        for font in (obj(resources.get("/Font")) or {}).values():
            font = obj(font)
            descendants = obj(font.get("/DescendantFonts"))
            target = obj(descendants[0]) if descendants else font
            descriptor = obj(target.get("/FontDescriptor")) or {}
            embedded = any(
                key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")
            )
            fonts.append(
                (str(font.get("/BaseFont", "")).split("+")[-1].lstrip("/"), embedded)
            )
    return fonts


@tagged("post_install", "-at_install")
class TestZhPdf(AftersalesCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        install_zh_cn(cls.env)
        cls._setup_warranty_fixture()
        cls.customer.lang = "zh_CN"
        cls.customer.name = "王先生"
        lots = cls._create_lots(cls.product_heater, ["WH-ZH-0001"])
        cls.product_heater.with_context(lang="zh_CN").name = "电热水器"
        cls.order, cls.invoice = cls._sell_and_invoice(
            cls.product_heater, 1, lots, "2026-03-02"
        )
        cls.card = cls.Warranty.search([("sale_order_id", "=", cls.order.id)])

    def _render(self, report, records):
        if self.env["ir.actions.report"].get_wkhtmltopdf_state() != "ok":
            self.skipTest("wkhtmltopdf is not installed")
        pdf, kind = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(report, records.ids)
        )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        if os.environ.get("AFTERSALES_PDF_DIR"):  # to look at it
            path = os.path.join(os.environ["AFTERSALES_PDF_DIR"], f"{report}.pdf")
            with open(path, "wb") as f:
                f.write(pdf)
        return pdf

    def test_warranty_card_pdf_in_chinese(self):
        self.assertTrue(self.card)
        pdf = self._render(
            "aftersales_service.action_report_aftersales_warranty", self.card
        )
        text = re.sub(r"\s+", "", pdf_text(pdf))
        # Chinese only: Latin text in the company's web font (Lato) is drawn as
        # shapes by wkhtmltopdf, not as text; and Qt names a few glyphs by a
        # variant code point (客戶 for 客户): the printed forms are right
        for expected in (
            "保修卡",
            "王先生",
            "电热水器",
            "保修截止日期",
            "不属保修范围",
        ):
            self.assertIn(expected, text)
        self.assertNotIn("WarrantyCard", text)
        self.assertNotIn("Notcoveredbythewarranty", text)
        fonts = pdf_fonts(pdf)
        cjk = [(name, embedded) for name, embedded in fonts if CJK_FONT.search(name)]
        self.assertTrue(cjk, f"no CJK font in the PDF: {fonts}")
        self.assertTrue(
            all(embedded for _name, embedded in cjk), f"CJK font not embedded: {cjk}"
        )
        # Simplified Chinese forms, not the Japanese ones Qt falls back to
        self.assertFalse(
            [name for name, _e in cjk if OTHER_CJK.search(name)],
            f"a CJK font of another language was used: {cjk}",
        )
