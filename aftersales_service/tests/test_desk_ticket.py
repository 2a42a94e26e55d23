# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import AftersalesCommon

# 2026-11-23 is a Monday.
MONDAY = "2026-11-23"
TUESDAY = "2026-11-24"
WEDNESDAY = "2026-11-25"
THURSDAY = "2026-11-26"


def dt(day, hour, minute=0):
    y, m, d = (int(x) for x in day.split("-"))
    return datetime(y, m, d, hour, minute)


class DeskCase(AftersalesCommon):
    def _milestone(self, ticket, kind, state=None):
        # a new ticket carries its contact milestone until it is handled:
        # write it, as handling the ticket or the SLA job would
        ticket._aftersales_write_contact_milestone()
        return ticket.milestone_ids.filtered(
            lambda m: m.kind == kind and (state is None or m.state == state)
        )

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

    def _cron(self):
        self.env["aftersales.ticket.milestone"]._cron_check_sla()

    def _closed_ticket(self, agent=None):
        agent = agent or self.agent
        ticket = self._log_request()
        ticket.with_user(agent)._aftersales_record_confirmation("phone")
        ticket.with_user(agent).action_close_confirmed()
        return ticket


@tagged("post_install", "-at_install")
class TestDeskTicket(DeskCase):
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
        """An agent who creates a ticket is its first responder, whatever the
        client sends; naming someone else is refused; automated creation as
        the superuser (mail gateway) leaves it empty and nobody sets it by
        hand afterwards."""
        Ticket = self.env["helpdesk.ticket"].with_user(self.agent)
        ticket = Ticket.create(
            {"name": "Stove", "description": "d", "team_id": self.desk_team.id}
        )
        self.assertEqual(ticket.first_responder_id, self.agent)
        # naming oneself is what happens anyway
        same = Ticket.create(
            {
                "name": "Stove 2",
                "description": "d",
                "team_id": self.desk_team.id,
                "first_responder_id": self.agent.id,
            }
        )
        self.assertEqual(same.first_responder_id, self.agent)
        count = self.env["helpdesk.ticket"].search_count([])
        with self.assertRaisesNaming(UserError, "First Responder"):
            Ticket.create(
                {
                    "name": "Forged",
                    "description": "d",
                    "first_responder_id": self.agent2.id,
                }
            )
        self.assertEqual(self.env["helpdesk.ticket"].search_count([]), count)
        auto = self.env["helpdesk.ticket"].create({"name": "Mail", "description": "d"})
        self.assertFalse(auto.first_responder_id)
        for user in (self.agent, self.manager):
            with self.assertRaises(UserError):
                auto.with_user(user).write({"first_responder_id": user.id})
        with self.assertRaises(UserError):
            auto.with_user(self.manager).sudo().write(
                {"first_responder_id": self.manager.id}
            )
        self.assertFalse(auto.first_responder_id)

    def test_employee_cannot_create_ticket_directly(self):
        """Only the wizard creates with elevated rights; the ORM still refuses
        a direct create by a plain employee."""
        with self.assertRaises(AccessError):
            self.env["helpdesk.ticket"].with_user(self.employee).create(
                {"name": "x", "description": "y"}
            )

    def test_first_responder_unchanged(self):
        """Reassignment keeps the first responder; a write attempt is refused,
        whoever tries it."""
        ticket = self._log_request()
        ticket.with_user(self.agent).action_accept_handover()
        ticket.with_user(self.manager).write({"user_id": self.agent2.id})
        self.assertEqual(ticket.first_responder_id, self.employee)
        for user in (self.manager, self.agent):
            with self.assertRaises(UserError):
                ticket.with_user(user).write({"first_responder_id": user.id})
        with self.assertRaises(UserError):
            ticket.with_user(self.manager).sudo().write(
                {"first_responder_id": self.manager.id}
            )
        self.assertEqual(ticket.first_responder_id, self.employee)
        # still a follower after the hand-over
        self.assertIn(self.employee.partner_id, ticket.message_partner_ids)

    # ------------------------------------------------------------------
    # Hand-over
    # ------------------------------------------------------------------
    def test_accept_handover_only_team_agent(self):
        ticket = self._log_request()
        with self.assertRaises(UserError):
            ticket.with_user(self.employee).action_accept_handover()
        ticket.with_user(self.agent).action_accept_handover()
        with self.assertRaises(UserError):
            ticket.with_user(self.agent2).action_accept_handover()

    def test_accept_handover_assigns_agent_and_milestones(self):
        """Accepting assigns the ticket to the accepting agent and makes them
        responsible for the open milestones (the previous assignee was the
        admin-like head)."""
        ticket = self._log_request()
        ticket.user_id = self.head
        contact = self._milestone(ticket, "contact")
        self.assertEqual(contact.user_id, self.head)
        ticket.with_user(self.agent).action_accept_handover()
        self.assertEqual(ticket.user_id, self.agent)
        self.assertEqual(ticket.handover_accepted_by, self.agent)
        self.assertTrue(ticket.handover_accepted_date)
        self.assertEqual(contact.user_id, self.agent)
        # and what the agent does next is credited to them
        ticket.with_user(self.agent).action_mark_contacted()
        self.assertEqual(contact.done_by, self.agent)
        self.assertEqual(self._milestone(ticket, "solution").user_id, self.agent)

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
                {
                    "name": f"t{i}",
                    "description": "d",
                    "team_id": self.desk_team.id,
                    "user_id": user.id,
                }
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
    # The team's clock and where each deadline counts from
    # ------------------------------------------------------------------
    def test_round_the_clock_is_the_default(self):
        team = self.env["helpdesk.ticket.team"].create({"name": "New team"})
        self.assertEqual(team.aftersales_sla_clock, "round_the_clock")
        with freeze_time(dt(MONDAY, 16)):
            ticket = self._log_request()
        # plain hours: 16:00 + 4 h = 20:00 the same day
        self.assertEqual(self._milestone(ticket, "contact").deadline, dt(MONDAY, 20))
        self.assertEqual(ticket.sla_deadline, dt(MONDAY, 20))
        self.assertEqual(ticket.sla_next_kind, "contact")
        self.assertEqual(ticket.sla_received_date, dt(MONDAY, 16))

    def test_contact_boundary_round_the_clock(self):
        """4 h on a round-the-clock team: contacted at 3:59 is on time, at
        4:01 late; the cron breaches it after 4:00, not at 3:59."""
        with freeze_time(dt(MONDAY, 9)):
            on_time, late = self._log_request(), self._log_request()
        with freeze_time(dt(MONDAY, 12, 59)):
            self._cron()
            self.assertEqual(self._milestone(late, "contact").state, "pending")
            on_time.with_user(self.agent).action_mark_contacted()
        with freeze_time(dt(MONDAY, 13, 1)):
            self._cron()
            self.assertEqual(self._milestone(late, "contact").state, "breached")
            late.with_user(self.agent).action_mark_contacted()
        self.assertFalse(self._milestone(on_time, "contact").is_late)
        self.assertEqual(self._milestone(on_time, "contact").on_time_rate, 100.0)
        self.assertTrue(self._milestone(late, "contact").is_late)
        self.assertEqual(self._milestone(late, "contact").on_time_rate, 0.0)

    def test_calendar_clock_on_working_hours_team(self):
        """Received Monday 16:00 on an 8-17 calendar: contact due Tuesday
        11:00; the 24 h of a solution also count from receipt, in working
        hours: Mon 1 + Tue 9 + Wed 9 + Thu 5 -> Thursday 13:00."""
        self.desk_team.aftersales_sla_clock = "calendar"
        with freeze_time(dt(MONDAY, 16)):
            ticket = self._log_request()
        contact = self._milestone(ticket, "contact")
        self.assertEqual(contact.start_date, dt(MONDAY, 16))
        self.assertEqual(contact.deadline, dt(TUESDAY, 11))
        with freeze_time(dt(TUESDAY, 10)):
            ticket.with_user(self.agent).action_mark_contacted()
        solution = self._milestone(ticket, "solution")
        self.assertEqual(solution.start_date, dt(TUESDAY, 10))
        self.assertEqual(solution.count_from, dt(MONDAY, 16))
        self.assertEqual(solution.deadline, dt(THURSDAY, 13))

    def test_calendar_clock_same_day_and_settings(self):
        self.desk_team.aftersales_sla_clock = "calendar"
        with freeze_time(dt(MONDAY, 13)):
            ticket = self._log_request()
        self.assertEqual(self._milestone(ticket, "contact").deadline, dt(MONDAY, 17))
        self.company.aftersales_contact_hours = 2
        with freeze_time(dt(MONDAY, 16)):
            ticket = self._log_request()
        self.assertEqual(self._milestone(ticket, "contact").deadline, dt(TUESDAY, 9))

    def test_escalation_due_24h_after_receipt(self):
        """「接收到投诉24小时内反馈到部门负责人」: the escalation is due 24 h
        after the request was received, not after the contact; escalating at
        exactly 24 h is on time, one minute later is late."""
        with freeze_time(dt(MONDAY, 9)):
            on_time, late = self._log_request(), self._log_request()
        with freeze_time(dt(MONDAY, 12)):
            (on_time | late).with_user(self.agent).action_mark_contacted()
        for ticket in on_time | late:
            solution = self._milestone(ticket, "solution")
            self.assertEqual(solution.start_date, dt(MONDAY, 12))
            self.assertEqual(solution.deadline, dt(TUESDAY, 9))
        with freeze_time(dt(TUESDAY, 9)):
            on_time.with_user(self.agent).action_escalate()
        with freeze_time(dt(TUESDAY, 9, 1)):
            late.with_user(self.agent).action_escalate()
        for ticket, is_late in ((on_time, False), (late, True)):
            escalation = self._milestone(ticket, "escalation")
            self.assertEqual(escalation.count_from, dt(MONDAY, 9))
            self.assertEqual(escalation.deadline, dt(TUESDAY, 9))
            self.assertEqual(escalation.state, "done")
            self.assertEqual(escalation.is_late, is_late)

    def test_chain_each_deadline(self):
        """Contact 4 h and solution/escalation 24 h from receipt; the head's
        24 h from the escalation; the relay's 24 h from the decision."""
        with freeze_time(dt(MONDAY, 9)):
            ticket = self._log_request()
        ticket.implementer_id = self.agent2
        with freeze_time(dt(MONDAY, 10)):
            ticket.with_user(self.agent).action_mark_contacted()
        contact = self._milestone(ticket, "contact")
        self.assertEqual(
            (contact.state, contact.done_by, contact.done_date),
            ("done", self.agent, dt(MONDAY, 10)),
        )
        with freeze_time(dt(MONDAY, 20)):
            ticket.with_user(self.agent).action_escalate()
        self.assertFalse(self._milestone(ticket, "solution"))
        decision = self._milestone(ticket, "decision")
        self.assertEqual(decision.user_id, self.head)
        self.assertEqual(decision.count_from, dt(MONDAY, 20))
        self.assertEqual(decision.deadline, dt(TUESDAY, 20))
        with self.assertRaises(UserError):
            ticket.with_user(self.agent).action_record_decision()
        ticket.aftersales_decision = "Replace the tank"
        with freeze_time(dt(TUESDAY, 10)):
            ticket.with_user(self.head).action_record_decision()
        self.assertEqual(decision.done_by, self.head)
        relay = self._milestone(ticket, "relay")
        self.assertEqual(relay.count_from, dt(TUESDAY, 10))
        self.assertEqual(relay.deadline, dt(WEDNESDAY, 10))
        with freeze_time(dt(TUESDAY, 11)):
            ticket.with_user(self.agent).action_relay_decision()
        self.assertEqual(relay.state, "done")
        self.assertFalse(ticket.sla_deadline)
        self.assertFalse(ticket.sla_breached)

    def test_relay_needs_implementer_who_gets_the_decision(self):
        """The decision goes to the customer and to the implementer (实施人员),
        who gets an activity with it."""
        ticket = self._log_request()
        ticket.with_user(self.agent).action_mark_contacted()
        ticket.with_user(self.agent).action_escalate()
        ticket.aftersales_decision = "Send a technician with a new valve"
        ticket.with_user(self.head).action_record_decision()
        with self.assertRaisesNaming(UserError, "implementer"):
            ticket.with_user(self.agent).action_relay_decision()
        self.assertEqual(self._milestone(ticket, "relay").state, "pending")
        ticket.implementer_id = self.agent2
        ticket.with_user(self.agent).action_relay_decision()
        todo = ticket.activity_ids.filtered(lambda a: a.user_id == self.agent2)
        self.assertEqual(len(todo), 1)
        self.assertIn("new valve", str(todo.note))

    def test_propose_solution_needs_text(self):
        ticket = self._log_request()
        ticket.with_user(self.agent).action_mark_contacted()
        with self.assertRaises(UserError):
            ticket.with_user(self.agent).action_propose_solution()
        ticket.aftersales_solution = "Replace the valve seal"
        ticket.with_user(self.agent).action_propose_solution()
        self.assertEqual(self._milestone(ticket, "solution").state, "done")
        self.assertFalse(ticket.can_propose_solution)

    # ------------------------------------------------------------------
    # Stages follow the chain; the next milestone is shown
    # ------------------------------------------------------------------
    def test_stages_follow_the_chain(self):
        ticket = self._log_request()
        self.assertEqual(ticket.stage_id, self.stage_new)
        ticket.with_user(self.agent).action_mark_contacted()
        self.assertEqual(ticket.stage_id, self.stage_progress)
        ticket.aftersales_solution = "Replace the valve seal"
        ticket.with_user(self.agent).action_propose_solution()
        self.assertEqual(ticket.stage_id, self.stage_awaiting)
        other = self._log_request()
        other.with_user(self.agent).action_mark_contacted()
        other.with_user(self.agent).action_escalate()
        self.assertEqual(other.stage_id, self.stage_with_head)
        # the mapping is the stage's configuration
        self.stage_progress.aftersales_milestone_kind_ids = False
        third = self._log_request()
        third.with_user(self.agent).action_mark_contacted()
        self.assertEqual(third.stage_id, self.stage_new)

    def test_next_milestone_status(self):
        self.company.aftersales_sla_warning_hours = 1
        with freeze_time(dt(MONDAY, 9)):
            ticket = self._log_request()
            self.assertEqual(ticket.sla_status, "on_time")
        self.stage_waiting.aftersales_pause_sla = True
        with freeze_time(dt(MONDAY, 12, 30)):
            ticket.invalidate_recordset(["sla_status"])
            self.assertEqual(ticket.sla_status, "due_soon")
            Ticket = self.env["helpdesk.ticket"]
            self.assertIn(ticket, Ticket.search([("sla_status", "=", "due_soon")]))
        with freeze_time(dt(MONDAY, 13, 30)):
            ticket.invalidate_recordset(["sla_status"])
            self.assertEqual(ticket.sla_status, "breached")
            self.assertIn(ticket, Ticket.search([("sla_status", "=", "breached")]))
            self.assertNotIn(ticket, Ticket.search([("sla_status", "=", "on_time")]))
            ticket.stage_id = self.stage_waiting
            ticket.invalidate_recordset(["sla_status"])
            self.assertEqual(ticket.sla_status, "paused")

    # ------------------------------------------------------------------
    # Pauses: a per-stage option, off by default
    # ------------------------------------------------------------------
    def test_pause_is_off_by_default(self):
        self.assertFalse(self.stage_waiting.aftersales_pause_sla)
        stage = self.env["helpdesk.ticket.stage"].create({"name": "Parked"})
        self.assertFalse(stage.aftersales_pause_sla)
        with freeze_time(dt(MONDAY, 9)):
            ticket = self._log_request()
        with freeze_time(dt(MONDAY, 10)):
            ticket.stage_id = self.stage_waiting
        self.assertFalse(self._milestone(ticket, "contact").paused_since)

    def test_pause_and_resume_shift_deadlines(self):
        """Paused Mon 10:00 -> 15:00 (5 h round the clock): the contact
        deadline moves from 13:00 to 18:00, and the solution deadline
        counting from receipt is pushed by the same 5 h."""
        self.stage_waiting.aftersales_pause_sla = True
        with freeze_time(dt(MONDAY, 9)):
            ticket = self._log_request()
        contact = self._milestone(ticket, "contact")
        with freeze_time(dt(MONDAY, 10)):
            ticket.stage_id = self.stage_waiting
        self.assertEqual(contact.paused_since, dt(MONDAY, 10))
        with freeze_time(dt(MONDAY, 14)):
            self._cron()
        self.assertEqual(contact.state, "pending")
        with freeze_time(dt(MONDAY, 15)):
            ticket.stage_id = self.stage_progress
        self.assertFalse(contact.paused_since)
        self.assertEqual(contact.deadline, dt(MONDAY, 18))
        self.assertEqual(ticket.sla_paused_hours, 5.0)
        with freeze_time(dt(MONDAY, 16)):
            ticket.with_user(self.agent).action_mark_contacted()
        self.assertEqual(self._milestone(ticket, "solution").deadline, dt(TUESDAY, 14))

    def test_pause_on_calendar_counts_working_hours(self):
        """Paused Mon 10:00 -> Tue 10:00 = 9 working hours on 8-17: the 13:00
        Monday deadline moves to Tuesday 13:00."""
        self.desk_team.aftersales_sla_clock = "calendar"
        self.stage_waiting.aftersales_pause_sla = True
        with freeze_time(dt(MONDAY, 9)):
            ticket = self._log_request()
        contact = self._milestone(ticket, "contact")
        self.assertEqual(contact.deadline, dt(MONDAY, 13))
        with freeze_time(dt(MONDAY, 10)):
            ticket.stage_id = self.stage_waiting
        with freeze_time(dt(TUESDAY, 10)):
            ticket.stage_id = self.stage_progress
        self.assertEqual(contact.deadline, dt(TUESDAY, 13))

    # ------------------------------------------------------------------
    # Breaches
    # ------------------------------------------------------------------
    def test_breach_escalates_once(self):
        with freeze_time(dt(MONDAY, 9)):
            ticket = self._log_request()
        contact = self._milestone(ticket, "contact")
        messages_before = len(ticket.message_ids)
        with freeze_time(dt(MONDAY, 13)):
            # exactly at the deadline: still on time
            self._cron()
        self.assertEqual(contact.state, "pending")
        with freeze_time(dt(MONDAY, 13, 1)):
            self._cron()
        self.assertEqual(contact.state, "breached")
        self.assertTrue(contact.breach_notified)
        self.assertTrue(ticket.sla_breached)
        self.assertEqual(len(self._sla_activities(ticket, self.head)), 1)
        self.assertEqual(len(ticket.message_ids), messages_before + 1)
        with freeze_time(dt(MONDAY, 14)):
            self._cron()
        self.assertEqual(len(self._sla_activities(ticket, self.head)), 1)
        self.assertEqual(len(ticket.message_ids), messages_before + 1)
        # a late contact is still recorded, and stays counted as late
        with freeze_time(dt(MONDAY, 15)):
            ticket.with_user(self.agent).action_mark_contacted()
        self.assertEqual(contact.state, "done")
        self.assertTrue(contact.is_late)
        self.assertEqual(contact.on_time_rate, 0.0)

    def test_breach_message_in_company_timezone(self):
        """Deadlines people read are in their timezone: the breach note (read
        by the company's staff) shows the company's local time, not UTC."""
        self.company.partner_id.tz = "Asia/Shanghai"
        with freeze_time(dt(MONDAY, 1)):
            ticket = self._log_request()
        with freeze_time(dt(MONDAY, 6)):
            self._cron()
        note = ticket.message_ids.filtered(lambda m: "SLA breached" in (m.body or ""))
        self.assertEqual(len(note), 1)
        # due 05:00 UTC = 13:00 in Shanghai
        self.assertIn("13:00", note.body)
        self.assertNotIn("05:00", note.body)
        self.assertNotIn("UTC", note.body)

    def test_not_breached_one_minute_before(self):
        with freeze_time(dt(MONDAY, 9)):
            ticket = self._log_request()
        with freeze_time(dt(MONDAY, 12, 59)):
            self._cron()
        self.assertEqual(self._milestone(ticket, "contact").state, "pending")

    def test_warning_before_deadline_once(self):
        with freeze_time(dt(MONDAY, 9)):
            ticket = self._log_request()
        responsible = self._milestone(ticket, "contact").user_id
        with freeze_time(dt(MONDAY, 11, 59)):
            self._cron()
        self.assertFalse(self._sla_activities(ticket, responsible))
        with freeze_time(dt(MONDAY, 12)):
            self._cron()
            self._cron()
        self.assertEqual(len(self._sla_activities(ticket, responsible)), 1)
        self.assertTrue(self._milestone(ticket, "contact").warned)

    def test_breach_fallback_head(self):
        self.desk_team.user_id = False
        self.company.aftersales_sla_escalation_user_id = self.manager
        with freeze_time(dt(MONDAY, 9)):
            ticket = self._log_request()
        with freeze_time(dt(MONDAY, 14)):
            self._cron()
        self.assertEqual(len(self._sla_activities(ticket, self.manager)), 1)

    def test_penalty_proposed_once_despite_pause_and_reassign(self):
        """A breach is proposed once, for whoever was responsible when it
        happened; pausing, resuming and reassigning the ticket, and running
        the cron again, propose nothing more. Nobody is docked until a
        manager confirms."""
        self.stage_waiting.aftersales_pause_sla = True
        with freeze_time(dt(MONDAY, 9)):
            ticket = self._log_request()
        ticket.user_id = self.agent
        Penalty = self.env["aftersales.penalty"]
        with freeze_time(dt(MONDAY, 14)):
            self._cron()
        proposals = Penalty.search([("ticket_id", "=", ticket.id)])
        self.assertEqual(len(proposals), 1)
        self.assertEqual(proposals.user_id, self.agent)
        self.assertEqual(proposals.state, "draft")
        with freeze_time(dt(MONDAY, 15)):
            ticket.stage_id = self.stage_waiting
        with freeze_time(dt(MONDAY, 16)):
            ticket.stage_id = self.stage_progress
            ticket.with_user(self.manager).write({"user_id": self.agent2.id})
        with freeze_time(dt(MONDAY, 18)):
            self._cron()
            self._cron()
        self.assertEqual(Penalty.search([("ticket_id", "=", ticket.id)]), proposals)
        self.assertEqual(
            self.env["aftersales.penalty.score"].search_count(
                [("user_id", "=", self.agent.id), ("penalty_points", ">", 0)]
            ),
            0,
        )

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
        # the open milestone is superseded, a callback is planned
        self.assertEqual(self._milestone(ticket, "contact").state, "cancelled")
        self.assertEqual(ticket.callback_ids.state, "planned")
        callback_type = self.env.ref("aftersales_service.mail_activity_type_callback")
        self.assertIn(callback_type, ticket.activity_ids.activity_type_id)

    def test_closing_as_agent_without_email(self):
        """An agent without an e-mail address runs the whole chain and closes:
        automatic messages and notifications go out as the company."""
        self.company.email = "service@example.com"
        nomail = new_test_user(
            self.env,
            login="as_nomail",
            groups="aftersales_service.group_aftersales_user",
            email=False,
        )
        self.assertFalse(nomail.partner_id.email)
        self.desk_team.user_ids = [(4, nomail.id)]
        customer = self.env["res.partner"].create(
            {"name": "Mail Customer", "email": "mail.customer@example.com"}
        )
        ticket = self._log_request(partner_id=customer.id)
        ticket.implementer_id = self.agent2
        as_nomail = ticket.with_user(nomail)
        as_nomail.action_accept_handover()
        as_nomail.action_mark_contacted()
        ticket.aftersales_solution = "New valve"
        as_nomail.action_propose_solution()
        self.env["aftersales.ticket.confirm"].with_user(nomail).create(
            {"ticket_id": ticket.id, "channel": "phone"}
        ).action_confirm()
        self.assertTrue(ticket.stage_id.closed)
        solution_mail = ticket.message_ids.filtered(
            lambda m: "New valve" in (m.body or "")
        )
        self.assertEqual(solution_mail.author_id, self.company.partner_id)
        # callback recorded by the same agent
        ticket.callback_ids.with_user(nomail).action_record("satisfied", "5")
        self.assertTrue(ticket.callback_done)

    def test_manager_override(self):
        ticket = self._log_request()
        with self.assertRaises(AccessError):
            self.env["aftersales.ticket.close.override"].with_user(self.agent).create(
                {"ticket_id": ticket.id, "reason": "x"}
            ).action_close()
        self.env["aftersales.ticket.close.override"].with_user(self.manager).create(
            {"ticket_id": ticket.id, "reason": "Customer moved abroad"}
        ).action_close()
        self.assertTrue(ticket.stage_id.closed)
        self.assertFalse(ticket.customer_confirmed)
        self.assertEqual(ticket.close_override_reason, "Customer moved abroad")
        self.assertTrue(
            any("Customer moved abroad" in (m.body or "") for m in ticket.message_ids)
        )

    def test_closing_late_breaches_pending_milestone(self):
        with freeze_time(dt(MONDAY, 9)):
            ticket = self._log_request()
        ticket.user_id = self.agent
        with freeze_time(dt(MONDAY, 15)):
            self.env["aftersales.ticket.close.override"].with_user(self.manager).create(
                {"ticket_id": ticket.id, "reason": "Duplicate"}
            ).action_close()
        self.assertEqual(self._milestone(ticket, "contact").state, "breached")
        self.assertEqual(
            self.env["aftersales.penalty"].search_count(
                [("ticket_id", "=", ticket.id)]
            ),
            1,
        )

    # ------------------------------------------------------------------
    # Reopening restarts the chain
    # ------------------------------------------------------------------
    def test_not_satisfied_reopens_with_new_contact_deadline(self):
        with freeze_time(dt(MONDAY, 9)):
            ticket = self._log_request()
            ticket.with_user(self.agent).action_accept_handover()
            ticket.with_user(self.agent).action_mark_contacted()
            ticket.with_user(self.agent)._aftersales_record_confirmation("phone")
            ticket.with_user(self.agent).action_close_confirmed()
        with freeze_time(dt(THURSDAY, 10)):
            ticket.callback_ids.with_user(self.agent).action_record(
                "not_satisfied", "2", "Still leaking"
            )
        self.assertFalse(ticket.stage_id.closed)
        self.assertEqual(ticket.stage_id, self.stage_new)
        self.assertFalse(ticket.customer_confirmed)
        self.assertEqual(ticket.callback_outcome, "not_satisfied")
        self.assertEqual(ticket.sla_received_date, dt(THURSDAY, 10))
        contact = self._milestone(ticket, "contact", "pending")
        self.assertEqual(len(contact), 1)
        self.assertEqual(contact.deadline, dt(THURSDAY, 14))
        self.assertEqual(contact.user_id, self.agent)
        self.assertEqual(ticket.sla_deadline, dt(THURSDAY, 14))
        self.assertEqual(ticket.sla_next_kind, "contact")
        # the old solution milestone is superseded
        self.assertEqual(self._milestone(ticket, "solution").state, "cancelled")
        # the responsible agent is told
        told = self._sla_activities(ticket, self.agent)
        self.assertEqual(len(told), 1)
        self.assertIn("reopened", told.summary)
        # closing again needs a new confirmation
        with self.assertRaises(UserError):
            ticket.with_user(self.agent).action_close_confirmed()

    def test_manual_reopen_restarts_too(self):
        ticket = self._closed_ticket()
        ticket.with_user(self.manager).write({"stage_id": self.stage_progress.id})
        self.assertEqual(len(self._milestone(ticket, "contact", "pending")), 1)
        self.assertFalse(ticket.customer_confirmed)

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

    def test_cron_query_count_bounded(self):
        """Same number of queries for 5 and 50 breaches (after a warm-up run
        that fills the ORM caches), and a small fixed bound."""
        Milestone = self.env["aftersales.ticket.milestone"]
        queries, breached = [], []
        for day, size in ((MONDAY, 1), (TUESDAY, 5), (WEDNESDAY, 50)):
            with freeze_time(dt(day, 9)):
                self.env["helpdesk.ticket"].create(
                    [
                        {
                            "name": f"Bulk {i}",
                            "description": "d",
                            "team_id": self.desk_team.id,
                            "user_id": self.agent.id,
                        }
                        for i in range(size)
                    ]
                )
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

    def test_employee_reads_next_deadline_in_own_timezone(self):
        """The reopening notice names the deadline in the agent's timezone."""
        with freeze_time(dt(MONDAY, 1)):
            ticket = self._closed_ticket()
        ticket.user_id.tz = "Asia/Shanghai"
        with freeze_time(dt(MONDAY, 2)):
            ticket.callback_ids.with_user(self.agent).action_record(
                "not_satisfied", "1"
            )
        told = self._sla_activities(ticket, ticket.user_id)
        # due 06:00 UTC = 14:00 in Shanghai
        self.assertIn("14:00", told.summary)

    def test_sla_window_after_reopen_counts_from_reopening(self):
        with freeze_time(dt(MONDAY, 9)):
            ticket = self._closed_ticket()
        with freeze_time(dt(MONDAY, 9) + timedelta(days=3)):
            ticket.callback_ids.with_user(self.agent).action_record(
                "not_satisfied", "2"
            )
        with freeze_time(dt(THURSDAY, 10)):
            ticket.with_user(self.agent).action_mark_contacted()
        solution = self._milestone(ticket, "solution", "pending")
        self.assertEqual(solution.count_from, dt(THURSDAY, 9))
        self.assertEqual(solution.deadline, dt(THURSDAY, 9) + timedelta(hours=24))


