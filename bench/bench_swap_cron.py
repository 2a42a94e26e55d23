#!/usr/bin/env python3
# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Benchmark: charging overdue spare part swaps (以旧换新) at cost.

    BENCH_SIZE=small python bench/bench_swap_cron.py --db_host H --db_port P \
        --db_user U -d DB --addons-path ROOT [--data-dir D]

Creates open swaps (2,000 small / 50,000 large) for 10 distributors and 5
parts, all past their due date, then runs the charging cron once: one invoice
per distributor, one line per part. Prints time and query count; exits 1 if
the query count exceeds the bound (it must not grow with the number of swaps).
Everything is rolled back.
"""

import os
import sys
import time
from datetime import date

import odoo
from odoo.tools import config

SIZES = {"small": 2000, "large": 50000}
DISTRIBUTORS = 10
PARTS = 5
# one invoice per distributor (lines per part) and one UPDATE per (distributor,
# part): measured 177 queries for both 2,000 and 50,000 swaps
QUERY_BOUND = 250


def main(argv):
    config.parse_config(argv)
    size = SIZES.get(os.environ.get("BENCH_SIZE", "small"), SIZES["small"])
    dbname = config["db_name"]
    if isinstance(dbname, list | tuple):
        dbname = dbname[0]
    registry = odoo.modules.registry.Registry(dbname)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"tracking_disable": True})
        try:
            return run(env, size)
        finally:
            cr.rollback()


def run(env, size):
    Swap = env["aftersales.part.swap"]
    partners = env["res.partner"].create(
        [
            {"name": f"Bench distributor {i}", "is_company": True}
            for i in range(DISTRIBUTORS)
        ]
    )
    parts = env["product.product"].create(
        [
            {
                "name": f"Bench part {i}",
                "list_price": 100.0 + i,
                "standard_price": 50.0 + i,
                "is_storable": True,
                "taxes_id": False,
            }
            for i in range(PARTS)
        ]
    )
    issued = date(2026, 1, 1)
    t0 = time.time()
    vals = []
    for i in range(size):
        v = Swap._prepare_swap_vals(
            partners[i % DISTRIBUTORS],
            parts[(i // DISTRIBUTORS) % PARTS],
            1.0,
            date=issued,
        )
        v["name"] = f"BENCH/{i}"
        vals.append(v)
    Swap.create(vals)
    env.flush_all()
    env.invalidate_all()
    t_create = time.time() - t0

    q0 = odoo.sql_db.sql_counter
    t0 = time.time()
    # called as the scheduler does, again while a batch was charged
    invoices = env["account.move"]
    calls = 0
    while True:
        calls += 1
        batch = Swap._cron_charge_overdue(date(2026, 12, 31))
        if not batch:
            break
        invoices |= batch
    env.flush_all()
    elapsed = time.time() - t0
    queries = odoo.sql_db.sql_counter - q0
    charged = Swap.search_count(
        [("state", "=", "charged"), ("partner_id", "in", partners.ids)]
    )
    print(
        f"bench_swap_cron: {size} swaps created in {t_create:.2f} s; "
        f"{charged} charged into {len(invoices)} invoices in {elapsed:.2f} s, "
        f"{queries} queries in {calls} calls (bound {QUERY_BOUND})"
    )
    ok = charged == size and len(invoices) == DISTRIBUTORS and queries <= QUERY_BOUND
    if not ok:
        print("bench_swap_cron: FAILED", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
