# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

import pytz

from odoo import fields, models
from odoo.exceptions import UserError

SLA_CLOCKS = [
    ("round_the_clock", "Round the clock"),
    ("calendar", "Working hours"),
]


class HelpdeskTicketTeam(models.Model):
    _inherit = "helpdesk.ticket.team"

    aftersales_sla_clock = fields.Selection(
        SLA_CLOCKS,
        string="SLA Clock",
        default="round_the_clock",
        required=True,
        help="How the team's SLA hours are counted: round the clock (plain "
        "hours, as seed 004 counts them: 4 h after 16:00 is 20:00) or on the "
        "team's working-hours calendar (public holidays excluded).",
    )
    resource_calendar_id = fields.Many2one(
        "resource.calendar",
        string="Working Hours",
        default=lambda self: self.env.company.resource_calendar_id,
        help="Calendar on which the team's SLA deadlines are counted when its "
        "clock is 'Working hours'. Empty: the company's calendar.",
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

    # ------------------------------------------------------------------
    # The team's clock
    # ------------------------------------------------------------------
    def _aftersales_clock_calendar(self):
        """The calendar of a working-hours team; empty for round the clock
        (and for no team)."""
        if not self or self.aftersales_sla_clock != "calendar":
            return self.env["resource.calendar"]
        calendar = self._aftersales_calendar()
        if not calendar:
            raise UserError(
                self.env._(
                    "Team %s counts SLA hours on working hours but has no "
                    "calendar: set one on the team or its company.",
                    self.display_name,
                )
            )
        return calendar

    def _aftersales_add_hours(self, start, hours):
        """``start`` (naive UTC) plus ``hours`` on the team's clock."""
        calendar = self._aftersales_clock_calendar()
        if not calendar:
            return start + timedelta(hours=hours)
        if hours <= 0:
            return start
        deadline = calendar.plan_hours(
            hours, pytz.utc.localize(start), compute_leaves=True
        )
        if not deadline:
            raise UserError(
                self.env._(
                    "Calendar %(cal)s of team %(team)s has no working time after "
                    "%(start)s.",
                    cal=calendar.display_name,
                    team=self.display_name,
                    start=start,
                )
            )
        return deadline.astimezone(pytz.utc).replace(tzinfo=None)

    def _aftersales_hours_between(self, start, end):
        """Hours between two instants (naive UTC) on the team's clock."""
        if not start or not end or end <= start:
            return 0.0
        calendar = self._aftersales_clock_calendar()
        if not calendar:
            return (end - start).total_seconds() / 3600.0
        return calendar.get_work_hours_count(
            pytz.utc.localize(start), pytz.utc.localize(end), compute_leaves=True
        )
