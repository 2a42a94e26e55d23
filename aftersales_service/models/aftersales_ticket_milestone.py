# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.tools import SQL
from odoo.tools.sql import create_index

from ..tools import (
    GIVEN_ON_CREATE,
    action_scope,
    cron_batch_size,
    format_reader_datetime,
    reader_env,
    reader_tz,
    run_in_batches,
)

KINDS = [
    ("contact", "Customer contacted"),
    ("solution", "Solution proposed"),
    ("escalation", "Escalated to head"),
    ("decision", "Head's decision"),
    ("relay", "Decision relayed"),
]
KIND_SEQUENCE = {
    "contact": 10,
    "solution": 20,
    "escalation": 20,
    "decision": 30,
    "relay": 40,
}


class AftersalesTicketMilestone(models.Model):
    """One deadline of a ticket's SLA chain (seed 004: contact within 4 h of
    receipt; solution or escalation within 24 h of receipt; the head decides
    within 24 h of the escalation; the decision is relayed within 24 h of
    it), counted on the team's clock (round the clock by default, or its
    working-hours calendar). See ``helpdesk.ticket._aftersales_milestone_rules``
    for the instant each deadline counts from."""

    _name = "aftersales.ticket.milestone"
    _description = "Ticket SLA Milestone"
    _order = "ticket_id, sequence, id"
    _rec_name = "kind"

    ticket_id = fields.Many2one(
        "helpdesk.ticket", required=True, index=True, ondelete="cascade"
    )
    # The ticket's facts the milestones are grouped and filtered by, kept
    # like related fields; they and the rates below are given to create by
    # the ticket's actions (helpdesk.ticket._prepare_milestone_vals).
    company_id = fields.Many2one(
        "res.company",
        string="Company",
        compute="_compute_ticket_facts",
        index=True,
        **GIVEN_ON_CREATE,
    )
    team_id = fields.Many2one(
        "helpdesk.ticket.team",
        string="Team",
        compute="_compute_ticket_facts",
        index=True,
        **GIVEN_ON_CREATE,
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Contact",
        compute="_compute_ticket_facts",
        **GIVEN_ON_CREATE,
    )
    first_responder_id = fields.Many2one(
        "res.users",
        string="First Responder",
        compute="_compute_ticket_facts",
        **GIVEN_ON_CREATE,
        help="Employee who received the customer's request: the employee who "
        "creates the ticket, recorded for good.",
    )
    kind = fields.Selection(KINDS, required=True)
    sequence = fields.Integer(default=10)
    user_id = fields.Many2one("res.users", string="Responsible", index=True)
    start_date = fields.Datetime(
        string="Started", required=True, help="When this milestone became due."
    )
    count_from = fields.Datetime(
        string="Counts From",
        help="The instant the deadline counts from: the receipt of the request "
        "(contact, solution, escalation) or the previous step (decision, "
        "relay).",
    )
    deadline = fields.Datetime(required=True, index=True)
    done_date = fields.Datetime(string="Done On")
    done_by = fields.Many2one("res.users")
    state = fields.Selection(
        [
            ("pending", "Pending"),
            ("done", "Done"),
            ("breached", "Breached"),
            ("cancelled", "Superseded"),
        ],
        default="pending",
        required=True,
        index=True,
    )
    paused_since = fields.Datetime(
        help="Set while the ticket is in a stage that pauses the SLA clock."
    )
    warned = fields.Boolean(help="The responsible user was warned before the deadline.")
    breach_notified = fields.Boolean(
        index=True, help="The breach was escalated; never escalated twice."
    )
    is_late = fields.Boolean(
        string="Late",
        compute="_compute_rates",
        index=True,
        **GIVEN_ON_CREATE,
    )
    breached_count = fields.Integer(
        string="Breached",
        compute="_compute_rates",
        aggregator="sum",
        **GIVEN_ON_CREATE,
    )
    on_time_rate = fields.Float(
        string="On-time Rate (%)",
        compute="_compute_rates",
        aggregator="avg",
        **GIVEN_ON_CREATE,
        help="100 for a milestone met in time, 0 for a late one: the average "
        "is the on-time rate of the group.",
    )

    def init(self):
        # What the SLA cron searches: pending, running milestones by deadline.
        create_index(
            self._cr,
            "aftersales_ticket_milestone_pending_deadline_idx",
            self._table,
            ["deadline"],
            where="state = 'pending' AND paused_since IS NULL",
        )

    @api.model
    def _aftersales_guarded_fields(self):
        """Everything on a milestone is set by the ticket's actions and the
        SLA cron, never by hand: who did it, when, the deadline and the
        state are what compliance and penalties are counted on."""
        return super()._aftersales_guarded_fields() | {
            "ticket_id",
            "kind",
            "sequence",
            "user_id",
            "start_date",
            "count_from",
            "deadline",
            "done_date",
            "done_by",
            "state",
            "paused_since",
            "warned",
            "breach_notified",
        }

    @api.model
    def _aftersales_ticket_facts_vals(self, ticket):
        return {
            "company_id": ticket.company_id.id,
            "team_id": ticket.team_id.id,
            "partner_id": ticket.partner_id.id,
            "first_responder_id": ticket.first_responder_id.id,
        }

    @api.depends(
        "ticket_id.company_id",
        "ticket_id.team_id",
        "ticket_id.partner_id",
        "ticket_id.first_responder_id",
    )
    def _compute_ticket_facts(self):
        for milestone in self:
            milestone.update(self._aftersales_ticket_facts_vals(milestone.ticket_id))

    @api.model
    def _aftersales_rates_vals(self, late):
        return {
            "is_late": late,
            "breached_count": 1 if late else 0,
            "on_time_rate": 0.0 if late else 100.0,
        }

    @api.depends("state", "done_date", "deadline")
    def _compute_rates(self):
        for milestone in self:
            late = milestone.state == "breached" or bool(
                milestone.done_date and milestone.done_date > milestone.deadline
            )
            milestone.update(self._aftersales_rates_vals(late))

    @api.model
    def _kind_sequence(self, kind):
        return KIND_SEQUENCE[kind]

    def _kind_label(self):
        self.ensure_one()
        return dict(self._fields["kind"]._description_selection(self.env)).get(
            self.kind, self.kind
        )

    def _action_done(self):
        with action_scope():
            self.write(
                {
                    "done_date": fields.Datetime.now(),
                    "done_by": self.env.uid,
                    "state": "done",
                    "paused_since": False,
                }
            )

    def _aftersales_resume(self, now):
        """Push the deadline by the time spent paused (team's clock); returns
        the hours pushed."""
        self.ensure_one()
        team = self.ticket_id.team_id
        hours = team._aftersales_hours_between(self.paused_since, now)
        vals = {"paused_since": False}
        if hours:
            vals["deadline"] = team._aftersales_add_hours(self.deadline, hours)
        self._aftersales_action_write(vals)
        return hours

    def action_open_ticket(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "helpdesk.ticket",
            "res_id": self.ticket_id.id,
            "view_mode": "form",
        }

    # ------------------------------------------------------------------
    # Scheduled action
    # ------------------------------------------------------------------
    @api.model
    def _cron_check_sla(self, batch_size=None):
        """Write the contact milestones of new tickets due soon, warn before
        deadlines and escalate breaches, in batches.

        Run by the scheduler, each call processes one batch and reports its
        progress (``ir.cron._notify_progress``): the scheduler commits
        between batches and a crash only loses the running batch, which the
        next call takes again (see ``tools/cron.py``). Each batch costs a
        fixed number of queries whatever its size: one indexed search,
        prefetch, one ``mail.activity`` create, one batch of chatter logs,
        one flag write. Processed milestones are flagged (``breach_notified``,
        ``warned``) so a breach is never escalated twice.
        """
        batch_size = batch_size or cron_batch_size(self.env)
        now = fields.Datetime.now()
        Ticket = self.env["helpdesk.ticket"].sudo()
        contact_domain = Ticket._aftersales_contact_due_domain(now)
        breach_domain = [
            ("state", "=", "pending"),
            ("paused_since", "=", False),
            ("breach_notified", "=", False),
            ("deadline", "<", now),
        ]
        steps = [
            # first the contact milestones new tickets carry, as they near
            # their deadline (see helpdesk.ticket._aftersales_contact_unwritten)
            (
                lambda limit: Ticket.search(
                    contact_domain, limit=limit, order="sla_deadline, id"
                ),
                lambda batch: batch._aftersales_write_contact_milestone(),
                lambda: Ticket.search_count(contact_domain),
            ),
            (
                lambda limit: self.search(
                    breach_domain, limit=limit, order="deadline, id"
                ),
                lambda batch: batch._sla_breach(),
                lambda: self.search_count(breach_domain),
            ),
            (
                lambda limit: self.browse(self._sla_warn_ids(now, limit)),
                lambda batch: batch._sla_warn(),
                lambda: len(self._sla_warn_ids(now, None)),
            ),
        ]
        run_in_batches(self.env, steps, batch_size)
        return True

    @api.model
    def _sla_warn_ids(self, now, limit):
        """Pending milestones due within their company's warning lead time,
        not warned yet (one indexed query, the lead read from the company)."""
        self.flush_model(["state", "paused_since", "warned", "deadline", "company_id"])
        self.env["res.company"].flush_model(["aftersales_sla_warning_hours"])
        query = SQL(
            """
            SELECT m.id
              FROM aftersales_ticket_milestone m
              JOIN res_company c ON c.id = m.company_id
             WHERE m.state = 'pending'
               AND m.paused_since IS NULL
               AND m.warned IS NOT TRUE
               AND m.deadline > %(now)s
               AND m.deadline <= %(now)s
                   + c.aftersales_sla_warning_hours * INTERVAL '1 hour'
             ORDER BY m.deadline, m.id
             %(limit)s
            """,
            now=now,
            limit=SQL("LIMIT %s", limit) if limit else SQL(""),
        )
        self.env.cr.execute(query)
        return [row[0] for row in self.env.cr.fetchall()]

    @api.model
    def _sla_activity_defaults(self):
        """Values shared by all SLA activities (computed once per batch)."""
        return {
            "res_model_id": self.env["ir.model"]._get_id("helpdesk.ticket"),
            "activity_type_id": self.env.ref(
                "aftersales_service.mail_activity_type_sla"
            ).id,
        }

    def _sla_activity_vals(self, defaults, user, summary):
        """Activity values; no html note, to keep batches cheap (the chatter
        message carries the details)."""
        self.ensure_one()
        return {
            **defaults,
            "res_id": self.ticket_id.id,
            "user_id": user.id,
            "date_deadline": self.deadline.date(),
            "summary": summary,
        }

    def _sla_company_env(self, company):
        """Automatic texts are written in the company's language, dates in
        its timezone (the reader of an internal note is its staff)."""
        return reader_env(self.env, company=company)

    def _sla_deadline_text(self, env=None):
        self.ensure_one()
        env = env or self.env
        company = self.company_id or env.company
        return format_reader_datetime(
            env, self.deadline, tz=reader_tz(env, company=company), lang=env.lang
        )

    def _sla_warn(self):
        defaults = self._sla_activity_defaults()
        vals_list = []
        for milestone in self:
            ticket = milestone.ticket_id
            user = milestone.user_id or ticket.user_id or ticket.first_responder_id
            if not user:
                continue
            env = milestone._sla_company_env(ticket.company_id or self.env.company)
            vals_list.append(
                milestone._sla_activity_vals(
                    defaults,
                    user,
                    env._(
                        "SLA due soon: %(kind)s by %(deadline)s, ticket %(ticket)s",
                        kind=milestone.with_env(env)._kind_label(),
                        deadline=milestone._sla_deadline_text(env),
                        ticket=ticket.display_name,
                    ),
                )
            )
        self.env["mail.activity"].sudo().with_context(
            mail_activity_quick_update=True
        ).create(vals_list)
        self._aftersales_action_write({"warned": True})

    def _sla_breach(self):
        defaults = self._sla_activity_defaults()
        vals_list = []
        bodies = defaultdict(list)
        for milestone in self:
            ticket = milestone.ticket_id
            env = milestone._sla_company_env(ticket.company_id or self.env.company)
            head = (
                ticket.team_id._aftersales_head()
                if ticket.team_id
                else (ticket.company_id.aftersales_sla_escalation_user_id)
            )
            kind = milestone.with_env(env)._kind_label()
            text = env._(
                "SLA breached: milestone '%(kind)s' of ticket %(ticket)s was due "
                "on %(deadline)s, responsible: %(user)s. Escalated to %(head)s.",
                kind=kind,
                ticket=ticket.display_name,
                deadline=milestone._sla_deadline_text(env),
                user=milestone.user_id.name or "-",
                head=head.name if head else "-",
            )
            bodies[ticket.id].append(escape(text))
            if head:
                vals_list.append(
                    milestone._sla_activity_vals(
                        defaults,
                        head,
                        env._("SLA breached: %(kind)s", kind=kind),
                    )
                )
        self._aftersales_action_write({"state": "breached", "breach_notified": True})
        if vals_list:
            self.env["mail.activity"].sudo().with_context(
                mail_activity_quick_update=True
            ).create(vals_list)
        tickets = self.ticket_id.sudo()
        tickets._message_log_batch(
            bodies={tid: Markup("<br/>").join(texts) for tid, texts in bodies.items()},
        )
        with action_scope():
            tickets._aftersales_on_sla_breach(self)
