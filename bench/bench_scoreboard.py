#!/usr/bin/env python3
# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Benchmark: the penalty scoreboard of one month over a large ledger.

    BENCH_SIZE=small|large python bench/bench_scoreboard.py \
        --db_host 127.0.0.1 --db_port 54320 --db_user postgres -d DB \
        --addons-path ROOT [--data-dir D]

Inserts ledger rows in bulk with SQL (small: 20,000; large: 1,000,000) spread
over 60 people and 24 months, then times a read_group of the scoreboard for
one month as a manager (record rules applied). Everything is rolled back.
Exits non-zero if the read takes more than 1 s.
"""

import os
import sys
import time
from datetime import date

SIZES = {"small": 20_000, "large": 1_000_000}
PEOPLE = 60
MONTHS = 24
BOUND_SECONDS = 1.0


def main(argv):
    import odoo
    from odoo import api
    from odoo.modules.registry import Registry
    from odoo.tools import config

    config.parse_config(argv)
    size_name = os.environ.get("BENCH_SIZE", "small")
    rows = SIZES.get(size_name) or int(size_name)
    registry = Registry(config["db_name"])
    with registry.cursor() as cr:
        try:
            su = api.Environment(cr, odoo.SUPERUSER_ID, {"tracking_disable": True})
            company = su.ref("base.main_company")
            manager = su.ref("base.user_admin")
            group = su.ref("aftersales_service.group_aftersales_manager")
            assert group in manager.groups_id, "admin must be an after-sales manager"
            users = (
                su["res.users"]
                .with_context(no_reset_password=True)
                .create(
                    [
                        {"name": f"Bench Agent {i}", "login": f"bench_agent_{i}"}
                        for i in range(PEOPLE)
                    ]
                )
            )
            su.flush_all()
            t0 = time.perf_counter()
            cr.execute("SELECT setseed(0.42)")
            cr.execute(
                """
                INSERT INTO aftersales_penalty
                    (name, user_id, company_id, date, points, reason, severity,
                     state, appeal_state, is_reversed, points_set_by_manager)
                SELECT 'BENCH/' || g,
                       (%(users)s::int[])[1 + floor(random() * %(people)s)::int],
                       %(company)s,
                       %(start)s::date + floor(random() * %(months)s * 30.4)::int,
                       3, 'bench', 'normal',
                       CASE WHEN g %% 10 = 0 THEN 'draft' ELSE 'confirmed' END,
                       'none', false, false
                FROM generate_series(1, %(rows)s) g
                """,
                {
                    "users": users.ids,
                    "people": PEOPLE,
                    "company": company.id,
                    "start": date(2024, 1, 1),
                    "months": MONTHS,
                    "rows": rows,
                },
            )
            cr.execute("ANALYZE aftersales_penalty")
            insert_time = time.perf_counter() - t0

            env = api.Environment(cr, manager.id, {})
            Score = env["aftersales.penalty.score"]
            month = date(2025, 3, 1)
            env.invalidate_all()
            queries_before = odoo.sql_db.sql_counter
            t0 = time.perf_counter()
            groups = Score._read_group(
                [("month", "=", month), ("company_id", "=", company.id)],
                ["user_id"],
                ["penalty_points:sum", "incident_count:sum", "score:avg"],
            )
            elapsed = time.perf_counter() - t0
            queries = odoo.sql_db.sql_counter - queries_before
            points = sum(g[1] for g in groups)
            print(
                "bench_scoreboard: {} ledger rows inserted in {:.2f} s; scoreboard "
                "of {} read in {:.3f} s, {} queries ({} people, {} points)".format(
                    rows,
                    insert_time,
                    month.strftime("%Y-%m"),
                    elapsed,
                    queries,
                    len(groups),
                    points,
                )
            )
            if not groups:
                print("bench_scoreboard: FAILED, the month is empty", file=sys.stderr)
                return 1
            if elapsed > BOUND_SECONDS:
                print(
                    f"bench_scoreboard: FAILED, {elapsed:.3f} s "
                    f"> {BOUND_SECONDS:.1f} s",
                    file=sys.stderr,
                )
                return 1
            return 0
        finally:
            cr.rollback()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