@tagged("post_install", "-at_install")
class TestFiguresGivenToCreate(DeskCase):
    """The figures a ticket's creation gives the ORM (no computation on a
    draft record) are the ones the computations give, and follow changes."""

    def test_new_ticket_and_its_contact_milestone(self):
        ticket = (
            self.env["helpdesk.ticket"]
            .with_user(self.agent)
            .create(
                {
                    "name": "Given figures",
                    "description": "x",
                    "team_id": self.team.id,
                    "partner_id": self.customer.id,
                    "is_complaint": True,
                    "complaint_step_listen": True,
                    "complaint_step_thank": True,
                }
            )
        )
        self.assertEqual(ticket.complaint_steps_done, 2)
        self.assertEqual(ticket.complaint_progress, 28.6)
        self.assertFalse(ticket.callback_done)
        contact = self._milestone(ticket, "contact")
        self.assertRecordValues(
            contact,
            [
                {
                    "company_id": ticket.company_id.id,
                    "team_id": self.team.id,
                    "partner_id": self.customer.id,
                    "first_responder_id": self.agent.id,
                    "is_late": False,
                    "breached_count": 0,
                    "on_time_rate": 100.0,
                }
            ],
        )
        # the same as computed from the stored facts
        self.env.flush_all()
        self.env.add_to_compute(contact._fields["team_id"], contact)
        self.env.add_to_compute(contact._fields["is_late"], contact)
        self.assertEqual(contact.team_id, self.team)
        self.assertFalse(contact.is_late)
        # and they follow the ticket and the steps
        other = self.team.copy({"name": "Other desk"})
        ticket.sudo().write({"team_id": other.id, "complaint_step_apologise": True})
        self.assertEqual(contact.team_id, other)
        self.assertEqual(ticket.complaint_steps_done, 3)

    def test_warranty_decision_given_to_a_ticket_naming_no_unit(self):
        ticket = self._log_request()
        self.assertEqual(ticket.warranty_state, "unknown")
        self.assertEqual(ticket.warranty_reason_code, "need_unit")
        self.assertFalse(ticket.aftersales_registration_pending)
        for user in (self.agent, self.manager):
            with self.subTest(user=user.login), self.assertRaises(UserError):
                ticket.with_user(user).write({"warranty_state": "in_warranty"})
        self.assertEqual(ticket.warranty_state, "unknown")

    def test_given_fields_are_guarded(self):
        """Editable for the ORM only: refused by hand, whatever the role."""
        ticket = self._log_request()
        contact = self._milestone(ticket, "contact")
        self.assertLessEqual(
            {"complaint_progress", "callback_done"},
            ticket._aftersales_guarded_fields(),
        )
        for user in (self.agent, self.manager):
            with self.subTest(user=user.login), self.assertRaises(UserError):
                ticket.with_user(user).write({"complaint_progress": 100.0})
            with self.subTest(user=user.login), self.assertRaises(UserError):
                contact.with_user(user).sudo().write({"is_late": True})
        self.assertEqual(ticket.complaint_progress, 0.0)
        self.assertFalse(contact.is_late)
        self.assertTrue(
            ticket.fields_get(["callback_done"], ["readonly"])["callback_done"][
                "readonly"
            ]
        )


