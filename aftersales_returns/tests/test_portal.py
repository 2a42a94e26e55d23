# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields
from odoo.http import Request
from odoo.tests import HttpCase, new_test_user, tagged

from .common import AftersalesReturnsCommon


@tagged("post_install", "-at_install")
class TestReturnPortal(AftersalesReturnsCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal_a = new_test_user(
            cls.env, login="portal_wang", groups="base.group_portal",
            name="Portal Wang",
        )
        cls.portal_b = new_test_user(
            cls.env, login="portal_lily", groups="base.group_portal",
            name="Portal Lily",
        )
        today = fields.Date.today()
        cls.order_a = cls._sell(
            cls.portal_a.partner_id, [(cls.heater, 2, 1000.0)], invoice_date=today
        )
        cls.order_a.name = "SO-PORTAL-WANG"
        cls.order_a.message_subscribe(cls.portal_a.partner_id.ids)
        cls.order_b = cls._sell(
            cls.portal_b.partner_id, [(cls.heater, 1, 1000.0)], invoice_date=today
        )
        cls.order_b.message_subscribe(cls.portal_b.partner_id.ids)
        cls.rma_a = cls._rma(cls.order_a, reason="quality")
        cls.rma_a.name = "RMA-WANG-001"
        cls._evidence(cls.rma_a, "test_report")
        cls.rma_a._aftersales_run_checks()
        cls.rma_a.message_subscribe(cls.portal_a.partner_id.ids)

    def test_customer_sees_own_verdicts_and_progress(self):
        self.authenticate("portal_wang", "portal_wang")
        response = self.url_open(f"/my/rmas/{self.rma_a.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("RMA-WANG-001", response.text)
        self.assertIn("aftersales_verdicts", response.text)
        self.assertIn("aftersales_progress", response.text)
        window = self.rma_a.aftersales_verdict_ids.filtered(
            lambda v: v.rule == "window"
        )
        self.assertIn(window.message, response.text)

    def test_customer_sees_pickup_carrier(self):
        self.rma_a.action_confirm()
        self.assertEqual(self.rma_a.aftersales_pickup_carrier_id, self.pickup_carrier)
        self.authenticate("portal_wang", "portal_wang")
        response = self.url_open(f"/my/rmas/{self.rma_a.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("aftersales_pickup_carrier", response.text)
        self.assertIn(self.pickup_carrier.name, response.text)

    def test_other_customer_sees_nothing(self):
        self.authenticate("portal_lily", "portal_lily")
        response = self.url_open(f"/my/rmas/{self.rma_a.id}")
        self.assertTrue(response.url.endswith("/my"), response.url)
        self.assertNotIn("RMA-WANG-001", response.text)
        listing = self.url_open("/my/rmas")
        self.assertNotIn("RMA-WANG-001", listing.text)
        # Nor can Lily request a return on Wang's order.
        before = self.env["rma"].search_count([])
        response = self.url_open(
            f"/my/orders/{self.order_a.id}/requestrma",
            data={
                "0-product_id": self.heater.id,
                "0-quantity": 1,
                "0-uom_id": self.heater.uom_id.id,
                "0-operation_id": self.operation.id,
                "0-return_reason": "quality",
                "csrf_token": Request.csrf_token(self),
            },
        )
        self.assertTrue(response.url.endswith("/my"), response.url)
        self.assertEqual(self.env["rma"].search_count([]), before)

    def test_customer_requests_return_with_photo(self):
        self.authenticate("portal_wang", "portal_wang")
        line = self.order_a.order_line
        move = line.move_ids.filtered(lambda m: m.state == "done")
        self.url_open(
            f"/my/orders/{self.order_a.id}/requestrma",
            data={
                "0-product_id": self.heater.id,
                "0-sale_line_id": line.id,
                "0-quantity": 1,
                "0-uom_id": self.heater.uom_id.id,
                "0-picking_id": move.picking_id.id,
                "0-operation_id": self.operation.id,
                "0-return_reason": "appearance",
                "0-requested_remedy": "exchange",
                "0-package_state": "opened",
                "csrf_token": Request.csrf_token(self),
            },
            files={
                "0-aftersales_photo": ("box.png", b"\x89PNG photo", "image/png")
            },
        )
        rma = self.order_a.rma_ids - self.rma_a
        self.assertEqual(len(rma), 1)
        self.assertEqual(rma.return_reason, "appearance")
        self.assertEqual(rma.requested_remedy, "exchange")
        self.assertEqual(rma.package_state, "opened")
        self.assertEqual(rma.aftersales_evidence_ids.mapped("kind"), ["photo"])
        self.assertTrue(rma.aftersales_verdict_ids)
        self.assertTrue(rma.aftersales_pickup_required)
        # Approval and courier's statement are still missing: refused for now.
        self.assertEqual(rma.aftersales_verdict, "fail")

    def test_portal_tour_request_return_of_one_line(self):
        self.start_tour("/my/orders", "aftersales_returns_portal", login="portal_wang")
        rma = self.order_a.rma_ids - self.rma_a
        self.assertEqual(len(rma), 1)
        self.assertEqual(rma.product_uom_qty, 1)
        self.assertEqual(rma.return_reason, "quality")
        self.assertEqual(rma.package_state, "opened")
        self.assertEqual(rma.state, "draft")

    def test_backend_tour_warehouse_inspects_and_accepts(self):
        self.rma_a.action_confirm()
        picking = self.rma_a.reception_move_id.picking_id
        self.start_tour(
            f"/odoo/action-stock.action_picking_tree_all/{picking.id}",
            "aftersales_returns_inspect",
            login="ret_stock",
        )
        self.assertEqual(self.rma_a.aftersales_inspection_state, "done")
        self.assertEqual(self.rma_a.aftersales_inspection_result, "stock")
        self.assertEqual(self.rma_a.aftersales_inspected_by_id, self.stock_user)
        self.assertEqual(self.rma_a.state, "refunded")
