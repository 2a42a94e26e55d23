#!/usr/bin/env python3
# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The suite's crons, measured per event and proved batched under kill -9.

    BENCH_SIZE=small|large python bench/bench_cron_kill.py --db_host H \
        --db_port P --db_user U -d DB --addons-path ROOT [--data-dir D]

Works on a copy of DB (a database with the suite installed). For each cron,
named by its XML id, it prepares N due records (committed), then:

1. *per event*: runs the cron as the scheduler does (each call with its
   ``ir.cron.progress``, called again while it reports remaining work; at
   most MEASURED_CALLS calls) in a transaction rolled back afterwards, and
   prints the queries and time per event processed and the calls made;
2. *kill -9*: starts a real Odoo server with one cron thread, wakes the
   scheduler, and as soon as part of the work is committed (or half the
   time of step 1 has passed) kills the server with SIGKILL; then starts it
   again and waits until the cron has finished. It then checks, from the
   cron's observable results, that every due record was processed (nothing
   lost) and produced exactly one result (nothing done twice).

A cron passes when it reports its progress in batches through
``ir.cron._notify_progress`` (so the scheduler commits between batches),
resumes after the kill with part of its work already committed, and loses
or repeats nothing. A cron that does all its work in one transaction is
reported as NOT BATCHED (the kill then loses the whole run's work, which the
restart redoes), and the check fails. BENCH_CRONS=name,name runs some only.
"""

import os
import signal
import sys
import time
from datetime import date, timedelta

from _benchlib import Bench, size_name, stop

# events per cron (each cron's batch should be well below the small size)
SIZES = {
    "small": {"reference": 1500, "sla": 2500, "contact": 1200, "swap": 2000,
              "renewal": 600, "visit": 1500},
    "large": {"reference": 3000, "sla": 100000, "contact": 20000, "swap": 50000,
              "renewal": 5000, "visit": 20000},
}  # fmt: skip
MEASURED_CALLS = 2  # scheduler calls measured per cron (one batch each)
POLL = 0.02  # seconds between two looks at the committed progress
WAIT_DONE = 900  # seconds the restarted server has to finish a cron


def now_sql(cr):
    cr.execute("SELECT (now() at time zone 'UTC')")
    return cr.fetchone()[0]


# ---------------------------------------------------------------------------
# The crons: what they find due, and what they leave behind
# ---------------------------------------------------------------------------
class CronCase:
    key = ""
    label = ""
    xmlid = ""

    def cron(self, env):
        return env.ref(self.xmlid).id

    def setup(self, env, n):
        raise NotImplementedError

    # both queries run on a raw cursor of the database (psycopg2)
    def processed(self, cr):
        raise NotImplementedError

    def effects(self, cr):
        raise NotImplementedError


class SlaCron(CronCase):
    key = "sla"
    label = "SLA cron (breaches escalated)"
    xmlid = "aftersales_service.ir_cron_aftersales_sla"

    def setup(self, env, n):
        admin = env.ref("base.user_admin")
        team = env["helpdesk.ticket.team"].create(
            {
                "name": "Cron bench team",
                "user_id": admin.id,
                "user_ids": [(6, 0, admin.ids)],
            }
        )
        stage = team._get_applicable_stages().filtered(lambda s: not s.closed)[:1]
        Ticket = env["helpdesk.ticket"].with_context(
            aftersales_no_sla=True,
            tracking_disable=True,
            mail_create_nolog=True,
            mail_create_nosubscribe=True,
        )
        deadline = env.cr.now() - timedelta(hours=1)
        for start in range(0, n, 1000):
            tickets = Ticket.create(
                [
                    {
                        "name": f"Cron bench {i}",
                        "description": "bench",
                        "team_id": team.id,
                        "user_id": admin.id,
                        "stage_id": stage.id,
                        "number": f"CRONBENCH{i}",
                    }
                    for i in range(start, min(n, start + 1000))
                ]
            )
            env["aftersales.ticket.milestone"].create(
                [
                    {
                        "ticket_id": t.id,
                        "kind": "contact",
                        "sequence": 10,
                        "start_date": deadline - timedelta(hours=4),
                        "deadline": deadline,
                        "user_id": admin.id,
                    }
                    for t in tickets
                ]
            )
            env.flush_all()
            env.invalidate_all()
        self.team_id = team.id
        self.activity_type_id = env.ref("aftersales_service.mail_activity_type_sla").id

    def processed(self, cr):
        cr.execute(
            """SELECT count(*) FROM aftersales_ticket_milestone m
               JOIN helpdesk_ticket t ON t.id = m.ticket_id
               WHERE t.team_id = %s AND m.breach_notified""",
            (self.team_id,),
        )
        return cr.fetchone()[0]

    def effects(self, cr):
        cr.execute(
            """SELECT count(*) FROM mail_activity a
               JOIN helpdesk_ticket t ON t.id = a.res_id
               WHERE a.res_model = 'helpdesk.ticket' AND t.team_id = %s
                 AND a.activity_type_id = %s""",
            (self.team_id, self.activity_type_id),
        )
        return cr.fetchone()[0]


class ContactCron(CronCase):
    key = "contact"
    label = "return contact reminder"
    xmlid = "aftersales_returns.ir_cron_rma_contact_reminder"

    def setup(self, env, n):
        partner = env["res.partner"].create({"name": "Cron bench returner"})
        product = env["product.product"].create(
            {"name": "Cron bench hood", "type": "consu"}
        )
        warehouse = env["stock.warehouse"].search(
            [("company_id", "=", env.company.id)], limit=1
        )
        Rma = env["rma"].with_context(tracking_disable=True, mail_create_nolog=True)
        ids = []
        for start in range(0, n, 1000):
            ids += Rma.create(
                [
                    {
                        "partner_id": partner.id,
                        "product_id": product.id,
                        "product_uom_qty": 1,
                        "product_uom": product.uom_id.id,
                        "location_id": warehouse.rma_loc_id.id,
                    }
                    for _i in range(start, min(n, start + 1000))
                ]
            ).ids
            env.flush_all()
            env.invalidate_all()
        # open returns nobody contacted for a week (bookkeeping of the cron)
        env.cr.execute(
            """UPDATE rma SET state = 'confirmed',
                   aftersales_next_contact_date = (now() at time zone 'UTC')
                       - interval '1 day'
               WHERE partner_id = %s""",
            (partner.id,),
        )
        self.partner_id = partner.id
        self.since = now_sql(env.cr)

    def processed(self, cr):
        cr.execute(
            """SELECT count(*) FROM rma WHERE partner_id = %s
                 AND aftersales_next_contact_date > %s""",
            (self.partner_id, self.since),
        )
        return cr.fetchone()[0]

    def effects(self, cr):
        cr.execute(
            """SELECT count(*) FROM mail_activity a JOIN rma r ON r.id = a.res_id
               WHERE a.res_model = 'rma' AND r.partner_id = %s""",
            (self.partner_id,),
        )
        return cr.fetchone()[0]


class SwapCron(CronCase):
    key = "swap"
    label = "swap charging (old part not back)"
    xmlid = "aftersales_contracts.cron_aftersales_swap_charge"
    distributors = 10
    parts = 5

    def setup(self, env, n):
        Swap = env["aftersales.part.swap"]
        partners = env["res.partner"].create(
            [
                {"name": f"Cron bench distributor {i}", "is_company": True}
                for i in range(self.distributors)
            ]
        )
        parts = env["product.product"].create(
            [
                {
                    "name": f"Cron bench part {i}",
                    "list_price": 100.0 + i,
                    "standard_price": 50.0 + i,
                    "is_storable": True,
                    "taxes_id": False,
                }
                for i in range(self.parts)
            ]
        )
        issued = date.today() - timedelta(days=400)
        for start in range(0, n, 5000):
            vals = []
            for i in range(start, min(n, start + 5000)):
                v = Swap._prepare_swap_vals(
                    partners[i % self.distributors],
                    parts[(i // self.distributors) % self.parts],
                    1.0,
                    date=issued,
                )
                v["name"] = f"CRONBENCH/{i}"
                vals.append(v)
            Swap.create(vals)
            env.flush_all()
            env.invalidate_all()
        self.partner_ids = tuple(partners.ids)

    def processed(self, cr):
        cr.execute(
            """SELECT count(*) FROM aftersales_part_swap
               WHERE partner_id IN %s AND state = 'charged'""",
            (self.partner_ids,),
        )
        return cr.fetchone()[0]

    def effects(self, cr):
        # units invoiced to the distributors, whichever invoice carries them
        cr.execute(
            """SELECT coalesce(sum(l.quantity), 0) FROM account_move_line l
               JOIN account_move m ON m.id = l.move_id
               WHERE m.partner_id IN %s AND m.move_type = 'out_invoice'
                 AND l.display_type = 'product'""",
            (self.partner_ids,),
        )
        return int(cr.fetchone()[0])


def _agreements(env, n, end):
    partner = env["res.partner"].create(
        {"name": "Cron bench agreement customer", "is_company": True}
    )
    Contract = env["contract.contract"].with_context(
        tracking_disable=True, mail_create_nolog=True, mail_create_nosubscribe=True
    )
    ids = []
    for start in range(0, n, 500):
        ids += Contract.create(
            [
                {
                    "name": f"Cron bench agreement {i}",
                    "partner_id": partner.id,
                    "contract_type": "sale",
                    "aftersales_kind": "software",
                    "date_start": end - timedelta(days=364),
                    "date_end": end,
                    "user_id": env.ref("base.user_admin").id,
                }
                for i in range(start, min(n, start + 500))
            ]
        ).ids
        env.flush_all()
        env.invalidate_all()
    return partner, ids


class RenewalCron(CronCase):
    key = "renewal"
    label = "agreement renewal reminder"
    xmlid = "aftersales_contracts.cron_aftersales_renewal_reminder"

    def setup(self, env, n):
        partner, _ids = _agreements(env, n, date.today() + timedelta(days=10))
        self.partner_id = partner.id

    def processed(self, cr):
        cr.execute(
            """SELECT count(*) FROM contract_contract
               WHERE partner_id = %s AND aftersales_renewal_reminded""",
            (self.partner_id,),
        )
        return cr.fetchone()[0]

    def effects(self, cr):
        cr.execute(
            """SELECT count(*) FROM mail_activity a
               JOIN contract_contract c ON c.id = a.res_id
               WHERE a.res_model = 'contract.contract' AND c.partner_id = %s""",
            (self.partner_id,),
        )
        return cr.fetchone()[0]


class VisitCron(CronCase):
    key = "visit"
    label = "overdue visit reminder"
    xmlid = "aftersales_contracts.cron_aftersales_visit_overdue"

    def setup(self, env, n):
        partner, ids = _agreements(env, 10, date.today() + timedelta(days=200))
        Visit = env["aftersales.agreement.visit"].with_context(
            tracking_disable=True, mail_create_nolog=True
        )
        planned = date.today() - timedelta(days=3)
        for start in range(0, n, 2000):
            Visit.create(
                [
                    {
                        "contract_id": ids[i % len(ids)],
                        "planned_date": planned,
                        "user_id": env.ref("base.user_admin").id,
                    }
                    for i in range(start, min(n, start + 2000))
                ]
            )
            env.flush_all()
            env.invalidate_all()
        self.contract_ids = tuple(ids)

    def processed(self, cr):
        cr.execute(
            """SELECT count(*) FROM aftersales_agreement_visit
               WHERE contract_id IN %s AND overdue_notified""",
            (self.contract_ids,),
        )
        return cr.fetchone()[0]

    def effects(self, cr):
        cr.execute(
            """SELECT count(*) FROM mail_activity a
               JOIN aftersales_agreement_visit v ON v.id = a.res_id
               WHERE a.res_model = 'aftersales.agreement.visit'
                 AND v.contract_id IN %s""",
            (self.contract_ids,),
        )
        return cr.fetchone()[0]


class ReferenceCron(CronCase):
    """A cron of the bench's own, batched as Odoo 18 means it: proves that
    the check passes a batched cron (and that the kill lands half way)."""

    key = "reference"
    label = "reference: a batched cron"
    batch = 300
    code = """
