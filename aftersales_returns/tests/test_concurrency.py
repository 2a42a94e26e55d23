# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import SUPERUSER_ID, Command, api
from odoo.exceptions import UserError

from .common import AftersalesReturnsCommon


class TestReturnConcurrency(AftersalesReturnsCommon):
    """Two warehouse users validate the same receipt at the same time.

    The data is committed so that two real database transactions (two
    cursors) see it; it is removed at the end.
    """

    def _committed_rma(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            warehouse = env["stock.warehouse"].search(
                [("company_id", "=", env.company.id)], limit=1
            )
            partner = env["res.partner"].create({"name": "Concurrent Customer Zhao"})
            product = env["product.product"].create(
                {
                    "name": "Concurrent Range Hood",
                    "type": "consu",
                    "list_price": 500.0,
                    "taxes_id": [Command.clear()],
                }
            )
            rma = env["rma"].create(
                {
                    "partner_id": partner.id,
                    "product_id": product.id,
                    "product_uom_qty": 1,
                    "product_uom": product.uom_id.id,
                    "operation_id": env.ref(
                        "aftersales_returns.rma_operation_checked_return"
                    ).id,
                    "location_id": warehouse.rma_loc_id.id,
                    "return_reason": "quality",
                    "requested_remedy": "refund",
                }
            )
            rma.write({"state": "received", "aftersales_inspection_state": "pending"})
            return rma.id, partner.id, product.id

    def _cleanup(self, rma_id, partner_id, product_id):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            rma = env["rma"].browse(rma_id)
            refunds = env["account.move"].search([("line_ids.rma_id", "=", rma_id)])
            refunds.line_ids.write({"rma_id": False})
            refunds.unlink()
            rma.write({"state": "draft", "refund_id": False, "refund_line_id": False})
            rma.unlink()
            env["product.product"].browse(product_id).unlink()
            env["res.partner"].browse(partner_id).unlink()

    def test_two_users_validate_same_receipt_one_refund(self):
        admin_id = self.env.ref("base.user_admin").id
        rma_id, partner_id, product_id = self._committed_rma()
        try:
            with self.registry.cursor() as cr1, self.registry.cursor() as cr2:
                env1 = api.Environment(cr1, admin_id, {})
                env2 = api.Environment(cr2, admin_id, {})
                vals = {
                    "rma_id": rma_id,
                    "result": "stock",
                    "condition_grade": "a",
                    "invoice_returned": True,
                    "package_intact": True,
                    "accessories_complete": True,
                }
                first = env1["aftersales.rma.inspection"].create(vals)
                second = env2["aftersales.rma.inspection"].create(vals)
                # User 1 validates: the RMA row stays locked until commit.
                first.action_validate()
                # User 2 validates at the same moment: refused, nothing done.
                with self.assertRaisesRegex(UserError, "another user"):
                    second.action_validate()
                cr2.rollback()
                cr1.commit()
                # User 2 retries after user 1 committed: already inspected.
                retry = env2["aftersales.rma.inspection"].create(vals)
                with self.assertRaisesRegex(UserError, "already been inspected"):
                    retry.action_validate()
                cr2.rollback()
            with self.registry.cursor() as cr:
                env = api.Environment(cr, SUPERUSER_ID, {})
                rma = env["rma"].browse(rma_id)
                refunds = env["account.move"].search([("line_ids.rma_id", "=", rma_id)])
                self.assertEqual(len(refunds), 1)
                self.assertEqual(rma.state, "refunded")
                self.assertEqual(rma.refund_id, refunds)
        finally:
            self._cleanup(rma_id, partner_id, product_id)
