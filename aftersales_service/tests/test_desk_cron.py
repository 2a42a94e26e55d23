# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from unittest.mock import patch

from freezegun import freeze_time

from odoo.tests import tagged
from odoo.tools import mute_logger

from ..tools.cron import BATCH_SIZE_PARAM
from .test_desk_ticket import MONDAY, DeskCase, dt


@tagged("post_install", "-at_install")
class TestDeskCron(DeskCase):
    """The SLA cron run by the scheduler: one batch per call, progress
    reported, commits between batches, nothing lost or done twice after a
    crash."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cron = cls.env.ref("aftersales_service.ir_cron_aftersales_sla")
        cls.env["ir.config_parameter"].set_param(BATCH_SIZE_PARAM, 5)

    def _tickets(self, count):
        with freeze_time(dt(MONDAY, 9)):
            return self.env["helpdesk.ticket"].create(
                [
                    {
                        "name": f"Batch {i}",
                        "description": "d",
                        "team_id": self.desk_team.id,
                        "user_id": self.agent.id,
                    }
                    for i in range(count)
                ]
            )

    def _run_scheduler(self):
        """What a cron worker does: ``ir.cron._process_job`` on the job."""
        self.env.flush_all()
        job = {
            **self.cron.read(load=None)[0],
            "done": 0,
            "remaining": 0,
            "timed_out_counter": 0,
        }
        self.registry.enter_test_mode(self.cr)
        try:
            self.registry["ir.cron"]._process_job(
                self.registry.db_name, self.registry.cursor(), job
            )
        finally:
            self.registry.leave_test_mode()
        self.env.invalidate_all()

    def _progress(self):
        return self.env["ir.cron.progress"].search(
            [("cron_id", "=", self.cron.id)], order="id"
        )

    def test_breaches_in_batches_through_the_scheduler(self):
        tickets = self._tickets(12)
        self._progress().unlink()
        with freeze_time(dt(MONDAY, 14)):
            self._run_scheduler()
        milestones = tickets.milestone_ids
        self.assertEqual(set(milestones.mapped("state")), {"breached"})
        runs = self._progress().filtered("done")
        # the 12 contact milestones the new tickets carried are written, then
        # breached, in batches of 5: six calls, each one committed
        self.assertEqual(runs.mapped("done"), [5, 5, 2, 5, 5, 2])
        self.assertEqual(runs.mapped("remaining"), [12, 12, 12, 7, 2, 0])
        activities = self.env["mail.activity"].search(
            [
                ("res_model", "=", "helpdesk.ticket"),
                ("res_id", "in", tickets.ids),
                ("user_id", "=", self.head.id),
            ]
        )
        self.assertEqual(len(activities), 12)

    def test_crash_between_batches_loses_nothing_does_nothing_twice(self):
        tickets = self._tickets(12)
        Milestone = self.registry["aftersales.ticket.milestone"]
        original = Milestone._sla_breach
        calls = []

        def crash_on_second_batch(records):
            calls.append(len(records))
            if len(calls) == 2:
                raise RuntimeError("worker killed between batches")
            return original(records)

        with (
            freeze_time(dt(MONDAY, 14)),
            patch.object(Milestone, "_sla_breach", crash_on_second_batch),
            mute_logger("odoo.addons.base.models.ir_cron"),
        ):
            self._run_scheduler()
        states = tickets.milestone_ids.mapped("state")
        # the first batch is committed, the crashed one rolled back whole
        self.assertEqual(states.count("breached"), 5)
        self.assertEqual(states.count("pending"), 7)
        with freeze_time(dt(MONDAY, 14, 15)):
            self._run_scheduler()
        self.assertEqual(set(tickets.milestone_ids.mapped("state")), {"breached"})
        Penalty = self.env["aftersales.penalty"]
        for ticket in tickets:
            logs = ticket.message_ids.filtered(
                lambda m: "SLA breached" in (m.body or "")
            )
            self.assertEqual(len(logs), 1, ticket.name)
            self.assertEqual(
                Penalty.search_count([("ticket_id", "=", ticket.id)]), 1, ticket.name
            )

    def test_direct_call_runs_every_batch(self):
        """Outside the scheduler (a benchmark, a button) one call does it all."""
        tickets = self._tickets(12)
        with freeze_time(dt(MONDAY, 14)):
            self.env["aftersales.ticket.milestone"]._cron_check_sla()
        self.assertEqual(set(tickets.milestone_ids.mapped("state")), {"breached"})

    def test_warnings_in_batches(self):
        tickets = self._tickets(7)
        with freeze_time(dt(MONDAY, 12, 30)):
            self._run_scheduler()
        self.assertTrue(all(tickets.milestone_ids.mapped("warned")))
        self.assertEqual(set(tickets.milestone_ids.mapped("state")), {"pending"})
