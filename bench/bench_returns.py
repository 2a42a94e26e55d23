#!/usr/bin/env python
# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Benchmark: run the return rules on every line of one big sale order.

BENCH_SIZE=small (CI) checks a 50-line order, large a 500-line one. The
work happens in a cursor that is rolled back. Exits non-zero when the
checks cost more queries than the bound (they must not grow per line).
"""

import os
import sys
import time

import odoo
from odoo import SUPERUSER_ID, Command, api
from odoo.modules.registry import Registry
from odoo.tools import config

SIZES = {"small": 50, "large": 500}
QUERY_BOUND = 60


def main(argv):
    config.parse_config(argv)
    size = SIZES.get(os.environ.get("BENCH_SIZE", "small"), SIZES["small"])
    registry = Registry(config["db_name"])
    with registry.cursor() as cr:
        try:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            warehouse = env["stock.warehouse"].search(
                [("company_id", "=", env.company.id)], limit=1
            )
            partner = env["res.partner"].create({"name": "Bench Distributor"})
            product = env["product.product"].create(
                {
                    "name": "Bench Water Heater",
                    "type": "consu",
                    "is_storable": True,
                    "list_price": 100.0,
                    "taxes_id": [Command.clear()],
                }
            )
            env["stock.quant"]._update_available_quantity(
                product, warehouse.lot_stock_id, size * 2
            )
            order = env["sale.order"].create(
                {
                    "partner_id": partner.id,
                    "order_line": [
                        Command.create(
                            {
                                "product_id": product.id,
                                "product_uom_qty": 1,
                                "price_unit": 100.0,
                                "tax_id": [Command.clear()],
                            }
                        )
                        for _i in range(size)
                    ],
                }
            )
            order.action_confirm()
            picking = order.picking_ids
            for move in picking.move_ids:
                move.quantity = move.product_uom_qty
            picking.move_ids.picked = True
            picking._action_done()
            invoice = order._create_invoices()
            invoice.action_post()
            operation = env.ref("aftersales_returns.rma_operation_checked_return")
            rmas = env["rma"].create(
                [
                    {
                        "partner_id": partner.id,
                        "order_id": order.id,
                        "picking_id": picking.id,
                        "move_id": line.move_ids[:1].id,
                        "product_id": product.id,
                        "product_uom_qty": 1,
                        "product_uom": product.uom_id.id,
                        "operation_id": operation.id,
                        "location_id": warehouse.rma_loc_id.id,
                        "return_reason": "no_reason",
                        "package_state": "sealed",
                        "requested_remedy": "exchange",
                    }
                    for line in order.order_line
                ]
            )
            env.flush_all()
            env.invalidate_all()
            start_queries = odoo.sql_db.sql_counter
            start = time.perf_counter()
            failures = rmas._aftersales_run_checks()
            env.flush_all()
            elapsed = time.perf_counter() - start
            queries = odoo.sql_db.sql_counter - start_queries
            print(
                f"bench_returns: {size} return lines checked in {elapsed:.2f} s, "
                f"{queries} queries, {len(failures)} refused"
            )
        finally:
            cr.rollback()
    if queries > QUERY_BOUND + size // 100 * 8:
        print(f"bench_returns: more than {QUERY_BOUND} queries", file=sys.stderr)
        return 1
    if failures:
        print("bench_returns: valid returns were refused", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