@tagged("post_install", "-at_install")
class TestContactMilestoneCarried(DeskCase):
    """A new ticket carries its contact milestone (next kind and deadline,
    counted from receipt) and inserts no milestone row: the row is written
    when the ticket is first handled, or by the SLA job as the deadline
    nears, with the deadline the ticket was given."""

    def _new(self, **vals):
        with freeze_time(dt(MONDAY, 9)):
            return self._log_request(**vals)

    def test_new_ticket_carries_its_contact_milestone(self):
        ticket = self._new()
        self.assertFalse(ticket.milestone_ids)
        self.assertEqual(ticket.sla_next_kind, "contact")
        self.assertEqual(ticket.sla_deadline, dt(MONDAY, 13))
        self.assertFalse(ticket.sla_paused)
        self.assertTrue(ticket.with_user(self.agent).can_mark_contacted)
        self.assertFalse(ticket.with_user(self.agent).can_record_confirmation)
        with freeze_time(dt(MONDAY, 10)):
            self.assertEqual(ticket.sla_status, "on_time")
            self.assertIn(
                ticket,
                self.env["helpdesk.ticket"].search([("sla_status", "=", "on_time")]),
            )
        # assigning it writes nothing: the row, once written, is the assignee's
        ticket.user_id = self.agent2
        self.assertFalse(ticket.milestone_ids)
        with freeze_time(dt(MONDAY, 10)):
            ticket.with_user(self.agent2).action_mark_contacted()
        contact = ticket.milestone_ids.filtered(lambda m: m.kind == "contact")
        self.assertRecordValues(
            contact,
            [
                {
                    "state": "done",
                    "user_id": self.agent2.id,
                    "done_by": self.agent2.id,
                    "start_date": dt(MONDAY, 9),
                    "count_from": dt(MONDAY, 9),
                    "deadline": dt(MONDAY, 13),
                    "is_late": False,
                }
            ],
        )
        self.assertEqual(ticket.sla_next_kind, "solution")

    def test_the_deadline_given_stands_when_settings_change(self):
        ticket = self._new()
        self.company.aftersales_contact_hours = 2
        ticket._aftersales_write_contact_milestone()
        self.assertEqual(ticket.milestone_ids.deadline, dt(MONDAY, 13))
        self.assertEqual(self._new().sla_deadline, dt(MONDAY, 11))

    def test_a_stage_change_writes_it(self):
        self.stage_waiting.aftersales_pause_sla = True
        ticket = self._new()
        with freeze_time(dt(MONDAY, 10)):
            ticket.stage_id = self.stage_waiting
        contact = ticket.milestone_ids
        self.assertEqual(contact.kind, "contact")
        self.assertEqual(contact.paused_since, dt(MONDAY, 10))
        self.assertTrue(ticket.sla_paused)
        with freeze_time(dt(MONDAY, 12)):
            ticket.stage_id = self.stage_progress
        self.assertEqual(contact.deadline, dt(MONDAY, 15))
        self.assertEqual(ticket.sla_deadline, dt(MONDAY, 15))

    def test_created_in_a_pausing_stage_starts_paused(self):
        self.stage_waiting.aftersales_pause_sla = True
        with freeze_time(dt(MONDAY, 9)):
            ticket = self.env["helpdesk.ticket"].create(
                {
                    "name": "Waiting from the start",
                    "description": "d",
                    "team_id": self.desk_team.id,
                    "stage_id": self.stage_waiting.id,
                }
            )
        self.assertEqual(ticket.milestone_ids.paused_since, dt(MONDAY, 9))
        self.assertTrue(ticket.sla_paused)

    def test_the_sla_job_writes_it_before_warning(self):
        ticket = self._new()
        with freeze_time(dt(MONDAY, 11, 59)):
            self._cron()
        self.assertFalse(ticket.milestone_ids)
        with freeze_time(dt(MONDAY, 12)):
            self._cron()
        self.assertTrue(ticket.milestone_ids.warned)
        self.assertEqual(ticket.milestone_ids.state, "pending")

    def test_the_sla_job_breaches_it_once(self):
        ticket = self._new()
        with freeze_time(dt(MONDAY, 18)):
            self._cron()
            self._cron()
        contact = ticket.milestone_ids
        self.assertEqual(contact.state, "breached")
        self.assertTrue(ticket.sla_breached)
        self.assertEqual(
            self.env["aftersales.penalty"].search_count(
                [("ticket_id", "=", ticket.id)]
            ),
            1,
        )

    def test_closing_writes_and_supersedes_it(self):
        ticket = self._new()
        with freeze_time(dt(MONDAY, 10)):
            self.env["aftersales.ticket.close.override"].with_user(self.manager).create(
                {"ticket_id": ticket.id, "reason": "Duplicate"}
            ).action_close()
        self.assertEqual(ticket.milestone_ids.state, "cancelled")
        self.assertFalse(ticket.sla_deadline)
