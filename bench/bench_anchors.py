#!/usr/bin/env python3
# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What the suite costs on top of the OCA addons it extends.

    BENCH_SIZE=small|large python bench/bench_anchors.py --db_host H \
        --db_port P --db_user U -d DB --addons-path ROOT [--data-dir D]

Builds two databases with the same apps, without demo data: the *anchor*
with every app the suite's manifests depend on (Odoo's and the OCA's:
helpdesk_mgmt, rma_sale, contract, product_warranty...; read from the
manifests, see _benchlib.suite_depends) and the *suite*, a copy of the
anchor with the three addons installed on top. The same code then runs on
both, in one run, and prints ours, the anchor's and the ratio of each
figure: ticket create (one batch and one by one), ticket write and message
post; returns create + confirm and receive + refund (one by one, and in
batches of two sizes); contract invoicing of N agreements; 8 agents
creating tickets over JSON-RPC against 2 workers.

Queries are the stable figure: the targets (TARGETS, one constant per
figure) are on queries, except the load test whose figure is the time.
Other times are printed as ratios, the best of REPEAT alternated runs.
Each measure runs in a transaction that is rolled back. Exits 1 when a
figure misses its target. BENCH_KEEP=1 keeps the databases, BENCH_REUSE=1
reuses them when they exist, BENCH_ONLY=ticket,return,contract,load runs
some figures only (for development).
"""

import json
import os
import statistics
import sys
import threading
import time
from pathlib import Path

from _benchlib import (
    SUITE,
    Bench,
    free_port,
    ratio,
    size_name,
    stop,
    suite_depends,
    wait_http,
)

SIZES = {
    # tickets, returns one by one, return batches, agreements, load per agent
    "small": {"tickets": 20, "returns": 8, "batches": (4, 16), "contracts": 20,
              "load": 8, "load_rounds": 61},
    "large": {"tickets": 200, "returns": 50, "batches": (10, 100),
              "contracts": 200, "load": 25, "load_rounds": 9},
}  # fmt: skip
REPEAT = 2
AGENTS = 8
WORKERS = 2

# Targets (issue 15). Queries per unit, ours / anchor, at most:
TICKET_QUERY_RATIO = 1.10  # ticket create (batch and one by one), write, message
RETURN_QUERY_RATIO = 1.50  # returns one by one: create + confirm, receive + refund
# returns in batches: what the rules add (ours - anchor, per call) must not
# grow with the number of returns handled together by more than this many
# queries (a fixed cost per call; the slack covers grouping by company/partner):
RETURN_BATCH_GROWTH = 4
# under load: 8 agents against 2 workers, ours / anchor wall time, at most:
LOAD_TIME_RATIO = 1.15

# Known misses (a ratchet, not a relaxed target): figures that still miss
# their target at the CI size, each with the ceiling it was last measured
# under. Such a figure is printed "MISSED" with its target and does not fail
# the check; above its ceiling it fails (a regression). Meeting the target
# prints "ok": then remove its line. bench/README.md says why each misses.
# The load test's ceiling is its noise on a shared 2-core machine.
KNOWN_MISSES = {
    "small": {},
}


MISSED = []


def judge(key, value, target, fmt):
    """(verdict text, failed?) of a figure against its target, or against
    its recorded ceiling when it is a known miss at this size."""
    if value <= target:
        return f"<= {fmt(target)} ok", False
    ceiling = KNOWN_MISSES.get(size_name(), {}).get(key)
    if ceiling is not None and value <= ceiling:
        MISSED.append(key)
        return f"<= {fmt(target)} MISSED (known, ceiling {fmt(ceiling)})", False
    return f"<= {fmt(target)} FAILED", True


FIXTURE_KEY = "aftersales.bench.fixture"


# ---------------------------------------------------------------------------
# Fixture: the same committed data in both databases
# ---------------------------------------------------------------------------
def build_fixture(env):
    from odoo import Command  # noqa: PLC0415

    groups = env.ref("helpdesk_mgmt.group_helpdesk_user")
    suite_user = env.ref("aftersales_service.group_aftersales_user", False)
    if suite_user:
        groups |= suite_user
    agents = (
        env["res.users"]
        .with_context(no_reset_password=True)
        .create(
            [
                {
                    "name": f"Bench Agent {i}",
                    "login": f"anchor_agent_{i}",
                    "email": f"anchor.agent.{i}@example.com",
                    "password": "bench",
                    "groups_id": [Command.set(groups.ids)],
                }
                for i in range(AGENTS)
            ]
        )
    )
    team = env["helpdesk.ticket.team"].create(
        {"name": "Bench desk", "user_ids": [Command.set(agents.ids)]}
    )
    customer = env["res.partner"].create(
        {"name": "Bench Customer", "email": "bench.customer@example.com"}
    )
    product = env["product.product"].create(
        {
            "name": "Bench Water Heater",
            "type": "consu",
            "is_storable": True,
            "list_price": 100.0,
            "standard_price": 60.0,
            "taxes_id": [Command.clear()],
            "supplier_taxes_id": [Command.clear()],
        }
    )
    fee = env["product.product"].create(
        {
            "name": "Bench Agreement Fee",
            "type": "service",
            "list_price": 100.0,
            "taxes_id": [Command.clear()],
        }
    )
    warehouse = env["stock.warehouse"].search(
        [("company_id", "=", env.company.id)], limit=1
    )
    env["stock.quant"]._update_available_quantity(
        product, warehouse.lot_stock_id, 100000
    )
    operation = env["rma.operation"].create(
        {
            "name": "Bench return",
            "action_create_receipt": "automatic_on_confirm",
            "action_create_delivery": "manual_after_receipt",
            "action_create_refund": "manual_after_receipt",
        }
    )
    fixture = {
        "agents": agents.ids,
        "team": team.id,
        "customer": customer.id,
        "product": product.id,
        "fee": fee.id,
        "warehouse": warehouse.id,
        "operation": operation.id,
    }
    env["ir.config_parameter"].set_param(FIXTURE_KEY, json.dumps(fixture))
    return fixture


# ---------------------------------------------------------------------------
# Workloads: each gets an environment and the fixture, prepares what it needs
# (not measured) and returns (units, callable measured)
# ---------------------------------------------------------------------------
def ticket_vals(fx, i):
    return {
        "name": f"Bench request {i}",
        "description": "<p>The water heater shows E4.</p>",
        "team_id": fx["team"],
        "partner_id": fx["customer"],
    }


def as_agent(env, fx, i=0):
    return env(user=fx["agents"][i % len(fx["agents"])])


def w_ticket_create_batch(env, fx, n):
    Ticket = as_agent(env, fx)["helpdesk.ticket"]
    return n, lambda: Ticket.create([ticket_vals(fx, i) for i in range(n)])


def w_ticket_create_single(env, fx, n):
    Ticket = as_agent(env, fx)["helpdesk.ticket"]

    def run():
        for i in range(n):
            Ticket.create(ticket_vals(fx, i))

    return n, run


def _tickets(env, fx, n):
    tickets = as_agent(env, fx)["helpdesk.ticket"].create(
        [ticket_vals(fx, i) for i in range(n)]
    )
    env.flush_all()
    env.invalidate_all()
    return tickets


def w_ticket_write(env, fx, n):
    tickets = _tickets(env, fx, n)
    other = fx["agents"][1]

    def run():
        for ticket in tickets:
            ticket.write({"priority": "2", "user_id": other})

    return n, run


def w_message_post(env, fx, n):
    tickets = _tickets(env, fx, n)

    def run():
        for ticket in tickets:
            ticket.message_post(
                body="We will call you tomorrow morning.",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )

    return n, run


def _sold(env, fx, n):
    """A sale of n units on n lines, delivered and invoiced (as the system)."""
    from odoo import Command  # noqa: PLC0415

    su = env(su=True)
    product = su["product.product"].browse(fx["product"])
    order = su["sale.order"].create(
        {
            "partner_id": fx["customer"],
            "order_line": [
                Command.create(
                    {
                        "product_id": product.id,
                        "product_uom_qty": 1,
                        "price_unit": 100.0,
                        "tax_id": [Command.clear()],
                    }
                )
                for _i in range(n)
            ],
        }
    )
    order.action_confirm()
    picking = order.picking_ids
    for move in picking.move_ids:
        move.quantity = move.product_uom_qty
    picking.move_ids.picked = True
    picking.button_validate()
    order._create_invoices().action_post()
    return order


def _rma_vals(env, fx, order):
    Rma = env["rma"]
    warehouse = env["stock.warehouse"].browse(fx["warehouse"])
    reason = env["rma.reason"].search([], limit=1) if "rma.reason" in env else None
    vals_list = []
    for line in order.order_line:
        vals = {
            "partner_id": fx["customer"],
            "partner_invoice_id": fx["customer"],
            "partner_shipping_id": fx["customer"],
            "order_id": order.id,
            "picking_id": order.picking_ids[:1].id,
            "move_id": line.move_ids[:1].id,
            "product_id": fx["product"],
            "product_uom_qty": 1,
            "product_uom": line.product_uom.id,
            "operation_id": fx["operation"],
            "location_id": warehouse.rma_loc_id.id,
            # the suite's fields (absent from the anchor)
            "return_reason": "no_reason",
            "package_state": "sealed",
            "requested_remedy": "refund",
        }
        if reason:
            vals["reason_id"] = reason.id
        vals_list.append({k: v for k, v in vals.items() if k in Rma._fields})
    return vals_list


def _admin(env):
    return env(user=env.ref("base.user_admin").id)


def _receive(rmas):
    pickings = rmas.reception_move_id.picking_id
    for move in pickings.move_ids:
        move.quantity = move.product_uom_qty
    pickings.move_ids.picked = True
    pickings.with_context(skip_backorder=True).button_validate()


INSPECTION = {
    "result": "stock",
    "condition_grade": "a",
    "invoice_returned": True,
    "package_intact": True,
    "accessories_complete": True,
}


def _inspect(rmas):
    """The suite's receipt inspection (absent from the anchor): the goods are
    accepted back to stock, which makes the credit note. One by one through
    the warehouse's inspection screen; a batch in one call."""
    env = rmas.env
    if "aftersales.rma.inspection" not in env:
        return
    if len(rmas) == 1:
        env["aftersales.rma.inspection"].create(
            dict(INSPECTION, rma_id=rmas.id)
        ).action_validate()
        return
    from odoo.addons.aftersales_service.tools import action_scope  # noqa: PLC0415

    with action_scope():
        rmas.sudo()._aftersales_apply_inspection(
            {
                "aftersales_inspection_result": INSPECTION["result"],
                "aftersales_condition_grade": INSPECTION["condition_grade"],
                "aftersales_invoice_returned": True,
                "aftersales_package_intact": True,
                "aftersales_accessories_complete": True,
            }
        )