todo = [("function", "=", "cron-bench-todo")]
batch = env["res.partner"].search(todo, limit=%(batch)d, order="id")
for partner in batch:
    partner.write({"ref": (partner.ref or "") + "+", "function": "cron-bench-done"})
env.cr.execute("SELECT pg_sleep(0.1)")  # a batch takes a while
env["ir.cron"]._notify_progress(
    done=len(batch), remaining=env["res.partner"].search_count(todo)
)
"""

    def setup(self, env, n):
        env["res.partner"].create(
            [
                {"name": f"Cron bench partner {i}", "function": "cron-bench-todo"}
                for i in range(n)
            ]
        )
        self.cron_id = (
            env["ir.cron"]
            .create(
                {
                    "name": "Cron bench: reference batched cron",
                    "model_id": env["ir.model"]._get_id("res.partner"),
                    "state": "code",
                    "code": self.code % {"batch": self.batch},
                    "interval_number": 1,
                    "interval_type": "days",
                    "nextcall": "2999-01-01 00:00:00",
                }
            )
            .id
        )

    def cron(self, env):
        return self.cron_id

    def processed(self, cr):
        cr.execute(
            "SELECT count(*) FROM res_partner WHERE function = 'cron-bench-done'"
        )
        return cr.fetchone()[0]

    def effects(self, cr):
        cr.execute(
            "SELECT coalesce(sum(length(ref)), 0) FROM res_partner "
            "WHERE name LIKE 'Cron bench partner %%'"
        )
        return int(cr.fetchone()[0])


CASES = [
    ReferenceCron(),
    SlaCron(),
    ContactCron(),
    SwapCron(),
    RenewalCron(),
    VisitCron(),
]


# ---------------------------------------------------------------------------
def per_event(registry, case, cron_id, n):
    """Run the cron as the scheduler does, rolled back: (queries, seconds,
    batches, progress API used)."""
    import odoo  # noqa: PLC0415

    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        try:
            cron = env["ir.cron"].browse(cron_id)
            user_env = env(user=cron.user_id.id)
            cron = user_env["ir.cron"].browse(cron_id)
            env.flush_all()
            before = case.processed(cr)
            q0 = odoo.sql_db.sql_counter
            t0 = time.perf_counter()
            batches, progress_api = 0, False
            for _i in range(MEASURED_CALLS):
                cron_p, progress = cron._add_progress()
                cron_p.ir_actions_server_id.with_env(cron_p.env).run()
                env.flush_all()
                progress.invalidate_recordset()
                batches += 1
                if progress.done:
                    progress_api = True
                if not (progress.done and progress.remaining):
                    break
            elapsed = time.perf_counter() - t0
            queries = odoo.sql_db.sql_counter - q0
            done = case.processed(cr) - before
        finally:
            cr.rollback()
    return queries, elapsed, batches, progress_api, done


def server(bench, db, log):
    return bench.odoo(
        db,
        "--db-filter",
        f"^{db}$",
        "--no-http",
        "--workers",
        "0",
        "--max-cron-threads",
        "1",
        "--log-level=info",
        log=log,
        start_new_session=True,
    )


def wake(bench, db):
    conn = bench.pg()
    with conn.cursor() as cr:
        cr.execute("SELECT pg_notify('cron_trigger', %s)", (db,))
    conn.close()


def progress_rows(cr, cron_id, since_id):
    cr.execute(
        """SELECT id, done, remaining FROM ir_cron_progress
           WHERE cron_id = %s AND id > %s ORDER BY id""",
        (cron_id, since_id),
    )
    return cr.fetchall()


def kill_test(bench, db, case, cron_id, n, inprocess_seconds, batched_api, log):
    """(processed at the kill, processed at the end, effects, batched, note)"""
    conn = bench.pg(db)
    cr = conn.cursor()
    cr.execute("SELECT coalesce(max(id), 0) FROM ir_cron_progress")
    since = cr.fetchone()[0]
    cr.execute(
        """UPDATE ir_cron SET active = true, failure_count = 0,
               first_failure_date = NULL,
               nextcall = (now() at time zone 'UTC') - interval '1 minute'
           WHERE id = %s""",
        (cron_id,),
    )
    proc = server(bench, db, log)
    started = None
    at_kill = None
    note = ""
    deadline = time.monotonic() + max(120, inprocess_seconds * 10)
    last_wake = 0
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the server stopped by itself (log: {log})")
        if time.monotonic() - last_wake > 2:
            wake(bench, db)
            last_wake = time.monotonic()
        rows = progress_rows(cr, cron_id, since)
        if rows and started is None:
            started = time.monotonic()
        done = case.processed(cr)
        if 0 < done < n:
            break
        if done >= n:
            note = "finished before the kill could land (one batch at this size?)"
            break
        # a cron without progress commits once at the end: kill it half way
        # through the time its whole run took in process; a batched one is
        # killed on its first commit, this is only a fallback
        fallback = inprocess_seconds * 3 if batched_api else inprocess_seconds / 2
        if started and time.monotonic() - started > max(2.0, fallback):
            break
        time.sleep(POLL)
    else:
        stop(proc, signal.SIGKILL)
        raise RuntimeError(f"the cron never started (log: {log})")
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    at_kill = case.processed(cr)
    # the killed server's connections go away; then restart and finish
    time.sleep(1)
    proc = server(bench, db, log)
    try:
        deadline = time.monotonic() + WAIT_DONE
        last_wake = 0
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise RuntimeError(f"the restarted server stopped (log: {log})")
            if time.monotonic() - last_wake > 2:
                wake(bench, db)
                last_wake = time.monotonic()
            cr.execute(
                "SELECT nextcall > (now() at time zone 'UTC') FROM ir_cron "
                "WHERE id = %s",
                (cron_id,),
            )
            rescheduled = cr.fetchone()[0]
            if rescheduled and case.processed(cr) >= n:
                break
            if rescheduled and case.processed(cr) < n:
                # completed but something is missing: give it no more time
                break
            time.sleep(0.2)
    finally:
        stop(proc)
    rows = progress_rows(cr, cron_id, since)
    batched = any(done and remaining for _id, done, remaining in rows)
    final, effects = case.processed(cr), case.effects(cr)
    cr.close()
    conn.close()
    return at_kill, final, effects, batched, note


def main(argv):
    bench = Bench(argv)
    import odoo  # noqa: PLC0415
    from odoo.modules.registry import Registry  # noqa: PLC0415

    size = SIZES.get(size_name(), SIZES["small"])
    only = set(filter(None, os.environ.get("BENCH_CRONS", "").split(",")))
    cases = [c for c in CASES if not only or c.key in only]
    db = f"{bench.prefix}_cron"
    log = str(bench.filestore(db).parent.parent / f"{db}.log")
    bench.copy_db(bench.db, db)
    failed = []
    try:
        registry = Registry(db)
        with registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            # only the cron under test may run in the copy
            cr.execute(
                "UPDATE ir_cron SET nextcall = (now() at time zone 'UTC')"
                " + interval '10 years'"
            )
            cr.execute("DELETE FROM ir_cron_trigger")
            ids = {}
            for case in cases:
                t0 = time.time()
                case.setup(env, size[case.key])
                ids[case.key] = case.cron(env)
                env.flush_all()
                cr.commit()
                print(
                    f"bench_cron_kill: {case.label}: {size[case.key]} due records "
                    f"prepared in {time.time() - t0:.0f} s",
                    flush=True,
                )
        print(
            f"{'cron':36} {'events':>7} {'q/event':>8} {'ms/event':>9} "
            f"{'calls':>7}  kill -9: committed -> after restart, results"
        )
        Registry.delete(db)
        odoo.sql_db.close_db(db)
        for case in cases:
            n = size[case.key]
            queries, seconds, batches, api, done = per_event(
                Registry(db), case, ids[case.key], n
            )
            Registry.delete(db)
            odoo.sql_db.close_db(db)
            at_kill, final, effects, batched, note = kill_test(
                bench, db, case, ids[case.key], n, seconds, api, log
            )
            problems = []
            if not api and done != n:
                problems.append(
                    f"one scheduler run processed {done} of {n} and reported no "
                    "progress: the rest waits for the next run"
                )
            if not (api and batched):
                problems.append(
                    "NOT BATCHED: all its work in one transaction, no "
                    "ir.cron._notify_progress"
                )
            elif not 0 < at_kill < n:
                problems.append(f"kill -9 did not land half way ({note or at_kill})")
            if final != n:
                problems.append(f"LOST: {n - final} record(s) never processed")
            if effects != n:
                problems.append(
                    f"{'DONE TWICE' if effects > n else 'MISSING'}: {effects} "
                    f"results for {n} records"
                )
            verdict = "ok" if not problems else "FAILED: " + "; ".join(problems)
            print(
                f"{case.label:36} {n:7d} {queries / max(done, 1):8.2f} "
                f"{seconds * 1000 / max(done, 1):9.3f} {batches:7d}  "
                f"{at_kill} -> {final}, {effects} results  {verdict}",
                flush=True,
            )
            if problems:
                failed.append(case.label)
    finally:
        if not bench.keep:
            bench.drop_db(db)
    if failed:
        print(f"bench_cron_kill: FAILED: {', '.join(failed)}")
        return 1
    print(
        "bench_cron_kill: every cron batched, resumed after kill -9, nothing lost "
        "or done twice"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
