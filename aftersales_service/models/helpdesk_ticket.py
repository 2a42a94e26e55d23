# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression

from ..tools import GIVEN_ON_CREATE, format_reader_datetime, reader_tz
from .aftersales_callback import OUTCOMES as CALLBACK_OUTCOMES
from .aftersales_ticket_milestone import KINDS as MILESTONE_KINDS

# kind -> (Settings field with the hours, instant the deadline counts from):
# "received" = receipt of the request (ticket creation, or the reopening that
# restarted the chain), "start" = when the milestone became due (the previous
# step was met). Seed 004: 4 h to contact and 24 h to a solution or an
# escalation count from receipt (「接收到投诉24小时内反馈到部门负责人」); the
# head's 24 h count from the escalation, the relay's 24 h from the decision.
MILESTONE_RULES = {
    "contact": ("aftersales_contact_hours", "received"),
    "solution": ("aftersales_solution_hours", "received"),
    "escalation": ("aftersales_escalation_hours", "received"),
    "decision": ("aftersales_decision_hours", "start"),
    "relay": ("aftersales_relay_hours", "start"),
}
# kept for the code that read it before
MILESTONE_HOURS_FIELD = {kind: rule[0] for kind, rule in MILESTONE_RULES.items()}

CONFIRMATION_CHANNELS = [
    ("portal", "Portal"),
    ("reply", "Reply"),
    ("phone", "Phone"),
    ("visit", "Visit"),
    ("other", "Other"),
]

SLA_STATUSES = [
    ("on_time", "On time"),
    ("due_soon", "Due soon"),
    ("breached", "Breached"),
    ("paused", "Paused"),
]