def _check_refunded(rmas):
    rmas.invalidate_recordset()
    missing = rmas.filtered(lambda r: not r.refund_id)
    if missing:
        raise RuntimeError(
            f"{len(missing)} of {len(rmas)} returns were not refunded "
            f"(states: {sorted(set(missing.mapped('state')))})"
        )


def _one_by_one_vals(env, fx, n):
    """Returns one by one come from different sales (each its own receipt)."""
    return [_rma_vals(env, fx, _sold(env, fx, 1))[0] for _i in range(n)]


def w_return_confirm_single(env, fx, n):
    env = _admin(env)
    vals_list = _one_by_one_vals(env, fx, n)
    Rma = env["rma"]

    def run():
        for vals in vals_list:
            Rma.create(vals).action_confirm()

    return n, run


def _confirmed(env, fx, n, one_by_one=False):
    env = _admin(env)
    vals_list = (
        _one_by_one_vals(env, fx, n)
        if one_by_one
        else _rma_vals(env, fx, _sold(env, fx, n))
    )
    rmas = env["rma"].create(vals_list)
    if one_by_one:
        for rma in rmas:
            rma.action_confirm()
    else:
        rmas.action_confirm()
    env.flush_all()
    env.invalidate_all()
    return rmas


def w_return_refund_single(env, fx, n):
    rmas = _confirmed(env, fx, n, one_by_one=True)

    def run():
        for rma in rmas:
            _receive(rma)
            _inspect(rma)
            rma.action_refund()
        _check_refunded(rmas)

    return n, run


