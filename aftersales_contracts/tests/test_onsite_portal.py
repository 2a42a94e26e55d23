# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re
import shutil
import subprocess
import tempfile
import unittest
from datetime import datetime
from pathlib import Path

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from .common_onsite import SIGNATURE, AftersalesOnsiteCommon


@tagged("post_install", "-at_install")
class TestOnsitePortal(AftersalesOnsiteCommon, HttpCase):
    """The service point's side, in the portal: its own orders and the
    contact data of their customers only; accept, check in, record the work
    and parts, the customer signs; the signed slip as a PDF."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.own_ticket = cls._ticket(cls, cls.city_customer)
        cls.own = cls._dispatch(cls, cls.own_ticket)
        cls.other = cls._dispatch(cls, cls._ticket(cls, cls.nanjing_customer))

    def _csrf(self, html):
        return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)

    def test_service_point_sees_its_own_orders_only(self):
        Order = self.env["fsm.order"].with_user(self.tech_user)
        self.assertEqual(Order.search([]), self.own)
        with self.assertRaises(AccessError):
            self.other.with_user(self.tech_user).read(["name"])
        # the contact data of its own customer, through its order
        data = self.own.with_user(self.tech_user).read(["phone", "street", "city"])[0]
        self.assertEqual(data["phone"], "+86 571 0000 1111")
        # and nobody else's
        with self.assertRaises(AccessError):
            self.nanjing_customer.with_user(self.tech_user).read(["phone"])
        with self.assertRaises(AccessError):
            self.city_customer.with_user(self.other_user).read(["phone"])
        # a technician cannot change the deadline or the arrival
        for vals in (
            {"aftersales_deadline": "2099-01-01 00:00:00"},
            {"aftersales_arrived_on": "2026-03-02 08:05:00"},
        ):
            # AccessError is a UserError
            with self.assertRaises(UserError, msg=f"a technician wrote {vals}"):
                self.own.with_user(self.tech_user).write(vals)
        self.assertFalse(self.own.aftersales_arrived_on)
        self.authenticate("tech_chen", "tech_chen_pwd")
        page = self.url_open("/my/onsite")
        self.assertIn(self.own.name, page.text)
        self.assertNotIn(self.other.name, page.text)
        refused = self.url_open(f"/my/onsite/{self.other.id}")
        self.assertTrue(refused.url.endswith("/my/onsite"))
        self.assertNotIn("0000 3333", refused.text)
        mine = self.url_open(f"/my/onsite/{self.own.id}")
        self.assertIn("0000 1111", mine.text)
        # acting on another service point's order changes nothing
        token = self._csrf(mine.text)
        self.url_open(f"/my/onsite/{self.other.id}/accept", data={"csrf_token": token})
        self.assertFalse(self.other.aftersales_accepted_on)

    def test_technician_accepts_checks_in_and_completes_with_signature(self):
        self.authenticate("tech_chen", "tech_chen_pwd")
        url = f"/my/onsite/{self.own.id}"
        token = self._csrf(self.url_open(url).text)
        with freeze_time("2026-03-02 09:00:00"):
            self.url_open(url + "/accept", data={"csrf_token": token})
        self.assertEqual(self.own.aftersales_accepted_by_id, self.tech_user)
        self.assertEqual(self.own.person_id, self.tech)
        # signing before the check-in is refused, data unchanged
        result = self.make_jsonrpc_request(
            url + "/sign", {"name": "Mrs Lin", "signature": SIGNATURE}
        )
        self.assertIn("check in", result["error"])
        self.assertFalse(self.own.signature)
        with freeze_time("2026-03-02 10:30:00"):
            self.url_open(url + "/checkin", data={"csrf_token": token})
        self.assertEqual(self.own.aftersales_arrived_on, datetime(2026, 3, 2, 10, 30))
        self.assertEqual(self.own.aftersales_arrived_by_id, self.tech_user)
        self.url_open(
            url + "/work",
            data={
                "csrf_token": token,
                "resolution": "Replaced the ignition electrode",
                "travel_cost": "0",
                "lodging_cost": "0",
            },
        )
        self.url_open(
            url + "/line/add",
            data={
                "csrf_token": token,
                "product_id": str(self.labour.id),
                "quantity": "1",
            },
        )
        self.assertEqual(self.own.aftersales_line_ids.product_id, self.labour)
        # a product outside the list is refused
        self.url_open(
            url + "/line/add",
            data={"csrf_token": token, "product_id": str(self.heater.id)},
        )
        self.assertEqual(len(self.own.aftersales_line_ids), 1)
        result = self.make_jsonrpc_request(
            url + "/sign", {"name": "Mrs Lin", "signature": ""}
        )
        self.assertTrue(result.get("error"))
        self.assertFalse(self.own.is_closed)
        with freeze_time("2026-03-02 11:00:00"):
            result = self.make_jsonrpc_request(
                url + "/sign", {"name": "Mrs Lin", "signature": SIGNATURE}
            )
        self.assertTrue(result.get("force_refresh"), result)
        self.assertEqual(self.own.aftersales_state, "done")
        self.assertTrue(self.own.is_closed)
        self.assertEqual(self.own.signed_by, "Mrs Lin")
        self.assertTrue(self.own_ticket.customer_confirmed)
        slip = self.url_open(url + "/slip")
        self.assertEqual(slip.headers["Content-Type"], "application/pdf")
        # callback by the service point once the ticket is closed
        self.own_ticket.with_user(self.manager).action_close_confirmed()
        token = self._csrf(self.url_open(url).text)
        self.url_open(
            url + "/callback",
            data={"csrf_token": token, "outcome": "satisfied", "rating": "5"},
        )
        callback = self.own.aftersales_callback_ids
        self.assertEqual(callback.user_id, self.tech_user)
        self.assertTrue(self.own.aftersales_callback_done)
        # the service point reports a major fault at once
        self.url_open(
            url + "/major_fault",
            data={"csrf_token": token, "kind": "accident", "description": "Gas leak"},
        )
        fault = self.own.aftersales_major_fault_ids
        self.assertEqual(fault.kind, "accident")
        self.assertEqual(fault.reported_by_id, self.tech_user)
        self.assertEqual(fault.activity_ids.user_id, self.manager)


@tagged("post_install", "-at_install")
class TestRepairSlipPdf(AftersalesOnsiteCommon, HttpCase):
    """The signed repair slip (维修单) read back as a PDF."""

    def _pdf(self, order):
        pdf, _fmt = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(
                "aftersales_contracts.action_report_aftersales_repair_slip", order.ids
            )
        )
        return pdf

    def _tool(self, *args):
        return subprocess.run(args, capture_output=True, text=True, check=True).stdout

    @unittest.skipUnless(
        shutil.which("pdftotext") and shutil.which("pdfimages"), "poppler-utils"
    )
    def test_slip_pdf_has_number_serial_decision_and_signature(self):
        order = self._dispatch(self._ticket(self.city_customer, lot_id=self.lot3.id))
        unsigned = self._pdf(order)
        self._complete(order, at=datetime(2026, 3, 2, 12, 0))
        signed = self._pdf(order)
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "slip.pdf"
            path.write_bytes(signed)
            text = self._tool("pdftotext", "-layout", str(path), "-")
            images = self._tool("pdfimages", "-list", str(path))
            path2 = Path(tmp) / "unsigned.pdf"
            path2.write_bytes(unsigned)
            images_unsigned = self._tool("pdfimages", "-list", str(path2))
        self.assertTrue(signed.startswith(b"%PDF"))
        self.assertIn(order.aftersales_slip_number, text)
        self.assertIn("WH60-0003", text)
        self.assertIn("Mrs Lin", text)
        self.assertIn("free of charge", text)
        self.assertIn("Free (in warranty)", text)

        def rows(listing):
            return [line for line in listing.splitlines()[2:] if line.strip()]

        self.assertEqual(len(rows(images)), len(rows(images_unsigned)) + 1)
        self.assertTrue(
            any(re.search(r"\b240\s+90\b", line) for line in rows(images)), images
        )
