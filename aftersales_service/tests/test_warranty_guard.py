# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import AftersalesCommon

D = date(2025, 3, 10)


@tagged("post_install", "-at_install")
class TestWarrantyGuard(AftersalesCommon):
    """What only actions may set on a card, and the bounds of a card."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_warranty_fixture()
        cls.lot, cls.lot_li = cls._create_lots(
            cls.product_heater, ["WH-G001", "WH-G002"]
        )
        cls.order, cls.invoice = cls._sell_and_invoice(cls.product_heater, 1, None, D)
        cls.card = cls.Warranty.search([("lot_id", "=", cls.lot.id)])
        cls.order_li, _inv = cls._sell_and_invoice(
            cls.product_heater, 1, None, D, partner=cls.customer_li
        )
        cls.card_li = cls.Warranty.search([("lot_id", "=", cls.lot_li.id)])
        # a unit delivered to the customer, not invoiced yet: no card
        cls.lot_uncarded = cls._create_lots(cls.product_heater, ["WH-G003"])
        order = cls._create_sale(cls.product_heater, 1, D)
        cls._deliver(order, D)

    def _manual(self, user=None, **vals):
        values = {
            "partner_id": self.customer.id,
            "product_id": self.product_heater.id,
            "lot_id": self.lot_uncarded.id,
            "start_date": D,
            "duration": 12,
        }
        values.update(vals)
        return self.Warranty.with_user(user or self.user).create(values)

    def test_writes_refused_data_unchanged(self):
        before = self.card.read(
            ["end_date", "extension_months", "sale_line_id", "void_reason", "state"]
        )[0]
        for user in (self.user, self.manager):
            for vals in (
                {"extension_months": 120},
                {"void_reason": "forged"},
                {"void_code": "refund"},
                {"sale_line_id": self.order_li.order_line.id},
                {"state": "void"},
                {"end_date": date(2035, 3, 10)},
                {"lot_id": self.lot_li.id},
                {"quantity": 2},
                {"check_token": "0" * 32},
            ):
                with self.subTest(user=user.login, vals=vals):
                    with self.assertRaisesNaming(UserError, self.card.name):
                        self.card.with_user(user).write(vals)
        self.card.invalidate_recordset()
        self.assertEqual(
            self.card.read(
                ["end_date", "extension_months", "sale_line_id", "void_reason", "state"]
            )[0],
            before,
        )

    def test_fields_get_marks_guarded(self):
        desc = self.Warranty.with_user(self.user).fields_get(
            [
                "extension_months",
                "void_reason",
                "sale_line_id",
                "start_date",
                "end_date",
                "partner_id",
                "distributor_id",
                "registration_state",
                "duration",
                "name",
            ],
            ["readonly", "aftersales_guarded"],
        )
        for fname in (
            "extension_months",
            "void_reason",
            "sale_line_id",
            "start_date",
            "end_date",
            "partner_id",
            "distributor_id",
            "registration_state",
        ):
            self.assertTrue(desc[fname].get("aftersales_guarded"), fname)
            self.assertTrue(desc[fname]["readonly"], fname)
        self.assertNotIn("aftersales_guarded", desc["duration"])

    def test_manual_card_for_serial_of_that_customer_only(self):
        # another customer's serial, 50 years: refused, nothing created
        count = self.Warranty.search_count([])
        with self.assertRaisesNaming(ValidationError, "WH-G002", "Customer Wang"):
            self._manual(lot_id=self.lot_li.id, duration=50, duration_type="year")
        with self.assertRaisesNaming(ValidationError, "WH-G003", "Customer Li"):
            self._manual(partner_id=self.customer_li.id)
        self.assertEqual(self.Warranty.search_count([]), count)
        # their own serial, within bounds: made by hand
        card = self._manual()
        self.assertEqual(card.start_basis, "manual")
        self.assertEqual(card.end_date, date(2026, 3, 10))
        # a hand-made card cannot carry what only actions set
        for vals in (
            {"extension_months": 12},
            {"state": "void"},
            {"sale_line_id": self.order.order_line.id},
            {"registration_state": "registered"},
            {"distributor_id": self.customer_li.id},
        ):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                self._manual(**vals)

    def test_duration_bounds_name_card_and_bound(self):
        for duration, unit, bound in (
            (0, "month", "120"),
            (121, "month", "120"),
            (11, "year", "10"),
            (3651, "day", "3650"),
            (521, "week", "520"),
            (50, "year", "10"),
        ):
            with self.subTest(duration=duration, unit=unit):
                with self.assertRaisesNaming(ValidationError, bound, str(duration)):
                    self._manual(duration=duration, duration_type=unit)
        for duration, unit in ((1, "day"), (120, "month"), (10, "year"), (520, "week")):
            with self.subTest(duration=duration, unit=unit):
                card = self._manual(duration=duration, duration_type=unit)
                card._aftersales_action_write({"state": "void"})
        with self.assertRaisesNaming(ValidationError, self.card.name, "121"):
            self.card.with_user(self.manager).duration = 121

    def test_quantity_bounds(self):
        hood_order, _inv = self._sell_and_invoice(self.product_hood, 3, None, D)
        hood_card = self.Warranty.search([("sale_order_id", "=", hood_order.id)])
        with self.assertRaisesNaming(ValidationError, "0"):
            self._manual(lot_id=False, product_id=self.product_hood.id, quantity=0)
        with self.assertRaisesNaming(ValidationError, "1"):
            self._manual(quantity=2)
        with self.assertRaisesNaming(ValidationError, hood_card.name, "0"):
            hood_card._aftersales_action_write({"quantity": 0})
        self.assertEqual(hood_card.quantity, 3)