def w_return_confirm_batch(env, fx, n):
    env = _admin(env)
    vals_list = _rma_vals(env, fx, _sold(env, fx, n))

    def run():
        env["rma"].create(vals_list).action_confirm()

    return 1, run


def w_return_refund_batch(env, fx, n):
    rmas = _confirmed(env, fx, n)

    def run():
        _receive(rmas)
        _inspect(rmas)
        rmas.action_refund()
        _check_refunded(rmas)

    return 1, run


def w_contract_invoicing(env, fx, n):
    from odoo import Command, fields  # noqa: PLC0415

    env = _admin(env)
    today = fields.Date.context_today(env["res.partner"])
    contracts = env["contract.contract"].create(
        [
            {
                "name": f"Bench agreement {i}",
                "partner_id": fx["customer"],
                "contract_type": "sale",
                "date_start": today,
                "recurring_rule_type": "monthly",
                "recurring_interval": 1,
                "contract_line_ids": [
                    Command.create(
                        {
                            "product_id": fx["fee"],
                            "name": "Service agreement fee",
                            "quantity": 1,
                            "price_unit": 100.0,
                            "date_start": today,
                            "recurring_rule_type": "monthly",
                            "recurring_interval": 1,
                        }
                    )
                ],
            }
            for i in range(n)
        ]
    )
    env.flush_all()
    env.invalidate_all()

    def run():
        moves = contracts._recurring_create_invoice(today)
        if len(moves) != n:
            raise RuntimeError(f"{len(moves)} invoices for {n} agreements")

    return n, run


