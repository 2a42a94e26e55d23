# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from freezegun import freeze_time

from odoo.tests import tagged

from .test_desk_ticket import MONDAY, DeskCase, dt


@tagged("post_install", "-at_install")
class TestDeskOverview(DeskCase):
    def _tile(self, xmlid=None, team=None, user=None):
        Tile = self.env["aftersales.overview.tile"].with_user(user or self.agent)
        if team:
            return Tile.search([("team_id", "=", team.id)])
        return Tile.browse(self.env.ref(xmlid).id)

    def test_app_opens_on_the_overview(self):
        root = self.env.ref("aftersales_service.menu_aftersales_root")
        self.assertEqual(
            root.action, self.env.ref("aftersales_service.action_aftersales_overview")
        )
        # Log Customer Request stays one click away in the app's top menu
        log = self.env.ref("aftersales_service.menu_aftersales_request_log")
        self.assertEqual(log.parent_id, root)

    def test_team_tile_counts_and_lists(self):
        """Each team has a tile: open tickets, breached, due today, waiting
        for the hand-over, each one click from its list."""
        with freeze_time(dt(MONDAY, 9)):
            breached = self._log_request()
        with freeze_time(dt(MONDAY, 14)):
            due = self._log_request()
            accepted = self._log_request()
            accepted.with_user(self.agent).action_accept_handover()
            tile = self._tile(team=self.desk_team)
            self.assertEqual(len(tile), 1)
            self.assertEqual(tile.kind, "team")
            self.assertEqual(tile.open_count, 3)
            self.assertEqual(tile.breached_count, 1)
            self.assertEqual(tile.due_today_count, 2)
            self.assertEqual(tile.handover_count, 2)
            Ticket = self.env["helpdesk.ticket"]
            for method, expected in (
                ("action_open", breached | due | accepted),
                ("action_open_breached", breached),
                ("action_open_due_today", due | accepted),
                ("action_open_handover", breached | due),
            ):
                action = getattr(tile, method)()
                self.assertEqual(action["res_model"], "helpdesk.ticket")
                self.assertEqual(Ticket.search(action["domain"]), expected, method)

    def test_new_team_gets_a_tile(self):
        team = self.env["helpdesk.ticket.team"].create({"name": "Stoves"})
        self.assertTrue(self._tile(team=team, user=self.manager))

    def test_count_tiles_and_groups(self):
        """Callbacks due; compensations to approve; penalty proposals only
        for managers."""
        with freeze_time(dt(MONDAY, 9)):
            ticket = self._closed_ticket()
        due = self._tile("aftersales_service.overview_tile_callbacks_due")
        with freeze_time("2026-11-30 09:00"):
            self.assertEqual(
                due.count,
                self.env["aftersales.callback"].search_count(
                    [("state", "=", "planned"), ("due_date", "<=", "2026-11-30")]
                ),
            )
            self.assertGreaterEqual(due.count, 1)
            action = due.action_open()
            self.assertEqual(action["res_model"], "aftersales.callback")
            self.assertIn(
                ticket.callback_ids,
                self.env["aftersales.callback"].search(action["domain"]),
            )
        penalties = "aftersales_service.overview_tile_penalties_to_confirm"
        visible = self.env["aftersales.overview.tile"].with_user(self.agent).search([])
        self.assertNotIn(self.env.ref(penalties), visible)
        visible = (
            self.env["aftersales.overview.tile"].with_user(self.manager).search([])
        )
        self.assertIn(self.env.ref(penalties), visible)

    def test_extensible_by_data(self):
        """Another addon adds a tile with a record: model, domain, action."""
        tile = self.env["aftersales.overview.tile"].create(
            {
                "name": "Open complaint tickets",
                "section": "quality",
                "res_model": "helpdesk.ticket",
                "domain": "[('is_complaint', '=', True), "
                "('stage_id.closed', '=', False)]",
                "action_xmlid": "aftersales_service.helpdesk_ticket_action_desk",
            }
        )
        self.ticket.is_complaint = True
        self.assertEqual(
            tile.with_user(self.agent).count,
            self.env["helpdesk.ticket"].search_count(
                [("is_complaint", "=", True), ("stage_id.closed", "=", False)]
            ),
        )

    def test_wrong_tile_refused_when_loaded(self):
        from odoo.exceptions import ValidationError

        with self.assertRaises(ValidationError):
            self.env["aftersales.overview.tile"].create(
                {
                    "name": "Broken",
                    "res_model": "helpdesk.ticket",
                    "domain": "[('no_such_field', '=', 1)]",
                }
            )
        with self.assertRaises(ValidationError):
            self.env["aftersales.overview.tile"].create(
                {"name": "Broken", "res_model": "no.such.model"}
            )
