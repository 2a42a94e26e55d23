# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from freezegun import freeze_time

from odoo.exceptions import UserError

from .common import AftersalesReturnsCommon


@freeze_time("2026-03-05 10:00:00")
class TestReturnInspection(AftersalesReturnsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.order = cls._sell(cls.customer, [(cls.heater, 3, 1000.0)])

    def _confirmed_rma(self, **kw):
        rma = self._rma(self.order, qty=1, **kw)
        self._evidence(rma, "test_report")
        rma.action_confirm()
        self.assertEqual(rma.aftersales_inspection_state, "pending")
        return rma

    def _qty(self, location):
        return self.env["stock.quant"]._get_available_quantity(
            self.heater, location, strict=True
        )

    def test_back_to_stock(self):
        rma = self._confirmed_rma()
        stock = self.warehouse.lot_stock_id
        before = self._qty(stock)
        self._inspect(rma, "stock")
        self.assertEqual(rma.aftersales_inspection_state, "done")
        self.assertEqual(rma.aftersales_inspected_by_id, self.stock_user)
        self.assertEqual(self._qty(stock), before + 1)
        self.assertEqual(self._qty(rma.location_id), 0)
        self.assertEqual(rma.state, "refunded")

    def test_quarantine(self):
        rma = self._confirmed_rma()
        quarantine = self.warehouse.aftersales_quarantine_loc_id
        self.assertTrue(quarantine, "the warehouse got its quarantine at install")
        self._inspect(rma, "quarantine", grade="c")
        self.assertEqual(self._qty(quarantine), 1)
        self.assertEqual(self._qty(rma.location_id), 0)
        self.assertEqual(rma.aftersales_condition_grade, "c")
        transfer = rma.aftersales_after_picking_id
        self.assertEqual(transfer.state, "done")
        self.assertEqual(transfer.location_id, rma.location_id)
        self.assertEqual(transfer.location_dest_id, quarantine)
        # The receipt holds the product once, with its effective date.
        receipt = rma.reception_move_id.picking_id
        self.assertEqual(len(receipt.move_ids), 1)
        self.assertTrue(receipt.date_done)
        self.assertNotEqual(transfer, receipt)

    def test_scrap(self):
        rma = self._confirmed_rma()
        self._inspect(rma, "scrap", grade="d")
        scrap = self.env["stock.scrap"].search([("origin", "=", rma.name)])
        self.assertEqual(scrap.state, "done")
        self.assertEqual(
            self.env["stock.quant"]._get_available_quantity(
                self.heater, scrap.scrap_location_id, strict=True
            ),
            1,
        )
        self.assertEqual(self._qty(rma.location_id), 0)

    def test_reject_sends_back(self):
        rma = self._confirmed_rma()
        self._inspect(rma, "reject", grade="d")
        self.assertEqual(rma.state, "waiting_return")
        self.assertTrue(rma.delivery_move_ids)
        self.assertFalse(rma.refund_id)

    def test_grade_d_cannot_go_to_stock(self):
        rma = self._confirmed_rma()
        with self.assertRaises(UserError):
            self._inspect(rma, "stock", grade="d")
        self.assertEqual(rma.aftersales_inspection_state, "pending")

    def test_inspect_twice_refused(self):
        rma = self._confirmed_rma()
        self._inspect(rma, "stock")
        with self.assertRaises(UserError):
            self._inspect(rma, "stock")
        self.assertEqual(len(rma.refund_id), 1)

    def test_from_receipt_with_scanner(self):
        rma = self._confirmed_rma()
        picking = rma.reception_move_id.picking_id
        picking = picking.with_user(self.stock_user)
        self.assertTrue(picking.aftersales_rma_to_inspect)
        action = picking.action_aftersales_inspect()
        self.assertEqual(action["context"]["default_rma_id"], rma.id)
        wizard = (
            self.env["aftersales.rma.inspection"]
            .with_user(self.stock_user)
            .with_context(action["context"])
            .new({})
        )
        wizard.scan = "6900000000601"
        wizard._onchange_scan()
        self.assertTrue(wizard.scan_ok)
        self.assertIn("Mounting bracket", wizard.packing_list)

    def test_sales_agent_without_stock_rights_cannot_inspect(self):
        rma = self._confirmed_rma()
        agent = self.env["res.users"].create(
            {
                "name": "Agent",
                "login": "ret_agent_only",
                "groups_id": [
                    (6, 0, self.env.ref("aftersales_service.group_aftersales_user").ids)
                ],
            }
        )
        with self.assertRaises(UserError):
            self._inspect(rma, "stock", user=agent)

    def test_contact_reminder_cron(self):
        rma = self._confirmed_rma()
        self.assertTrue(rma.aftersales_next_contact_date)
        model = self.env["rma"]
        self.assertEqual(model._cron_aftersales_contact_reminder(), 0)
        with freeze_time("2026-03-08 11:00:00"):
            self.assertEqual(model._cron_aftersales_contact_reminder(), 1)
            self.assertEqual(model._cron_aftersales_contact_reminder(), 0)
            self.assertTrue(rma.activity_ids)
        with freeze_time("2026-03-10 11:00:00"):
            # The agent writes to the customer: the clock restarts.
            rma.message_post(
                body="We are on it", message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        with freeze_time("2026-03-12 11:00:00"):
            self.assertEqual(model._cron_aftersales_contact_reminder(), 0)

    def test_contact_days_between_3_and_5(self):
        from odoo.exceptions import ValidationError

        with self.assertRaises(ValidationError):
            self.company.aftersales_contact_days = 6
        with self.assertRaises(ValidationError):
            self.company.aftersales_contact_days = 2
        self.company.aftersales_contact_days = 5
