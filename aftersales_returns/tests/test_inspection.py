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

    def _confirmed_rma(self, kinds=("test_report",), **kw):
        rma = self._rma(self.order, qty=1, **kw)
        self._evidence(rma, *kinds)
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
            .with_context(**action["context"])
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
                body="We are on it",
                message_type="comment",
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

    # Inspection gates the money -----------------------------------------
    def test_accessories_missing_waits_for_a_manager(self):
        """退货检测: accessories missing, the quality reason's policy is a
        manager's written decision; no credit note before it."""
        rma = self._confirmed_rma()
        self._inspect(rma, "stock", accessories=False)
        self.assertEqual(rma.aftersales_inspection_outcome, "decision")
        self.assertEqual(rma.aftersales_inspection_failed, ["accessories"])
        self.assertIn("Accessories", rma.aftersales_inspection_failed_text)
        self.assertFalse(rma.refund_id)
        self.assertFalse(rma.aftersales_after_picking_id, "goods wait for the decision")
        self.assertEqual(self._qty(rma.location_id), 1)
        decision_type = self.env.ref("aftersales_returns.mail_activity_rma_decision")
        self.assertTrue(
            rma.activity_ids.filtered(lambda a: a.activity_type_id == decision_type)
        )
        # Refund by hand is refused too.
        with self.assertRaisesRegex(UserError, "inspected and accepted"):
            rma.action_refund()
        with self.assertRaises(UserError):
            self.env["aftersales.rma.decision"].with_user(self.user).create(
                {"rma_ids": [(6, 0, rma.ids)], "decision": "accept", "note": "ok"}
            )
        with self.assertRaises(UserError):
            rma.with_user(self.user)._aftersales_decide("accept", "ok")
        wizard = (
            self.env["aftersales.rma.decision"]
            .with_user(self.manager)
            .create(
                {
                    "rma_ids": [(6, 0, rma.ids)],
                    "decision": "fee",
                    "fee_pct": 20.0,
                    "note": "Manual missing: 20% kept",
                }
            )
        )
        stock_before = self._qty(self.warehouse.lot_stock_id)
        wizard.action_decide()
        self.assertEqual(rma.aftersales_decided_by_id, self.manager)
        self.assertEqual(rma.aftersales_inspection_outcome, "fee")
        self.assertEqual(rma.state, "refunded")
        self.assertAlmostEqual(rma.refund_id.amount_total, 800.0)
        self.assertAlmostEqual(rma.aftersales_fee_amount, 200.0)
        self.assertEqual(self._qty(self.warehouse.lot_stock_id), stock_before + 1)
        self.assertFalse(
            rma.activity_ids.filtered(lambda a: a.activity_type_id == decision_type)
        )
        self.assertIn("Manual missing", "".join(rma.message_ids.mapped("body")))

    def test_manager_refuses_and_goods_go_back(self):
        rma = self._confirmed_rma()
        self._inspect(rma, "stock", invoice=False)
        rma.with_user(self.manager)._aftersales_decide("refuse", "No invoice")
        self.assertEqual(rma.aftersales_inspection_outcome, "refused")
        self.assertEqual(rma.state, "waiting_return")
        self.assertFalse(rma.refund_id)

    def test_policy_refuse_sends_back_at_once(self):
        """A no-reason return whose package is not intact at receipt."""
        rma = self._rma(self.order, reason="no_reason", package="sealed")
        rma.action_confirm()
        self._inspect(rma, "stock", package=False)
        self.assertEqual(rma.aftersales_inspection_outcome, "refused")
        self.assertEqual(rma.state, "waiting_return")
        self.assertTrue(rma.delivery_move_ids)
        self.assertFalse(rma.refund_id)

    def test_policy_fee_keeps_the_inspection_fee(self):
        self.reasons["quality"].write(
            {
                "aftersales_inspection_policy": "fee",
                "aftersales_inspection_fee_pct": 15.0,
            }
        )
        rma = self._confirmed_rma()
        self._inspect(rma, "stock", invoice=False)
        self.assertEqual(rma.aftersales_inspection_outcome, "fee")
        self.assertAlmostEqual(rma.refund_id.amount_total, 850.0)
        fee_line = rma.refund_id.invoice_line_ids.filtered(
            lambda line: line.price_subtotal < 0
        )
        self.assertIn("Inspection fee", fee_line.name)

    def test_condition_not_required_by_the_reason(self):
        """Missing accessories is the reason itself: not checked at receipt."""
        rma = self._confirmed_rma(reason="accessories", kinds=("photo",))
        self._inspect(rma, "stock", accessories=False)
        self.assertEqual(rma.aftersales_inspection_outcome, "accepted")
        self.assertEqual(rma.state, "refunded")

    def test_chatter_names_the_inspector(self):
        rma = self._confirmed_rma().with_context(tracking_disable=False)
        self._inspect(rma, "stock", accessories=False)
        message = rma.message_ids.filtered(lambda m: "Inspected by" in (m.body or ""))
        self.assertEqual(message.author_id, self.stock_user.partner_id)
        self.assertIn(self.stock_user.name, message.body)
        self.assertIn("Accessories", message.body)
        odoobot = self.env.ref("base.partner_root")
        self.assertFalse(
            rma.message_ids.filtered(
                lambda m: m.author_id == odoobot and m.message_type == "comment"
            )
        )

    def test_inspection_fields_are_set_by_the_inspection_only(self):
        rma = self._confirmed_rma()
        for vals in (
            {"aftersales_invoice_returned": True},
            {"aftersales_inspection_state": "done"},
            {"aftersales_inspection_outcome": "accepted"},
            {"aftersales_inspected_by_id": self.manager.id},
            {"state": "refunded"},
            {"aftersales_fee_amount": 1.0},
        ):
            for user in (self.user, self.manager, self.stock_user):
                with self.assertRaises(UserError):
                    rma.with_user(user).sudo().write(vals)
        self.assertEqual(rma.aftersales_inspection_state, "pending")
        self.assertEqual(rma.state, "confirmed")

    def test_decision_wizard_only_when_waiting(self):
        rma = self._confirmed_rma()
        with self.assertRaisesRegex(UserError, "does not wait"):
            rma.with_user(self.manager)._aftersales_decide("accept", "x")
        self._inspect(rma, "stock", package=False)
        with self.assertRaisesRegex(UserError, "written note"):
            rma.with_user(self.manager)._aftersales_decide("accept", "  ")
        self.assertEqual(rma.aftersales_inspection_outcome, "decision")
