# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class HelpdeskTicketTeam(models.Model):
    _inherit = "helpdesk.ticket.team"

    resource_calendar_id = fields.Many2one(
        "resource.calendar",
        string="Working Hours",
        default=lambda self: self.env.company.resource_calendar_id,
        help="Calendar on which the team's SLA deadlines are counted in working "
        "hours. Empty: the company's calendar.",
    )

    def _aftersales_calendar(self):
        """The calendar that counts this team's working hours."""
        self.ensure_one()
        return (
            self.resource_calendar_id
            or self.company_id.resource_calendar_id
            or self.env.company.resource_calendar_id
        )

    def _aftersales_head(self):
        """Who receives breach escalations: the team leader, else the fallback."""
        self.ensure_one()
        company = self.company_id or self.env.company
        return self.user_id or company.aftersales_sla_escalation_user_id
