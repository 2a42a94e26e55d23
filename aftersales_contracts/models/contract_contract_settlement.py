# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models


class ContractContract(models.Model):
    """Monthly settlement of a distributor's repairs and visits, and the
    yearly repair fund, as a draft vendor bill."""

    _inherit = "contract.contract"

    aftersales_repair_unit_fee = fields.Monetary(
        string="Fee per In-Warranty Repair", currency_field="currency_id"
    )
    aftersales_visit_fee = fields.Monetary(
        string="Fee per On-Site Visit", currency_field="currency_id"
    )
    aftersales_repair_fund_pct = fields.Float(
        string="Repair Fund (%)",
        default=lambda self: self.env.company.aftersales_repair_fund_pct,
    )

    def _aftersales_settlement_repairs(self, month_start):
        month_end = month_start + relativedelta(months=1)
        return self.env["repair.order"].search(
            [
                ("aftersales_agreement_id", "in", self.ids),
                ("state", "=", "done"),
                ("aftersales_settlement_bill_id", "=", False),
                ("aftersales_closed_date", ">=", month_start),
                ("aftersales_closed_date", "<", month_end),
            ]
        )

    def _aftersales_repair_fund_amount(self, year):
        """N% of the distributor's settled (posted) sales invoices of a year."""
        self.ensure_one()
        data = self.env["account.move"]._read_group(
            [
                ("move_type", "in", ("out_invoice", "out_refund")),
                ("state", "=", "posted"),
                (
                    "commercial_partner_id",
                    "=",
                    self.partner_id.commercial_partner_id.id,
                ),
                ("invoice_date", ">=", fields.Date.to_date(f"{year}-01-01")),
                ("invoice_date", "<=", fields.Date.to_date(f"{year}-12-31")),
                ("company_id", "=", self.company_id.id),
            ],
            [],
            ["amount_untaxed_signed:sum"],
        )
        sales = data[0][0] or 0.0
        return self.currency_id.round(sales * self.aftersales_repair_fund_pct / 100.0)

    def action_aftersales_settlement_bill(self, month_start=None):
        """Draft vendor bill per distributor from its closed repairs of a month."""
        if not month_start:
            month_start = fields.Date.context_today(self).replace(
                day=1
            ) - relativedelta(months=1)
        bills = self.env["account.move"]
        for rec in self.filtered(lambda c: c.aftersales_kind == "distributor"):
            repairs = rec._aftersales_settlement_repairs(month_start)
            in_warranty = repairs.filtered("under_warranty")
            onsite = repairs.filtered("aftersales_onsite")
            lines = []
            if in_warranty and rec.aftersales_repair_unit_fee:
                lines.append(
                    Command.create(
                        {
                            "name": self.env._(
                                "In-warranty repairs %s", month_start.strftime("%Y-%m")
                            ),
                            "quantity": len(in_warranty),
                            "price_unit": rec.aftersales_repair_unit_fee,
                        }
                    )
                )
            if onsite and rec.aftersales_visit_fee:
                lines.append(
                    Command.create(
                        {
                            "name": self.env._(
                                "On-site visits %s", month_start.strftime("%Y-%m")
                            ),
                            "quantity": len(onsite),
                            "price_unit": rec.aftersales_visit_fee,
                        }
                    )
                )
            if month_start.month == 12:
                fund = rec._aftersales_repair_fund_amount(month_start.year)
                if fund:
                    lines.append(
                        Command.create(
                            {
                                "name": self.env._("Repair fund %s", month_start.year),
                                "quantity": 1,
                                "price_unit": fund,
                            }
                        )
                    )
            if not lines:
                continue
            bill = self.env["account.move"].create(
                {
                    "move_type": "in_invoice",
                    "partner_id": rec.partner_id.id,
                    "company_id": rec.company_id.id,
                    "invoice_date": month_start + relativedelta(months=1, days=-1),
                    "ref": self.env._(
                        "Service settlement %(agreement)s %(month)s",
                        agreement=rec.display_name,
                        month=month_start.strftime("%Y-%m"),
                    ),
                    "invoice_line_ids": lines,
                }
            )
            repairs.write({"aftersales_settlement_bill_id": bill.id})
            bills |= bill
        return bills

    @api.model
    def _cron_aftersales_settlement(self):
        return self.search(
            [("aftersales_kind", "=", "distributor")]
        ).action_aftersales_settlement_bill()
