# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tools.safe_eval import safe_eval

from .common import AftersalesReturnsCommon


class TestReturnRules(AftersalesReturnsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.order = cls._sell(cls.customer, [(cls.heater, 3, 1000.0)])

    # Windows ---------------------------------------------------------
    @freeze_time("2026-03-09 10:00:00")
    def test_return_window_day_7_passes(self):
        rma = self._rma(self.order)
        self._evidence(rma, "test_report")
        rma.action_confirm()
        self.assertEqual(rma.state, "confirmed")
        self.assertEqual(self._verdict(rma, "window"), "pass")
        self.assertEqual(rma.aftersales_verdict, "pass")

    @freeze_time("2026-03-10 10:00:00")
    def test_return_window_day_8_fails(self):
        rma = self._rma(self.order)
        self._evidence(rma, "test_report")
        with self.assertRaisesRegex(UserError, "Time window"):
            rma.action_confirm()
        self.assertEqual(rma.state, "draft")
        rma.action_aftersales_check()
        self.assertEqual(self._verdict(rma, "window"), "fail")
        self.assertIn("day 8", rma.aftersales_verdict_html)

    @freeze_time("2026-03-09 17:00:00")
    def test_window_counts_in_company_timezone(self):
        """17:00 UTC on day 7 is already day 8 in Shanghai: refused."""
        rma = self._rma(self.order)
        self._evidence(rma, "test_report")
        rma.action_aftersales_check()
        self.assertEqual(self._verdict(rma, "window"), "fail")

    @freeze_time("2026-03-17 10:00:00")
    def test_exchange_window_day_15_passes(self):
        rma = self._rma(self.order, remedy="exchange")
        self._evidence(rma, "test_report")
        rma.action_aftersales_check()
        self.assertEqual(self._verdict(rma, "window"), "pass")

    @freeze_time("2026-03-18 10:00:00")
    def test_exchange_window_day_16_fails(self):
        rma = self._rma(self.order, remedy="exchange")
        self._evidence(rma, "test_report")
        rma.action_aftersales_check()
        self.assertEqual(self._verdict(rma, "window"), "fail")

    @freeze_time("2026-05-10 10:00:00")
    def test_repair_uses_warranty_card(self):
        """Past the exchange window, a repair is accepted while the unit's
        warranty card (created when the invoice was posted) covers it."""
        cards = self.env["aftersales.warranty"].search(
            [("sale_line_id", "in", self.order.order_line.ids)]
        )
        self.assertTrue(cards, "posting the invoice created the warranty card")
        rma = self._rma(self.order, remedy="repair")
        self._evidence(rma, "test_report")
        rma.action_aftersales_check()
        self.assertEqual(self._verdict(rma, "window"), "pass")
        cards.write({"end_date": "2026-05-09"})
        rma.action_aftersales_check()
        self.assertEqual(self._verdict(rma, "window"), "fail")

    # Invoice ---------------------------------------------------------
    @freeze_time("2026-03-05 10:00:00")
    def test_invoice_must_be_posted(self):
        order = self._sell(self.customer, [(self.heater, 1, 1000.0)])
        invoice = order.invoice_ids
        rma = self._rma(order)
        self.assertEqual(rma.invoice_id, invoice)
        self.assertEqual(str(rma.invoice_date), "2026-03-02")
        invoice.button_draft()
        self._evidence(rma, "test_report")
        with self.assertRaisesRegex(UserError, "Invoice"):
            rma.action_confirm()

    # Quantity --------------------------------------------------------
    @freeze_time("2026-03-05 10:00:00")
    def test_quantity_remaining_vs_one_more(self):
        first = self._rma(self.order, qty=2)
        self._evidence(first, "test_report")
        first.action_confirm()
        self.assertEqual(first.state, "confirmed")
        one_more = self._rma(self.order, qty=2)
        self._evidence(one_more, "test_report")
        with self.assertRaisesRegex(UserError, "Quantity"):
            one_more.action_confirm()
        remaining = self._rma(self.order, qty=1)
        self._evidence(remaining, "test_report")
        remaining.action_confirm()
        self.assertEqual(remaining.state, "confirmed")

    @freeze_time("2026-03-05 10:00:00")
    def test_quantity_not_delivered_not_returnable(self):
        order = self._sell(self.customer, [(self.heater, 2, 1000.0)], deliver=False)
        rma = self._rma(order, qty=1)
        self._evidence(rma, "test_report")
        rma.action_aftersales_check()
        self.assertEqual(self._verdict(rma, "quantity"), "fail")

    # Serial ----------------------------------------------------------
    @freeze_time("2026-03-05 10:00:00")
    def test_serial_delivered_to_another_customer(self):
        order_a = self._sell(self.customer, [(self.stove, 1, 800.0)], lots=self.lots[0])
        self._sell(self.customer_b, [(self.stove, 1, 800.0)], lots=self.lots[1])
        wrong = self._rma(order_a, lot=self.lots[1])
        self._evidence(wrong, "test_report")
        with self.assertRaisesRegex(UserError, "Serial number"):
            wrong.action_confirm()
        right = self._rma(order_a, lot=self.lots[0])
        self._evidence(right, "test_report")
        right.action_confirm()
        self.assertEqual(self._verdict(right, "serial"), "pass")
        again = self._rma(order_a, lot=self.lots[0])
        again.action_aftersales_check()
        self.assertEqual(self._verdict(again, "serial"), "fail")

    # Package ---------------------------------------------------------
    @freeze_time("2026-03-05 10:00:00")
    def test_no_reason_sealed_vs_opened(self):
        opened = self._rma(self.order, reason="no_reason", package="opened")
        with self.assertRaisesRegex(UserError, "Package"):
            opened.action_confirm()
        sealed = self._rma(self.order, reason="no_reason", package="sealed")
        sealed.action_confirm()
        self.assertEqual(sealed.state, "confirmed")
        self.assertFalse(sealed.aftersales_pickup_required)

    # Evidence and approval -------------------------------------------
    @freeze_time("2026-03-05 10:00:00")
    def test_appearance_needs_evidence_and_approval(self):
        rma = self._rma(self.order, reason="appearance")
        rma.action_aftersales_check()
        self.assertEqual(self._verdict(rma, "evidence"), "fail")
        self.assertEqual(self._verdict(rma, "approval"), "fail")
        self._evidence(rma, "photo", "courier")
        with self.assertRaises(UserError):
            rma.with_user(self.user).action_aftersales_approve()
        rma.with_user(self.manager).action_aftersales_approve()
        self.assertEqual(rma.aftersales_approved_by_id, self.manager)
        self.assertTrue(rma.aftersales_approved_date)
        rma.action_confirm()
        self.assertEqual(rma.state, "confirmed")
        self.assertTrue(rma.aftersales_pickup_required)
        picking = rma.reception_move_id.picking_id
        self.assertTrue(picking.aftersales_pickup_required)

    @freeze_time("2026-03-05 10:00:00")
    def test_quality_informs_product_manager(self):
        self.heater.responsible_id = self.manager
        rma = self._rma(self.order, reason="quality")
        self._evidence(rma, "test_report")
        rma.action_confirm()
        activity = rma.activity_ids.filtered(lambda a: a.user_id == self.manager)
        self.assertTrue(activity)

    # Exchange stock --------------------------------------------------
    @freeze_time("2026-03-05 10:00:00")
    def test_exchange_shows_shortfall_and_expected_date(self):
        rma = self._rma(self.order, qty=3, remedy="exchange")
        self._evidence(rma, "test_report")
        rma.action_aftersales_check()
        self.assertEqual(self._verdict(rma, "stock"), "pass")
        quant = self.env["stock.quant"]
        available = quant._get_available_quantity(
            self.heater, self.warehouse.lot_stock_id
        )
        quant._update_available_quantity(
            self.heater, self.warehouse.lot_stock_id, -(available - 1)
        )
        receipt_type = self.warehouse.in_type_id
        incoming = self.env["stock.picking"].create(
            {
                "picking_type_id": receipt_type.id,
                "location_id": self.env.ref("stock.stock_location_suppliers").id,
                "location_dest_id": self.warehouse.lot_stock_id.id,
                "scheduled_date": "2026-03-20 08:00:00",
                "move_ids": [
                    (
                        0,
                        0,
                        {
                            "name": "heater",
                            "product_id": self.heater.id,
                            "product_uom_qty": 10,
                            "product_uom": self.heater.uom_id.id,
                            "location_id": self.env.ref(
                                "stock.stock_location_suppliers"
                            ).id,
                            "location_dest_id": self.warehouse.lot_stock_id.id,
                            "date": "2026-03-20 08:00:00",
                        },
                    )
                ],
            }
        )
        incoming.action_confirm()
        rma.action_aftersales_check()
        verdict = rma.aftersales_verdict_ids.filtered(lambda v: v.rule == "stock")
        self.assertEqual(verdict.result, "warn")
        self.assertEqual(verdict.values["expected_date"], "2026-03-20")
        self.assertIn("short by 2", verdict.message)
        self.assertIn("03/20/2026", verdict.message)

    # Override --------------------------------------------------------
    @freeze_time("2026-03-20 10:00:00")
    def test_manager_override_with_reason(self):
        rma = self._rma(self.order)
        self._evidence(rma, "test_report")
        with self.assertRaises(UserError):
            rma.action_confirm()
        wizard = (
            self.env["aftersales.rma.override"]
            .with_user(self.manager)
            .create(
                {"rma_ids": [(6, 0, rma.ids)], "reason": "Loyal customer, goodwill"}
            )
        )
        with self.assertRaises(UserError):
            self.env["aftersales.rma.override"].with_user(self.user).create(
                {"rma_ids": [(6, 0, rma.ids)], "reason": "x"}
            ).action_override()
        wizard.action_override()
        self.assertEqual(rma.state, "confirmed")
        self.assertEqual(rma.aftersales_verdict, "overridden")
        self.assertEqual(rma.aftersales_override_by_id, self.manager)
        self.assertIn(
            "Loyal customer, goodwill",
            "".join(rma.message_ids.mapped("body")),
        )

    @freeze_time("2026-03-05 10:00:00")
    def test_sale_order_wizard_keeps_refused_returns_as_draft(self):
        wizard_id = self.order.action_create_rma()["res_id"]
        wizard = self.env["sale.order.rma.wizard"].browse(wizard_id)
        wizard.line_ids.write(
            {
                "quantity": 1,
                "operation_id": self.operation.id,
                "reason_id": self.reasons["no_reason"].id,
                "package_state": "opened",
            }
        )
        wizard.create_and_open_rma()
        rma = self.order.rma_ids
        self.assertEqual(rma.state, "draft")
        self.assertEqual(rma.reason_id, self.reasons["no_reason"])
        self.assertEqual(rma.return_reason, "no_reason")
        self.assertEqual(self._verdict(rma, "package"), "fail")

    # The seeds, read as written ------------------------------------------
    def test_request_on_day_7_confirmed_on_day_9_still_in_window(self):
        """Windows are measured at the request: day 7, approved on day 9."""
        with freeze_time("2026-03-09 10:00:00"):  # 18:00 in Shanghai, day 7
            rma = self._rma(self.order, reason="appearance", remedy="refund")
            self._evidence(rma, "photo", "courier")
            rma.action_aftersales_check()
            self.assertEqual(str(rma.aftersales_request_date), "2026-03-09")
            self.assertEqual(self._verdict(rma, "approval"), "fail")
        with freeze_time("2026-03-11 10:00:00"):  # day 9
            rma.with_user(self.manager).action_aftersales_approve()
            rma.action_confirm()
            self.assertEqual(rma.state, "confirmed")
            window = rma.aftersales_verdict_ids.filtered(lambda v: v.rule == "window")
            self.assertEqual(window.result, "pass")
            self.assertEqual(window.values["days"], 7)

    @freeze_time("2026-03-05 10:00:00")
    def test_request_date_is_not_typed(self):
        """Nobody moves the request date to get back into the window."""
        rma = self._rma(self.order)
        with self.assertRaisesRegex(UserError, "Requested On"):
            rma.with_user(self.user).write({"aftersales_request_date": "2026-03-03"})
        with self.assertRaisesRegex(UserError, "Requested On"):
            self.env["rma"].with_user(self.user).create(
                {
                    "partner_id": self.customer.id,
                    "product_id": self.heater.id,
                    "product_uom_qty": 1,
                    "product_uom": self.heater.uom_id.id,
                    "operation_id": self.operation.id,
                    "location_id": self.warehouse.rma_loc_id.id,
                    "aftersales_request_date": "2026-03-03",
                }
            )
        self.assertEqual(str(rma.aftersales_request_date), "2026-03-05")

    @freeze_time("2026-03-05 10:00:00")
    def test_appearance_defect_with_crushed_package_refused(self):
        """外包装完好，无破损，无挤压变形: photos and the courier are not enough."""
        crushed = self._rma(self.order, reason="appearance", package="damaged")
        self._evidence(crushed, "photo", "courier")
        crushed.with_user(self.manager).action_aftersales_approve()
        with self.assertRaisesRegex(UserError, "Package"):
            crushed.action_confirm()
        crushed.action_aftersales_check()
        verdict = crushed.aftersales_verdict_ids.filtered(lambda v: v.rule == "package")
        self.assertEqual(verdict.code, "package.not_intact")
        self.assertIn("Outer package damaged or crushed", verdict.message)
        self.assertTrue(verdict.customer_visible)
        intact = self._rma(self.order, reason="appearance", package="opened")
        self._evidence(intact, "photo", "courier")
        intact.with_user(self.manager).action_aftersales_approve()
        intact.action_confirm()
        self.assertEqual(self._verdict(intact, "package"), "pass")

    @freeze_time("2026-03-05 10:00:00")
    def test_reason_policy_drives_the_rules(self):
        """A reason added by an admin: sealed package, a screenshot, approval."""
        reason = self.env["rma.reason"].create(
            {
                "name": "Gift not wanted",
                "aftersales_package_required": "sealed",
                "aftersales_approval": "approve",
                "aftersales_evidence_kind_ids": [(6, 0, self.kinds["screenshot"].ids)],
            }
        )
        rma = self._rma(
            self.order, reason="quality", reason_id=reason.id, package="opened"
        )
        rma.action_aftersales_check()
        self.assertEqual(self._verdict(rma, "package"), "fail")
        self.assertEqual(self._verdict(rma, "evidence"), "fail")
        self.assertEqual(self._verdict(rma, "approval"), "fail")
        self.assertTrue(rma.aftersales_waiting_approval)
        self.assertFalse(rma.aftersales_pickup_required)
        action = self.env.ref("aftersales_returns.action_rma_waiting_approval")
        self.assertIn(rma, self.env["rma"].search(safe_eval(action.domain)))

    @freeze_time("2026-03-05 10:00:00")
    def test_verdicts_are_codes_and_values(self):
        rma = self._rma(self.order)
        rma.action_aftersales_check()
        window = rma.aftersales_verdict_ids.filtered(lambda v: v.rule == "window")
        self.assertEqual(window.code, "window.return_ok")
        self.assertEqual(
            window.values,
            {
                "days": 3,
                "invoice_date": "2026-03-02",
                "limit": 7,
                "request_date": "2026-03-05",
            },
        )
        self.assertIn("day 3", window.message)
        self.assertIn("03/02/2026", window.message)

    @freeze_time("2026-03-05 10:00:00")
    def test_verdicts_rendered_in_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(
            ["aftersales_returns"], ["zh_CN"], overwrite=True
        )
        rma = self._rma(self.order)
        rma.action_aftersales_check()
        window = rma.aftersales_verdict_ids.filtered(lambda v: v.rule == "window")
        zh = window.with_context(lang="zh_CN").message
        self.assertIn("退货", zh)
        self.assertNotIn("window", zh)
        html = rma.with_context(lang="zh_CN").aftersales_verdict_html
        self.assertIn("期限", html)

    @freeze_time("2026-03-05 10:00:00")
    def test_reason_code_for_integrations(self):
        rma = self._rma(self.order, reason="quality")
        self.assertEqual(rma.return_reason, "quality")
        rma.return_reason = "no_reason"
        self.assertEqual(rma.reason_id, self.reasons["no_reason"])
        self.assertEqual(
            self.env["rma"].search(
                [("return_reason", "=", "no_reason"), ("id", "=", rma.id)]
            ),
            rma,
        )
        from odoo.exceptions import ValidationError

        with self.assertRaises(ValidationError):
            rma.return_reason = "no_such_reason"

    @freeze_time("2026-03-05 10:00:00")
    def test_quantity_and_addresses_refused_by_the_model(self):
        from odoo.exceptions import ValidationError

        with self.assertRaisesRegex(ValidationError, "more than 0"):
            self._rma(self.order, qty=0)
        with self.assertRaisesRegex(ValidationError, "more than 0"):
            self._rma(self.order, qty=-1)
        with self.assertRaisesRegex(ValidationError, "does not belong"):
            self._rma(self.order, partner_shipping_id=self.customer_b.id)
        rma = self._rma(self.order)
        with self.assertRaisesRegex(ValidationError, "does not belong"):
            rma.partner_invoice_id = self.customer_b
