#!/usr/bin/env python3
# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Benchmark: warranty cards created in batch for many invoice lines.

    BENCH_SIZE=small|large python bench/bench_warranty.py --db_host H \
        --db_port P --db_user U -d DB --addons-path ROOT [--data-dir D]

Creates one customer, one untracked product and one confirmed sale order of
N lines, posts its invoice without cards, then times the creation of the N
cards (one per invoice line) and counts the SQL queries. Everything is rolled
back. Exits 1 when the queries exceed a fixed bound (plus the ORM's batching
of 100 rows per INSERT), i.e. when a per-line query loop creeps in.
"""

import sys
import time

SIZES = {"small": (50, 200), "large": (200, 1000)}
# A fixed number of queries whatever the volume, plus the ORM's own batching:
# it inserts/updates at most 100 rows per statement (models.INSERT_BATCH_SIZE).
BASE_QUERIES = 30
PER_BATCH_QUERIES = 2


def max_queries(size):
    return BASE_QUERIES + PER_BATCH_QUERIES * -(-size // 100)


def main(argv):
    import os

    import odoo
    from odoo.tools import config

    config.parse_config(argv)
    odoo.netsvc.init_logger()
    small, large = SIZES[os.environ.get("BENCH_SIZE", "small")]
    registry = odoo.modules.registry.Registry(config["db_name"])
    with registry.cursor() as cr:
        try:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            results = [run(env, size) for size in (small, large)]
        finally:
            cr.rollback()
    failed = False
    for size, seconds, queries, basis in results:
        per_1000 = seconds * 1000.0 / size
        print(
            f"bench_warranty: {size} cards created from {basis} lines in "
            f"{seconds:.2f} s ({per_1000:.2f} s per 1000), {queries} queries"
        )
        if queries > max_queries(size):
            print(
                f"bench_warranty: FAIL {queries} queries > bound "
                f"{max_queries(size)} for {size} lines"
            )
            failed = True
    print(f"bench_warranty: bound for 1000 lines: {max_queries(1000)} queries")
    return 1 if failed else 0


def run(env, size):
    from odoo import sql_db

    ctx = {"aftersales_no_warranty": True, "tracking_disable": True}
    env = env(context=dict(env.context, **ctx))
    partner = env["res.partner"].create({"name": f"Bench customer {size}"})
    product = env["product.product"].create(
        {
            "name": f"Bench range hood {size}",
            "type": "consu",
            "invoice_policy": "order",
            "list_price": 10.0,
        }
    )
    order = env["sale.order"].create(
        {
            "partner_id": partner.id,
            "order_line": [
                (0, 0, {"product_id": product.id, "product_uom_qty": 1})
                for _i in range(size)
            ],
        }
    )
    order.action_confirm()
    basis = "invoice"
    try:
        with env.cr.savepoint():
            invoice = order._create_invoices()
            invoice.action_post()
    except Exception as exc:  # no sale journal / chart of accounts
        print(f"bench_warranty: no invoice possible ({exc}); using order lines")
        basis = "order"
    order.company_id.aftersales_warranty_start = basis
    Warranty = env["aftersales.warranty"].with_context(tracking_disable=False)
    env.flush_all()
    env.invalidate_all()
    before = sql_db.sql_counter
    start = time.perf_counter()
    cards = Warranty._generate_from_sale_lines(order.order_line)
    env.flush_all()
    seconds = time.perf_counter() - start
    queries = sql_db.sql_counter - before
    assert len(cards) == size, f"{len(cards)} cards for {size} lines"
    return size, seconds, queries, basis


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
