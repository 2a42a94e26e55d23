#!/usr/bin/env python3
# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Benchmark of the SLA cron (aftersales.ticket.milestone._cron_check_sla).

Creates open tickets whose milestones are half breached and half about to be
due, runs the cron once and prints its time and query count. Everything is
rolled back. Exits non-zero when the query count exceeds a bound that grows
with the number of batches only (not with the number of records per batch).

    BENCH_SIZE=small|large python bench/bench_sla_cron.py --db_host H \
        --db_port P --db_user U -d DB --addons-path ROOT [--data-dir D]
"""

import math
import os
import sys
import time
from datetime import timedelta

import odoo
from odoo.tools import config

SIZES = {"small": 2000, "large": 100000}
BATCH = 1000
# queries of one batch of warnings or breaches (penalty proposals included),
# plus the fixed part; measured: 100,000 tickets -> 100 batches, 7,521 queries
PER_BATCH_BOUND = 80
FIXED_BOUND = 40


def main(argv):
    config.parse_config(argv)
    size = SIZES.get(os.environ.get("BENCH_SIZE", "small"), SIZES["small"])
    registry = odoo.modules.registry.Registry(config["db_name"])
    with registry.cursor() as cr:
        try:
            env = odoo.api.Environment(
                cr,
                odoo.SUPERUSER_ID,
                {
                    "tracking_disable": True,
                    "mail_create_nolog": True,
                    "mail_create_nosubscribe": True,
                    "aftersales_no_sla": True,
                },
            )
            return run(env, size)
        finally:
            cr.rollback()


def run(env, size):
    Milestone = env["aftersales.ticket.milestone"]
    team = env["helpdesk.ticket.team"].create(
        {
            "name": "Bench team",
            "user_id": env.ref("base.user_admin").id,
            "user_ids": [(6, 0, env.ref("base.user_admin").ids)],
        }
    )
    admin = env.ref("base.user_admin")
    stage = team._get_applicable_stages().filtered(lambda s: not s.closed)[:1]
    now = odoo.fields.Datetime.now()
    t0 = time.time()
    tickets = env["helpdesk.ticket"]
    for start in range(0, size, BATCH):
        tickets |= tickets.create(
            [
                {
                    "name": f"Bench {i}",
                    "description": "bench",
                    "team_id": team.id,
                    "user_id": admin.id,
                    "stage_id": stage.id,
                    "number": f"BENCH{i}",
                }
                for i in range(start, min(size, start + BATCH))
            ]
        )
    vals = []
    for i, ticket in enumerate(tickets):
        breached = i % 2 == 0
        deadline = now - timedelta(hours=1) if breached else now + timedelta(minutes=30)
        vals.append(
            {
                "ticket_id": ticket.id,
                "kind": "contact",
                "sequence": 10,
                "start_date": deadline - timedelta(hours=4),
                "deadline": deadline,
                "user_id": ticket.user_id.id,
            }
        )
    Milestone.create(vals)
    env.flush_all()
    env.invalidate_all()
    print(f"bench_sla_cron: {size} open tickets prepared in {time.time() - t0:.1f} s")

    # other open milestones of the database (demo data) may join the batches
    other = Milestone.search_count(
        [("state", "=", "pending"), ("ticket_id", "not in", tickets.ids)]
    )
    batches = math.ceil((size // 2 + other) / BATCH) + math.ceil(
        (size - size // 2 + other) / BATCH
    )
    bound = FIXED_BOUND + PER_BATCH_BOUND * batches
    q0 = odoo.sql_db.sql_counter
    t0 = time.time()
    if os.environ.get("BENCH_PROFILE"):
        import cProfile

        cProfile.runctx(
            "Milestone._cron_check_sla(batch_size=BATCH)",
            globals(),
            {"Milestone": Milestone, "BATCH": BATCH},
            sort="cumtime",
        )
    else:
        Milestone._cron_check_sla(batch_size=BATCH)
    env.flush_all()
    elapsed = time.time() - t0
    queries = odoo.sql_db.sql_counter - q0
    breached = Milestone.search_count(
        [("ticket_id", "in", tickets.ids), ("state", "=", "breached")]
    )
    warned = Milestone.search_count(
        [("ticket_id", "in", tickets.ids), ("warned", "=", True)]
    )
    print(
        f"bench_sla_cron: {size} open tickets, {breached} breaches escalated, "
        f"{warned} warnings in {elapsed:.2f} s, {queries} queries "
        f"(bound {bound})"
    )
    if breached != size - size // 2 or warned != size // 2:
        print("bench_sla_cron: FAILED, not every milestone was processed")
        return 1
    if queries > bound:
        print("bench_sla_cron: FAILED, too many queries")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