# ---------------------------------------------------------------------------
# Measures
# ---------------------------------------------------------------------------
def measure(registry, fx, workload, n):
    import odoo  # noqa: PLC0415

    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        try:
            units, run = workload(env, fx, n)
            env.flush_all()
            env.invalidate_all()
            q0 = odoo.sql_db.sql_counter
            t0 = time.perf_counter()
            run()
            env.flush_all()
            elapsed = time.perf_counter() - t0
            queries = odoo.sql_db.sql_counter - q0
        finally:
            cr.rollback()
    return queries / units, elapsed / units


class LoadTarget:
    """One server with 2 workers and 8 logged-in agents (web sessions)."""

    def __init__(self, bench, db, fx, log):
        self.db, self.fx = db, fx
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc = bench.odoo(
            db,
            "--db-filter",
            f"^{db}$",
            "--http-port",
            str(self.port),
            "--http-interface",
            "127.0.0.1",
            "--workers",
            str(WORKERS),
            "--max-cron-threads",
            "0",
            "--limit-time-real",
            "600",
            "--limit-time-cpu",
            "600",
            log=log,
        )
        self.sessions = []

    def start(self):
        import requests  # noqa: PLC0415

        if not wait_http(self.port, self.proc):
            raise RuntimeError(f"the server on {self.db} never answered")
        for i in range(AGENTS):
            s = requests.Session()
            r = s.post(
                f"{self.url}/web/session/authenticate",
                json={
                    "jsonrpc": "2.0",
                    "params": {
                        "db": self.db,
                        "login": f"anchor_agent_{i}",
                        "password": "bench",
                    },
                },
                timeout=60,
            )
            r.raise_for_status()
            if r.json().get("error"):
                raise RuntimeError(f"agent {i} cannot log in: {r.json()['error']}")
            self.sessions.append(s)

    def create(self, s, i):
        t0 = time.perf_counter()
        r = s.post(
            f"{self.url}/web/dataset/call_kw/helpdesk.ticket/create",
            json={
                "jsonrpc": "2.0",
                "method": "call",
                "params": {
                    "model": "helpdesk.ticket",
                    "method": "create",
                    "args": [ticket_vals(self.fx, i)],
                    "kwargs": {},
                },
            },
            timeout=120,
        )
        body = r.json()
        if body.get("error") or not body.get("result"):
            raise RuntimeError(f"{self.db}: {str(body.get('error'))[:300]}")
        return time.perf_counter() - t0

    def round(self, per_agent):
        """8 agents creating per_agent tickets each, all at once: (wall, latencies)."""
        latencies, errors = [], []
        barrier = threading.Barrier(AGENTS + 1)
        lock = threading.Lock()

        def agent(k):
            try:
                barrier.wait()
                for j in range(per_agent):
                    lat = self.create(self.sessions[k], k * 1000 + j)
                    with lock:
                        latencies.append(lat)
            except Exception as exc:  # noqa: BLE001
                with lock:
                    errors.append(exc)
                barrier.abort()

        threads = [threading.Thread(target=agent, args=(k,)) for k in range(AGENTS)]
        for thread in threads:
            thread.start()
        try:
            barrier.wait()
        except threading.BrokenBarrierError:
            pass
        t0 = time.perf_counter()
        for thread in threads:
            thread.join()
        wall = time.perf_counter() - t0
        if errors:
            raise RuntimeError(f"load test on {self.db}: {errors[0]}")
        return wall, latencies

    def stop(self):
        stop(self.proc)


