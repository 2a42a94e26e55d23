# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models

from odoo.addons.aftersales_service.tools import cron_batch_size

SHORTFALL_BATCH = 500


class AftersalesAgreementYear(models.Model):
    """One year of an agreement and its preventive visits: at least N a year
    (定期上门保养, 每年不少于__次). The visits done are counted against the
    minimum, and a shortfall is flagged before the year ends."""

    _name = "aftersales.agreement.year"
    _description = "Agreement Year"
    _order = "contract_id, date_from"

    contract_id = fields.Many2one(
        "contract.contract",
        string="Agreement",
        required=True,
        ondelete="cascade",
        index=True,
        readonly=True,
    )
    company_id = fields.Many2one(
        related="contract_id.company_id", store=True, index=True
    )
    name = fields.Char(compute="_compute_name")
    year_number = fields.Integer(string="Year", readonly=True)
    date_from = fields.Date(string="From", required=True, readonly=True, index=True)
    date_to = fields.Date(string="To", required=True, readonly=True, index=True)
    visits_required = fields.Integer(
        string="Required",
        readonly=True,
        help="Minimum preventive visits of this year, from the agreement.",
    )
    visit_ids = fields.One2many(
        "aftersales.agreement.visit", "year_id", string="Visits", readonly=True
    )
    visits_done = fields.Integer(
        string="Done", compute="_compute_visit_counts", store=True
    )
    visits_planned = fields.Integer(
        string="Planned", compute="_compute_visit_counts", store=True
    )
    shortfall = fields.Integer(
        compute="_compute_visit_counts",
        store=True,
        help="Visits still missing to reach the minimum of the year.",
    )
    shortfall_notified = fields.Boolean(readonly=True, copy=False)

    _sql_constraints = [
        (
            "contract_year_unique",
            "UNIQUE(contract_id, date_from)",
            "An agreement year starts once.",
        )
    ]

    @api.model
    def _aftersales_guarded_fields(self):
        return super()._aftersales_guarded_fields() | {
            "contract_id",
            "year_number",
            "date_from",
            "date_to",
            "visits_required",
            "shortfall_notified",
        }

    def _compute_name(self):
        for rec in self:
            rec.name = self.env._(
                "Year %(number)s (%(start)s - %(end)s)",
                number=rec.year_number,
                start=rec.date_from,
                end=rec.date_to,
            )

    @api.depends("visit_ids.state", "visits_required")
    def _compute_visit_counts(self):
        for rec in self:
            states = rec.visit_ids.mapped("state")
            rec.visits_done = states.count("done")
            rec.visits_planned = states.count("planned")
            rec.shortfall = max(rec.visits_required - rec.visits_done, 0)

    @api.model
    def _cron_flag_shortfall(self, today=None, batch_size=None):
        """Years ending within the notice period (Settings) with fewer visits
        done than required: one activity on the agreement, once per year."""
        batch_size = batch_size or cron_batch_size(self.env, default=SHORTFALL_BATCH)
        today = today or fields.Date.context_today(self)
        companies = self.env["res.company"].search([])
        notice = max(companies.mapped("aftersales_visit_shortfall_days") or [30])
        domain = [
            ("shortfall", ">", 0),
            ("shortfall_notified", "=", False),
            ("date_to", ">=", today),
            ("date_to", "<=", today + timedelta(days=notice)),
            ("contract_id.active", "=", True),
        ]
        years = self.search(domain, order="date_to, id", limit=batch_size)
        due = years.filtered(
            lambda y: (
                y.date_to
                <= today + timedelta(days=y.company_id.aftersales_visit_shortfall_days)
            )
        )
        for year in due:
            contract = year.contract_id
            contract._aftersales_activity_schedule_auto(
                "mail.mail_activity_data_todo",
                date_deadline=year.date_to,
                summary=self.env._("Preventive visits short"),
                note=self.env._(
                    "%(agreement)s, %(year)s: %(done)s of the %(required)s preventive "
                    "visits required are done.",
                    agreement=contract.display_name,
                    year=year.name,
                    done=year.visits_done,
                    required=year.visits_required,
                ),
                user_id=contract.user_id.id or self.env.uid,
            )
        due._aftersales_action_write({"shortfall_notified": True})
        # years not due yet (a company with a shorter notice) come back later
        self.env["ir.cron"]._notify_progress(
            done=len(due),
            remaining=self.search_count(domain + [("id", "not in", years.ids)])
            if len(years) == batch_size
            else 0,
        )
        return due
