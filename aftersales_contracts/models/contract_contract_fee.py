# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import math

from odoo import api, fields, models


class ContractContract(models.Model):
    """Fees of an agreement, all invoiced through contract lines: signing fee,
    software maintenance, service days, travel, late-payment surcharge."""

    _inherit = "contract.contract"

    # Fees
    aftersales_signing_fee = fields.Monetary(
        string="Fee Paid at Signing", currency_field="currency_id"
    )
    aftersales_software_price = fields.Monetary(
        string="Software Price", currency_field="currency_id"
    )
    aftersales_software_edition = fields.Selection(
        [("single", "Single-user"), ("network", "Network")],
        string="Software Edition",
        default="single",
    )
    aftersales_software_fee = fields.Monetary(
        string="Yearly Maintenance Fee",
        compute="_compute_aftersales_software_fee",
        currency_field="currency_id",
    )
    aftersales_day_rate = fields.Monetary(
        string="Hardware Service per Day", currency_field="currency_id"
    )
    aftersales_travel_fee = fields.Monetary(
        string="Travel Fee (outside the city)", currency_field="currency_id"
    )

    @api.depends(
        "aftersales_software_price", "aftersales_software_edition", "company_id"
    )
    def _compute_aftersales_software_fee(self):
        for rec in self:
            company = rec.company_id or self.env.company
            pct = (
                company.aftersales_software_fee_network_pct
                if rec.aftersales_software_edition == "network"
                else company.aftersales_software_fee_single_pct
            )
            rec.aftersales_software_fee = rec.aftersales_software_price * pct / 100.0

    @api.model
    def _aftersales_service_days(self, start, end):
        """Days billed for hardware service: a part day counts as a whole day."""
        if not start or not end or end <= start:
            return 0
        seconds = (end - start).total_seconds()
        return int(math.ceil(round(seconds / 86400.0, 6)))

    def _prepare_aftersales_line_vals(
        self, product, price, quantity=1.0, date=None, name=None, recurring=False
    ):
        """A contract line for an after-sales fee.

        ``recurring`` lines run yearly over the agreement's period; the others
        are invoiced once, on ``date``.
        """
        self.ensure_one()
        date = date or fields.Date.context_today(self)
        vals = {
            "contract_id": self.id,
            "product_id": product.id,
            "name": name or product.display_name,
            "quantity": quantity,
            "uom_id": product.uom_id.id,
            "price_unit": price,
            "recurring_invoicing_type": "pre-paid",
        }
        if recurring:
            vals.update(
                {
                    "recurring_rule_type": "yearly",
                    "recurring_interval": 1,
                    "date_start": self.date_start,
                    "date_end": self.date_end,
                    "recurring_next_date": self.date_start,
                }
            )
        else:
            vals.update(
                {
                    "recurring_rule_type": "monthly",
                    "recurring_interval": 1,
                    "date_start": date,
                    "date_end": date,
                    "recurring_next_date": date,
                }
            )
        return vals

    def _aftersales_add_line(self, *args, **kwargs):
        return self.env["contract.line"].create(
            self._prepare_aftersales_line_vals(*args, **kwargs)
        )

    def action_aftersales_create_fee_lines(self):
        """Contract lines for the signing fee and the yearly software fee."""
        lines = self.env["contract.line"]
        for rec in self:
            rec.line_recurrence = True
            existing = rec.contract_line_ids.mapped("product_id")
            signing = self.env.ref("aftersales_contracts.product_fee_signing")
            if rec.aftersales_signing_fee and signing not in existing:
                lines |= rec._aftersales_add_line(
                    signing, rec.aftersales_signing_fee, date=rec.date_start
                )
            software = self.env.ref("aftersales_contracts.product_fee_software")
            if rec.aftersales_software_fee and software not in existing:
                lines |= rec._aftersales_add_line(
                    software, rec.aftersales_software_fee, recurring=True
                )
        return lines

    def _aftersales_add_service_day(self, start, end, unit=None):
        """Bill a hardware service intervention (+ travel outside the city)."""
        self.ensure_one()
        self.line_recurrence = True
        days = self._aftersales_service_days(start, end)
        lines = self.env["contract.line"]
        date = fields.Date.context_today(self, end)
        if days:
            lines |= self._aftersales_add_line(
                self.env.ref("aftersales_contracts.product_fee_service_day"),
                self.aftersales_day_rate,
                quantity=days,
                date=date,
            )
        if unit and unit.zone != "city" and self.aftersales_travel_fee:
            lines |= self._aftersales_add_line(
                self.env.ref("aftersales_contracts.product_fee_travel"),
                self.aftersales_travel_fee,
                date=date,
            )
        return lines

    # Late payment surcharge --------------------------------------------
    def _aftersales_overdue_invoices(self, on_date):
        return self._get_related_invoices().filtered(
            lambda m: (
                m.move_type == "out_invoice"
                and m.state == "posted"
                and m.payment_state in ("not_paid", "partial")
                and m.invoice_date_due
                and m.invoice_date_due < on_date
            )
        )

    def _aftersales_late_surcharge(self, on_date=None):
        """Amount of surcharge not yet charged, per overdue invoice."""
        self.ensure_one()
        on_date = on_date or fields.Date.context_today(self)
        pct = self.company_id.aftersales_late_fee_per_day_pct
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
            if amount:
                result[move] = (days, amount)
        return result

    def action_aftersales_late_surcharge(self, on_date=None):
        """Add one contract line with the surcharge due, charging each day once."""
        on_date = on_date or fields.Date.context_today(self)
        product = self.env.ref("aftersales_contracts.product_fee_late_payment")
        lines = self.env["contract.line"]
        for rec in self.filtered("aftersales_kind"):
            surcharge = rec._aftersales_late_surcharge(on_date)
            if not surcharge:
                continue
            rec.line_recurrence = True
            total = sum(amount for _days, amount in surcharge.values())
            name = self.env._(
                "Late payment surcharge until %(date)s (%(invoices)s)",
                date=on_date,
                invoices=", ".join(m.name for m in surcharge),
            )
            lines |= rec._aftersales_add_line(product, total, date=on_date, name=name)
            for move in surcharge:
                move.aftersales_surcharged_until = on_date
        return lines

    @api.model
    def _cron_aftersales_late_surcharge(self, today=None):
        agreements = self.search([("aftersales_kind", "!=", False)])
        return agreements.action_aftersales_late_surcharge(today)