def load_test(bench, dbs, fixtures, per_agent, rounds, log):
    """Both databases settled (``Bench.settle``: the measures before leave
    dead rows), both servers up; each round runs both sides back to back, in turns
    first (the machine's other work weighs on both alike). The figure is the
    median over the rounds of ours / anchor within a round: a pair shares the
    machine's state of the moment, so the slow drifts of a shared machine
    cancel out, and the median leaves the odd disturbed round out."""
    for db in dbs.values():
        bench.settle(db)
    targets = {side: LoadTarget(bench, dbs[side], fixtures[side], log) for side in dbs}
    try:
        for target in targets.values():
            target.start()
        for target in targets.values():  # warm-up: each worker's caches
            target.round(4)
        walls = {side: [] for side in targets}
        latencies = {side: [] for side in targets}
        for rep in range(rounds):
            order = ("anchor", "ours") if rep % 2 == 0 else ("ours", "anchor")
            for side in order:
                wall, lats = targets[side].round(per_agent)
                walls[side].append(wall)
                latencies[side] += lats
    finally:
        for target in targets.values():
            target.stop()
    result = {
        side: {
            "wall": statistics.median(walls[side]),
            "rate": AGENTS * per_agent / statistics.median(walls[side]),
            "p50": statistics.median(latencies[side]) * 1000,
            "walls": walls[side],
        }
        for side in targets
    }
    pairs = zip(walls["ours"], walls["anchor"], strict=True)
    result["ratios"] = [o / a for o, a in pairs]
    result["ratio"] = statistics.median(result["ratios"])
    return result


# ---------------------------------------------------------------------------
def build(bench, anchor, suite, log):
    modules = suite_depends()
    reuse = os.environ.get("BENCH_REUSE")
    if reuse and bench.db_exists(anchor) and bench.db_exists(suite):
        print(f"bench_anchors: reusing {anchor} and {suite}")
        return modules
    t0 = time.time()
    bench.drop_db(anchor)
    bench.install(anchor, modules, log)
    t1 = time.time()
    bench.copy_db(anchor, suite)
    bench.install(suite, SUITE, log)
    t2 = time.time()
    print(
        f"bench_anchors: built {anchor} ({t1 - t0:.0f} s) and {suite} "
        f"(copy + the suite, {t2 - t1:.0f} s)"
    )
    return modules


def fixture_of(registry):
    import odoo  # noqa: PLC0415

    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        raw = env["ir.config_parameter"].get_param(FIXTURE_KEY)
        if raw:
            return json.loads(raw)
        fx = build_fixture(env)
        cr.commit()
        return fx


