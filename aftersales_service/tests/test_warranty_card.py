# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import AftersalesCommon

D = date(2025, 3, 10)


@tagged("post_install", "-at_install")
class TestWarrantyCard(AftersalesCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_warranty_fixture()

    def _cards(self, order):
        return self.Warranty.search([("sale_order_id", "=", order.id)])

    # --- Must show: one card per serial, start = invoice date, 12 months edge
    def test_card_per_serial_from_invoice_date(self):
        lots = self._create_lots(self.product_heater, ["WH-0001", "WH-0002"])
        order = self._create_sale(self.product_heater, 2, date(2025, 3, 1))
        self._deliver(order, date(2025, 3, 5))
        self.assertFalse(self._cards(order), "no card before the invoice is posted")
        self._invoice(order, D)
        cards = self._cards(order)
        self.assertEqual(cards.lot_id, lots)
        self.assertEqual(len(cards), 2)
        self.assertEqual(set(cards.mapped("start_date")), {D})
        self.assertEqual(set(cards.mapped("end_date")), {date(2026, 3, 10)})
        self.assertEqual(set(cards.mapped("start_basis")), {"invoice"})
        self.assertEqual(cards.partner_id, self.customer)
        for lot in lots:
            on_edge = self.Warranty._get_coverage(
                partner=self.customer, lot=lot, on_date=date(2026, 3, 10)
            )
            self.assertEqual(on_edge["state"], "in_warranty")
            self.assertEqual(on_edge["end_date"], date(2026, 3, 10))
            after = self.Warranty._get_coverage(
                partner=self.customer, lot=lot, on_date=date(2026, 3, 11)
            )
            self.assertEqual(after["state"], "out_of_warranty")
            self.assertIn("ended", after["reason"])
            before = self.Warranty._get_coverage(lot=lot, on_date=date(2025, 3, 9))
            self.assertEqual(before["state"], "out_of_warranty")
            self.assertEqual(
                self.Warranty._get_coverage(lot=lot, on_date=D)["state"],
                "in_warranty",
            )

    def test_invoice_twice_no_duplicate(self):
        """Posting a second invoice for the same line creates no new card."""
        self._create_lots(self.product_heater, ["WH-0101"])
        order, _invoice = self._sell_and_invoice(self.product_heater, 1, None, D)
        self.assertEqual(len(self._cards(order)), 1)
        self.Warranty._generate_from_sale_lines(order.order_line)
        self.assertEqual(len(self._cards(order)), 1)

    def test_invoice_before_delivery(self):
        """Invoiced before the serials are known: the card is made at delivery,
        still dated on the invoice."""
        lots = self._create_lots(self.product_heater, ["WH-0151"])
        order = self._create_sale(self.product_heater, 1, date(2025, 3, 1))
        self._invoice(order, D)
        self.assertFalse(self._cards(order))
        self._deliver(order, date(2025, 3, 14))
        card = self._cards(order)
        self.assertEqual(card.lot_id, lots)
        self.assertEqual(card.start_date, D)

    def test_basis_delivery(self):
        self.company.aftersales_warranty_start = "delivery"
        lots = self._create_lots(self.product_heater, ["WH-0201"])
        order = self._create_sale(self.product_heater, 1, date(2025, 3, 1))
        self.assertFalse(self._cards(order))
        self._deliver(order, date(2025, 3, 4))
        card = self._cards(order)
        self.assertEqual(card.lot_id, lots)
        self.assertEqual(card.start_date, date(2025, 3, 4))
        self.assertEqual(card.start_basis, "delivery")
        self._invoice(order, D)
        self.assertEqual(self._cards(order).start_date, date(2025, 3, 4))

    def test_basis_order(self):
        self.company.aftersales_warranty_start = "order"
        order = self._create_sale(self.product_hood, 3, date(2025, 2, 20))
        card = self._cards(order)
        self.assertEqual(len(card), 1, "untracked product: one card per line")
        self.assertEqual(card.start_date, date(2025, 2, 20))
        self.assertEqual(card.quantity, 3)
        # tracked product under order basis: card at delivery, dated on the order
        self._create_lots(self.product_heater, ["WH-0301"])
        order2 = self._create_sale(self.product_heater, 1, date(2025, 2, 21))
        self.assertFalse(self._cards(order2))
        self._deliver(order2, date(2025, 3, 2))
        self.assertEqual(self._cards(order2).start_date, date(2025, 2, 21))

    def test_untracked_one_card_per_line(self):
        order = self._create_sale(self.product_hood, 2, D, lines=2)
        self._deliver(order, D)
        self._invoice(order, D)
        cards = self._cards(order)
        self.assertEqual(len(cards), 2)
        self.assertEqual(cards.sale_line_id, order.order_line)
        self.assertFalse(cards.lot_id)
        self.assertEqual(cards.mapped("quantity"), [2.0, 2.0])

    def test_duration_precedence(self):
        """Product, else category, else company default; 0 falls back."""
        self.company.aftersales_warranty_months = 18
        heater = self.product_heater
        self.assertEqual(heater._aftersales_warranty_duration(), (12, "month"))
        heater.warranty = 2
        heater.warranty_type = "year"
        self.assertEqual(heater._aftersales_warranty_duration(), (2, "year"))
        hood = self.product_hood
        self.assertEqual(hood._aftersales_warranty_duration(), (18, "month"))
        self.categ_appliance.aftersales_warranty = 24
        self.assertEqual(hood._aftersales_warranty_duration(), (24, "month"))
        # sub-category without its own duration inherits the parent's
        child = self.env["product.category"].create(
            {"name": "Hoods", "parent_id": self.categ_appliance.id}
        )
        hood.categ_id = child
        self.assertEqual(hood._aftersales_warranty_duration(), (24, "month"))
        order = self._create_sale(hood, 1, D)
        self._invoice(order, D)
        card = self._cards(order)
        self.assertEqual(card.end_date, date(2027, 3, 10))
        hood.warranty = 6
        self.assertEqual(hood._aftersales_warranty_duration(), (6, "month"))

    def test_credit_note_voids_card(self):
        self._create_lots(self.product_heater, ["WH-0401"])
        order, invoice = self._sell_and_invoice(self.product_heater, 1, None, D)
        card = self._cards(order)
        self.assertEqual(card.state, "active")
        refund = self._refund(invoice, date(2025, 3, 20))
        self.assertEqual(card.state, "void")
        self.assertIn(refund.name, card.void_reason)
        coverage = self.Warranty._get_coverage(
            lot=card.lot_id, on_date=date(2025, 4, 1)
        )
        self.assertEqual(coverage["state"], "out_of_warranty")
        self.assertIn("voided", coverage["reason"])
        self.assertIn(refund.name, card.message_ids.mapped("body")[0])

    def test_partial_credit_note_untracked(self):
        """Refunding 1 of 3 units keeps the card for 2; refunding the rest voids."""
        order, invoice = self._sell_and_invoice(self.product_hood, 3, None, D)
        card = self._cards(order)
        with freeze_time("2025-03-20"):
            refund = invoice._reverse_moves()
            refund.invoice_line_ids.quantity = 1
            refund.action_post()
        self.assertEqual(card.state, "active")
        self.assertEqual(card.quantity, 2)
        with freeze_time("2025-03-21"):
            refund = invoice._reverse_moves()
            refund.invoice_line_ids.quantity = 2
            refund.action_post()
        self.assertEqual(card.state, "void")

    def test_return_voids_card(self):
        lots = self._create_lots(self.product_heater, ["WH-0501", "WH-0502"])
        order, _invoice = self._sell_and_invoice(self.product_heater, 2, None, D)
        cards = self._cards(order)
        self.assertEqual(len(cards), 2)
        picking = order.picking_ids.filtered(lambda p: p.state == "done")
        self._return_units(picking, lots[:1], date(2025, 3, 15))
        returned = cards.filtered(lambda c: c.lot_id == lots[0])
        kept = cards - returned
        self.assertEqual(returned.state, "void")
        self.assertEqual(kept.state, "active", "only the returned serial is voided")

    def test_bad_input_negative_duration(self):
        self._create_lots(self.product_heater, ["WH-0601"])
        order, _invoice = self._sell_and_invoice(self.product_heater, 1, None, D)
        card = self._cards(order)
        with self.assertRaisesNaming(ValidationError, card.name):
            card.duration = -1
        card.invalidate_recordset()
        self.assertEqual(card.duration, 12)
        with self.assertRaisesNaming(ValidationError, "Water Heater"):
            self.product_heater.warranty = -3
        with self.assertRaisesNaming(ValidationError, "Kitchen Appliances"):
            self.categ_appliance.aftersales_warranty = -1

    def test_bad_input_end_before_start(self):
        self._create_lots(self.product_heater, ["WH-0701"])
        order, _invoice = self._sell_and_invoice(self.product_heater, 1, None, D)
        card = self._cards(order)
        with self.assertRaisesNaming(ValidationError, card.name):
            card.end_date = date(2025, 3, 9)
        card.end_date = D  # boundary: same day is allowed
        self.assertEqual(card.end_date, D)

    def test_coverage_serial_of_other_customer(self):
        lot = self._create_lots(self.product_heater, ["WH-0801"])
        self._sell_and_invoice(self.product_heater, 1, None, D)
        with freeze_time("2025-06-01"):
            coverage = self.Warranty._get_coverage(partner=self.customer_li, lot=lot)
        self.assertEqual(coverage["state"], "unknown")
        self.assertIn("WH-0801", coverage["reason"])
        self.assertIn("Customer Li", coverage["reason"])
        self.assertEqual(
            self.Warranty._get_coverage(
                partner=self.customer, lot=lot, on_date=date(2025, 6, 1)
            )["state"],
            "in_warranty",
        )

    def test_batch_creation_bounded_queries(self):
        """Creating cards costs the same number of queries for 5 or 25 lines."""

        def prepare(lines):
            order = (
                self.env["sale.order"]
                .with_context(aftersales_no_warranty=True)
                .create(
                    {
                        "partner_id": self.customer.id,
                        "order_line": [
                            (
                                0,
                                0,
                                {
                                    "product_id": self.product_hood.id,
                                    "product_uom_qty": 1,
                                },
                            )
                            for _i in range(lines)
                        ],
                    }
                )
            )
            order.with_context(aftersales_no_warranty=True).action_confirm()
            invoice = order._create_invoices()
            invoice.invoice_date = D
            invoice.with_context(aftersales_no_warranty=True).action_post()
            self.assertFalse(self._cards(order))
            return order

        warm, small, large = prepare(2), prepare(5), prepare(25)
        self._count_queries(
            lambda: self.Warranty._generate_from_sale_lines(warm.order_line)
        )
        count_small = self._count_queries(
            lambda: self.Warranty._generate_from_sale_lines(small.order_line)
        )
        count_large = self._count_queries(
            lambda: self.Warranty._generate_from_sale_lines(large.order_line)
        )
        self.assertEqual(len(self._cards(small)), 5)
        self.assertEqual(len(self._cards(large)), 25)
        self.assertEqual(count_small, count_large)
        self.assertLess(count_large, 40)
        # and Odoo's own counter: 40 more lines, no more queries than 5 lines
        larger = prepare(40)
        self.env.invalidate_all()
        with self.assertQueryCount(count_small):
            self.Warranty._generate_from_sale_lines(larger.order_line)
        self.assertEqual(len(self._cards(larger)), 40)

    def test_users_cannot_skip_card_creation(self):
        """The bulk-data switch is for trusted code: a user passing it over RPC
        still gets warranty cards."""
        Warranty = self.env["aftersales.warranty"].with_context(
            aftersales_no_warranty=True
        )
        self.assertTrue(Warranty._aftersales_skip_generation())
        self.assertFalse(Warranty.with_user(self.manager)._aftersales_skip_generation())
