# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from freezegun import freeze_time

from odoo.exceptions import UserError

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

    def test_fee_follows_settings(self):
        self.company.aftersales_restocking_fee_pct = 15.0
        rma = self._rma(self.order, qty=1, reason="no_reason", package="sealed")
        self._confirm_and_accept(rma)
        self.assertAlmostEqual(rma.refund_id.amount_total, 850.0)

    def test_counterfeit_refund_plus_twice_the_price(self):
        rma = self._rma(self.order, qty=1, reason="counterfeit")
        self._evidence(rma, "photo")
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
        first = self._rma(self.order, qty=1, reason="transport", remedy="exchange")
        self._evidence(first, "photo", "courier")
        self._confirm_and_accept(first)
        self.assertEqual(first.aftersales_resolution, "exchange")
        self.assertEqual(first.state, "waiting_replacement")
        self.assertFalse(first.refund_id)
        second = self._rma(self.order, qty=1, reason="transport", remedy="exchange")
        self._evidence(second, "photo", "courier")
        second.action_confirm()
        self.assertEqual(second.aftersales_resolution, "refund")
        self._inspect(second, "stock")
        self.assertEqual(second.state, "refunded")
        self.assertAlmostEqual(second.refund_id.amount_total, 1000.0)

    def _late(self, amount):
        order = self._sell(
            self.customer, [(self.heater, 1, amount)], deliver=False, invoice=False
        )
        order.with_user(self.user).action_aftersales_late_shipping_compensation()
        return order.aftersales_late_credit_note_id

    def test_late_shipping_five_percent(self):
        refund = self._late(300.0)
        self.assertEqual(refund.move_type, "out_refund")
        self.assertAlmostEqual(refund.amount_total, 15.0)

    def test_late_shipping_minimum(self):
        self.assertAlmostEqual(self._late(10.0).amount_total, 1.0)
        self.assertAlmostEqual(self._late(20.0).amount_total, 1.0)

    def test_late_shipping_maximum(self):
        self.assertAlmostEqual(self._late(600.0).amount_total, 30.0)
        self.assertAlmostEqual(self._late(1000.0).amount_total, 30.0)

    def test_late_shipping_only_once(self):
        order = self._sell(
            self.customer, [(self.heater, 1, 300.0)], deliver=False, invoice=False
        )
        order.action_aftersales_late_shipping_compensation()
        with self.assertRaises(UserError):
            order.action_aftersales_late_shipping_compensation()