def main(argv):
    bench = Bench(argv)
    from odoo.modules.registry import Registry  # noqa: PLC0415

    size = SIZES.get(size_name(), SIZES["small"])
    anchor, suite = f"{bench.prefix}_anchor", f"{bench.prefix}_suite"
    log = str(Path(bench.config["data_dir"]) / f"{bench.prefix}.log")
    modules = build(bench, anchor, suite, log)
    print(
        f"bench_anchors: anchor = the {len(modules)} apps of the suite's "
        f"manifests: {', '.join(modules)}"
    )
    print(f"bench_anchors: size {size_name()} {json.dumps(size)}")
    registries = {"ours": Registry(suite), "anchor": Registry(anchor)}
    fixtures = {k: fixture_of(r) for k, r in registries.items()}

    n_t, n_r, n_c = size["tickets"], size["returns"], size["contracts"]
    small_b, big_b = size["batches"]
    figures = [
        # (label, workload, n, unit, target on query ratio)
        (f"ticket create, one batch of {n_t}", w_ticket_create_batch, n_t,
         "ticket", TICKET_QUERY_RATIO),
        (f"ticket create, {n_t} one by one", w_ticket_create_single, n_t,
         "ticket", TICKET_QUERY_RATIO),
        (f"ticket write (assign, priority), {n_t} one by one", w_ticket_write,
         n_t, "ticket", TICKET_QUERY_RATIO),
        (f"ticket message post, {n_t} one by one", w_message_post, n_t,
         "message", TICKET_QUERY_RATIO),
        (f"return create + confirm, {n_r} one by one", w_return_confirm_single,
         n_r, "return", RETURN_QUERY_RATIO),
        (f"return receive + refund, {n_r} one by one", w_return_refund_single,
         n_r, "return", RETURN_QUERY_RATIO),
        (f"return create + confirm, one call for {small_b}",
         w_return_confirm_batch, small_b, "call", None),
        (f"return create + confirm, one call for {big_b}",
         w_return_confirm_batch, big_b, "call", None),
        (f"return receive + refund, one call for {small_b}",
         w_return_refund_batch, small_b, "call", None),
        (f"return receive + refund, one call for {big_b}",
         w_return_refund_batch, big_b, "call", None),
        (f"contract invoicing of {n_c} agreements", w_contract_invoicing, n_c,
         "agreement", None),
    ]  # fmt: skip
    results = {}
    failed = []
    print(
        f"{'figure':56} {'ours':>9} {'anchor':>9} {'ratio':>7}   "
        f"{'time ratio':>10}  target"
    )
    only = set(filter(None, os.environ.get("BENCH_ONLY", "").split(",")))
    for label, workload, n, unit, target in figures:
        if only and label.split()[0] not in only:
            continue
        best = {}
        for rep in range(REPEAT):
            order = ("anchor", "ours") if rep % 2 == 0 else ("ours", "anchor")
            for side in order:
                q, t = measure(registries[side], fixtures[side], workload, n)
                old = best.get(side)
                best[side] = (min(q, old[0]), min(t, old[1])) if old else (q, t)
        (oq, ot), (aq, at) = best["ours"], best["anchor"]
        results[label] = (oq, aq)
        r = ratio(oq, aq)
        verdict = ""
        if target is not None:
            key = label.split(",")[0] + (" one by one" if "one by one" in label else "")
            verdict, miss = judge(key, r, target, lambda v: f"{v:.2f}x")
            if miss:
                failed.append(label)
        print(
            f"{label:56} {oq:9.1f} {aq:9.1f} {r:6.2f}x   {ratio(ot, at):9.2f}x  "
            f"{verdict}  (queries per {unit})",
            flush=True,
        )
    # returns in batches: the rules' queries per call must not grow with size
    for what in (
        ("create + confirm", "receive + refund")
        if "return" in str(only or "return")
        else ()
    ):
        small = results[f"return {what}, one call for {small_b}"]
        big = results[f"return {what}, one call for {big_b}"]
        extra_small, extra_big = small[0] - small[1], big[0] - big[1]
        growth = extra_big - extra_small
        label = f"return {what}: rules' queries per call, {small_b} -> {big_b}"
        verdict, miss = judge(
            f"return {what} growth", growth, RETURN_BATCH_GROWTH, lambda v: f"{v:+.0f}"
        )
        print(
            f"{label:56} {extra_small:9.0f} {extra_big:9.0f}   growth {growth:+.0f}"
            f"   {verdict}"
        )
        if miss:
            failed.append(label)

    # under load
    if only and "load" not in only:
        return finish(bench, anchor, suite, failed)
    per_agent, rounds = size["load"], size["load_rounds"]
    load = load_test(
        bench, {"ours": suite, "anchor": anchor}, fixtures, per_agent, rounds, log
    )
    o, a = load["ours"], load["anchor"]
    r = load["ratio"]
    verdict, miss = judge("load", r, LOAD_TIME_RATIO, lambda v: f"{v:.2f}x")
    label = (
        f"load: {AGENTS} agents x {per_agent} tickets, {WORKERS} workers "
        f"({rounds} rounds)"
    )
    print(
        f"{label:56} {o['wall']:8.2f}s {a['wall']:8.2f}s {r:6.2f}x   "
        f"{verdict}  (wall time: median round, median of the rounds' ratios)"
    )
    print(
        f"{'  ratio of each round':56} " + " ".join(f"{x:.2f}" for x in load["ratios"])
    )
    print(
        f"{'  tickets/s':56} {o['rate']:9.1f} {a['rate']:9.1f} "
        f"{ratio(a['rate'], o['rate']):6.2f}x"
    )
    print(
        f"{'  p50 latency (ms)':56} {o['p50']:9.0f} {a['p50']:9.0f} "
        f"{ratio(o['p50'], a['p50']):6.2f}x"
    )
    if miss:
        failed.append(label)

    return finish(bench, anchor, suite, failed)


def finish(bench, anchor, suite, failed):
    if not bench.keep:
        bench.drop_db(suite)
        bench.drop_db(anchor)
    if failed:
        print(f"bench_anchors: FAILED, {len(failed)} figure(s) miss their target:")
        for label in failed:
            print(f"  {label}")
        return 1
    if MISSED:
        print(
            f"bench_anchors: {len(MISSED)} known miss(es) within their recorded "
            f"ceiling, every other figure within its target: {', '.join(MISSED)}"
        )
        return 0
    print("bench_anchors: every figure within its target")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
