# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression

from odoo.addons.aftersales_service.tools import action_scope, cron_batch_size

# Agreements reminded per call of the renewal reminder (one batch, committed
# by the scheduler before the next).
RENEWAL_BATCH = 200


class ContractContract(models.Model):
    """Renewal of an agreement one month ahead (提前一个月重新签订): the next
    agreement keeps the covered units, the rates and fees (copied terms) and
    the visit plan (the last year's visits, one period later). It is signed on
    its own, which invoices its fee."""

    _inherit = "contract.contract"

    aftersales_renewal_reminded = fields.Boolean(copy=False, readonly=True)
    aftersales_renewed_from_id = fields.Many2one(
        "contract.contract", string="Renewal Of", copy=False, readonly=True
    )
    aftersales_renewal_id = fields.Many2one(
        "contract.contract", string="Renewed By", copy=False, readonly=True
    )
    can_aftersales_renew = fields.Boolean(compute="_compute_can_aftersales_renew")

    @api.model
    def _aftersales_guarded_fields(self):
        return super()._aftersales_guarded_fields() | {
            "aftersales_renewal_reminded",
            "aftersales_renewed_from_id",
            "aftersales_renewal_id",
        }

    @api.depends("aftersales_kind", "aftersales_renewal_id", "active")
    def _compute_can_aftersales_renew(self):
        for rec in self:
            rec.can_aftersales_renew = bool(
                rec.aftersales_kind and not rec.aftersales_renewal_id and rec.active
            )

    @api.model
    def _aftersales_renewal_due_domain(self, today):
        """Agreements whose renewal reminder is due (each company's notice)."""
        companies = self.env["res.company"].sudo().search([])
        return [
            ("aftersales_kind", "!=", False),
            ("aftersales_renewal_reminded", "=", False),
            ("aftersales_renewal_id", "=", False),
            ("date_end", ">=", today),
        ] + expression.OR(
            [
                [
                    ("company_id", "=", company.id),
                    (
                        "date_end",
                        "<=",
                        today + timedelta(days=company.aftersales_renewal_notice_days),
                    ),
                ]
                for company in companies
            ]
        )

    @api.model
    def _cron_aftersales_renewal_reminder(self, today=None, batch_size=None):
        """Remind the responsible of each agreement N days before it ends, once.
        One batch per call; the scheduler commits it and calls again while
        agreements remain (ir.cron._notify_progress)."""
        batch_size = batch_size or cron_batch_size(self.env, default=RENEWAL_BATCH)
        today = today or fields.Date.context_today(self)
        domain = self._aftersales_renewal_due_domain(today)
        due = self.search(domain, order="id", limit=batch_size)
        for agreement in due:
            agreement._aftersales_activity_schedule_auto(
                "mail.mail_activity_data_todo",
                date_deadline=agreement.date_end,
                summary=self.env._("Renew agreement %s", agreement.display_name),
                note=self.env._(
                    "Agreement %(name)s ends on %(date)s: prepare its renewal.",
                    name=agreement.display_name,
                    date=agreement.date_end,
                ),
                user_id=agreement.user_id.id or self.env.uid,
            )
        due._aftersales_action_write({"aftersales_renewal_reminded": True})
        remaining = self.search_count(domain) if len(due) == batch_size else 0
        self.env["ir.cron"]._notify_progress(done=len(due), remaining=remaining)
        return due

    def _prepare_renewal_vals(self):
        """Values of the agreement that follows this one."""
        self.ensure_one()
        if not self.date_end:
            raise UserError(
                self.env._(
                    "Agreement %s has no end date: it cannot be renewed.",
                    self.display_name,
                )
            )
        length = relativedelta(self.date_end + timedelta(days=1), self.date_start)
        start = self.date_end + timedelta(days=1)
        end = start + length - timedelta(days=1)
        return {
            "name": self.name,
            "date_start": start,
            "date_end": end,
            "aftersales_renewed_from_id": self.id,
            "aftersales_unit_ids": [
                Command.create(unit._prepare_renewal_vals())
                for unit in self.aftersales_unit_ids
            ],
            # fee lines are made when the renewal is signed; other lines
            # running to the end go on
            "contract_line_ids": [
                Command.create(line_vals)
                for line in self.contract_line_ids.filtered(
                    lambda ln: (
                        not ln.aftersales_fee_kind
                        and (ln.date_end == self.date_end or not ln.date_end)
                    )
                )
                for line_vals in [self._aftersales_renewal_line_vals(line, start, end)]
            ],
        }

    def _aftersales_renewal_visit_vals(self, new):
        """The visit plan of the last year, one period later, on ``new``."""
        self.ensure_one()
        shift = relativedelta(new.date_start, self.date_start)
        last_start = max(
            (y.date_from for y in self.aftersales_year_ids), default=self.date_start
        )
        units = dict(
            zip(self.aftersales_unit_ids, new.aftersales_unit_ids, strict=True)
        )
        vals_list = []
        for visit in self.aftersales_visit_ids.filtered(
            lambda v: v.state != "cancelled" and v.planned_date >= last_start
        ):
            day = visit.planned_date + shift
            if not (new.date_start <= day <= new.date_end):
                continue
            unit = units.get(visit.unit_id, new.aftersales_unit_ids[:0])
            vals = new._prepare_visit_vals(day, unit)
            vals.update(
                {
                    "site_partner_id": visit.site_partner_id.id
                    or vals["site_partner_id"],
                    "user_id": visit.user_id.id or vals["user_id"],
                }
            )
            vals_list.append(vals)
        return vals_list

    @api.model
    def _aftersales_renewal_line_vals(self, line, start, end):
        return {
            "name": line.name,
            "product_id": line.product_id.id,
            "quantity": line.quantity,
            "uom_id": line.uom_id.id,
            "price_unit": line.price_unit,
            "recurring_rule_type": line.recurring_rule_type,
            "recurring_interval": line.recurring_interval,
            "recurring_invoicing_type": line.recurring_invoicing_type,
            "date_start": start,
            "date_end": end,
            "recurring_next_date": start,
        }

    def action_aftersales_renew(self):
        """Create the next agreement, carrying the covered units forward."""
        self.ensure_one()
        if not self.can_aftersales_renew:
            raise UserError(
                self.env._(
                    "Agreement %s is not an active after-sales agreement or was "
                    "already renewed.",
                    self.display_name,
                )
            )
        with action_scope():
            new = self.copy(self._prepare_renewal_vals())
            self.write({"aftersales_renewal_id": new.id})
        self.env["aftersales.agreement.visit"].create(
            self._aftersales_renewal_visit_vals(new)
        )
        if new.aftersales_min_visits > 0:
            new.action_aftersales_plan_visits()
        self.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref("mail.mail_activity_data_todo")
        ).action_feedback(feedback=self.env._("Renewed by %s", new.display_name))
        return {
            "type": "ir.actions.act_window",
            "res_model": "contract.contract",
            "res_id": new.id,
            "view_mode": "form",
        }
