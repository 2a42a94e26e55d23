# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.aftersales_service.tools import action_scope

# An agreement planned over more years than this is a typo in its dates.
MAX_AGREEMENT_YEARS = 20


class ContractContract(models.Model):
    """Preventive visits planned over every year of the agreement
    (每年不少于__次), and the visits done against the minimum, per year."""

    _inherit = "contract.contract"

    aftersales_min_visits = fields.Integer(
        string="Minimum Preventive Visits / Year",
        compute="_compute_aftersales_min_visits",
        store=True,
        readonly=False,
        copy=True,
        tracking=True,
        help="Preventive visits each year of the agreement, at least: the Settings "
        "default for equipment maintenance, none for the other kinds.",
    )
    aftersales_year_ids = fields.One2many(
        "aftersales.agreement.year", "contract_id", string="Agreement Years"
    )
    aftersales_year_id = fields.Many2one(
        "aftersales.agreement.year",
        string="Current Year",
        compute="_compute_aftersales_year_id",
    )
    aftersales_visits_done_year = fields.Integer(
        string="Visits Done This Year", compute="_compute_aftersales_year_id"
    )
    aftersales_visit_shortfall = fields.Integer(
        string="Visits Missing This Year", compute="_compute_aftersales_year_id"
    )
    can_aftersales_plan_visits = fields.Boolean(
        compute="_compute_can_aftersales_plan_visits"
    )

    @api.depends("aftersales_kind", "company_id")
    def _compute_aftersales_min_visits(self):
        for rec in self:
            company = rec.company_id or self.env.company
            rec.aftersales_min_visits = (
                company.aftersales_min_visits_per_year
                if rec.aftersales_kind == "equipment"
                else 0
            )

    @api.depends("aftersales_kind", "aftersales_min_visits")
    def _compute_can_aftersales_plan_visits(self):
        for rec in self:
            rec.can_aftersales_plan_visits = bool(
                rec.aftersales_kind and rec.aftersales_min_visits > 0
            )

    @api.depends(
        "aftersales_year_ids.date_from",
        "aftersales_year_ids.date_to",
        "aftersales_year_ids.visits_done",
        "aftersales_year_ids.shortfall",
    )
    @api.depends_context("tz")
    def _compute_aftersales_year_id(self):
        today = fields.Date.context_today(self)
        for rec in self:
            years = rec.aftersales_year_ids
            year = (
                years.filtered(lambda y: y.date_from <= today <= y.date_to)[:1]
                or years.filtered(lambda y: y.date_from > today)[:1]
                or years[-1:]
            )
            rec.aftersales_year_id = year
            rec.aftersales_visits_done_year = year.visits_done
            rec.aftersales_visit_shortfall = year.shortfall

    # ------------------------------------------------------------------
    # Agreement years
    # ------------------------------------------------------------------
    def _aftersales_year_bounds(self):
        """(date_from, date_to) of each year of the agreement's period."""
        self.ensure_one()
        start = self.date_start
        if not start:
            return []
        end = self.date_end or (start + relativedelta(years=1, days=-1))
        bounds = []
        n = 0
        while True:
            year_start = start + relativedelta(years=n)
            if year_start > end or n >= MAX_AGREEMENT_YEARS:
                break
            year_end = min(start + relativedelta(years=n + 1, days=-1), end)
            bounds.append((year_start, year_end))
            n += 1
        return bounds

    def _aftersales_sync_years(self):
        """One ``aftersales.agreement.year`` per year of the period; years not
        over yet follow the agreement's minimum."""
        Year = self.env["aftersales.agreement.year"].sudo()
        today = fields.Date.context_today(self)
        for rec in self.filtered("aftersales_kind"):
            bounds = rec._aftersales_year_bounds()
            years = rec.sudo().aftersales_year_ids
            by_start = {y.date_from: y for y in years}
            wanted = {b[0] for b in bounds}
            with action_scope():
                for number, (date_from, date_to) in enumerate(bounds, start=1):
                    year = by_start.get(date_from)
                    vals = {"year_number": number, "date_to": date_to}
                    if not year:
                        Year.create(
                            dict(
                                vals,
                                contract_id=rec.id,
                                date_from=date_from,
                                visits_required=rec.aftersales_min_visits,
                            )
                        )
                        continue
                    if date_to >= today:
                        vals["visits_required"] = rec.aftersales_min_visits
                    year.write({k: v for k, v in vals.items() if year[k] != v})
                years.filtered(lambda y, w=wanted: y.date_from not in w).unlink()
        return True

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        records.filtered("aftersales_kind")._aftersales_sync_years()
        return records

    def write(self, vals):
        res = super().write(vals)
        if {"date_start", "date_end", "aftersales_min_visits", "aftersales_kind"} & set(
            vals
        ):
            self.filtered("aftersales_kind")._aftersales_sync_years()
        return res

    # ------------------------------------------------------------------
    # Planning
    # ------------------------------------------------------------------
    def _prepare_visit_vals(self, planned_date, unit):
        self.ensure_one()
        return {
            "contract_id": self.id,
            "unit_id": unit.id,
            "site_partner_id": (unit.site_partner_id or self.partner_id).id,
            "planned_date": planned_date,
            "user_id": self.user_id.id,
        }

    def _aftersales_plan_year(self, year, existing):
        """Values of the visits missing in one agreement year, spread evenly."""
        self.ensure_one()
        required = year.visits_required
        missing = required - len(existing)
        if missing <= 0 or required <= 0:
            return []
        span = (year.date_to - year.date_from).days + 1
        step = span / required
        units = self.aftersales_unit_ids
        taken = set(existing.mapped("planned_date"))
        vals_list = []
        for i in range(required):
            if missing <= 0:
                break
            day = year.date_from + timedelta(days=int(step * i + step / 2))
            if day in taken:
                continue
            unit = units[i % len(units)] if units else units
            vals_list.append(self._prepare_visit_vals(day, unit))
            taken.add(day)
            missing -= 1
        return vals_list

    def action_aftersales_plan_visits(self):
        """Plan at least the minimum number of visits in every year of the
        agreement (cancelled visits are replaced)."""
        vals_list = []
        for rec in self:
            if rec.aftersales_min_visits <= 0:
                raise UserError(
                    rec.env._(
                        "Agreement %s requires no preventive visits.",
                        rec.display_name,
                    )
                )
            rec._aftersales_sync_years()
            for year in rec.aftersales_year_ids:
                existing = rec.aftersales_visit_ids.filtered(
                    lambda v, y=year: (
                        v.state != "cancelled"
                        and y.date_from <= v.planned_date <= y.date_to
                    )
                )
                vals_list += rec._aftersales_plan_year(year, existing)
        return self.env["aftersales.agreement.visit"].create(vals_list)
