# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import AftersalesCommon

# 2026-11-23 is a Monday.
MONDAY = "2026-11-23"
TUESDAY = "2026-11-24"


def dt(day, hour, minute=0):
    y, m, d = (int(x) for x in day.split("-"))
    return datetime(y, m, d, hour, minute)


# post-install like every other class: with helpdesk_mgmt_fieldservice loaded
# (aftersales_contracts), closing a ticket reads its field-service orders,
# which after-sales users may read once aftersales_contracts is loaded
@tagged("post_install", "-at_install")
class TestDeskTicket(AftersalesCommon):
    def _milestone(self, ticket, kind):
        return ticket.milestone_ids.filtered(lambda m: m.kind == kind)

    def _sla_activities(self, ticket, user):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "helpdesk.ticket"),
                ("res_id", "=", ticket.id),
                ("user_id", "=", user.id),
                (
                    "activity_type_id",
                    "=",
                    self.env.ref("aftersales_service.mail_activity_type_sla").id,
                ),
            ]
        )

    # ------------------------------------------------------------------
    # First responder
    # ------------------------------------------------------------------
    def test_employee_logs_request(self):
        """A plain employee logs a call: ticket routed to the after-sales team,
        employee recorded as first responder and follower, agent assigned."""
        ticket = self._log_request()
        self.assertTrue(ticket)
        self.assertEqual(ticket.team_id, self.desk_team)
        self.assertEqual(ticket.first_responder_id, self.employee)
        phone = self.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_phone")
        self.assertEqual(ticket.channel_id, phone)
        self.assertIn(self.employee.partner_id, ticket.message_partner_ids)
        self.assertIn(ticket.user_id, self.desk_team.user_ids)
        # the employee can read their ticket but not write it
        ticket.with_user(self.employee).read(["name", "first_responder_id"])
        self.assertFalse(ticket.handover_accepted_by)

    def test_creator_is_first_responder(self):
        """An agent who creates a ticket is its first responder; automated
        creation as the superuser (mail gateway) leaves it empty, to be set
        once later."""
        ticket = (
            self.env["helpdesk.ticket"]
            .with_user(self.agent)
            .create({"name": "Stove", "description": "d", "team_id": self.desk_team.id})
        )
        self.assertEqual(ticket.first_responder_id, self.agent)
        auto = self.env["helpdesk.ticket"].create({"name": "Mail", "description": "d"})
        self.assertFalse(auto.first_responder_id)
        auto.write({"first_responder_id": self.agent.id})
        self.assertEqual(auto.first_responder_id, self.agent)
        with self.assertRaises(UserError):
            auto.write({"first_responder_id": self.agent2.id})

    def test_employee_cannot_create_ticket_directly(self):
        """Only the wizard creates with elevated rights; the ORM still refuses
        a direct create by a plain employee."""
        from odoo.exceptions import AccessError

        with self.assertRaises(AccessError):
            self.env["helpdesk.ticket"].with_user(self.employee).create(
                {"name": "x", "description": "y"}
            )

    def test_first_responder_unchanged(self):
        """Reassignment keeps the first responder; a write attempt is refused,
        whoever tries it."""
        ticket = self._log_request()
        ticket.with_user(self.agent).action_accept_handover()
        self.assertEqual(ticket.handover_accepted_by, self.agent)
        self.assertTrue(ticket.handover_accepted_date)
        ticket.with_user(self.manager).write({"user_id": self.agent2.id})
        self.assertEqual(ticket.first_responder_id, self.employee)
        for user in (self.manager, self.agent):
            with self.assertRaises(UserError):
                ticket.with_user(user).write({"first_responder_id": user.id})
        with self.assertRaises(UserError):
            ticket.sudo().write({"first_responder_id": self.manager.id})
        self.assertEqual(ticket.first_responder_id, self.employee)
        # still a follower after the hand-over
        self.assertIn(self.employee.partner_id, ticket.message_partner_ids)

    def test_accept_handover_only_team_agent(self):
        ticket = self._log_request()
        with self.assertRaises(UserError):
            ticket.with_user(self.employee).action_accept_handover()
        ticket.with_user(self.agent).action_accept_handover()
        with self.assertRaises(UserError):
            ticket.with_user(self.agent2).action_accept_handover()

    def test_assignment_first_responder_agent(self):
        """An agent who takes the call keeps it (first_responder method)."""
        ticket = self._log_request(user=self.agent2)
        self.assertEqual(ticket.user_id, self.agent2)

    def test_balanced_assignment_skips_unavailable(self):
        """Balanced: fewest open tickets wins, unavailable users skipped."""
        self.company.aftersales_assignment_method = "balanced"
        Ticket = self.env["helpdesk.ticket"]
        Ticket.create(
            [
                {"name": f"t{i}", "description": "d", "team_id": self.desk_team.id,
                 "user_id": user.id}
                for i, user in enumerate([self.head, self.head, self.agent2])
            ]
        )
        # agent has 0 open tickets, agent2 1, head 2
        self.assertEqual(Ticket._aftersales_pick_user(self.desk_team), self.agent)
        self.agent.aftersales_unavailable = True
        self.assertEqual(Ticket._aftersales_pick_user(self.desk_team), self.agent2)
        self.agent2.aftersales_unavailable = True
        self.assertEqual(Ticket._aftersales_pick_user(self.desk_team), self.head)
        # balanced ignores the first responder even if they are an agent
        self.agent.aftersales_unavailable = False
        self.assertEqual(
            Ticket._aftersales_pick_user(self.desk_team, self.head), self.agent
        )

    # ------------------------------------------------------------------
    # SLA chain
    # ------------------------------------------------------------------
    def test_contact_deadline_four_working_hours(self):
        """Received Monday 16:00 on an 8-17 calendar -> due Tuesday 11:00."""
        with freeze_time(dt(MONDAY, 16)):
            ticket = self._log_request()
        contact = self._milestone(ticket, "contact")
        self.assertEqual(contact.start_date, dt(MONDAY, 16))
        self.assertEqual(contact.deadline, dt(TUESDAY, 11))
        self.assertEqual(ticket.sla_deadline, dt(TUESDAY, 11))

    def test_contact_deadline_same_day_boundary(self):
        """Received 13:00 -> due 17:00 the same day (end of the working day)."""
        with freeze_time(dt(MONDAY, 13)):
            ticket = self._log_request()
        self.assertEqual(self._milestone(ticket, "contact").deadline, dt(MONDAY, 17))

    def test_contact_deadline_settings(self):
        self.company.aftersales_contact_hours = 2
        with freeze_time(dt(MONDAY, 16)):
            ticket = self._log_request()
        self.assertEqual(self._milestone(ticket, "contact").deadline, dt(TUESDAY, 9))

    def test_chain_each_deadline_starts_when_previous_met(self):
        with freeze_time(dt(MONDAY, 9)):
            ticket = self._log_request()
        with freeze_time(dt(MONDAY, 10)):
            ticket.with_user(self.agent).action_mark_contacted()
        contact = self._milestone(ticket, "contact")
        self.assertEqual(contact.state, "done")
        self.assertEqual(contact.done_by, self.agent)
        self.assertEqual(contact.done_date, dt(MONDAY, 10))
        solution = self._milestone(ticket, "solution")
        # 24 working hours from Monday 10:00 on a 9 h/day calendar:
        # Mon 7 h + Tue 9 h + Wed 8 h -> Wednesday 16:00
        self.assertEqual(solution.start_date, dt(MONDAY, 10))
        self.assertEqual(solution.deadline, datetime(2026, 11, 25, 16, 0))
        with freeze_time(dt(TUESDAY, 9)):
            ticket.with_user(self.agent).action_escalate()
        self.assertFalse(self._milestone(ticket, "solution"))
        escalation = self._milestone(ticket, "escalation")
        self.assertEqual(escalation.state, "done")
        decision = self._milestone(ticket, "decision")
        self.assertEqual(decision.user_id, self.head)
        self.assertEqual(decision.start_date, dt(TUESDAY, 9))
        with self.assertRaises(UserError):
            ticket.with_user(self.agent).action_record_decision()
        ticket.aftersales_decision = "Replace the tank"
        with freeze_time(dt(TUESDAY, 10)):
            ticket.with_user(self.head).action_record_decision()
        self.assertEqual(decision.done_by, self.head)
        relay = self._milestone(ticket, "relay")
        self.assertEqual(relay.start_date, dt(TUESDAY, 10))
        with freeze_time(dt(TUESDAY, 11)):
            ticket.with_user(self.agent).action_relay_decision()
        self.assertEqual(relay.state, "done")
        self.assertFalse(ticket.sla_deadline)
        self.assertFalse(ticket.sla_breached)

    def test_propose_solution_needs_text(self):
        ticket = self._log_request()
        ticket.with_user(self.agent).action_mark_contacted()
        with self.assertRaises(UserError):
            ticket.with_user(self.agent).action_propose_solution()
        ticket.aftersales_solution = "Replace the valve seal"
        ticket.with_user(self.agent).action_propose_solution()
        self.assertEqual(self._milestone(ticket, "solution").state, "done")
        self.assertFalse(ticket.can_propose_solution)

    def test_pause_and_resume_shift_deadline(self):
        """Paused Mon 10:00 -> Tue 10:00 = 9 working hours: the 13:00 Monday
        deadline moves to Tuesday 13:00; the cron ignores paused clocks."""
        with freeze_time(dt(MONDAY, 9)):
            ticket = self._log_request()
        contact = self._milestone(ticket, "contact")
        self.assertEqual(contact.deadline, dt(MONDAY, 13))
        with freeze_time(dt(MONDAY, 10)):
            ticket.stage_id = self.stage_waiting
        self.assertEqual(contact.paused_since, dt(MONDAY, 10))
        with freeze_time(dt(MONDAY, 15)):
            self.env["aftersales.ticket.milestone"]._cron_check_sla()
        self.assertEqual(contact.state, "pending")
        with freeze_time(dt(TUESDAY, 10)):
            ticket.stage_id = self.stage_progress
        self.assertFalse(contact.paused_since)
        self.assertEqual(contact.deadline, dt(TUESDAY, 13))

    def test_breach_escalates_once(self):
        with freeze_time(dt(MONDAY, 9)):
            ticket = self._log_request()
        contact = self._milestone(ticket, "contact")
        messages_before = len(ticket.message_ids)
        with freeze_time(dt(MONDAY, 13)):
            # exactly at the deadline: breached
            self.env["aftersales.ticket.milestone"]._cron_check_sla()
        self.assertEqual(contact.state, "breached")
        self.assertTrue(contact.breach_notified)
        self.assertTrue(ticket.sla_breached)
        self.assertEqual(len(self._sla_activities(ticket, self.head)), 1)
        self.assertEqual(len(ticket.message_ids), messages_before + 1)
        with freeze_time(dt(MONDAY, 14)):
            self.env["aftersales.ticket.milestone"]._cron_check_sla()
        self.assertEqual(len(self._sla_activities(ticket, self.head)), 1)
        self.assertEqual(len(ticket.message_ids), messages_before + 1)
        # a late contact is still recorded, and stays counted as late
        with freeze_time(dt(MONDAY, 15)):
            ticket.with_user(self.agent).action_mark_contacted()
        self.assertEqual(contact.state, "done")
        self.assertTrue(contact.is_late)
        self.assertEqual(contact.on_time_rate, 0.0)

    def test_not_breached_one_minute_before(self):
        with freeze_time(dt(MONDAY, 9)):
            ticket = self._log_request()
        with freeze_time(dt(MONDAY, 12, 59)):
            self.env["aftersales.ticket.milestone"]._cron_check_sla()
        self.assertEqual(self._milestone(ticket, "contact").state, "pending")

    def test_warning_before_deadline_once(self):
        with freeze_time(dt(MONDAY, 9)):
            ticket = self._log_request()
        responsible = self._milestone(ticket, "contact").user_id
        with freeze_time(dt(MONDAY, 11, 59)):
            self.env["aftersales.ticket.milestone"]._cron_check_sla()
        self.assertFalse(self._sla_activities(ticket, responsible))
        with freeze_time(dt(MONDAY, 12)):
            self.env["aftersales.ticket.milestone"]._cron_check_sla()
            self.env["aftersales.ticket.milestone"]._cron_check_sla()
        self.assertEqual(len(self._sla_activities(ticket, responsible)), 1)
        self.assertTrue(self._milestone(ticket, "contact").warned)

    def test_breach_fallback_head(self):
        self.desk_team.user_id = False
        self.company.aftersales_sla_escalation_user_id = self.manager
        with freeze_time(dt(MONDAY, 9)):
            ticket = self._log_request()
        with freeze_time(dt(MONDAY, 14)):
            self.env["aftersales.ticket.milestone"]._cron_check_sla()
        self.assertEqual(len(self._sla_activities(ticket, self.manager)), 1)

    def _make_tickets(self, count):
        return self.env["helpdesk.ticket"].create(
            [
                {
                    "name": f"Bulk {i}",
                    "description": "d",
                    "team_id": self.desk_team.id,
                    "user_id": self.agent.id,
                }
                for i in range(count)
            ]
        )

    def test_cron_query_count_bounded(self):
        """Same number of queries for 5 and 50 breaches (after a warm-up run
        that fills the ORM caches), and a small fixed bound."""
        Milestone = self.env["aftersales.ticket.milestone"]
        queries, breached = [], []
        for day, size in ((MONDAY, 1), (TUESDAY, 5), ("2026-11-25", 50)):
            with freeze_time(dt(day, 9)):
                self._make_tickets(size)
            with freeze_time(dt(day, 14)):
                self.env.flush_all()
                self.env.invalidate_all()
                before = self.cr.sql_log_count
                if size == 50:
                    # 10x the breaches, the query count measured for 5
                    with self.assertQueryCount(queries[1]):
                        Milestone._cron_check_sla()
                else:
                    Milestone._cron_check_sla()
                self.env.flush_all()
                queries.append(self.cr.sql_log_count - before)
                breached.append(
                    Milestone.search_count(
                        [
                            ("state", "=", "breached"),
                            ("team_id", "=", self.desk_team.id),
                        ]
                    )
                )
        # a small fixed bound (penalty proposals and demo data included)
        self.assertLessEqual(queries[1], 40)
        self.assertEqual(breached[1:], [6, 56])

    # ------------------------------------------------------------------
    # Closed loop
    # ------------------------------------------------------------------
    def test_close_refused_without_confirmation(self):
        ticket = self._log_request()
        with self.assertRaises(UserError):
            ticket.with_user(self.agent).write({"stage_id": self.stage_done.id})
        self.assertEqual(ticket.stage_id, self.stage_new)
        self.assertFalse(ticket.closed_date)
        with self.assertRaises(UserError):
            ticket.with_user(self.agent).action_close_confirmed()

    def test_close_allowed_with_confirmation(self):
        ticket = self._log_request()
        wizard = (
            self.env["aftersales.ticket.confirm"]
            .with_user(self.agent)
            .create({"ticket_id": ticket.id, "channel": "phone", "note": "OK"})
        )
        wizard.action_confirm()
        self.assertTrue(ticket.customer_confirmed)
        self.assertEqual(ticket.confirmation_channel, "phone")
        self.assertEqual(ticket.confirmed_by, self.agent)
        self.assertTrue(ticket.stage_id.closed)
        # callback planned
        callback_type = self.env.ref("aftersales_service.mail_activity_type_callback")
        self.assertIn(callback_type, ticket.activity_ids.activity_type_id)

    def test_manager_override(self):
        ticket = self._log_request()
        with self.assertRaises(UserError):
            self.env["aftersales.ticket.close.override"].with_user(
                self.agent
            ).create({"ticket_id": ticket.id, "reason": "x"}).action_close()
        self.env["aftersales.ticket.close.override"].with_user(self.manager).create(
            {"ticket_id": ticket.id, "reason": "Customer moved abroad"}
        ).action_close()
        self.assertTrue(ticket.stage_id.closed)
        self.assertFalse(ticket.customer_confirmed)
        self.assertEqual(ticket.close_override_reason, "Customer moved abroad")
        self.assertTrue(
            any("Customer moved abroad" in (m.body or "") for m in ticket.message_ids)
        )

    def _closed_ticket(self):
        ticket = self._log_request()
        ticket.with_user(self.agent)._aftersales_record_confirmation("phone")
        ticket.with_user(self.agent).action_close_confirmed()
        return ticket

    def test_not_satisfied_reopens(self):
        ticket = self._closed_ticket()
        self.env["aftersales.callback"].with_user(self.agent).create(
            {"ticket_id": ticket.id, "outcome": "not_satisfied", "rating": "2"}
        )
        self.assertFalse(ticket.stage_id.closed)
        self.assertEqual(ticket.stage_id, self.stage_new)
        self.assertFalse(ticket.customer_confirmed)
        self.assertEqual(ticket.callback_outcome, "not_satisfied")
        # closing again needs a new confirmation
        with self.assertRaises(UserError):
            ticket.with_user(self.agent).action_close_confirmed()

    def test_satisfied_callback_keeps_closed(self):
        ticket = self._closed_ticket()
        self.env["aftersales.callback"].with_user(self.agent).create(
            {"ticket_id": ticket.id, "outcome": "satisfied", "rating": "5"}
        )
        self.assertTrue(ticket.stage_id.closed)
        self.assertTrue(ticket.callback_done)
        callback_type = self.env.ref("aftersales_service.mail_activity_type_callback")
        self.assertNotIn(callback_type, ticket.activity_ids.activity_type_id)

    def test_callback_needs_rating_unless_unreachable(self):
        ticket = self._closed_ticket()
        with self.assertRaises(UserError):
            self.env["aftersales.callback"].create(
                {"ticket_id": ticket.id, "outcome": "partly"}
            )
        self.env["aftersales.callback"].create(
            {"ticket_id": ticket.id, "outcome": "unreachable"}
        )
        self.assertFalse(ticket.callback_done)

    def test_callback_rate_report(self):
        t1 = self._closed_ticket()
        self._closed_ticket()
        self.env["aftersales.callback"].create(
            {"ticket_id": t1.id, "outcome": "satisfied", "rating": "4"}
        )
        self.env.flush_all()
        Report = self.env["aftersales.callback.report"]
        groups = Report._read_group(
            [("team_id", "=", self.desk_team.id)],
            ["team_id"],
            ["closed_count:sum", "callback_count:sum", "callback_rate:avg",
             "target_rate:avg"],
        )
        self.assertEqual(groups[0][1:], (2, 1, 50.0, 80.0))

    # ------------------------------------------------------------------
    # Settings
    # ------------------------------------------------------------------
    def test_desk_seed_defaults(self):
        """A new company gets seed 004's deadlines and the callback policy."""
        company = self.env["res.company"].create({"name": "Desk Co"})
        self.assertEqual(
            (
                company.aftersales_contact_hours,
                company.aftersales_solution_hours,
                company.aftersales_escalation_hours,
                company.aftersales_decision_hours,
                company.aftersales_relay_hours,
                company.aftersales_sla_warning_hours,
                company.aftersales_callback_delay_days,
                company.aftersales_callback_target_rate,
                company.aftersales_assignment_method,
            ),
            (4.0, 24.0, 24.0, 24.0, 24.0, 1.0, 3, 80.0, "first_responder"),
        )

    def test_callback_planned_after_delay(self):
        with freeze_time(dt(MONDAY, 10)):
            ticket = self._closed_ticket()
        activity = ticket.activity_ids.filtered(
            lambda a: a.activity_type_id
            == self.env.ref("aftersales_service.mail_activity_type_callback")
        )
        self.assertEqual(str(activity.date_deadline), "2026-11-26")
