# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import functools
import logging

from freezegun import freeze_time

from .common import AftersalesReturnsCommon

_logger = logging.getLogger(__name__)


@freeze_time("2026-03-05 10:00:00")
class TestReturnCheckPerformance(AftersalesReturnsCommon):
    def test_checking_200_lines_costs_bounded_queries(self):
        """Checking 20 or 200 returns of one order costs the same queries."""
        self.env["stock.quant"]._update_available_quantity(
            self.heater, self.warehouse.lot_stock_id, 200
        )
        order = self._sell(self.customer, [(self.heater, 1, 100.0)] * 200)
        self.assertEqual(len(order.order_line), 200)
        rmas = self.env["rma"]
        vals = []
        for line in order.order_line:
            move = line.move_ids[:1]
            vals.append(
                {
                    "partner_id": self.customer.id,
                    "order_id": order.id,
                    "picking_id": move.picking_id.id,
                    "move_id": move.id,
                    "product_id": self.heater.id,
                    "product_uom_qty": 1,
                    "product_uom": self.heater.uom_id.id,
                    "operation_id": self.operation.id,
                    "location_id": self.warehouse.rma_loc_id.id,
                    "return_reason": "quality",
                    "requested_remedy": "exchange",
                }
            )
        rmas = rmas.create(vals)
        rmas._aftersales_run_checks()  # warm-up: verdicts exist from now on
        counts = {}
        for size in (20, 200):
            subset = rmas[:size]
            self.env.invalidate_all()
            self.env.flush_all()
            start = self.cr.sql_log_count
            subset._aftersales_run_checks()
            self.env.flush_all()
            counts[size] = self.cr.sql_log_count - start
        # The same number of queries whatever the number of returns: one
        # read per kind of fact, one UPDATE per outcome, one DELETE and one
        # INSERT of the verdicts.
        self.assertEqual(counts[20], counts[200], counts)
        self.assertLessEqual(counts[200], 30, counts)
        self.assertTrue(all(r.aftersales_verdict_ids for r in rmas))
        self.assertEqual(
            set(
                rmas.mapped("aftersales_verdict_ids")
                .filtered(lambda v: v.rule == "quantity")
                .mapped("result")
            ),
            {"pass"},
        )

    def _count(self, func):
        self.env.flush_all()
        self.env.invalidate_all()
        start = self.cr.sql_log_count
        result = func()
        self.env.flush_all()
        return self.cr.sql_log_count - start, result

    def test_one_return_create_confirm_and_receive_refund(self):
        """One return at a time, as a user: create + confirm, then receive +
        inspect + refund, in a pinned number of queries (measured against
        bare OCA rma/rma_sale: see the addon readme)."""
        self.env["stock.quant"]._update_available_quantity(
            self.heater, self.warehouse.lot_stock_id, 10
        )
        order = self._sell(self.customer, [(self.heater, 1, 100.0)] * 4)
        env = self.env(user=self.manager, context={"tracking_disable": False})
        counts = []
        for line in order.order_line:
            move = line.move_ids[:1]
            vals = {
                "partner_id": self.customer.id,
                "partner_invoice_id": self.customer.id,
                "partner_shipping_id": self.customer.id,
                "order_id": order.id,
                "picking_id": move.picking_id.id,
                "move_id": move.id,
                "product_id": self.heater.id,
                "product_uom_qty": 1,
                "product_uom": self.heater.uom_id.id,
                "operation_id": self.operation.id,
                "location_id": self.warehouse.rma_loc_id.id,
                "reason_id": self.reasons["no_reason"].id,
                "requested_remedy": "refund",
                "package_state": "sealed",
            }

            def create_confirm(vals):
                rma = env["rma"].create(vals)
                rma.action_confirm()
                return rma

            created, rma = self._count(functools.partial(create_confirm, vals))
            self.assertEqual(rma.state, "confirmed")

            def receive_refund(rma=rma):
                env["aftersales.rma.inspection"].with_user(self.stock_user).create(
                    {
                        "rma_id": rma.id,
                        "result": "stock",
                        "condition_grade": "a",
                        "invoice_returned": True,
                        "package_intact": True,
                        "accessories_complete": True,
                    }
                ).action_validate()

            received, _res = self._count(receive_refund)
            self.assertEqual(rma.state, "refunded")
            counts.append((created, received))
        # The first return warms the caches; the others cost the same.
        steady = counts[1:]
        self.assertEqual(len(set(steady)), 1, counts)
        created, received = steady[0]
        _logger.info(
            "one return: create+confirm %s queries, receive+refund %s",
            created,
            received,
        )
        self.assertLessEqual(created, 145, counts)
        self.assertLessEqual(received, 265, counts)
