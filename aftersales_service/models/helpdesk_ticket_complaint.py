# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from ..tools import GIVEN_ON_CREATE

COMPLAINT_STEPS = [
    "complaint_step_listen",
    "complaint_step_thank",
    "complaint_step_apologise",
    "complaint_step_analyse",
    "complaint_step_wish",
    "complaint_step_policy",
    "complaint_step_service_number",
]


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    is_complaint = fields.Boolean(
        string="Complaint",
        tracking=True,
        index=True,
        help="The ticket is a complaint: it follows the complaint procedure.",
    )
    complainant_kind = fields.Selection(
        [
            ("suggestion", "Suggestion"),
            ("redress", "Harmed, wants redress"),
            ("money", "Seeks money"),
            ("trouble", "Trouble-maker"),
        ],
        tracking=True,
        help="Kind of complainant: gives a suggestion, was harmed and "
        "wants redress, sees a chance of money, "
        "trouble-maker. Extortion: record the call and refer to the "
        "consumer association.",
    )
    complaint_step_listen = fields.Boolean(
        string="1. Listen and record",
        help="Listen to the customer and write the complaint down.",
    )
    complaint_step_thank = fields.Boolean(
        string="2. Thank", help="Thank the customer for raising it."
    )
    complaint_step_apologise = fields.Boolean(
        string="3. Apologise", help="Apologise for the trouble."
    )
    complaint_step_analyse = fields.Boolean(
        string="4. Analyse", help="Analyse the problem."
    )
    complaint_step_wish = fields.Boolean(
        string="5. Ask the customer's wish", help="Ask what the customer wishes."
    )
    complaint_step_policy = fields.Boolean(
        string="6. State policy and plan",
        help="State the policy and the proposed solution.",
    )
    complaint_step_service_number = fields.Boolean(
        string="7. Leave the service number",
        help="Leave the service number for any follow-up.",
    )
    complaint_steps_done = fields.Integer(
        string="Procedure Steps Done",
        compute="_compute_complaint_progress",
        **GIVEN_ON_CREATE,  # given to create (_aftersales_precompute_create_vals)
    )
    complaint_progress = fields.Float(
        string="Procedure Progress (%)",
        compute="_compute_complaint_progress",
        **GIVEN_ON_CREATE,  # given to create (_aftersales_precompute_create_vals)
        help="Share of the seven steps of the complaint procedure ticked.",
    )
    compensation_ids = fields.One2many(
        "aftersales.compensation", "ticket_id", string="Compensations"
    )
    compensation_count = fields.Integer(compute="_compute_complaint_counts")
    complaint_feedback_ids = fields.One2many(
        "aftersales.complaint.feedback", "ticket_id", string="Feedback Forms"
    )
    complaint_feedback_count = fields.Integer(compute="_compute_complaint_counts")
    penalty_ids = fields.One2many("aftersales.penalty", "ticket_id")
    penalty_count = fields.Integer(compute="_compute_complaint_counts")

    @api.model
    def _aftersales_complaint_progress_vals(self, ticked):
        """The progress figures of a ticket on which ``ticked`` steps are ticked."""
        done = sum(1 for fname in COMPLAINT_STEPS if ticked(fname))
        return {
            "complaint_steps_done": done,
            "complaint_progress": round(100.0 * done / len(COMPLAINT_STEPS), 1),
        }

    @api.depends(*COMPLAINT_STEPS)
    def _compute_complaint_progress(self):
        for ticket in self:
            ticket.update(
                ticket._aftersales_complaint_progress_vals(lambda f, t=ticket: t[f])
            )

    @api.model
    def _aftersales_precompute_create_vals(self, vals):
        vals = super()._aftersales_precompute_create_vals(vals)
        vals.update(self._aftersales_complaint_progress_vals(vals.get))
        return vals

    def _aftersales_closing_blockers(self, vals=None):
        """A complaint closes only once the seven steps are ticked and its
        complaint feedback form (投诉(问题)反馈表) is confirmed (a manager's
        written override lifts it)."""
        blockers = super()._aftersales_closing_blockers(vals)
        vals = vals or {}
        if vals.get("close_override_reason", self.close_override_reason):
            return blockers
        if not vals.get("is_complaint", self.is_complaint):
            return blockers
        missing = [
            self._fields[fname]._description_string(self.env)
            for fname in COMPLAINT_STEPS
            if not vals.get(fname, self[fname])
        ]
        if missing:
            blockers.append(
                self.env._(
                    "the complaint procedure is not complete (missing: %s)",
                    ", ".join(missing),
                )
            )
        if not self.complaint_feedback_ids.filtered(lambda f: f.state == "confirmed"):
            blockers.append(self.env._("its complaint feedback form is not confirmed"))
        return blockers

    def _compute_complaint_counts(self):
        counts = {}
        for model, key in (
            ("aftersales.compensation", "compensation_count"),
            ("aftersales.complaint.feedback", "complaint_feedback_count"),
            ("aftersales.penalty", "penalty_count"),
        ):
            counts[key] = dict(
                self.env[model]._read_group(
                    [("ticket_id", "in", self.ids)], ["ticket_id"], ["__count"]
                )
            )
        for ticket in self:
            for key, by_ticket in counts.items():
                ticket[key] = by_ticket.get(ticket, 0)

    def _open_related(self, xmlid, extra_context=None):
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action["domain"] = [("ticket_id", "in", self.ids)]
        action["context"] = dict(
            {"default_ticket_id": self[:1].id}, **(extra_context or {})
        )
        return action

    def action_view_compensations(self):
        return self._open_related("aftersales_service.action_aftersales_compensation")

    def action_view_complaint_feedback(self):
        return self._open_related(
            "aftersales_service.action_aftersales_complaint_feedback"
        )

    def action_view_penalties(self):
        return self._open_related("aftersales_service.action_aftersales_penalty")

    # ------------------------------------------------------------------
    # SLA breach hook (called by the SLA chain)
    # ------------------------------------------------------------------
    def _aftersales_on_sla_breach(self, milestones):
        """Propose a draft penalty for each breached milestone, in one create.

        The responsible person is the milestone's responsible user, else the
        ticket's assignee; a manager confirms or cancels the proposal.
        """
        res = super()._aftersales_on_sla_breach(milestones)
        breaches = []
        for milestone in milestones:
            ticket = milestone.ticket_id
            user = milestone.user_id or ticket.user_id
            if not user:
                continue
            env = milestone._sla_company_env(ticket.company_id or self.env.company)
            reason = env._(
                "SLA breach on %(ticket)s: milestone %(kind)s missed "
                "(deadline %(deadline)s).",
                ticket=ticket.display_name,
                kind=milestone.with_env(env)._kind_label(),
                deadline=milestone._sla_deadline_text(env),
            )
            origin = f"sla:{milestone._name}:{milestone.id}"
            breaches.append((ticket, user, reason, origin))
        if breaches:
            self.env["aftersales.penalty"]._propose_for_sla_breach(breaches)
        return res
