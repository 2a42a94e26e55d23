# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import fields, models


class AftersalesPenaltySummaryWizard(models.TransientModel):
    """Pick a month and print the department's penalty summary."""

    _name = "aftersales.penalty.summary.wizard"
    _description = "Monthly Penalty Summary"

    month = fields.Date(
        required=True,
        default=lambda self: fields.Date.context_today(self).replace(day=1),
        help="Any day of the month to summarise.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    team_id = fields.Many2one("helpdesk.ticket.team", string="Team")

    def _get_month_start(self):
        return self.month.replace(day=1)

    def _get_lines(self):
        """Scoreboard rows of the month, worst score first (one query)."""
        self.ensure_one()
        domain = [
            ("month", "=", self._get_month_start()),
            ("company_id", "=", self.company_id.id),
        ]
        if self.team_id:
            domain.append(("team_id", "=", self.team_id.id))
        return self.env["aftersales.penalty.score"].search(
            domain, order="score asc, user_id"
        )

    def _get_entries(self):
        self.ensure_one()
        start = self._get_month_start()
        domain = [
            ("state", "=", "confirmed"),
            ("company_id", "=", self.company_id.id),
            ("date", ">=", start),
            ("date", "<", start + relativedelta(months=1)),
        ]
        if self.team_id:
            domain.append(("user_id", "in", self.team_id.user_ids.ids))
        return self.env["aftersales.penalty"].search(domain, order="user_id, date")

    def action_print(self):
        return self.env.ref(
            "aftersales_service.action_report_penalty_summary"
        ).report_action(self)
