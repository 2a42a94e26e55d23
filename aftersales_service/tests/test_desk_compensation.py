# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import io
import shutil
import subprocess
import tempfile
import unittest

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import AftersalesCommon


def _signature_png():
    """A small drawing, base64, as the signature widget sends it."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (120, 40), "white")
    ImageDraw.Draw(image).line([(5, 30), (40, 5), (80, 35), (115, 10)], fill="black")
    buf = io.BytesIO()
    image.save(buf, format="PNG")
    return base64.b64encode(buf.getvalue())


SIGNATURE = _signature_png()


@tagged("post_install", "-at_install")
class TestDeskCompensation(AftersalesCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer.write({"email": "wang@example.com", "lang": "en_US"})
        cls.ticket.write({"partner_id": cls.customer.id, "is_complaint": True})
        cls.kettle = cls.env["product.product"].create(
            {"name": "Electric Kettle", "type": "consu", "list_price": 199.0}
        )

    def _compensation(self, **vals):
        comp = (
            self.env["aftersales.compensation"]
            .with_user(self.user)
            .create(dict({"ticket_id": self.ticket.id}, **vals))
        )
        comp.action_submit()
        return comp

    def test_refund_becomes_draft_credit_note(self):
        comp = self._compensation(kind="refund", amount=300, description="Late repair")
        self.assertFalse(comp.credit_note_id)
        comp.with_user(self.manager).action_approve()
        move = comp.credit_note_id
        self.assertTrue(move)
        self.assertEqual(move.move_type, "out_refund")
        self.assertEqual(move.state, "draft")
        self.assertEqual(move.partner_id, self.customer)
        self.assertEqual(move.amount_total, 300.0)
        self.assertEqual(move.aftersales_compensation_id, comp)
        self.assertEqual(move.aftersales_ticket_id, self.ticket)
        self.assertTrue(comp.carried_out_date)
        self.assertFalse(comp.picking_id)
        self.assertTrue(
            any("credit note" in (m.body or "") for m in self.ticket.message_ids)
        )
        # approving twice carries out nothing more
        with self.assertRaises(UserError):
            comp.with_user(self.manager).action_approve()
        self.assertEqual(
            self.env["account.move"].search_count(
                [("aftersales_compensation_id", "=", comp.id)]
            ),
            1,
        )

    def test_discount_becomes_credit_note_too(self):
        comp = self._compensation(kind="discount", amount=50)
        comp.with_user(self.manager).action_approve()
        self.assertEqual(comp.credit_note_id.amount_total, 50.0)

    def test_replacement_becomes_delivery_of_the_ticket_product(self):
        self.ticket.product_id = self.kettle
        comp = (
            self.env["aftersales.compensation"]
            .with_user(self.user)
            .new({"ticket_id": self.ticket.id, "kind": "replacement"})
        )
        comp._onchange_kind()
        self.assertEqual(comp.product_id, self.kettle)
        comp = self._compensation(kind="replacement", product_id=self.kettle.id)
        comp.with_user(self.manager).action_approve()
        picking = comp.picking_id
        self.assertTrue(picking)
        self.assertEqual(picking.picking_type_code, "outgoing")
        self.assertEqual(picking.partner_id, self.customer)
        self.assertEqual(picking.move_ids.product_id, self.kettle)
        self.assertEqual(picking.move_ids.product_uom_qty, 1.0)
        self.assertNotIn(picking.state, ("draft", "cancel"))
        self.assertEqual(picking.aftersales_ticket_id, self.ticket)
        self.assertEqual(picking.aftersales_compensation_id, comp)
        self.assertFalse(comp.credit_note_id)

    def test_gift_and_goods_are_delivered(self):
        for kind in ("gift", "goods"):
            comp = self._compensation(kind=kind, product_id=self.kettle.id, quantity=2)
            comp.with_user(self.manager).action_approve()
            self.assertEqual(comp.picking_id.move_ids.product_uom_qty, 2.0)

    def test_values_checked_before_approval(self):
        comp = (
            self.env["aftersales.compensation"]
            .with_user(self.user)
            .create({"ticket_id": self.ticket.id, "kind": "refund", "amount": 0})
        )
        with self.assertRaisesNaming(UserError, comp.name, "amount"):
            comp.action_submit()
        comp.amount = -5
        with self.assertRaisesNaming(UserError, "negative"):
            comp.action_submit()
        gift = (
            self.env["aftersales.compensation"]
            .with_user(self.user)
            .create({"ticket_id": self.ticket.id, "kind": "gift"})
        )
        with self.assertRaisesNaming(UserError, "product"):
            gift.action_submit()
        self.assertEqual((comp.state, gift.state), ("draft", "draft"))

    def test_only_a_manager_approves_and_nobody_writes_the_approval(self):
        comp = self._compensation(kind="refund", amount=10)
        with self.assertRaises(AccessError):
            comp.with_user(self.user).action_approve()
        for fname, value in (
            ("state", "approved"),
            ("approved_by_id", self.manager.id),
            ("carried_out_date", "2026-01-01 00:00:00"),
            ("signed_by", "Forged"),
        ):
            with self.assertRaises(UserError):
                comp.with_user(self.manager).write({fname: value})
        self.assertEqual(comp.state, "to_approve")
        self.assertFalse(comp.approved_by_id)

    def test_signed_handling_agreement_pdf(self):
        comp = self._compensation(
            kind="refund", amount=300, description="Refund of the repair fee"
        )
        with self.assertRaises(UserError):
            comp.with_user(self.user).action_sign(SIGNATURE, "Wang")
        comp.with_user(self.manager).action_approve()
        self.assertTrue(comp.with_user(self.user).can_sign)
        self.env["aftersales.compensation.sign"].with_user(self.user).create(
            {
                "compensation_id": comp.id,
                "signed_by": "Wang Lei",
                "signature": SIGNATURE,
            }
        ).action_sign()
        self.assertEqual(comp.signed_by, "Wang Lei")
        self.assertTrue(comp.signed_date)
        self.assertTrue(comp.signature)
        with self.assertRaisesNaming(UserError, "already signed"):
            comp.with_user(self.user).action_sign(SIGNATURE, "Someone else")
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(
                "aftersales_service.report_compensation_agreement", comp.ids
            )[0]
            .decode()
        )
        self.assertIn("Wang Lei", html)
        self.assertIn("data:image/png;base64", html)
        self.assertIn(comp.credit_note_id.display_name, html)


@tagged("post_install", "-at_install")
class TestDeskAgreementPdf(HttpCase):
    """The handling agreement as a real PDF (wkhtmltopdf fetches the report
    assets from the server: an HttpCase serves them on the test cursor)."""

    def test_signed_agreement_pdf_text(self):
        if not shutil.which("pdftotext") or not shutil.which("wkhtmltopdf"):
            raise unittest.SkipTest("pdftotext or wkhtmltopdf missing")
        manager = new_test_user(
            self.env,
            login="as_pdf_manager",
            groups="aftersales_service.group_aftersales_manager",
        )
        customer = self.env["res.partner"].create({"name": "Customer Wang"})
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "Hood noisy",
                "description": "Fan rattles",
                "partner_id": customer.id,
            }
        )
        comp = (
            self.env["aftersales.compensation"]
            .with_user(manager)
            .create(
                {
                    "ticket_id": ticket.id,
                    "kind": "refund",
                    "amount": 300,
                    "description": "Refund of the repair fee",
                }
            )
        )
        comp.action_submit()
        comp.action_approve()
        comp.action_sign(SIGNATURE, "Wang Lei")
        pdf, kind = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(
                "aftersales_service.report_compensation_agreement", comp.ids
            )
        )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
            handle.write(pdf)
            handle.flush()
            text = subprocess.run(
                ["pdftotext", "-layout", handle.name, "-"],
                capture_output=True,
                check=True,
                text=True,
            ).stdout
            for expected in (
                "Handling Agreement",
                comp.name,
                "Wang Lei",
                "Refund of the repair fee",
                "Customer's signature",
            ):
                self.assertIn(expected, text)
            if shutil.which("pdfimages"):
                # the signature is one of the PDF's images (with the logo)
                listing = (
                    subprocess.run(
                        ["pdfimages", "-list", handle.name],
                        capture_output=True,
                        check=True,
                        text=True,
                    )
                    .stdout.strip()
                    .splitlines()
                )
                self.assertGreaterEqual(len(listing) - 2, 1)
