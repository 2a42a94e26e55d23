# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError


class ContractContract(models.Model):
    """Preventive visits planned over the agreement (每年不少于__次)."""

    _inherit = "contract.contract"

    aftersales_min_visits = fields.Integer(
        string="Minimum Preventive Visits / Year",
        default=lambda self: self.env.company.aftersales_min_visits_per_year,
    )
    can_aftersales_plan_visits = fields.Boolean(
        compute="_compute_can_aftersales_plan_visits"
    )

    @api.depends("aftersales_kind", "aftersales_min_visits")
    def _compute_can_aftersales_plan_visits(self):
        for rec in self:
            rec.can_aftersales_plan_visits = bool(
                rec.aftersales_kind and rec.aftersales_min_visits > 0
            )

    def _prepare_visit_vals(self, planned_date, unit):
        self.ensure_one()
        return {
            "contract_id": self.id,
            "unit_id": unit.id,
            "site_partner_id": (unit.site_partner_id or self.partner_id).id,
            "planned_date": planned_date,
            "user_id": self.user_id.id,
        }

    def action_aftersales_plan_visits(self):
        """Spread at least the minimum number of visits across the next year."""
        vals_list = []
        for rec in self:
            if rec.aftersales_min_visits <= 0:
                raise UserError(
                    rec.env._(
                        "Agreement %s requires no preventive visits.",
                        rec.display_name,
                    )
                )
            start = rec.date_start
            end = rec.date_end or (start + relativedelta(years=1, days=-1))
            end = min(end, start + relativedelta(years=1, days=-1))
            existing = rec.aftersales_visit_ids.filtered(
                lambda v, s=start, e=end: (
                    v.state != "cancelled" and s <= v.planned_date <= e
                )
            )
            missing = rec.aftersales_min_visits - len(existing)
            if missing <= 0:
                continue
            span = (end - start).days + 1
            step = span / rec.aftersales_min_visits
            units = rec.aftersales_unit_ids
            taken = set(existing.mapped("planned_date"))
            for i in range(rec.aftersales_min_visits):
                day = start + timedelta(days=int(step * i + step / 2))
                if missing <= 0:
                    break
                if day in taken:
                    continue
                unit = units[i % len(units)] if units else units
                vals_list.append(rec._prepare_visit_vals(day, unit))
                missing -= 1
        return self.env["aftersales.agreement.visit"].create(vals_list)
