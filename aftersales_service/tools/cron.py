# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Scheduled jobs in batches, resumable.

A job is a list of steps; each step is a pair ``(fetch, count)``:
``fetch(limit)`` returns up to ``limit`` records still to process and
``process(records)`` handles them so that ``fetch`` no longer returns them
(a flag or a state is written in the same transaction). Run by the
scheduler, :func:`run_in_batches` processes **one** batch per call and
reports ``done`` and ``remaining`` with ``ir.cron._notify_progress``: the
scheduler commits, calls the job again at once (up to 10 times per run, then
reschedules it as soon as possible), and a crash loses only the batch that
was running, which is rolled back whole and taken again on the next call:
nothing is lost and nothing is done twice. Called directly (a button, a
benchmark, a test), it runs every batch in the current transaction.
"""

DEFAULT_BATCH_SIZE = 1000
BATCH_SIZE_PARAM = "aftersales_service.cron_batch_size"


def cron_batch_size(env, default=DEFAULT_BATCH_SIZE):
    """Batch size of the suite's crons: the system parameter
    ``aftersales_service.cron_batch_size`` when set, else the job's own
    ``default`` (1000 for the SLA job)."""
    value = env["ir.config_parameter"].sudo().get_param(BATCH_SIZE_PARAM)
    try:
        size = int(value) if value else default
    except ValueError:
        size = default
    return max(size, 1)


def run_in_batches(env, steps, batch_size):
    """Run ``steps`` (a list of ``(fetch, process, count)``) in batches of
    ``batch_size``; returns the number of records processed."""
    in_scheduler = bool(env.context.get("ir_cron_progress_id"))
    done = 0
    for fetch, process, _count in steps:
        while True:
            batch = fetch(batch_size)
            if not batch:
                break
            process(batch)
            done += len(batch)
            if in_scheduler:
                env.flush_all()
                remaining = sum(count() for _f, _p, count in steps)
                env["ir.cron"]._notify_progress(done=len(batch), remaining=remaining)
                return done
    if in_scheduler:
        env["ir.cron"]._notify_progress(done=0, remaining=0)
    return done
