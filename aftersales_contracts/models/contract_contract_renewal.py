# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models
from odoo.exceptions import UserError


class ContractContract(models.Model):
    """Renewal of an agreement one month ahead, carrying its units forward."""

    _inherit = "contract.contract"

    aftersales_renewal_reminded = fields.Boolean(copy=False, readonly=True)
    aftersales_renewed_from_id = fields.Many2one(
        "contract.contract", string="Renewal Of", copy=False, readonly=True
    )
    aftersales_renewal_id = fields.Many2one(
        "contract.contract", string="Renewed By", copy=False, readonly=True
    )
    can_aftersales_renew = fields.Boolean(compute="_compute_can_aftersales_renew")

    @api.depends("aftersales_kind", "aftersales_renewal_id", "active")
    def _compute_can_aftersales_renew(self):
        for rec in self:
            rec.can_aftersales_renew = bool(
                rec.aftersales_kind and not rec.aftersales_renewal_id and rec.active
            )

    @api.model
    def _cron_aftersales_renewal_reminder(self, today=None):
        """Remind the responsible of each agreement N days before it ends, once."""
        today = today or fields.Date.context_today(self)
        agreements = self.search(
            [
                ("aftersales_kind", "!=", False),
                ("aftersales_renewal_reminded", "=", False),
                ("aftersales_renewal_id", "=", False),
                ("date_end", ">=", today),
            ]
        )
        due = agreements.filtered(
            lambda c: (
                c.date_end - timedelta(days=c.company_id.aftersales_renewal_notice_days)
                <= today
            )
        )
        for agreement in due:
            agreement.activity_schedule(
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
        due.write({"aftersales_renewal_reminded": True})
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
            "contract_line_ids": [
                Command.create(line_vals)
                for line in self.contract_line_ids.filtered(
                    lambda ln: ln.date_end == self.date_end or not ln.date_end
                )
                for line_vals in [self._aftersales_renewal_line_vals(line, start, end)]
            ],
        }

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
        new = self.copy(self._prepare_renewal_vals())
        self.aftersales_renewal_id = new
        self.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref("mail.mail_activity_data_todo")
        ).action_feedback(feedback=self.env._("Renewed by %s", new.display_name))
        return {
            "type": "ir.actions.act_window",
            "res_model": "contract.contract",
            "res_id": new.id,
            "view_mode": "form",
        }
