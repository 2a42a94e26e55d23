# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from freezegun import freeze_time

from .common import AftersalesReturnsCommon


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
        # A fixed bound whatever the size; the only growth is the ORM writing
        # the verdict rows in INSERT batches of 100 rows.
        self.assertLessEqual(counts[20], 40, counts)
        self.assertLessEqual(counts[200], 50, counts)
        self.assertLessEqual(counts[200] - counts[20], 20, counts)
        self.assertTrue(all(r.aftersales_verdict_ids for r in rmas))
        self.assertEqual(
            set(rmas.mapped("aftersales_verdict_ids").filtered(
                lambda v: v.rule == "quantity").mapped("result")),
            {"pass"},
        )
