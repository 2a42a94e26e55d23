# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from freezegun import freeze_time

from odoo.exceptions import UserError

from .common import AftersalesReturnsCommon


class TestLateShipping(AftersalesReturnsCommon):
    """发货时间承诺: an item shipped after its promised date earns 5% of its
    amount, at least 1, at most 30, proposed by the suite."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.vat = cls.env["account.tax"].create(
            {"name": "VAT 13% (late test)", "amount": 13.0, "type_tax_use": "sale"}
        )
        cls.model = cls.env["aftersales.late.shipping"]

    def _order(self, price, promised="2026-03-03 10:00:00", qty=1):
        with freeze_time("2026-03-01 10:00:00"):
            return self._sell(
                self.customer,
                [(self.heater, qty, price)],
                deliver=False,
                invoice=False,
                taxes=self.vat,
                commitment_date=promised,
            )

    def _deliver(self, order, when):
        with freeze_time(when):
            picking = order.picking_ids
            for move in picking.move_ids:
                move.quantity = move.product_uom_qty
                move.picked = True
            picking._action_done()
        return picking

    def test_late_delivery_proposes_five_percent_of_the_item(self):
        order = self._order(300.0)
        line = order.order_line
        self.assertEqual(str(line.aftersales_promised_date), "2026-03-03 10:00:00")
        self._deliver(order, "2026-03-04 09:00:00")
        proposal = order.aftersales_late_shipping_ids
        self.assertEqual(len(proposal), 1)
        self.assertEqual(proposal.state, "proposed")
        self.assertEqual(proposal.sale_line_id, line)
        self.assertAlmostEqual(proposal.item_amount, 339.0)  # tax included
        self.assertAlmostEqual(proposal.amount, 16.95)
        self.assertEqual(str(proposal.shipped_date), "2026-03-04 09:00:00")
        refund = self.env["account.move"].browse(
            proposal.with_user(self.user).action_credit()["res_id"]
        )
        self.assertEqual(proposal.state, "credited")
        self.assertEqual(proposal.credit_note_id, refund)
        self.assertEqual(refund.state, "draft")
        self.assertEqual(refund.move_type, "out_refund")
        self.assertAlmostEqual(refund.amount_total, 16.95)
        self.assertEqual(refund.invoice_line_ids.tax_ids, self.vat)
        with self.assertRaises(UserError):
            proposal.with_user(self.user).action_credit()

    def test_on_time_delivery_proposes_nothing(self):
        order = self._order(300.0)
        self._deliver(order, "2026-03-02 09:00:00")
        self.assertFalse(order.aftersales_late_shipping_ids)
        self.assertTrue(order.order_line.aftersales_ship_checked)
        with freeze_time("2026-03-10 09:00:00"):
            self.assertEqual(self.model._cron_aftersales_detect(), 0)

    def test_minimum_and_maximum(self):
        cheap = self._order(10.0)
        self._deliver(cheap, "2026-03-05 09:00:00")
        self.assertAlmostEqual(cheap.aftersales_late_shipping_ids.amount, 1.0)
        dear = self._order(2000.0)
        self._deliver(dear, "2026-03-05 09:00:00")
        self.assertAlmostEqual(dear.aftersales_late_shipping_ids.amount, 30.0)

    def test_settings_are_read(self):
        self.company.write(
            {"aftersales_late_shipping_pct": 10.0, "aftersales_late_shipping_max": 50.0}
        )
        order = self._order(300.0)
        self._deliver(order, "2026-03-05 09:00:00")
        self.assertAlmostEqual(order.aftersales_late_shipping_ids.amount, 33.9)

    def test_not_shipped_yet_found_by_the_daily_job(self):
        order = self._order(300.0)
        with freeze_time("2026-03-02 10:00:00"):
            self.assertEqual(self.model._cron_aftersales_detect(), 0)
        with freeze_time("2026-03-04 10:00:00"):
            self.assertEqual(self.model._cron_aftersales_detect(), 1)
            proposal = order.aftersales_late_shipping_ids
            self.assertEqual(len(proposal), 1)
            self.assertFalse(proposal.shipped_date)
            self.assertEqual(self.model._cron_aftersales_detect(), 0)
        self._deliver(order, "2026-03-05 10:00:00")
        self.assertEqual(len(order.aftersales_late_shipping_ids), 1)

    def test_promise_without_delivery_date(self):
        """No delivery date: the order date plus the Settings' days."""
        with freeze_time("2026-03-01 10:00:00"):
            order = self._sell(
                self.customer, [(self.heater, 1, 300.0)], deliver=False, invoice=False
            )
        self.assertEqual(
            str(order.order_line.aftersales_promised_date), "2026-03-03 10:00:00"
        )

    def test_dismiss_needs_a_manager_and_a_note(self):
        order = self._order(300.0)
        self._deliver(order, "2026-03-04 09:00:00")
        proposal = order.aftersales_late_shipping_ids
        with self.assertRaises(UserError):
            proposal.with_user(self.user).action_dismiss()
        with self.assertRaisesRegex(UserError, "Write why"):
            proposal.with_user(self.manager).action_dismiss()
        proposal.with_user(self.manager).note = "Customer asked to ship later"
        proposal.with_user(self.manager).action_dismiss()
        self.assertEqual(proposal.state, "dismissed")

    def test_amount_and_state_are_not_typed(self):
        order = self._order(300.0)
        self._deliver(order, "2026-03-04 09:00:00")
        proposal = order.aftersales_late_shipping_ids
        for vals in ({"amount": 999.0}, {"state": "credited"}):
            with self.assertRaises(UserError):
                proposal.with_user(self.manager).write(vals)
        self.assertAlmostEqual(proposal.amount, 16.95)

    def test_agent_without_group_cannot_credit(self):
        order = self._order(300.0)
        self._deliver(order, "2026-03-04 09:00:00")
        proposal = order.aftersales_late_shipping_ids
        with self.assertRaises(UserError):
            proposal.with_user(self.stock_user).action_credit()