def _default_first_responder(model):
    """The employee creating the ticket (not portal customers, nor the mail
    gateway or other jobs running as the superuser)."""
    user = model.env.user
    if user.share or user._is_superuser():
        return model.env["res.users"]
    return user


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
        default=_default_first_responder,
        help="Employee who received the customer's request: the "
        "employee who creates the ticket, recorded for good.",
    )
    handover_accepted_by = fields.Many2one(
        "res.users", string="Hand-over Accepted By", copy=False, tracking=True
    )
    handover_accepted_date = fields.Datetime(string="Hand-over Accepted On", copy=False)
    partner_phone = fields.Char(
        string="Phone", help="The customer's phone number given with the request."
    )
    implementer_id = fields.Many2one(
        "res.users",
        string="Implementer",
        tracking=True,
        help="Who carries out the decision: receives an activity "
        "with the head's decision when it is relayed.",
    )
    # ------------------------------------------------------------------
    # SLA chain
    # ------------------------------------------------------------------
    milestone_ids = fields.One2many(
        "aftersales.ticket.milestone", "ticket_id", string="SLA Milestones"
    )
    sla_received_date = fields.Datetime(
        string="Received On",
        default=fields.Datetime.now,
        copy=False,
        help="Receipt of the request, or the reopening that restarted the SLA "
        "chain: contact, solution and escalation deadlines count from here.",
    )
    sla_paused_hours = fields.Float(
        string="Hours Paused",
        copy=False,
        help="Hours of the current chain spent in pausing stages (team's "
        "clock): deadlines counting from receipt are pushed by them.",
    )
    # the figures of the chain, from its milestones; given to create with the
    # contact milestone's (see ``_aftersales_precompute_sla``)
    sla_deadline = fields.Datetime(
        string="Next SLA Deadline",
        compute="_compute_sla_status",
        index=True,
        **GIVEN_ON_CREATE,
    )
    sla_next_kind = fields.Selection(
        selection=MILESTONE_KINDS,
        string="Next Milestone",
        compute="_compute_sla_status",
        **GIVEN_ON_CREATE,
    )
    sla_breached = fields.Boolean(
        string="SLA Breached",
        compute="_compute_sla_status",
        index=True,
        **GIVEN_ON_CREATE,
    )
    sla_paused = fields.Boolean(
        string="SLA Paused", compute="_compute_sla_status", **GIVEN_ON_CREATE
    )
    sla_status = fields.Selection(
        SLA_STATUSES,
        string="SLA Status",
        compute="_compute_sla_live_status",
        search="_search_sla_status",
        help="The next milestone: on time, due within the warning lead time of "
        "Settings, breached, or paused.",
    )
    sla_deadline_customer = fields.Char(
        string="Next Deadline (customer's time)",
        compute="_compute_sla_deadline_customer",
        help="The next SLA deadline in the customer's timezone (else the "
        "company's), as mails and the portal show it.",
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
    # given to create (_aftersales_precompute_create_vals)
    callback_done = fields.Boolean(
        compute="_compute_callback", index=True, **GIVEN_ON_CREATE
    )
    callback_outcome = fields.Selection(
        selection=CALLBACK_OUTCOMES,
        string="Last Callback Outcome",
        compute="_compute_callback",
        **GIVEN_ON_CREATE,
    )
    callback_rating = fields.Selection(
        selection=lambda self: (
            self.env["aftersales.callback"]._fields["rating"].selection
        ),
        string="Last Callback Rating",
        compute="_compute_callback",
        **GIVEN_ON_CREATE,
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
    can_close = fields.Boolean(compute="_compute_can_buttons")
    can_override_close = fields.Boolean(compute="_compute_can_buttons")
    can_record_callback = fields.Boolean(compute="_compute_can_buttons")

    @api.depends(
        "milestone_ids.state",
        "milestone_ids.deadline",
        "milestone_ids.is_late",
        "milestone_ids.paused_since",
    )
    def _compute_sla_status(self):
        for ticket in self:
            if not ticket.milestone_ids:
                # a new ticket carries its contact milestone (see create):
                # the figures given at creation stand
                continue
            pending = ticket.milestone_ids.filtered(
                lambda m: m.state in ("pending", "breached") and not m.done_date
            ).sorted(lambda m: (m.deadline, m.id))
            ticket.sla_deadline = pending[:1].deadline
            ticket.sla_next_kind = pending[:1].kind
            ticket.sla_paused = bool(pending[:1].paused_since)
            ticket.sla_breached = any(m.is_late for m in ticket.milestone_ids)

    @api.depends("sla_deadline", "sla_paused", "stage_id")
    def _compute_sla_live_status(self):
        now = fields.Datetime.now()
        for ticket in self:
            if not ticket.sla_deadline or ticket.stage_id.closed:
                ticket.sla_status = False
            elif ticket.sla_paused:
                ticket.sla_status = "paused"
            elif ticket.sla_deadline < now:
                ticket.sla_status = "breached"
            elif ticket.sla_deadline <= now + timedelta(
                hours=(
                    ticket.company_id or self.env.company
                ).aftersales_sla_warning_hours
            ):
                ticket.sla_status = "due_soon"
            else:
                ticket.sla_status = "on_time"

    @api.depends("sla_deadline", "partner_id.tz")
    def _compute_sla_deadline_customer(self):
        for ticket in self:
            ticket.sla_deadline_customer = (
                ticket._aftersales_reader_datetime(ticket.sla_deadline)
                if ticket.sla_deadline
                else False
            )

    @api.model
    def _sla_status_domains(self):
        """status -> domain on open tickets, as of now."""
        now = fields.Datetime.now()
        running = [
            ("stage_id.closed", "=", False),
            ("sla_deadline", "!=", False),
            ("sla_paused", "=", False),
        ]
        # the warning lead of the companies (one value in most databases)
        leads = {
            c.id: c.aftersales_sla_warning_hours
            for c in self.env["res.company"].sudo().search([])
        }
        soon = ["|"] * (len(leads) - 1) if leads else []
        for company_id, hours in leads.items():
            soon += [
                "&",
                ("company_id", "=", company_id),
                ("sla_deadline", "<=", now + timedelta(hours=hours)),
            ]
        return {
            "paused": [
                ("stage_id.closed", "=", False),
                ("sla_deadline", "!=", False),
                ("sla_paused", "=", True),
            ],
            "breached": running + [("sla_deadline", "<", now)],
            "due_soon": running
            + [("sla_deadline", ">=", now)]
            + (soon or [(0, "=", 1)]),
        }

    def _search_sla_status(self, operator, value):
        domains = self._sla_status_domains()
        if operator not in ("=", "in") or not value:
            raise UserError(self.env._("Unsupported search on the SLA status."))
        values = [value] if isinstance(value, str) else list(value)
        parts = []
        for val in values:
            if val == "on_time":
                parts.append(
                    expression.AND(
                        [
                            [
                                ("stage_id.closed", "=", False),
                                ("sla_deadline", "!=", False),
                            ],
                            ["!"]
                            + expression.normalize_domain(
                                expression.OR(
                                    [
                                        domains["paused"],
                                        domains["breached"],
                                        domains["due_soon"],
                                    ]
                                )
                            ),
                        ]
                    )
                )
            elif val in domains:
                parts.append(domains[val])
        return expression.OR(parts) if parts else [(0, "=", 1)]

    @api.depends("callback_ids.state", "callback_ids.outcome", "callback_ids.rating")
    def _compute_callback(self):
        for ticket in self:
            done = ticket.callback_ids.filtered(lambda c: c.state == "done")
            last = done.sorted(lambda c: (c.date or fields.Datetime.now(), c.id))[-1:]
            ticket.callback_done = bool(
                done.filtered(lambda c: c.outcome != "unreachable")
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
        "callback_ids.state",
    )
    def _compute_can_buttons(self):
        is_manager = self.env.user._aftersales_is_manager()
        for ticket in self:
            kind = ticket._aftersales_open_kind()
            is_agent = ticket._aftersales_is_agent(self.env.user)
            closed = ticket.stage_id.closed
            ticket.can_accept_handover = (
                not closed and not ticket.handover_accepted_by and is_agent
            )
            ticket.can_mark_contacted = kind == "contact" and is_agent
            ticket.can_propose_solution = kind == "solution" and is_agent
            ticket.can_escalate = kind == "solution" and is_agent
            head = ticket.team_id._aftersales_head() if ticket.team_id else False
            ticket.can_record_decision = kind == "decision" and (
                is_manager or self.env.user == head
            )
            ticket.can_relay_decision = kind == "relay" and is_agent
            ticket.can_record_confirmation = (
                not closed and not ticket.customer_confirmed and is_agent and not kind
            )
            ticket.can_close = (
                not closed
                and ticket.customer_confirmed
                and is_agent
                and not ticket._aftersales_closing_blockers()
            )
            ticket.can_override_close = not closed and is_manager
            ticket.can_record_callback = (
                closed
                and is_agent
                and bool(ticket.callback_ids.filtered(lambda c: c.state == "planned"))
            )

    @api.model
    def _aftersales_guarded_fields(self):
        """Set only by the actions: hand-over, confirmation and override,
        the SLA chain (receipt and pauses; the figures computed from the
        milestones are guarded as given to create) and the first responder
        (the creating employee, see ``create``)."""
        return super()._aftersales_guarded_fields() | {
            "first_responder_id",
            "handover_accepted_by",
            "handover_accepted_date",
            "customer_confirmed",
            "confirmation_channel",
            "confirmed_by",
            "confirmed_date",
            "confirmation_note",
            "close_override_reason",
            "sla_received_date",
            "sla_paused_hours",
        }

    def _aftersales_forbidden_phrase_checked(self):
        """Replies to customers are checked for forbidden phrases (服务禁语)."""
        return True

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _aftersales_is_agent(self, user):
        """Agents of the ticket's team (or after-sales managers) act on it."""
        self.ensure_one()
        if user._aftersales_is_manager():
            return True
        if not user._aftersales_is_user():
            return False
        return not self.team_id or user in self.team_id.user_ids

    def _aftersales_open_milestone(self):
        """The milestone the ticket is working on (at most one at a time).
        A new ticket's contact milestone is not written yet (see
        ``_aftersales_write_contact_milestone``)."""
        self.ensure_one()
        return self.milestone_ids.filtered(
            lambda m: not m.done_date and m.state in ("pending", "breached")
        ).sorted("sequence")[:1]

    def _aftersales_open_kind(self):
        """Kind of the milestone the ticket is working on, written or not."""
        self.ensure_one()
        milestone = self._aftersales_open_milestone()
        if milestone:
            return milestone.kind
        return "contact" if self._aftersales_contact_unwritten() else False

    def _aftersales_contact_unwritten(self):
        """A new ticket carries its contact milestone (next kind, deadline)
        until it is first handled: the milestone is written then (a stage
        change or an action of the chain), or by the SLA job as its deadline
        nears, so that creating a ticket inserts one row, not two."""
        self.ensure_one()
        return bool(
            self.sla_next_kind == "contact"
            and self.sla_deadline
            and not self.milestone_ids
            and not self.stage_id.closed
        )

    def _aftersales_write_contact_milestone(self):
        """Write the contact milestone the new tickets carry (one create):
        due when the ticket says, counted from its receipt."""
        tickets = self.filtered(lambda t: t._aftersales_contact_unwritten())
        if not tickets:
            return self.env["aftersales.ticket.milestone"]
        vals_list = []
        for ticket in tickets:
            received = ticket.sla_received_date
            vals = ticket._prepare_milestone_vals(
                "contact", start=received, received=received
            )
            vals["deadline"] = ticket.sla_deadline
            vals_list.append(vals)
        return (
            self.env["aftersales.ticket.milestone"]
            .sudo()
            ._aftersales_action_create(vals_list)
        )

    @api.model
    def _aftersales_contact_due_domain(self, now):
        """Tickets whose unwritten contact milestone is due within the
        largest warning lead of the companies (or is late): the SLA job
        writes them before it warns and escalates."""
        leads = (
            self.env["res.company"]
            .sudo()
            .search([])
            .mapped("aftersales_sla_warning_hours")
        )
        return [
            ("sla_next_kind", "=", "contact"),
            ("sla_deadline", "!=", False),
            ("sla_deadline", "<=", now + timedelta(hours=max(leads or [0.0]))),
            ("sla_paused", "=", False),
            ("milestone_ids", "=", False),
            ("stage_id.closed", "=", False),
        ]

    def _aftersales_calendar(self):
        self.ensure_one()
        if self.team_id:
            return self.team_id._aftersales_calendar()
        return (
            self.company_id.resource_calendar_id
            or self.env.company.resource_calendar_id
        )

    @api.model
    def _aftersales_milestone_rules(self):
        """kind -> (hours field on the company, 'received' or 'start'): where
        each deadline counts from. Extend to add kinds."""
        return dict(MILESTONE_RULES)

    def _aftersales_plan_deadline(self, start, hours):
        """``start`` plus ``hours`` on the team's clock: plain hours round the
        clock (default), or working hours of the team's calendar."""
        self.ensure_one()
        return self.team_id._aftersales_add_hours(start, hours)

    def _aftersales_is_paused(self):
        self.ensure_one()
        return bool(self.stage_id.aftersales_pause_sla)

    def _prepare_milestone_vals(self, kind, start=None, user=None, received=None):
        """Values of milestone ``kind`` becoming due at ``start`` (now)."""
        self.ensure_one()
        start = start or fields.Datetime.now()
        company = self.company_id or self.env.company
        hours_field, basis = self._aftersales_milestone_rules()[kind]
        hours = company._aftersales_sla_hours()[hours_field]
        if basis == "received":
            count_from = received or self.sla_received_date or start
            hours += self.sla_paused_hours
        else:
            count_from = start
        Milestone = self.env["aftersales.ticket.milestone"]
        return {
            "ticket_id": self.id,
            "kind": kind,
            "sequence": Milestone._kind_sequence(kind),
            "start_date": start,
            "count_from": count_from,
            "deadline": self._aftersales_plan_deadline(count_from, hours),
            "user_id": (user or self.user_id or self.first_responder_id).id,
            "paused_since": start if self._aftersales_is_paused() else False,
            # what the milestone would compute on a draft record (see its
            # fields): known here, so the insert carries it
            **Milestone._aftersales_ticket_facts_vals(self),
            **Milestone._aftersales_rates_vals(late=False),
        }

    def _aftersales_start_milestone(self, kind, user=None):
        vals_list = [ticket._prepare_milestone_vals(kind, user=user) for ticket in self]
        return (
            self.env["aftersales.ticket.milestone"]
            .sudo()
            ._aftersales_action_create(vals_list)
        )

    def _aftersales_send_progress(self, xmlid):
        """Progress message to the customer from an editable mail template,
        sent as the company."""
        template = self.env.ref(xmlid, raise_if_not_found=False)
        if not template:
            return
        self.filtered("partner_id")._aftersales_message_post_with_source_auto(
            template,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )

    def _aftersales_reader_datetime(self, value, partner=None):
        """``value`` as ``partner`` (default: the customer) reads it."""
        self.ensure_one()
        partner = partner if partner is not None else self.partner_id
        return format_reader_datetime(
            self.env,
            value,
            tz=reader_tz(self.env, partner, self.company_id),
            partner=partner,
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

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model
    def _aftersales_precompute_sla(self, vals, now):
        """The contact milestone's values, known before the ticket exists: the
        ticket is inserted with its next deadline (no update afterwards)."""
        team = self.env["helpdesk.ticket.team"].browse(vals.get("team_id"))
        company = self.env["res.company"].browse(
            team.company_id.id or vals.get("company_id") or self.env.company.id
        )
        hours = company._aftersales_sla_hours()["aftersales_contact_hours"]
        deadline = team._aftersales_add_hours(now, hours)
        vals.update(
            {
                "sla_deadline": deadline,
                "sla_next_kind": "contact",
                "sla_breached": False,
                "sla_paused": False,
            }
        )
        return deadline

    @api.model
    def _aftersales_precompute_create_vals(self, vals):
        """Stored computed fields whose value on a new ticket follows from
        ``vals`` alone, set before the insert: the ORM then computes none of
        them on a draft record, which is most of what the suite's fields
        would cost a ticket's creation. Extend for the fields you add (the
        chain starts in helpdesk_ticket_warranty.py, loaded first)."""
        vals = super()._aftersales_precompute_create_vals(vals)
        if "callback_ids" not in vals:
            vals.update(
                {
                    "callback_done": False,
                    "callback_outcome": False,
                    "callback_rating": False,
                }
            )
        return vals

    @api.model_create_multi
    def create(self, vals_list):
        first_responder = _default_first_responder(self)
        # trusted code only (benchmarks building data in bulk): never over RPC
        with_sla = not (self.env.su and self.env.context.get("aftersales_no_sla"))
        now = fields.Datetime.now()
        for vals in vals_list:
            if first_responder:
                # the creating employee, whatever the client sent (the guard
                # already refused someone else)
                vals["first_responder_id"] = first_responder.id
            vals["sla_received_date"] = now
            self._aftersales_precompute_create_vals(vals)
            if with_sla:
                self._aftersales_precompute_sla(vals, now)
        tickets = super().create(vals_list)
        # the creator is a follower already (mail.thread); others are added
        nosubscribe = self.env.context.get("mail_create_nosubscribe")
        for ticket in tickets:
            responder = ticket.first_responder_id
            if responder and (responder != self.env.user or nosubscribe):
                ticket.message_subscribe(partner_ids=responder.partner_id.ids)
        if with_sla:
            # the tickets were inserted with their contact milestone's
            # figures; the milestone itself is written when the ticket is
            # first handled (see _aftersales_contact_unwritten), right away
            # for a ticket created in a pausing stage (it starts paused)
            tickets.filtered(
                lambda t: t._aftersales_is_paused()
            )._aftersales_write_contact_milestone()
        return tickets

    def write(self, vals):
        if "first_responder_id" in vals:
            fixed = self.filtered(
                lambda t: (
                    t.first_responder_id
                    and t.first_responder_id.id != vals["first_responder_id"]
                )
            )
            if fixed:
                raise UserError(
                    self.env._(
                        "The first responder of ticket %s is recorded for good "
                        "and cannot be changed.",
                        fixed[0].display_name,
                    )
                )
        if "stage_id" in vals:
            # pauses, closing and reopening work on the written milestones
            self._aftersales_write_contact_milestone()
        new_stage = None
        if vals.get("stage_id"):
            new_stage = self.env["helpdesk.ticket.stage"].browse(vals["stage_id"])
            if new_stage.closed:
                self._aftersales_check_can_close(vals)
        was_paused = {t.id: t._aftersales_is_paused() for t in self}
        was_closed = {t.id: t.stage_id.closed for t in self}
        res = super().write(vals)
        if new_stage is not None:
            self._aftersales_after_stage_change(was_paused, was_closed)
        if vals.get("user_id"):
            pending = self.milestone_ids.filtered(
                lambda m: (
                    not m.done_date
                    and m.state in ("pending", "breached")
                    and m.kind != "decision"
                )
            )
            if pending:
                pending.sudo()._aftersales_action_write({"user_id": vals["user_id"]})
        return res

    def _aftersales_closing_blockers(self, vals=None):
        """Why this ticket cannot be closed now (empty: it can). A manager's
        written override lifts every blocker. Extend to add rules."""
        self.ensure_one()
        vals = vals or {}
        if vals.get("close_override_reason", self.close_override_reason):
            return []
        blockers = []
        if not vals.get("customer_confirmed", self.customer_confirmed):
            blockers.append(
                self.env._(
                    "the customer's confirmation that the need is met is not "
                    "recorded yet"
                )
            )
        return blockers

    def _aftersales_check_can_close(self, vals=None):
        for ticket in self:
            if ticket.stage_id.closed:
                continue
            blockers = ticket._aftersales_closing_blockers(vals)
            if blockers:
                raise UserError(
                    self.env._(
                        "Ticket %(ticket)s cannot be closed: %(why)s.",
                        ticket=ticket.display_name,
                        why="; ".join(blockers),
                    )
                )

    def _aftersales_after_stage_change(self, was_paused, was_closed):
        now = fields.Datetime.now()
        pause, resume = self.browse(), self.browse()
        for ticket in self:
            if ticket.stage_id.closed:
                continue
            paused = ticket._aftersales_is_paused()
            if paused and not was_paused[ticket.id]:
                pause |= ticket
            elif not paused and was_paused[ticket.id]:
                resume |= ticket
        if pause:
            pause.milestone_ids.filtered(
                lambda m: m.state == "pending" and not m.paused_since
            ).sudo()._aftersales_action_write({"paused_since": now})
        for ticket in resume:
            hours = 0.0
            for milestone in ticket.milestone_ids.filtered(
                lambda m: m.state == "pending" and m.paused_since
            ):
                hours = max(hours, milestone.sudo()._aftersales_resume(now))
            if hours:
                ticket._aftersales_action_write(
                    {"sla_paused_hours": ticket.sla_paused_hours + hours}
                )
        newly_closed = self.filtered(
            lambda t: t.stage_id.closed and not was_closed[t.id]
        )
        if newly_closed:
            newly_closed._aftersales_stop_chain(now)
            newly_closed._aftersales_plan_callback()
        reopened = self.filtered(lambda t: not t.stage_id.closed and was_closed[t.id])
        if reopened:
            reopened._aftersales_restart_chain()

    def _aftersales_stop_chain(self, now):
        """Closing stops the chain: a milestone already late is breached
        (escalated and proposed for a penalty like the cron does), the others
        are superseded."""
        open_ones = self.milestone_ids.filtered(lambda m: m.state == "pending").sudo()
        late = open_ones.filtered(lambda m: not m.paused_since and m.deadline < now)
        if late:
            late._sla_breach()
        (open_ones - late)._aftersales_action_write({"state": "cancelled"})

    def _aftersales_restart_chain(self):
        """Reopened: the chain restarts at 'contact' with a fresh deadline
        counted from now, the customer must confirm again, and the
        responsible agent is told."""
        now = fields.Datetime.now()
        self.milestone_ids.filtered(
            lambda m: m.state == "pending"
        ).sudo()._aftersales_action_write({"state": "cancelled"})
        self._aftersales_action_write(
            {
                "sla_received_date": now,
                "sla_paused_hours": 0.0,
                "customer_confirmed": False,
                "confirmation_channel": False,
                "confirmed_by": False,
                "confirmed_date": False,
                "confirmation_note": False,
                "close_override_reason": False,
            }
        )
        milestones = self._aftersales_start_milestone("contact")
        for milestone in milestones:
            ticket = milestone.ticket_id
            user = milestone.user_id or ticket.user_id
            if not user:
                continue
            ticket._aftersales_activity_schedule_auto(
                "aftersales_service.mail_activity_type_sla",
                user_id=user.id,
                date_deadline=milestone.deadline.date(),
                summary=self.env._(
                    "Ticket reopened: contact the customer by %s",
                    ticket._aftersales_reader_datetime(
                        milestone.deadline, partner=user.partner_id
                    ),
                ),
            )
        return milestones

    # ------------------------------------------------------------------
    # Actions: hand-over and SLA chain
    # ------------------------------------------------------------------
    def _aftersales_check_agent(self):
        for ticket in self:
            if not ticket._aftersales_is_agent(self.env.user):
                raise UserError(
                    self.env._(
                        "Only an agent of team %(team)s can act on ticket %(ticket)s.",
                        team=ticket.team_id.display_name,
                        ticket=ticket.display_name,
                    )
                )

    def _aftersales_check_milestone(self, kind):
        self._aftersales_write_contact_milestone()
        for ticket in self:
            if ticket._aftersales_open_milestone().kind != kind:
                raise UserError(
                    self.env._(
                        "Ticket %(ticket)s is not waiting for milestone '%(kind)s'.",
                        ticket=ticket.display_name,
                        kind=dict(
                            self.env["aftersales.ticket.milestone"]
                            ._fields["kind"]
                            ._description_selection(self.env)
                        )[kind],
                    )
                )

    def action_accept_handover(self):
        """An agent of the team accepts the hand-over from the first
        responder, who stays a follower: the ticket and its open milestones
        (but the head's decision) are now the accepting agent's."""
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
            if ticket.stage_id.closed:
                raise UserError(
                    self.env._("Ticket %s is already closed.", ticket.display_name)
                )
        self._aftersales_action_write(
            {
                "handover_accepted_by": self.env.uid,
                "handover_accepted_date": fields.Datetime.now(),
                # write() hands the open milestones over as well
                "user_id": self.env.uid,
            }
        )
        return True

    def _aftersales_done_milestone(self, kind):
        milestones = self.env["aftersales.ticket.milestone"]
        for ticket in self:
            milestones |= ticket._aftersales_open_milestone()
        milestones = milestones.filtered(lambda m: m.kind == kind)
        milestones.sudo()._action_done()
        self._aftersales_move_to_milestone_stage(kind)
        return milestones

    def _aftersales_move_to_milestone_stage(self, kind):
        """Move each open ticket to the team's stage entered when milestone
        ``kind`` is met (configured on the stages)."""
        Kind = self.env["aftersales.milestone.kind"]
        for ticket in self.filtered(lambda t: not t.stage_id.closed):
            stages = (
                ticket.team_id._get_applicable_stages()
                if ticket.team_id
                else self.env["helpdesk.ticket.stage"].search([])
            )
            stage = Kind._stage_for(stages.filtered(lambda s: not s.closed), kind)
            if stage and stage != ticket.stage_id:
                ticket.stage_id = stage

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
            if not (ticket.aftersales_solution or "").strip():
                raise UserError(
                    self.env._(
                        "Write the proposed solution of ticket %s first.",
                        ticket.display_name,
                    )
                )
        self._aftersales_send_progress(
            "aftersales_service.mail_template_ticket_solution"
        )
        self._aftersales_done_milestone("solution")
        return True

    def action_escalate(self):
        """Beyond the agent's authority: the pending 'solution' milestone
        becomes the escalation to the department head, due 24 h after the
        request was received (not after the contact)."""
        self._aftersales_check_agent()
        self._aftersales_check_milestone("solution")
        for ticket in self:
            milestone = ticket._aftersales_open_milestone()
            vals = ticket._prepare_milestone_vals(
                "escalation", start=milestone.start_date, user=milestone.user_id
            )
            milestone.sudo()._aftersales_action_write(
                {
                    key: vals[key]
                    for key in ("kind", "sequence", "count_from", "deadline")
                }
            )
            head = ticket.team_id._aftersales_head() if ticket.team_id else False
            ticket._aftersales_done_milestone("escalation")
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
            if not (ticket.aftersales_decision or "").strip():
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
        """The decision goes to the customer (progress mail) and to the
        implementer (实施人员), who gets an activity with it."""
        self._aftersales_check_agent()
        self._aftersales_check_milestone("relay")
        for ticket in self:
            if not ticket.implementer_id:
                raise UserError(
                    self.env._(
                        "Name the implementer of ticket %s: the decision "
                        "is relayed to them and to the customer.",
                        ticket.display_name,
                    )
                )
        self._aftersales_send_progress(
            "aftersales_service.mail_template_ticket_decision"
        )
        for ticket in self:
            ticket._aftersales_activity_schedule_auto(
                "mail.mail_activity_data_todo",
                user_id=ticket.implementer_id.id,
                summary=self.env._(
                    "Carry out the decision on ticket %s", ticket.display_name
                ),
                note=ticket.aftersales_decision,
            )
        self._aftersales_done_milestone("relay")
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
        """A due callback for each closed ticket (Callbacks menu), with an
        activity for its agent; both sent as the company."""
        activity_type = self.env.ref(
            "aftersales_service.mail_activity_type_callback",
            raise_if_not_found=False,
        )
        Callback = self.env["aftersales.callback"].sudo()
        vals_list = []
        for ticket in self:
            if ticket.callback_ids.filtered(lambda c: c.state == "planned"):
                continue
            company = ticket.company_id or self.env.company
            vals_list.append(
                {
                    "ticket_id": ticket.id,
                    "due_date": fields.Date.context_today(ticket)
                    + timedelta(days=company.aftersales_callback_delay_days),
                    "planned_user_id": (ticket.user_id or self.env.user).id,
                }
            )
        callbacks = Callback.create(vals_list)
        if activity_type:
            for callback in callbacks:
                callback.ticket_id._aftersales_activity_schedule_auto(
                    activity_type_id=activity_type.id,
                    date_deadline=callback.due_date,
                    user_id=callback.planned_user_id.id,
                    summary=self.env._(
                        "Callback for %s", callback.ticket_id.display_name
                    ),
                )
        return callbacks

    def _aftersales_reopen(self):
        """Back to the first non-closed stage: the chain restarts (see
        ``_aftersales_restart_chain``) and the customer must confirm again."""
        for ticket in self:
            stages = (
                ticket.team_id._get_applicable_stages()
                if ticket.team_id
                else self.env["helpdesk.ticket.stage"].search([])
            )
            stage = stages.filtered(lambda s: not s.closed)[:1]
            ticket.stage_id = stage

    def action_open_callback(self):
        """Record the planned callback of this ticket."""
        self.ensure_one()
        callback = self.callback_ids.filtered(lambda c: c.state == "planned")[:1]
        if not callback:
            raise UserError(
                self.env._("Ticket %s has no callback to record.", self.display_name)
            )
        return callback.action_open_record_wizard()
