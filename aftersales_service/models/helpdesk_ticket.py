# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

MILESTONE_HOURS_FIELD = {
    "contact": "aftersales_contact_hours",
    "solution": "aftersales_solution_hours",
    "escalation": "aftersales_escalation_hours",
    "decision": "aftersales_decision_hours",
    "relay": "aftersales_relay_hours",
}

CONFIRMATION_CHANNELS = [
    ("portal", "Portal"),
    ("reply", "Reply"),
    ("phone", "Phone"),
    ("visit", "Visit"),
    ("other", "Other"),
]


class HelpdeskTicket(models.Model):
    """Service desk practice (首问负责制): first responder, hand-over, the SLA
    chain of milestones, closing on the customer's confirmation and callbacks."""

    _inherit = "helpdesk.ticket"

    # ------------------------------------------------------------------
    # First responder and hand-over
    # ------------------------------------------------------------------
    first_responder_id = fields.Many2one(
        "res.users",
        string="First Responder",
        index=True,
        copy=False,
        tracking=True,
        help="Employee who received the customer's request (首问负责人). Set "
        "once when the ticket is created, never changed afterwards.",
    )
    handover_accepted_by = fields.Many2one(
        "res.users", string="Hand-over Accepted By", copy=False, tracking=True
    )
    handover_accepted_date = fields.Datetime(
        string="Hand-over Accepted On", copy=False
    )
    # ------------------------------------------------------------------
    # SLA chain
    # ------------------------------------------------------------------
    milestone_ids = fields.One2many(
        "aftersales.ticket.milestone", "ticket_id", string="SLA Milestones"
    )
    sla_deadline = fields.Datetime(
        string="Next SLA Deadline",
        compute="_compute_sla_status",
        store=True,
        index=True,
    )
    sla_next_kind = fields.Selection(
        selection=lambda self: self.env[
            "aftersales.ticket.milestone"
        ]._fields["kind"].selection,
        string="Next Milestone",
        compute="_compute_sla_status",
        store=True,
    )
    sla_breached = fields.Boolean(
        string="SLA Breached",
        compute="_compute_sla_status",
        store=True,
        index=True,
    )
    aftersales_solution = fields.Text(
        string="Proposed Solution", copy=False, tracking=True
    )
    aftersales_decision = fields.Text(
        string="Head's Decision", copy=False, tracking=True
    )
    # ------------------------------------------------------------------
    # Closed loop (闭环)
    # ------------------------------------------------------------------
    customer_confirmed = fields.Boolean(
        string="Customer Confirmed",
        copy=False,
        tracking=True,
        help="The customer confirmed that the need is fully met. Required "
        "before the ticket can be closed.",
    )
    confirmation_channel = fields.Selection(
        CONFIRMATION_CHANNELS, copy=False, tracking=True
    )
    confirmed_by = fields.Many2one(
        "res.users", string="Confirmation Recorded By", copy=False
    )
    confirmed_date = fields.Datetime(string="Confirmed On", copy=False)
    confirmation_note = fields.Text(copy=False)
    close_override_reason = fields.Text(
        string="Closing Override Reason",
        copy=False,
        tracking=True,
        help="Written reason of a manager who closed the ticket without the "
        "customer's confirmation.",
    )
    # ------------------------------------------------------------------
    # Callback (回访)
    # ------------------------------------------------------------------
    callback_ids = fields.One2many(
        "aftersales.callback", "ticket_id", string="Callbacks"
    )
    callback_done = fields.Boolean(
        compute="_compute_callback", store=True, index=True
    )
    callback_outcome = fields.Selection(
        selection=lambda self: self.env["aftersales.callback"]._fields[
            "outcome"
        ].selection,
        string="Last Callback Outcome",
        compute="_compute_callback",
        store=True,
    )
    callback_rating = fields.Selection(
        selection=lambda self: self.env["aftersales.callback"]._fields[
            "rating"
        ].selection,
        string="Last Callback Rating",
        compute="_compute_callback",
        store=True,
    )
    # ------------------------------------------------------------------
    # Buttons
    # ------------------------------------------------------------------
    can_accept_handover = fields.Boolean(compute="_compute_can_buttons")
    can_mark_contacted = fields.Boolean(compute="_compute_can_buttons")
    can_propose_solution = fields.Boolean(compute="_compute_can_buttons")
    can_escalate = fields.Boolean(compute="_compute_can_buttons")
    can_record_decision = fields.Boolean(compute="_compute_can_buttons")
    can_relay_decision = fields.Boolean(compute="_compute_can_buttons")
    can_record_confirmation = fields.Boolean(compute="_compute_can_buttons")
    can_override_close = fields.Boolean(compute="_compute_can_buttons")
    can_record_callback = fields.Boolean(compute="_compute_can_buttons")

    @api.depends(
        "milestone_ids.state", "milestone_ids.deadline", "milestone_ids.is_late"
    )
    def _compute_sla_status(self):
        for ticket in self:
            pending = ticket.milestone_ids.filtered(
                lambda m: m.state in ("pending", "breached") and not m.done_date
            ).sorted("deadline")
            ticket.sla_deadline = pending[:1].deadline
            ticket.sla_next_kind = pending[:1].kind
            ticket.sla_breached = any(m.is_late for m in ticket.milestone_ids)

    @api.depends("callback_ids.outcome", "callback_ids.rating")
    def _compute_callback(self):
        for ticket in self:
            last = ticket.callback_ids.sorted("id")[-1:]
            ticket.callback_done = bool(
                ticket.callback_ids.filtered(lambda c: c.outcome != "unreachable")
            )
            ticket.callback_outcome = last.outcome
            ticket.callback_rating = last.rating

    @api.depends_context("uid")
    @api.depends(
        "stage_id",
        "team_id",
        "handover_accepted_by",
        "milestone_ids.state",
        "customer_confirmed",
    )
    def _compute_can_buttons(self):
        is_manager = self.env.user.has_group(
            "aftersales_service.group_aftersales_manager"
        )
        for ticket in self:
            pending = ticket._aftersales_open_milestone()
            is_agent = ticket._aftersales_is_agent(self.env.user)
            closed = ticket.stage_id.closed
            ticket.can_accept_handover = (
                not closed and not ticket.handover_accepted_by and is_agent
            )
            ticket.can_mark_contacted = (
                pending.kind == "contact"
                and is_agent
                and bool(ticket.handover_accepted_by)
            )
            ticket.can_propose_solution = pending.kind == "solution" and is_agent
            ticket.can_escalate = pending.kind == "solution" and is_agent
            head = ticket.team_id._aftersales_head() if ticket.team_id else False
            ticket.can_record_decision = pending.kind == "decision" and (
                is_manager or self.env.user == head
            )
            ticket.can_relay_decision = pending.kind == "relay" and is_agent
            ticket.can_record_confirmation = (
                not closed
                and not ticket.customer_confirmed
                and is_agent
                and not pending
            )
            ticket.can_override_close = (
                not closed and not ticket.customer_confirmed and is_manager
            )
            ticket.can_record_callback = closed and is_agent

    @api.model
    def _aftersales_guarded_fields(self):
        """Set only by the hand-over, confirmation and override actions."""
        return super()._aftersales_guarded_fields() | {
            "handover_accepted_by",
            "handover_accepted_date",
            "customer_confirmed",
            "confirmation_channel",
            "confirmed_by",
            "confirmed_date",
            "confirmation_note",
            "close_override_reason",
        }

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _aftersales_is_agent(self, user):
        """Agents of the ticket's team (or after-sales managers) act on it."""
        self.ensure_one()
        if user.has_group("aftersales_service.group_aftersales_manager"):
            return True
        if not user.has_group("aftersales_service.group_aftersales_user"):
            return False
        return not self.team_id or user in self.team_id.user_ids

    def _aftersales_open_milestone(self):
        """The milestone the ticket is working on (at most one at a time)."""
        self.ensure_one()
        return self.milestone_ids.filtered(lambda m: not m.done_date).sorted(
            "sequence"
        )[:1]

    def _aftersales_calendar(self):
        self.ensure_one()
        if self.team_id:
            return self.team_id._aftersales_calendar()
        return (
            self.company_id.resource_calendar_id
            or self.env.company.resource_calendar_id
        )

    def _aftersales_plan_deadline(self, start, hours):
        """Deadline ``hours`` working hours after ``start`` on the team's
        calendar (public holidays excluded)."""
        self.ensure_one()
        calendar = self._aftersales_calendar()
        if not calendar:
            raise UserError(
                self.env._(
                    "Ticket %s has no working-hours calendar: set one on its "
                    "team or company.",
                    self.display_name,
                )
            )
        deadline = calendar.plan_hours(hours, start, compute_leaves=True)
        if not deadline:
            raise UserError(
                self.env._(
                    "Calendar %(cal)s has no working time after %(start)s "
                    "for ticket %(ticket)s.",
                    cal=calendar.display_name,
                    start=start,
                    ticket=self.display_name,
                )
            )
        return deadline

    def _aftersales_working_hours_between(self, start, end):
        self.ensure_one()
        calendar = self._aftersales_calendar()
        if not calendar or end <= start:
            return 0.0
        from pytz import utc

        return calendar.get_work_hours_count(
            utc.localize(start), utc.localize(end), compute_leaves=True
        )

    def _aftersales_is_paused(self):
        self.ensure_one()
        return bool(self.stage_id.aftersales_pause_sla or self.stage_id.closed)

    def _prepare_milestone_vals(self, kind, start=None, user=None):
        self.ensure_one()
        start = start or fields.Datetime.now()
        company = self.company_id or self.env.company
        hours = company[MILESTONE_HOURS_FIELD[kind]]
        Milestone = self.env["aftersales.ticket.milestone"]
        return {
            "ticket_id": self.id,
            "kind": kind,
            "sequence": Milestone._kind_sequence(kind),
            "start_date": start,
            "deadline": self._aftersales_plan_deadline(start, hours),
            "user_id": (user or self.user_id or self.first_responder_id).id,
            "paused_since": start if self._aftersales_is_paused() else False,
        }

    def _aftersales_start_milestone(self, kind, user=None):
        vals_list = [
            ticket._prepare_milestone_vals(kind, user=user) for ticket in self
        ]
        return self.env["aftersales.ticket.milestone"].sudo().create(vals_list)

    def _aftersales_send_progress(self, xmlid):
        """Progress message to the customer from an editable mail template."""
        template = self.env.ref(xmlid, raise_if_not_found=False)
        if not template:
            return
        for ticket in self.filtered("partner_id"):
            ticket.message_post_with_source(
                template,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )

    @api.model
    def _aftersales_pick_user(self, team, first_responder=None):
        """Agent to whom a handed-over ticket is assigned.

        ``first_responder`` method: the first responder when they are an
        available agent of the team; otherwise (and with ``balanced``) the
        available agent with the fewest open tickets (lowest id on a tie).
        """
        agents = team.user_ids.filtered(
            lambda u: u.active and not u.aftersales_unavailable
        )
        if not agents:
            return self.env["res.users"]
        company = team.company_id or self.env.company
        if (
            company.aftersales_assignment_method == "first_responder"
            and first_responder
            and first_responder in agents
        ):
            return first_responder
        counts = dict(
            self.sudo()._read_group(
                [("user_id", "in", agents.ids), ("stage_id.closed", "=", False)],
                ["user_id"],
                ["__count"],
            )
        )
        return min(agents, key=lambda u: (counts.get(u, 0), u.id))

    def _aftersales_assign_user(self):
        """Assign unassigned tickets inside their team (hand-over)."""
        for ticket in self.filtered(lambda t: t.team_id and not t.user_id):
            user = self._aftersales_pick_user(
                ticket.team_id, ticket.first_responder_id
            )
            if user:
                ticket.sudo().user_id = user
        return True

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        user = self.env.user
        # the receiving employee; not portal customers, nor the mail gateway
        # or other automated jobs running as the superuser
        if not user.share and not user._is_superuser():
            for vals in vals_list:
                if not vals.get("first_responder_id"):
                    vals["first_responder_id"] = user.id
        tickets = super().create(vals_list)
        for ticket in tickets.filtered("first_responder_id"):
            ticket.message_subscribe(
                partner_ids=ticket.first_responder_id.partner_id.ids
            )
        # trusted code only (benchmarks building data in bulk): never over RPC
        if not (self.env.su and self.env.context.get("aftersales_no_sla")):
            now = fields.Datetime.now()
            self.env["aftersales.ticket.milestone"].sudo().create(
                [
                    t._prepare_milestone_vals("contact", start=now)
                    for t in tickets
                    if t._aftersales_calendar()
                ]
            )
        return tickets

    def write(self, vals):
        if "first_responder_id" in vals:
            fixed = self.filtered("first_responder_id")
            if fixed:
                raise UserError(
                    self.env._(
                        "The first responder of ticket %s is recorded for good "
                        "and cannot be changed.",
                        fixed[0].display_name,
                    )
                )
        new_stage = None
        if vals.get("stage_id"):
            new_stage = self.env["helpdesk.ticket.stage"].browse(vals["stage_id"])
            if new_stage.closed and not (
                vals.get("customer_confirmed") or vals.get("close_override_reason")
            ):
                self._aftersales_check_can_close()
        was_paused = {t.id: t._aftersales_is_paused() for t in self}
        was_closed = {t.id: t.stage_id.closed for t in self}
        res = super().write(vals)
        if new_stage is not None:
            self._aftersales_after_stage_change(was_paused, was_closed)
        if vals.get("user_id"):
            pending = self.milestone_ids.filtered(
                lambda m: not m.done_date and m.kind != "decision"
            )
            if pending:
                pending.sudo().write({"user_id": vals["user_id"]})
        return res

    def _aftersales_check_can_close(self):
        for ticket in self:
            if ticket.stage_id.closed:
                continue
            if not (ticket.customer_confirmed or ticket.close_override_reason):
                raise UserError(
                    self.env._(
                        "Ticket %s cannot be closed: the customer's confirmation "
                        "that the need is met is not recorded yet (闭环).",
                        ticket.display_name,
                    )
                )

    def _aftersales_after_stage_change(self, was_paused, was_closed):
        now = fields.Datetime.now()
        pause, resume = self.browse(), self.browse()
        for ticket in self:
            paused = ticket._aftersales_is_paused()
            if paused and not was_paused[ticket.id]:
                pause |= ticket
            elif not paused and was_paused[ticket.id]:
                resume |= ticket
        if pause:
            pause.milestone_ids.filtered(
                lambda m: not m.done_date and not m.paused_since
            ).sudo().write({"paused_since": now})
        for milestone in resume.milestone_ids.filtered(
            lambda m: not m.done_date and m.paused_since
        ):
            milestone.sudo()._aftersales_resume(now)
        newly_closed = self.filtered(
            lambda t: t.stage_id.closed and not was_closed[t.id]
        )
        newly_closed._aftersales_plan_callback()

    # ------------------------------------------------------------------
    # Actions: hand-over and SLA chain
    # ------------------------------------------------------------------
    def _aftersales_check_agent(self):
        for ticket in self:
            if not ticket._aftersales_is_agent(self.env.user):
                raise UserError(
                    self.env._(
                        "Only an agent of team %(team)s can act on ticket "
                        "%(ticket)s.",
                        team=ticket.team_id.display_name,
                        ticket=ticket.display_name,
                    )
                )

    def _aftersales_check_milestone(self, kind):
        for ticket in self:
            if ticket._aftersales_open_milestone().kind != kind:
                raise UserError(
                    self.env._(
                        "Ticket %(ticket)s is not waiting for milestone "
                        "'%(kind)s'.",
                        ticket=ticket.display_name,
                        kind=dict(
                            self.env["aftersales.ticket.milestone"]
                            ._fields["kind"]
                            ._description_selection(self.env)
                        )[kind],
                    )
                )

    def action_accept_handover(self):
        """An agent of the team explicitly accepts the hand-over from the
        first responder, who stays a follower."""
        self._aftersales_check_agent()
        for ticket in self:
            if ticket.handover_accepted_by:
                raise UserError(
                    self.env._(
                        "The hand-over of ticket %(ticket)s was already accepted "
                        "by %(user)s.",
                        ticket=ticket.display_name,
                        user=ticket.handover_accepted_by.name,
                    )
                )
            vals = {
                "handover_accepted_by": self.env.uid,
                "handover_accepted_date": fields.Datetime.now(),
            }
            if not ticket.user_id:
                vals["user_id"] = self.env.uid
            ticket._aftersales_action_write(vals)
        return True

    def _aftersales_done_milestone(self, kind):
        milestones = self.env["aftersales.ticket.milestone"]
        for ticket in self:
            milestones |= ticket._aftersales_open_milestone()
        milestones.filtered(lambda m: m.kind == kind).sudo()._action_done()

    def action_mark_contacted(self):
        """The customer was contacted. Contacting implies accepting the
        hand-over when no agent accepted it yet."""
        self._aftersales_check_agent()
        self._aftersales_check_milestone("contact")
        self.filtered(lambda t: not t.handover_accepted_by).action_accept_handover()
        self._aftersales_done_milestone("contact")
        self._aftersales_start_milestone("solution")
        return True

    def action_propose_solution(self):
        self._aftersales_check_agent()
        self._aftersales_check_milestone("solution")
        for ticket in self:
            if not ticket.aftersales_solution:
                raise UserError(
                    self.env._(
                        "Write the proposed solution of ticket %s first.",
                        ticket.display_name,
                    )
                )
        self._aftersales_done_milestone("solution")
        self._aftersales_send_progress(
            "aftersales_service.mail_template_ticket_solution"
        )
        return True

    def action_escalate(self):
        """Beyond the agent's authority: the pending 'solution' milestone
        becomes the escalation to the department head."""
        self._aftersales_check_agent()
        self._aftersales_check_milestone("solution")
        for ticket in self:
            milestone = ticket._aftersales_open_milestone()
            company = ticket.company_id or self.env.company
            milestone.sudo().write(
                {
                    "kind": "escalation",
                    "sequence": milestone._kind_sequence("escalation"),
                    "deadline": ticket._aftersales_plan_deadline(
                        milestone.start_date, company.aftersales_escalation_hours
                    ),
                }
            )
            milestone.sudo()._action_done()
            head = ticket.team_id._aftersales_head() if ticket.team_id else False
            ticket._aftersales_start_milestone("decision", user=head or None)
            if head:
                ticket.message_subscribe(partner_ids=head.partner_id.ids)
        self._aftersales_send_progress(
            "aftersales_service.mail_template_ticket_escalated"
        )
        return True

    def action_record_decision(self):
        for ticket in self:
            if not ticket.can_record_decision:
                raise UserError(
                    self.env._(
                        "Only the head of team %(team)s or an after-sales "
                        "manager decides on ticket %(ticket)s.",
                        team=ticket.team_id.display_name,
                        ticket=ticket.display_name,
                    )
                )
            if not ticket.aftersales_decision:
                raise UserError(
                    self.env._(
                        "Write the head's decision on ticket %s first.",
                        ticket.display_name,
                    )
                )
        self._aftersales_done_milestone("decision")
        self._aftersales_start_milestone("relay")
        return True

    def action_relay_decision(self):
        self._aftersales_check_agent()
        self._aftersales_check_milestone("relay")
        self._aftersales_done_milestone("relay")
        self._aftersales_send_progress(
            "aftersales_service.mail_template_ticket_decision"
        )
        return True

    def _aftersales_on_sla_breach(self, milestones):
        """Hook called by the SLA cron with the milestones just breached
        (``milestones.ticket_id`` is a subset of ``self``). Other features
        (e.g. penalties) extend it; must stay batch-friendly."""
        return True

    # ------------------------------------------------------------------
    # Closed loop
    # ------------------------------------------------------------------
    def _aftersales_record_confirmation(self, channel, note=False, user=None):
        """Record the customer's confirmation that the need is met."""
        for ticket in self:
            if ticket.stage_id.closed:
                raise UserError(
                    self.env._("Ticket %s is already closed.", ticket.display_name)
                )
        self._aftersales_action_write(
            {
                "customer_confirmed": True,
                "confirmation_channel": channel,
                "confirmed_by": (user or self.env.user).id,
                "confirmed_date": fields.Datetime.now(),
                "confirmation_note": note,
            }
        )
        return True

    def _aftersales_closing_stage(self):
        self.ensure_one()
        stages = self.team_id._get_applicable_stages() if self.team_id else False
        if not stages:
            stages = self.env["helpdesk.ticket.stage"].search([])
        return stages.filtered("closed")[:1]

    def action_close_confirmed(self):
        """Close the ticket in the first closed stage (confirmation needed)."""
        for ticket in self:
            stage = ticket._aftersales_closing_stage()
            if not stage:
                raise UserError(
                    self.env._("No closed stage for ticket %s.", ticket.display_name)
                )
            ticket.stage_id = stage
        return True

    def action_open_confirmation_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Customer Confirmation"),
            "res_model": "aftersales.ticket.confirm",
            "view_mode": "form",
            "target": "new",
            "context": {"default_ticket_id": self.id},
        }

    def action_open_override_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Close Without Confirmation"),
            "res_model": "aftersales.ticket.close.override",
            "view_mode": "form",
            "target": "new",
            "context": {"default_ticket_id": self.id},
        }

    # ------------------------------------------------------------------
    # Callback (回访)
    # ------------------------------------------------------------------
    def _aftersales_plan_callback(self):
        activity_type = self.env.ref(
            "aftersales_service.mail_activity_type_callback",
            raise_if_not_found=False,
        )
        if not activity_type:
            return
        for ticket in self:
            company = ticket.company_id or self.env.company
            ticket.activity_schedule(
                activity_type_id=activity_type.id,
                date_deadline=fields.Date.context_today(ticket)
                + timedelta(days=company.aftersales_callback_delay_days),
                user_id=(ticket.user_id or self.env.user).id,
                summary=self.env._("Callback (回访) for %s", ticket.display_name),
            )

    def _aftersales_reopen(self):
        """Back to the first non-closed stage; the customer must confirm
        again."""
        for ticket in self:
            stages = (
                ticket.team_id._get_applicable_stages()
                if ticket.team_id
                else self.env["helpdesk.ticket.stage"].search([])
            )
            stage = stages.filtered(lambda s: not s.closed)[:1]
            ticket._aftersales_action_write(
                {
                    "stage_id": stage.id,
                    "customer_confirmed": False,
                    "confirmation_channel": False,
                    "close_override_reason": False,
                }
            )

    def action_open_callback(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Record Callback"),
            "res_model": "aftersales.callback",
            "view_mode": "form",
            "views": [
                (self.env.ref("aftersales_service.aftersales_callback_view_form").id,
                 "form")
            ],
            "target": "new",
            "context": {"default_ticket_id": self.id},
        }
