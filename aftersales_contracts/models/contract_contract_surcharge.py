# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.aftersales_service.tools import action_scope, cron_batch_size

SURCHARGE_BATCH = 200


class ContractContract(models.Model):
    """Late payment surcharge (滞纳金) of customer agreements.

    Seed 000 (equipment maintenance): 「甲方逾期未付清乙方款项的，须每日向乙方
    交纳逾期部分2的滞纳金」. The figure "2" is read as 千分之二 (2 per thousand)
    of the overdue part per day, i.e. 0.2 % per day: the company default in
    Settings, per agreement here. Each overdue day is charged once: a run
    charges the days since the last one, as a contract line of the next
    invoice.
    """

    _inherit = "contract.contract"

    aftersales_late_fee_pct = fields.Float(
        string="Late Payment Surcharge (% per day)",
        digits=(16, 4),
        default=lambda self: self.env.company.aftersales_late_fee_per_day_pct,
        tracking=True,
        help="Surcharge per day on the overdue part of an invoice of this "
        "agreement: the template's figure 2 is read as 2 per thousand per day, "
        "0.2 %.",
    )
    aftersales_surcharge_checked_on = fields.Date(copy=False, readonly=True)

    @api.model
    def _aftersales_guarded_fields(self):
        return super()._aftersales_guarded_fields() | {
            "aftersales_surcharge_checked_on"
        }

    @api.model
    def _aftersales_signed_terms(self):
        return super()._aftersales_signed_terms() | {"aftersales_late_fee_pct"}

    @api.constrains("aftersales_late_fee_pct")
    def _check_aftersales_late_fee_pct(self):
        for rec in self:
            if not 0 <= rec.aftersales_late_fee_pct <= 10:
                raise ValidationError(
                    rec.env._(
                        "Agreement %s: the late payment surcharge must be between 0 "
                        "and 10 %% per day.",
                        rec.display_name,
                    )
                )

    def _aftersales_surcharge_applies(self):
        """Customers pay the surcharge; distributors are paid by settlement."""
        return self.filtered(
            lambda c: (
                c.aftersales_kind in ("equipment", "software")
                and c.aftersales_late_fee_pct > 0
            )
        )

    def _aftersales_overdue_invoices(self, on_date):
        return (
            self.sudo()
            ._get_related_invoices()
            .filtered(
                lambda m: (
                    m.move_type == "out_invoice"
                    and m.state == "posted"
                    and m.payment_state in ("not_paid", "partial")
                    and m.invoice_date_due
                    and m.invoice_date_due < on_date
                )
            )
        )

    def _aftersales_late_surcharge(self, on_date=None):
        """Surcharge not yet charged, per overdue invoice: {move: (days, amount)}."""
        self.ensure_one()
        on_date = on_date or fields.Date.context_today(self)
        pct = self.aftersales_late_fee_pct
        result = {}
        for move in self._aftersales_overdue_invoices(on_date):
            since = max(
                move.invoice_date_due,
                move.aftersales_surcharged_until or move.invoice_date_due,
            )
            days = (on_date - since).days
            if days <= 0:
                continue
            amount = move.currency_id.round(move.amount_residual * pct / 100.0 * days)
            if amount > 0:
                result[move] = (days, amount)
        return result

    def action_aftersales_late_surcharge(self, on_date=None):
        """Add one contract line with the surcharge due, charging each day once
        (after-sales managers and the monthly run)."""
        self._aftersales_check_manager_or_trusted(
            self.env._("compute the late payment surcharge of")
        )
        return self._aftersales_late_surcharge_lines(on_date)

    def _aftersales_late_surcharge_lines(self, on_date=None):
        on_date = on_date or fields.Date.context_today(self)
        product = self.env.ref("aftersales_contracts.product_fee_late_payment")
        lines = self.env["contract.line"]
        for rec in self._aftersales_surcharge_applies():
            surcharge = rec._aftersales_late_surcharge(on_date)
            if not surcharge:
                continue
            total = sum(amount for _days, amount in surcharge.values())
            name = self.env._(
                "Late payment surcharge until %(date)s (%(invoices)s)",
                date=on_date,
                invoices=", ".join(m.name for m in surcharge),
            )
            lines |= rec._aftersales_add_line(
                product, total, date=on_date, name=name, fee_kind="late_payment"
            )
            with action_scope():
                self.env["account.move"].sudo().browse([m.id for m in surcharge]).write(
                    {"aftersales_surcharged_until": on_date}
                )
        return lines

    @api.model
    def _cron_aftersales_late_surcharge(self, today=None, batch_size=None):
        """One batch of customer agreements per call, each checked once a day;
        the scheduler commits and calls again while agreements remain."""
        batch_size = batch_size or cron_batch_size(self.env, default=SURCHARGE_BATCH)
        today = today or fields.Date.context_today(self)
        domain = [
            ("aftersales_kind", "in", ("equipment", "software")),
            "|",
            ("aftersales_surcharge_checked_on", "=", False),
            ("aftersales_surcharge_checked_on", "<", today),
        ]
        agreements = self.search(domain, limit=batch_size, order="id")
        lines = agreements._aftersales_late_surcharge_lines(today)
        with action_scope():
            agreements.write({"aftersales_surcharge_checked_on": today})
        self.env["ir.cron"]._notify_progress(
            done=len(agreements), remaining=self.search_count(domain)
        )
        return lines
