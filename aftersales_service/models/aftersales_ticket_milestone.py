# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict
from datetime import timedelta

from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.tools.sql import create_index

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
    """One deadline of a ticket's SLA chain (seed 004: 4 h / 24 h / 24 h /
    24 h), counted in working hours of the team's calendar. Each milestone
    starts when the previous one is met."""

    _name = "aftersales.ticket.milestone"
    _description = "Ticket SLA Milestone"
    _order = "ticket_id, sequence, id"
    _rec_name = "kind"

    ticket_id = fields.Many2one(
        "helpdesk.ticket", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(
        related="ticket_id.company_id", store=True, index=True
    )
    team_id = fields.Many2one(related="ticket_id.team_id", store=True, index=True)
    partner_id = fields.Many2one(related="ticket_id.partner_id", store=True)
    first_responder_id = fields.Many2one(
        related="ticket_id.first_responder_id", store=True
    )
    kind = fields.Selection(KINDS, required=True)
    sequence = fields.Integer(default=10)
    user_id = fields.Many2one("res.users", string="Responsible", index=True)
    start_date = fields.Datetime(string="Started", required=True)
    deadline = fields.Datetime(required=True, index=True)
    done_date = fields.Datetime(string="Done On")
    done_by = fields.Many2one("res.users", string="Done By")
    state = fields.Selection(
        [("pending", "Pending"), ("done", "Done"), ("breached", "Breached")],
        default="pending",
        required=True,
        index=True,
    )
    paused_since = fields.Datetime(
        help="Set while the ticket is in a stage that pauses the SLA clock."
    )
    warned = fields.Boolean(
        help="The responsible user was warned before the deadline."
    )
    breach_notified = fields.Boolean(
        index=True, help="The breach was escalated; never escalated twice."
    )
    is_late = fields.Boolean(
        string="Late", compute="_compute_rates", store=True, index=True
    )
    breached_count = fields.Integer(
        string="Breached", compute="_compute_rates", store=True, aggregator="sum"
    )
    on_time_rate = fields.Float(
        string="On-time Rate (%)",
        compute="_compute_rates",
        store=True,
        aggregator="avg",
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

    @api.depends("state", "done_date", "deadline")
    def _compute_rates(self):
        for milestone in self:
            late = milestone.state == "breached" or bool(
                milestone.done_date and milestone.done_date > milestone.deadline
            )
            milestone.is_late = late
            milestone.breached_count = 1 if late else 0
            milestone.on_time_rate = 0.0 if late else 100.0

    @api.model
    def _kind_sequence(self, kind):
        return KIND_SEQUENCE[kind]

    def _action_done(self):
        self.write(
            {
                "done_date": fields.Datetime.now(),
                "done_by": self.env.uid,
                "state": "done",
                "paused_since": False,
            }
        )

    def _aftersales_resume(self, now):
        """Push the deadline by the working time spent paused."""
        self.ensure_one()
        ticket = self.ticket_id
        hours = ticket._aftersales_working_hours_between(self.paused_since, now)
        vals = {"paused_since": False}
        if hours:
            vals["deadline"] = ticket._aftersales_plan_deadline(self.deadline, hours)
        self.write(vals)

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
    def _cron_check_sla(self, batch_size=1000):
        """Warn before deadlines and escalate breaches, in batches.

        Each batch costs a fixed number of queries whatever its size: one
        indexed search, prefetch, one ``mail.activity`` create, one batch of
        chatter logs, one flag write. Processed milestones are flagged so a
        breach is never escalated twice and the loop ends.
        """
        now = fields.Datetime.now()
        companies = self.env["res.company"].sudo().search([])
        for company in companies:
            lead = timedelta(hours=company.aftersales_sla_warning_hours)
            domain = [
                ("state", "=", "pending"),
                ("paused_since", "=", False),
                ("warned", "=", False),
                ("deadline", ">", now),
                ("deadline", "<=", now + lead),
                ("company_id", "=", company.id),
            ]
            while True:
                batch = self.search(domain, limit=batch_size, order="deadline, id")
                if not batch:
                    break
                batch._sla_warn()
        domain = [
            ("state", "=", "pending"),
            ("paused_since", "=", False),
            ("breach_notified", "=", False),
            ("deadline", "<=", now),
        ]
        while True:
            batch = self.search(domain, limit=batch_size, order="deadline, id")
            if not batch:
                break
            batch._sla_breach()
        return True

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

    def _sla_warn(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        defaults = self._sla_activity_defaults()
        vals_list = []
        for milestone in self:
            ticket = milestone.ticket_id
            user = milestone.user_id or ticket.user_id or ticket.first_responder_id
            if not user:
                continue
            vals_list.append(
                milestone._sla_activity_vals(
                    defaults,
                    user,
                    self.env._(
                        "SLA due soon: %(kind)s, ticket %(ticket)s",
                        kind=kinds[milestone.kind],
                        ticket=ticket.display_name,
                    ),
                )
            )
        self.env["mail.activity"].sudo().with_context(
            mail_activity_quick_update=True
        ).create(vals_list)
        self.write({"warned": True})

    def _sla_breach(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        defaults = self._sla_activity_defaults()
        vals_list = []
        bodies = defaultdict(list)
        for milestone in self:
            ticket = milestone.ticket_id
            head = (
                ticket.team_id._aftersales_head()
                if ticket.team_id
                else (ticket.company_id.aftersales_sla_escalation_user_id)
            )
            text = self.env._(
                "SLA breached: milestone '%(kind)s' of ticket %(ticket)s was due "
                "on %(deadline)s (UTC), responsible: %(user)s. Escalated to "
                "%(head)s.",
                kind=kinds[milestone.kind],
                ticket=ticket.display_name,
                deadline=milestone.deadline,
                user=milestone.user_id.name or "-",
                head=head.name if head else "-",
            )
            bodies[ticket.id].append(escape(text))
            if head:
                vals_list.append(
                    milestone._sla_activity_vals(
                        defaults,
                        head,
                        self.env._(
                            "SLA breached: %(kind)s", kind=kinds[milestone.kind]
                        ),
                    )
                )
        self.write({"state": "breached", "breach_notified": True})
        if vals_list:
            self.env["mail.activity"].sudo().with_context(
                mail_activity_quick_update=True
            ).create(vals_list)
        tickets = self.ticket_id.sudo()
        tickets._message_log_batch(
            bodies={
                tid: Markup("<br/>").join(texts) for tid, texts in bodies.items()
            },
        )
        tickets._aftersales_on_sla_breach(self)
