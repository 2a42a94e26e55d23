# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.tests import tagged

from .common import AftersalesCommon


@tagged("post_install", "-at_install")
class TestPenaltyScore(AftersalesCommon):
    def _bulk_confirmed(self, count, day=date(2026, 3, 10)):
        """Insert ``count`` confirmed entries with SQL (as the benchmark does),
        spread over a few people."""
        users = (self.agent | self.user | self.manager).ids
        self.env.flush_all()
        self.env.cr.execute(
            """
            INSERT INTO aftersales_penalty
                (name, user_id, company_id, date, points, reason, severity,
                 state, appeal_state, is_reversed)
            SELECT 'BULK/' || g, (%s::int[])[1 + g %% 3], %s, %s, 3, 'bulk',
                   'normal', 'confirmed', 'none', false
            FROM generate_series(1, %s) g
            """,
            [users, self.company.id, day, count],
        )

    def _read_month(self, month):
        return (
            self.env["aftersales.penalty.score"]
            .with_user(self.manager)
            ._read_group(
                [("month", "=", month)],
                ["user_id"],
                ["penalty_points:sum", "score:avg"],
            )
        )

    def test_scoreboard_per_person_and_month(self):
        march = self._create_penalty(date="2026-03-31")
        april = self._create_penalty(date="2026-04-01")
        (march | april).with_user(self.manager).action_confirm()
        self.env.flush_all()
        rows = self.env["aftersales.penalty.score"].search(
            [("user_id", "=", self.agent.id)], order="month"
        )
        self.assertEqual(rows.mapped("month"), [date(2026, 3, 1), date(2026, 4, 1)])
        self.assertEqual(rows.mapped("score"), [97, 97])
        # team filter: the agent is in the hotline team
        by_team = self.env["aftersales.penalty.score"].search(
            [("team_id", "=", self.team.id)]
        )
        self.assertEqual(by_team, rows)

    def test_draft_entries_do_not_count(self):
        self._create_penalty(date="2026-03-05")
        self.env.flush_all()
        self.assertFalse(
            self.env["aftersales.penalty.score"].search(
                [("user_id", "=", self.agent.id)]
            )
        )

    def test_own_score_only(self):
        self._bulk_confirmed(3)
        rows = self.env["aftersales.penalty.score"].with_user(self.agent).search([])
        self.assertEqual(rows.user_id, self.agent)

    def test_scoreboard_read_query_count_bounded(self):
        """Reading a month costs the same number of queries for 30 or 300
        entries."""
        self._bulk_confirmed(30)
        self._read_month(date(2026, 3, 1))  # warm caches
        with self.assertQueryCount(1):
            small = self._read_month(date(2026, 3, 1))
        self._bulk_confirmed(270)
        self.env.invalidate_all()
        with self.assertQueryCount(1):
            large = self._read_month(date(2026, 3, 1))
        self.assertEqual(sum(row[1] for row in small), 90)
        self.assertEqual(sum(row[1] for row in large), 900)

    def test_monthly_summary_report(self):
        penalty = self._create_penalty(date="2026-03-12")
        penalty.with_user(self.manager).action_confirm()
        wizard = (
            self.env["aftersales.penalty.summary.wizard"]
            .with_user(self.manager)
            .create({"month": "2026-03-20"})
        )
        self.assertEqual(wizard._get_lines().score, 97)
        self.assertEqual(wizard._get_entries(), penalty)
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("aftersales_service.report_penalty_summary", wizard.ids)[
                0
            ]
            .decode()
        )
        self.assertIn(self.agent.name, html)
        self.assertIn("2026-03", html)
