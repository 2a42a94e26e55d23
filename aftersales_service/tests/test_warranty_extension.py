# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import AftersalesCommon

D = date(2025, 3, 10)


@tagged("post_install", "-at_install")
class TestWarrantyExtension(AftersalesCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_warranty_fixture()
        cls.lot = cls._create_lots(cls.product_heater, ["WH-E001"])
        cls.order, cls.invoice = cls._sell_and_invoice(cls.product_heater, 1, None, D)
        cls.card = cls.Warranty.search([("lot_id", "=", cls.lot.id)])

    def _request(self, months=6):
        ext = (
            self.env["aftersales.warranty.extension"]
            .with_user(self.user)
            .create(
                {
                    "warranty_id": self.card.id,
                    "months": months,
                    "reason": "Goodwill for a loyal customer",
                }
            )
        )
        ext.action_request()
        return ext

    def test_manager_approves_extension(self):
        self.assertEqual(self.card.end_date, date(2026, 3, 10))
        ext = self._request(6)
        self.assertEqual(ext.state, "requested")
        self.assertEqual(ext.requested_by_id, self.user)
        self.assertEqual(ext.new_end_date, date(2026, 9, 10))
        self.assertTrue(ext.with_user(self.manager).can_approve)
        self.assertFalse(ext.with_user(self.user).can_approve)
        ext.with_user(self.manager).action_approve()
        self.assertEqual(ext.state, "approved")
        self.assertEqual(ext.approved_by_id, self.manager)
        self.assertTrue(ext.approved_date)
        self.assertEqual(self.card.extension_months, 6)
        self.assertEqual(self.card.end_date, date(2026, 9, 10))
        # the approval is kept in the card's history
        bodies = " ".join(self.card.message_ids.mapped("body"))
        self.assertIn("approved", bodies)
        self.assertIn("Goodwill", bodies)
        # boundary on the extended end date
        cover = self.Warranty._get_coverage
        self.assertEqual(
            cover(lot=self.lot, on_date=date(2026, 9, 10))["state"], "in_warranty"
        )
        self.assertEqual(
            cover(lot=self.lot, on_date=date(2026, 9, 11))["state"], "out_of_warranty"
        )

    def test_user_cannot_approve(self):
        ext = self._request(6)
        with self.assertRaisesNaming(UserError, self.card.name):
            ext.with_user(self.user).action_approve()
        with self.assertRaisesNaming(UserError, self.card.name):
            ext.with_user(self.user).action_refuse()
        self.assertEqual(ext.state, "requested")
        self.assertEqual(self.card.end_date, date(2026, 3, 10))

    def test_refuse_keeps_end_date(self):
        ext = self._request(12)
        ext.with_user(self.manager).action_refuse()
        self.assertEqual(ext.state, "refused")
        self.assertEqual(self.card.end_date, date(2026, 3, 10))
        with self.assertRaises(UserError):
            ext.with_user(self.manager).action_approve()

    def test_bad_months(self):
        with self.assertRaisesNaming(ValidationError, self.card.name):
            self._request(0)
        with self.assertRaisesNaming(ValidationError, self.card.name, "-2"):
            self._request(-2)
        ext = self._request(1)
        self.assertEqual(ext.new_end_date, date(2026, 4, 10))

    def test_nobody_edits_card_dates(self):
        """Dates and extensions move only through their actions: not for a
        user, not for a manager, not with sudo."""
        for user in (self.user, self.manager):
            for vals in (
                {"end_date": date(2027, 3, 10)},
                {"start_date": date(2026, 1, 1)},
                {"extension_months": 120},
            ):
                with self.subTest(user=user.login, vals=vals):
                    with self.assertRaisesNaming(UserError, self.card.name):
                        self.card.with_user(user).write(vals)
        with self.assertRaises(UserError):
            self.card.with_user(self.user).sudo().write({"extension_months": 12})
        self.assertEqual(self.card.end_date, date(2026, 3, 10))
        self.assertEqual(self.card.extension_months, 0)
        # the duration stays a manager's correction, within bounds
        with self.assertRaisesNaming(UserError, self.card.name):
            self.card.with_user(self.user).duration = 13
        self.card.with_user(self.manager).duration = 13
        self.assertEqual(self.card.end_date, date(2026, 4, 10))

    def test_extension_state_is_guarded(self):
        """An extension cannot be created or written already approved."""
        Extension = self.env["aftersales.warranty.extension"]
        for user in (self.user, self.manager):
            with self.subTest(user=user.login), self.assertRaises(UserError):
                Extension.with_user(user).create(
                    {
                        "warranty_id": self.card.id,
                        "months": 60,
                        "reason": "forged",
                        "state": "approved",
                        "approved_by_id": self.manager.id,
                    }
                )
        ext = self._request(6)
        for vals in ({"state": "approved"}, {"approved_by_id": self.manager.id}):
            with (
                self.subTest(vals=vals),
                self.assertRaisesNaming(UserError, self.card.name),
            ):
                ext.with_user(self.manager).write(vals)
        self.assertEqual(ext.state, "requested")
        self.assertFalse(ext.approved_by_id)
        self.assertEqual(self.card.end_date, date(2026, 3, 10))

    def test_extension_bounds(self):
        with self.assertRaisesNaming(ValidationError, self.card.name, "61", "60"):
            self._request(61)
        ext = self._request(60)
        self.assertEqual(ext.new_end_date, date(2031, 3, 10))
        ext.with_user(self.manager).action_approve()
        self.assertEqual(self.card.end_date, date(2031, 3, 10))
        # the card's extensions add up to 60 months at most
        more = self._request(1)
        with self.assertRaisesNaming(ValidationError, self.card.name, "61", "60"):
            more.with_user(self.manager).action_approve()
        self.assertEqual(self.card.extension_months, 60)
