# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from freezegun import freeze_time

from .common import AftersalesReturnsCommon


@freeze_time("2026-03-05 10:00:00")
class TestReturnMoney(AftersalesReturnsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.order = cls._sell(cls.customer, [(cls.heater, 3, 1000.0)])
        cls.fee_product = cls.env.ref("aftersales_returns.product_return_fee")
        cls.comp_product = cls.env.ref("aftersales_returns.product_compensation")

    def _confirm_and_accept(self, rma):
        rma.action_confirm()
        self._inspect(rma, "stock")
        return rma

    def test_no_reason_fee_is_a_separate_line(self):
        rma = self._rma(self.order, qty=2, reason="no_reason", package="sealed")
        self._confirm_and_accept(rma)
        self.assertEqual(rma.state, "refunded")
        refund = rma.refund_id
        fee_line = refund.invoice_line_ids.filtered(
            lambda line: line.product_id == self.fee_product
        )
        self.assertEqual(len(fee_line), 1)
        self.assertAlmostEqual(fee_line.price_subtotal, -200.0)
        self.assertAlmostEqual(refund.amount_total, 1800.0)
        self.assertEqual(refund.move_type, "out_refund")

    def test_fee_follows_the_reason(self):
        self.reasons["no_reason"].aftersales_fee_pct = 15.0
        rma = self._rma(self.order, qty=1, reason="no_reason", package="sealed")
        self._confirm_and_accept(rma)
        self.assertAlmostEqual(rma.refund_id.amount_total, 850.0)

    def test_counterfeit_refund_plus_twice_the_price(self):
        rma = self._rma(self.order, qty=1, reason="counterfeit")
        self._evidence(rma, "photo")
        rma.with_user(self.manager).action_aftersales_approve()
        self._confirm_and_accept(rma)
        refund = rma.refund_id
        comp_line = refund.invoice_line_ids.filtered(
            lambda line: line.product_id == self.comp_product
        )
        self.assertAlmostEqual(comp_line.price_subtotal, 2000.0)
        self.assertAlmostEqual(refund.amount_total, 3000.0)
        self.assertFalse(
            refund.invoice_line_ids.filtered(
                lambda line: line.product_id == self.fee_product
            )
        )

    def test_quality_refund_has_no_fee(self):
        rma = self._rma(self.order, qty=1, reason="quality")
        self._evidence(rma, "test_report")
        self._confirm_and_accept(rma)
        self.assertAlmostEqual(rma.refund_id.amount_total, 1000.0)

    def test_transit_damage_one_resend_then_refund(self):
        """The customer keeps the damaged unit: the first claim is re-sent at
        once, the second one refunded at once; nothing comes back."""
        first = self._rma(self.order, qty=1, reason="transport", remedy="exchange")
        self._evidence(first, "photo", "courier")
        first.action_confirm()
        self.assertEqual(first.aftersales_resolution, "exchange")
        self.assertEqual(first.state, "waiting_replacement")
        self.assertTrue(first.delivery_move_ids)
        self.assertFalse(first.reception_move_id)
        self.assertFalse(first.refund_id)
        self.assertFalse(first.aftersales_inspection_state)
        second = self._rma(self.order, qty=1, reason="transport", remedy="exchange")
        self._evidence(second, "photo", "courier")
        second.action_confirm()
        self.assertEqual(second.aftersales_resolution, "refund")
        self.assertFalse(second.reception_move_id)
        self.assertEqual(second.state, "refunded")
        self.assertAlmostEqual(second.refund_id.amount_total, 1000.0)

    def test_transit_damage_damaged_unit_comes_back(self):
        """With the policy "the customer returns the damaged unit", the
        re-send still goes out at once; the unit comes back and is checked."""
        self.reasons["transport"].aftersales_damaged_unit = "return"
        rma = self._rma(self.order, qty=1, reason="transport", remedy="exchange")
        self._evidence(rma, "photo", "courier")
        rma.action_confirm()
        self.assertTrue(rma.delivery_move_ids)
        self.assertTrue(rma.reception_move_id)
        self.assertEqual(rma.aftersales_inspection_state, "pending")
        self._inspect(rma, "stock")
        self.assertEqual(rma.aftersales_inspection_outcome, "accepted")
        self.assertFalse(rma.refund_id)
        self.assertEqual(len(rma.delivery_move_ids), 1)
        self.assertEqual(rma.state, "waiting_replacement")


@freeze_time("2026-03-05 10:00:00")
class TestReturnMoneyTaxes(AftersalesReturnsCommon):
    """Fees and compensation on what the customer paid, tax included, with
    the matching taxes: the credit note balances with the invoice."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.vat = cls.env["account.tax"].create(
            {
                "name": "VAT 13% (returns test)",
                "amount": 13.0,
                "amount_type": "percent",
                "type_tax_use": "sale",
            }
        )
        cls.fee_product = cls.env.ref("aftersales_returns.product_return_fee")
        cls.comp_product = cls.env.ref("aftersales_returns.product_compensation")
        cls.carrier = cls.env["delivery.carrier"].create(
            {
                "name": "Express (returns test)",
                "delivery_type": "fixed",
                "fixed_price": 20.0,
                "product_id": cls.env["product.product"]
                .create({"name": "Express shipping", "type": "service"})
                .id,
            }
        )
        cls.order = cls._sell(
            cls.customer,
            [(cls.heater, 2, 1000.0)],
            taxes=cls.vat,
            carrier=cls.carrier,
        )
        cls.invoice = cls.order.invoice_ids

    def _accept(self, rma):
        rma.action_confirm()
        self._inspect(rma, "stock")
        self.assertEqual(rma.state, "refunded")
        return rma.refund_id

    def test_invoice_has_vat_and_shipping(self):
        self.assertAlmostEqual(self.invoice.amount_total, 2000 * 1.13 + 20 * 1.13)

    def test_no_reason_fee_ten_percent_of_price_paid_with_tax(self):
        rma = self._rma(self.order, qty=1, reason="no_reason", package="sealed")
        refund = self._accept(rma)
        fee = refund.invoice_line_ids.filtered(
            lambda line: line.product_id == self.fee_product
        )
        self.assertEqual(fee.tax_ids, self.vat)
        self.assertAlmostEqual(fee.price_subtotal, -100.0)
        self.assertAlmostEqual(fee.price_total, -113.0)
        self.assertAlmostEqual(rma.aftersales_fee_amount, 113.0)
        # 1130 paid, 113 kept: 1017 back, VAT 130 - 13.
        self.assertAlmostEqual(refund.amount_total, 1017.0)
        self.assertAlmostEqual(refund.amount_tax, 117.0)
        self.assertEqual(refund.reversed_entry_id, self.invoice)

    def test_fee_line_on_the_analytic_accounts_of_the_returned_line(self):
        plan = self.env["account.analytic.plan"].create({"name": "Shops (test)"})
        shop = self.env["account.analytic.account"].create(
            {"name": "Chengdu shop (test)", "plan_id": plan.id}
        )
        sold = self.invoice.invoice_line_ids.filtered(
            lambda line: line.product_id == self.heater
        )
        sold.analytic_distribution = {str(shop.id): 100}
        rma = self._rma(self.order, qty=1, reason="no_reason", package="sealed")
        refund = self._accept(rma)
        for product in (self.heater, self.fee_product):
            line = refund.invoice_line_ids.filtered(
                lambda line, product=product: line.product_id == product
            )
            self.assertEqual(
                line.analytic_distribution, {str(shop.id): 100}, product.name
            )

    def test_counterfeit_refund_twice_the_price_and_logistics(self):
        """假一赔三: 1130 back, 2 x 1130 compensation, 22.60 of shipping."""
        rma = self._rma(self.order, qty=1, reason="counterfeit")
        self._evidence(rma, "photo")
        rma.with_user(self.manager).action_aftersales_approve()
        refund = self._accept(rma)
        comp = refund.invoice_line_ids.filtered(
            lambda line: line.product_id == self.comp_product
        )
        self.assertEqual(comp.tax_ids, self.vat)
        self.assertAlmostEqual(comp.price_total, 2260.0)
        shipping = refund.invoice_line_ids.filtered(
            lambda line: line.product_id == self.carrier.product_id
        )
        self.assertAlmostEqual(shipping.price_total, 22.6)
        self.assertAlmostEqual(refund.amount_total, 1130 + 2260 + 22.6)
        self.assertAlmostEqual(rma.aftersales_compensation_amount, 2260 + 22.6)
        self.assertTrue(rma.aftersales_logistics_refunded)
        # The logistics are refunded once per order.
        second = self._rma(self.order, qty=1, reason="counterfeit")
        self._evidence(second, "photo")
        second.with_user(self.manager).action_aftersales_approve()
        refund2 = self._accept(second)
        self.assertFalse(
            refund2.invoice_line_ids.filtered(
                lambda line: line.product_id == self.carrier.product_id
            )
        )
        self.assertAlmostEqual(refund2.amount_total, 1130 + 2260)

    def test_credit_note_posts_and_balances(self):
        rma = self._rma(self.order, qty=1, reason="no_reason", package="sealed")
        refund = self._accept(rma)
        refund.action_post()
        self.assertEqual(refund.state, "posted")
        lines = refund.line_ids
        self.assertAlmostEqual(sum(lines.mapped("debit")), sum(lines.mapped("credit")))
