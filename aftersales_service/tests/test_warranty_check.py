# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.tests import Form, tagged

from .common import AftersalesCommon

D = date(2025, 3, 10)


@tagged("post_install", "-at_install")
class TestWarrantyCheck(AftersalesCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_warranty_fixture()
        cls.lots = cls._create_lots(cls.product_heater, ["WH-C001", "WH-C002"])
        cls.order, cls.invoice = cls._sell_and_invoice(cls.product_heater, 2, None, D)
        cls.hood_order, cls.hood_invoice = cls._sell_and_invoice(
            cls.product_hood, 4, None, date(2023, 1, 5)
        )

    def _check(self, user=None, **vals):
        vals.setdefault("on_date", date(2026, 3, 10))
        wizard = (
            self.env["aftersales.warranty.check"]
            .with_user(user or self.user)
            .create(vals)
        )
        wizard.action_check()
        return wizard

    def test_check_by_serial(self):
        wizard = self._check(serial=" WH-C001 ")
        self.assertEqual(len(wizard.line_ids), 1)
        line = wizard.line_ids
        self.assertEqual(line.lot_id, self.lots[0])
        self.assertEqual(line.product_id, self.product_heater)
        self.assertEqual(line.state, "in_warranty")
        self.assertEqual(line.end_date, date(2026, 3, 10))
        self.assertIn("until", line.reason)
        wizard.on_date = date(2026, 3, 11)
        wizard.action_check()
        self.assertEqual(wizard.line_ids.state, "out_of_warranty")
        self.assertIn("ended", wizard.line_ids.reason)

    def test_check_by_order_invoice_customer(self):
        by_order = self._check(sale_order_id=self.order.id)
        self.assertEqual(by_order.line_ids.lot_id, self.lots)
        by_invoice = self._check(user=self.env.user, invoice_id=self.hood_invoice.id)
        self.assertEqual(by_invoice.line_ids.product_id, self.product_hood)
        self.assertEqual(by_invoice.line_ids.state, "out_of_warranty")
        by_customer = self._check(partner_id=self.customer.id)
        self.assertEqual(len(by_customer.line_ids), 3)
        self.assertEqual(
            sorted(by_customer.line_ids.mapped("state")),
            ["in_warranty", "in_warranty", "out_of_warranty"],
        )

    def test_open_from_documents(self):
        action = self.customer.with_user(self.user).action_aftersales_check_warranty()
        wizard = self.env["aftersales.warranty.check"].browse(action["res_id"])
        self.assertEqual(len(wizard.line_ids), 3)
        action = self.order.with_user(self.user).action_aftersales_check_warranty()
        wizard = self.env["aftersales.warranty.check"].browse(action["res_id"])
        self.assertEqual(wizard.line_ids.lot_id, self.lots)
        action = self.invoice.action_aftersales_check_warranty()
        self.assertTrue(action["res_id"])
        self.assertEqual(self.customer.aftersales_warranty_count, 3)
        self.assertEqual(self.order.aftersales_warranty_count, 2)
        self.assertEqual(self.lots[0].aftersales_warranty_count, 1)

    def test_bad_serial_for_customer(self):
        """Answered in the banner, not by an error dialog."""
        wizard = self._check(serial="WH-C001", partner_id=self.customer_li.id)
        self.assertEqual(wizard.result_state, "danger")
        self.assertIn("WH-C001", wizard.result_message)
        self.assertIn("Customer Li", wizard.result_message)
        self.assertEqual(wizard.line_ids.state, "unknown")
        wizard = self._check(serial="NO-SUCH-SERIAL")
        self.assertEqual(wizard.result_state, "danger")
        self.assertIn("NO-SUCH-SERIAL", wizard.result_message)
        self.assertIn("not found", wizard.result_message)
        self.assertFalse(wizard.line_ids)
        wizard = self._check()
        self.assertEqual(wizard.result_state, "info")
        self.assertFalse(wizard.line_ids)

    def test_banner_one_unit(self):
        wizard = self._check(serial="WH-C001")
        self.assertEqual(wizard.result_state, "success")
        self.assertEqual(wizard.result_title, "In warranty")
        self.assertIn("In warranty until", wizard.result_message)
        wizard.on_date = date(2026, 3, 11)
        wizard.action_check()
        self.assertEqual(wizard.result_state, "danger")
        self.assertIn("ended", wizard.result_message)
        excluded = self.env.ref("aftersales_service.exclusion_voltage")
        coverage = self.Warranty._get_coverage(
            lot=self.lots[0], on_date=date(2025, 6, 1), excluded=excluded
        )
        self.assertEqual(coverage["state"], "excluded")
        self.assertEqual(coverage["reason_code"], "excluded")

    def test_banner_several_units(self):
        wizard = self._check(partner_id=self.customer.id)
        self.assertEqual(wizard.result_state, "warning")
        self.assertIn("3 units: 2 in warranty", wizard.result_message)

    def test_enter_runs_the_check(self):
        """Typing a serial and Enter (the field's onchange) fills the answer
        without pressing Check."""
        with Form(self.env["aftersales.warranty.check"].with_user(self.user)) as form:
            self.assertEqual(form.result_state, "info")
            form.on_date = date(2026, 3, 10)
            form.serial = "WH-C002"
            self.assertEqual(form.result_state, "success")
            self.assertEqual(len(form.line_ids), 1)
            self.assertIn("In warranty until", form.result_message)
            form.serial = "WH-NOPE"
            self.assertEqual(form.result_state, "danger")
            self.assertIn("not found", form.result_message)
            self.assertEqual(len(form.line_ids), 0)
