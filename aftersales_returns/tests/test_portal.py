# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields
from odoo.http import Request
from odoo.tests import HttpCase, new_test_user, tagged

from .common import PDF, PNG, AftersalesReturnsCommon


@tagged("post_install", "-at_install")
class TestReturnPortal(AftersalesReturnsCommon, HttpCase):
    """The customer's side, over HTTP: a request that can succeed, and every
    wrong post refused with a message (400), data unchanged."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal_a = new_test_user(
            cls.env,
            login="portal_wang",
            groups="base.group_portal",
            name="Portal Wang",
        )
        cls.portal_b = new_test_user(
            cls.env,
            login="portal_lily",
            groups="base.group_portal",
            name="Portal Lily",
        )
        today = fields.Date.today()
        cls.order_a = cls._sell(
            cls.portal_a.partner_id, [(cls.heater, 2, 1000.0)], invoice_date=today
        )
        cls.order_a.name = "SO-PORTAL-WANG"
        cls.order_a.message_subscribe(cls.portal_a.partner_id.ids)
        cls.stoves_a = cls._sell(
            cls.portal_a.partner_id,
            [(cls.stove, 2, 800.0)],
            invoice_date=today,
            lots=cls.lots[:2],
        )
        cls.order_b = cls._sell(
            cls.portal_b.partner_id, [(cls.heater, 1, 1000.0)], invoice_date=today
        )
        cls.order_b.message_subscribe(cls.portal_b.partner_id.ids)
        cls.rma_a = cls._rma(cls.order_a, reason="quality")
        cls.rma_a.name = "RMA-WANG-001"
        cls._evidence(cls.rma_a, "test_report")
        cls.rma_a._aftersales_run_checks()
        cls.rma_a.message_subscribe(cls.portal_a.partner_id.ids)
        cls.line_a = cls.order_a.order_line
        cls.move_a = cls.line_a.move_ids.filtered(lambda m: m.state == "done")

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _row(self, index=0, line=None, **vals):
        line = line or self.line_a
        move = line.move_ids.filtered(lambda m: m.state == "done")[:1]
        data = {
            f"{index}-product_id": line.product_id.id,
            f"{index}-sale_line_id": line.id,
            f"{index}-quantity": 1,
            f"{index}-uom_id": line.product_uom.id,
            f"{index}-picking_id": move.picking_id.id,
            f"{index}-operation_id": self.operation.id,
            f"{index}-reason_id": self.reasons["quality"].id,
            f"{index}-requested_remedy": "refund",
            f"{index}-package_state": "opened",
        }
        data.update({f"{index}-{k}": v for k, v in vals.items()})
        return data

    def _post(self, data, files=None, order=None, login="portal_wang"):
        order = order or self.order_a
        self.authenticate(login, login)
        data = dict(data, csrf_token=Request.csrf_token(self))
        return self.url_open(
            f"/my/orders/{order.id}/requestrma", data=data, files=files or {}
        )

    def _assert_refused(self, response, message, order=None):
        order = order or self.order_a
        self.assertEqual(response.status_code, 400, response.text[:500])
        self.assertIn("aftersales_request_error", response.text)
        self.assertIn(message, response.text)
        self.assertIn("form-request-rma", response.text, "the form is shown again")
        self.assertEqual(order.rma_ids - self.rma_a, self.env["rma"])

    # ------------------------------------------------------------------
    # A request that succeeds
    # ------------------------------------------------------------------
    def test_quality_request_with_test_report_succeeds(self):
        response = self._post(
            self._row(),
            files={"0-evidence_test_report": ("report.pdf", PDF, "application/pdf")},
        )
        self.assertEqual(response.status_code, 200)
        rma = self.order_a.rma_ids - self.rma_a
        self.assertEqual(len(rma), 1)
        self.assertEqual(rma.reason_id, self.reasons["quality"])
        self.assertEqual(rma.requested_remedy, "refund")
        self.assertEqual(rma.operation_id, self.operation)
        self.assertEqual(rma.package_state, "opened")
        self.assertEqual(rma.aftersales_evidence_ids.kind_id, self.kinds["test_report"])
        self.assertEqual(rma.aftersales_verdict, "pass")
        # The returns team hears of it.
        self.assertTrue(rma.team_id)
        self.assertTrue(rma.user_id)
        self.assertNotEqual(rma.user_id, self.env.ref("base.user_root"))
        self.assertTrue(rma.activity_ids.filtered(lambda a: a.user_id == rma.user_id))
        self.assertIn(rma.name, response.text)
        # The customer reads the verdicts they can act on, not internal notes.
        self.assertIn("within the return window", response.text)
        self.assertNotIn("product manager", response.text)
        self.assertNotIn("collect the goods", response.text, "pickup not decided yet")

    def test_serial_is_picked_from_the_serials_delivered(self):
        line = self.stoves_a.order_line
        response = self._post(
            self._row(line=line, lot_id=self.lots[1].id),
            order=self.stoves_a,
            files={"0-evidence_test_report": ("report.pdf", PDF, "application/pdf")},
        )
        self.assertEqual(response.status_code, 200)
        rma = self.stoves_a.rma_ids
        self.assertEqual(rma.lot_id, self.lots[1])
        self.assertEqual(self._verdict(rma, "serial"), "pass")

    def test_request_page_offers_reasons_serials_and_evidence(self):
        self.authenticate("portal_wang", "portal_wang")
        page = self.url_open(f"/my/requestrma/{self.stoves_a.id}").text
        self.assertIn("Quality problem", page)
        self.assertIn(self.lots[0].name, page)
        self.assertIn("-evidence_test_report", page)
        self.assertIn("-requested_remedy", page)
        self.assertNotIn("Requested operation", page)

    def test_customer_adds_evidence_later(self):
        self._post(self._row())
        rma = self.order_a.rma_ids - self.rma_a
        self.assertEqual(self._verdict(rma, "evidence"), "fail")
        response = self.url_open(
            f"/my/rmas/{rma.id}/evidence",
            data={
                "kind_id": self.kinds["test_report"].id,
                "csrf_token": Request.csrf_token(self),
            },
            files={"evidence": ("report.pdf", PDF, "application/pdf")},
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("aftersales_evidence_sent", response.text)
        self.assertEqual(self._verdict(rma, "evidence"), "pass")
        refused = self.url_open(
            f"/my/rmas/{rma.id}/evidence",
            data={
                "kind_id": self.kinds["photo"].id,
                "csrf_token": Request.csrf_token(self),
            },
            files={"evidence": ("notes.txt", b"not a picture", "text/plain")},
        )
        self.assertEqual(refused.status_code, 400)
        self.assertIn("is not a picture", refused.text)
        self.assertEqual(len(rma.aftersales_evidence_ids), 1)
        # Lily cannot add evidence to Wang's return.
        self.authenticate("portal_lily", "portal_lily")
        other = self.url_open(
            f"/my/rmas/{rma.id}/evidence",
            data={
                "kind_id": self.kinds["photo"].id,
                "csrf_token": Request.csrf_token(self),
            },
            files={"evidence": ("box.png", PNG, "image/png")},
        )
        self.assertTrue(other.url.endswith("/my"), other.url)
        self.assertEqual(len(rma.aftersales_evidence_ids), 1)

    # ------------------------------------------------------------------
    # Refusals: 400 with a message on the form, nothing created
    # ------------------------------------------------------------------
    def test_other_customers_shipping_address_refused(self):
        data = dict(self._row(), partner_shipping_id=self.portal_b.partner_id.id)
        self._assert_refused(self._post(data), "does not belong to you")

    def test_bad_quantities_refused(self):
        for qty, message in (
            ("-1", "cannot be negative"),
            ("abc", "is not a number"),
            ("nan", "is not a number"),
            ("1e309", "is not a number"),
            ("0", "Enter the quantity"),
            ("3", "more than the"),
        ):
            with self.subTest(qty=qty):
                self._assert_refused(self._post(self._row(quantity=qty)), message)

    def test_more_rows_than_units_delivered_refused(self):
        data = {**self._row(0, quantity=2), **self._row(1, quantity=1)}
        self._assert_refused(self._post(data), "more than the")

    def test_invalid_choices_and_ids_refused(self):
        other_line = self.order_b.order_line
        other_reason = self.env["rma.reason"].create(
            {
                "name": "Other company's",
                "company_id": self.env["res.company"]
                .create({"name": "Other Co (portal test)"})
                .id,
            }
        )
        cases = (
            ({"reason_id": "x"}, "The reason is not valid"),
            ({"reason_id": other_reason.id}, "Choose the reason"),
            ({"reason_id": ""}, "Choose the reason"),
            ({"requested_remedy": "free"}, "Choose what you would like"),
            ({"package_state": "broken"}, "package state is not valid"),
            ({"package_state": ""}, "state of the package"),
            ({"sale_line_id": other_line.id}, "has no line"),
            ({"sale_line_id": "1;drop"}, "order line is not valid"),
            ({"product_id": self.stove.id}, "no such product"),
            ({"uom_id": "abc"}, "unit of measure is not valid"),
            ({"picking_id": self.order_b.picking_ids.id}, "not one of this order"),
            ({"lot_id": self.lots[3].id}, "serial number was not delivered"),
            ({"state": "refunded"}, "unknown field"),
        )
        for vals, message in cases:
            with self.subTest(vals=vals):
                self._assert_refused(self._post(self._row(**vals)), message)
        self._assert_refused(
            self._post({"x-quantity": 1, **self._row()}), "unknown line"
        )

    def test_serial_product_needs_its_serial(self):
        line = self.stoves_a.order_line
        response = self._post(self._row(line=line), order=self.stoves_a)
        self._assert_refused(response, "Choose the serial number", order=self.stoves_a)

    def test_evidence_files_checked(self):
        self.company.aftersales_evidence_max_mb = 1
        big = b"\x89PNG\r\n\x1a\n" + b"0" * (1024 * 1024 + 1)
        row = self._row(reason_id=self.reasons["appearance"].id)
        for files, message in (
            ({"0-evidence_photo": ("empty.png", b"", "image/png")}, "is empty"),
            ({"0-evidence_photo": ("big.png", big, "image/png")}, "larger than 1 MB"),
            (
                {"0-evidence_photo": ("notes.txt", b"hello", "text/plain")},
                "is not a picture",
            ),
            (
                {"0-evidence_test_report": ("x.exe", b"MZ\x90\x00", "application/x")},
                "neither a picture nor a PDF",
            ),
        ):
            with self.subTest(message=message):
                self._assert_refused(self._post(row, files=files), message)

    def test_other_customer_sees_nothing(self):
        self.authenticate("portal_lily", "portal_lily")
        response = self.url_open(f"/my/rmas/{self.rma_a.id}")
        self.assertTrue(response.url.endswith("/my"), response.url)
        self.assertNotIn("RMA-WANG-001", response.text)
        listing = self.url_open("/my/rmas")
        self.assertNotIn("RMA-WANG-001", listing.text)
        # Nor can Lily request a return on Wang's order.
        response = self._post(self._row(), login="portal_lily")
        self.assertTrue(response.url.endswith("/my"), response.url)
        self.assertEqual(self.order_a.rma_ids, self.rma_a)

    def test_listing_parameters_whitelisted(self):
        self.authenticate("portal_wang", "portal_wang")
        for query in (
            "sortby=id;drop",
            "sortby=name",
            "filterby=bogus",
            "filterby=open",
            "sale_id=abc",
            "sale_id=1%20OR%201=1",
            "date_begin=yesterday&date_end=now",
        ):
            with self.subTest(query=query):
                response = self.url_open(f"/my/rmas?{query}")
                self.assertEqual(response.status_code, 200, query)
                self.assertIn("RMA-WANG-001", response.text)

    # ------------------------------------------------------------------
    # The return's page
    # ------------------------------------------------------------------
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
        self.assertNotIn("The product manager is informed", response.text)
        self.assertNotIn("Requested operation", response.text)

    def test_customer_sees_pickup_carrier_once_decided(self):
        self.rma_a.action_confirm()
        self.assertEqual(self.rma_a.aftersales_pickup_carrier_id, self.pickup_carrier)
        self.authenticate("portal_wang", "portal_wang")
        response = self.url_open(f"/my/rmas/{self.rma_a.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("aftersales_pickup_carrier", response.text)
        self.assertIn(self.pickup_carrier.name, response.text)

    def test_verdicts_in_the_customer_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(
            ["aftersales_returns"], ["zh_CN"], overwrite=True
        )
        self.portal_a.lang = "zh_CN"
        self.authenticate("portal_wang", "portal_wang")
        response = self.url_open(f"/my/rmas/{self.rma_a.id}")
        window = self.rma_a.aftersales_verdict_ids.filtered(
            lambda v: v.rule == "window"
        )
        self.assertIn(window.with_context(lang="zh_CN").message, response.text)
        self.assertNotIn(window.with_context(lang="en_US").message, response.text)

    # ------------------------------------------------------------------
    # Tours
    # ------------------------------------------------------------------
    def test_portal_tour_quality_return_with_test_report(self):
        self.start_tour("/my/orders", "aftersales_returns_portal", login="portal_wang")
        rma = self.order_a.rma_ids - self.rma_a
        self.assertEqual(len(rma), 1)
        self.assertEqual(rma.product_uom_qty, 1)
        self.assertEqual(rma.reason_id, self.reasons["quality"])
        self.assertEqual(rma.package_state, "opened")
        self.assertEqual(rma.aftersales_evidence_ids.kind_id, self.kinds["test_report"])
        self.assertEqual(rma.aftersales_verdict, "pass")
        self.assertEqual(rma.state, "draft")

    def test_backend_tour_warehouse_inspects_accessories_missing(self):
        self.rma_a.action_confirm()
        picking = self.rma_a.reception_move_id.picking_id
        self.start_tour(
            f"/odoo/action-stock.action_picking_tree_all/{picking.id}",
            "aftersales_returns_inspect",
            login="ret_stock",
        )
        rma = self.rma_a
        self.assertEqual(rma.aftersales_inspection_state, "done")
        self.assertEqual(rma.aftersales_inspected_by_id, self.stock_user)
        self.assertEqual(rma.aftersales_inspection_failed, ["accessories"])
        # The quality reason's policy: a manager decides before any money.
        self.assertEqual(rma.aftersales_inspection_outcome, "decision")
        self.assertFalse(rma.refund_id)
        self.assertTrue(picking.date_done)

    def test_backend_tour_agent_opens_processed_return(self):
        agent = new_test_user(
            self.env,
            login="ret_agent_tour",
            groups="aftersales_service.group_aftersales_user",
            name="Agent Zhou",
        )
        self.rma_a.action_confirm()
        self._inspect(self.rma_a, "quarantine")
        self.assertEqual(self.rma_a.state, "refunded")
        self.assertFalse(agent.has_group("stock.group_stock_user"))
        self.start_tour(
            f"/odoo/action-aftersales_returns.aftersales_rma_action/{self.rma_a.id}",
            "aftersales_returns_agent",
            login="ret_agent_tour",
        )
