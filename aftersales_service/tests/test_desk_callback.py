# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from .test_desk_ticket import MONDAY, DeskCase, dt


@tagged("post_install", "-at_install")
class TestDeskCallback(DeskCase):
    def test_callback_planned_after_delay(self):
        with freeze_time(dt(MONDAY, 10)):
            ticket = self._closed_ticket()
        callback = ticket.callback_ids
        self.assertEqual(callback.state, "planned")
        self.assertEqual(str(callback.due_date), "2026-11-26")
        self.assertEqual(callback.planned_user_id, ticket.user_id)
        activity = ticket.activity_ids.filtered(
            lambda a: (
                a.activity_type_id
                == self.env.ref("aftersales_service.mail_activity_type_callback")
            )
        )
        self.assertEqual(str(activity.date_deadline), "2026-11-26")
        self.assertTrue(ticket.with_user(self.agent).can_record_callback)

    def test_record_once_then_not_offered(self):
        ticket = self._closed_ticket()
        callback = ticket.callback_ids
        wizard = (
            self.env["aftersales.callback.record"]
            .with_user(self.agent)
            .create(
                {
                    "callback_id": callback.id,
                    "outcome": "satisfied",
                    "rating": "5",
                    "note": "All good",
                }
            )
        )
        wizard.action_record()
        self.assertEqual(callback.state, "done")
        self.assertEqual(callback.user_id, self.agent)
        self.assertTrue(callback.date)
        self.assertEqual((callback.outcome, callback.rating), ("satisfied", "5"))
        self.assertTrue(ticket.stage_id.closed)
        self.assertTrue(ticket.callback_done)
        ticket.invalidate_recordset(["can_record_callback"])
        self.assertFalse(ticket.with_user(self.agent).can_record_callback)
        self.assertFalse(callback.with_user(self.agent).can_record)
        callback_type = self.env.ref("aftersales_service.mail_activity_type_callback")
        self.assertNotIn(callback_type, ticket.activity_ids.activity_type_id)
        with self.assertRaisesNaming(UserError, "already recorded"):
            callback.with_user(self.agent).action_record("not_satisfied", "1")
        with self.assertRaises(UserError):
            ticket.with_user(self.agent).action_open_callback()
        # the result is not edited by hand either
        with self.assertRaises(UserError):
            callback.with_user(self.manager).write({"outcome": "not_satisfied"})
        self.assertEqual(callback.outcome, "satisfied")

    def test_callback_needs_rating_unless_unreachable(self):
        ticket = self._closed_ticket()
        callback = ticket.callback_ids
        with self.assertRaisesNaming(UserError, "rating"):
            callback.with_user(self.agent).action_record("partly")
        self.assertEqual(callback.state, "planned")
        with freeze_time("2026-11-23 10:00"):
            callback.with_user(self.agent).action_record("unreachable")
        self.assertFalse(ticket.callback_done)
        # another attempt is planned for the next day
        retry = ticket.callback_ids.filtered(lambda c: c.state == "planned")
        self.assertEqual(len(retry), 1)
        self.assertEqual(str(retry.due_date), "2026-11-24")
        self.assertTrue(ticket.with_user(self.agent).can_record_callback)

    def test_callback_only_by_team_agent_after_close(self):
        ticket = self._closed_ticket()
        with self.assertRaises(UserError):
            ticket.callback_ids.with_user(self.employee).action_record("satisfied", "5")
        open_ticket = self._log_request()
        with self.assertRaises(UserError):
            self.env["aftersales.callback"].create({"ticket_id": open_ticket.id})

    def test_callbacks_menu_opens_on_due_callbacks_overdue_first(self):
        with freeze_time(dt(MONDAY, 10)):
            early = self._closed_ticket()
        with freeze_time("2026-11-25 10:00"):
            late = self._closed_ticket()
        done = self._closed_ticket()
        done.callback_ids.with_user(self.agent).action_record("satisfied", "4")
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "aftersales_service.action_aftersales_callback"
        )
        self.assertEqual(action["context"], "{'search_default_planned': 1}")
        self.assertIn("kanban", action["view_mode"])
        self.assertIn("calendar", action["view_mode"])
        planned = self.env["aftersales.callback"].search([("state", "=", "planned")])
        self.assertNotIn(done.callback_ids, planned)
        ours = planned.filtered(lambda c: c.ticket_id in (early | late))
        self.assertEqual(ours.ticket_id, early | late)
        self.assertEqual(ours[0].ticket_id, early, "the oldest due date comes first")
        with freeze_time("2026-11-29 10:00"):
            overdue = self.env["aftersales.callback"].browse(ours.ids)
            overdue.invalidate_recordset(["is_overdue"])
            self.assertTrue(all(overdue.mapped("is_overdue")))

    def test_callback_rate_report(self):
        t1 = self._closed_ticket()
        self._closed_ticket()
        t1.callback_ids.with_user(self.agent).action_record("satisfied", "4")
        self.env.flush_all()
        Report = self.env["aftersales.callback.report"]
        groups = Report._read_group(
            [("team_id", "=", self.desk_team.id)],
            ["team_id"],
            [
                "closed_count:sum",
                "callback_count:sum",
                "callback_rate:avg",
                "target_rate:avg",
            ],
        )
        self.assertEqual(groups[0][1:], (2, 1, 50.0, 80.0))
