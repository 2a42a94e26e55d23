# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.aftersales_service.tools import action_scope, cron_batch_size

from .contract_contract_fee import MAX_AMOUNT

SETTLEMENT_BATCH = 200


class ContractContract(models.Model):
    """What the maker pays its distributor (seed 000, 第五条): a flat fee per
    unit repaired in warranty, a flat fee per on-site visit, and the repair
    fund of N% of the year's settled sales of the agreement's product line.

    Each month is settled once (``aftersales.agreement.settlement``), as a
    draft vendor bill; the repair fund of the year comes with December.
    """

    _inherit = "contract.contract"

    aftersales_repair_unit_fee = fields.Monetary(
        string="Fee per In-Warranty Repair",
        currency_field="currency_id",
        tracking=True,
        help="Paid to the distributor per unit repaired in warranty, whatever "
        "the repair.",
    )
    aftersales_visit_fee = fields.Monetary(
        string="Fee per On-Site Visit",
        currency_field="currency_id",
        tracking=True,
        help="Paid to the distributor per on-site visit, whatever the distance.",
    )
    aftersales_repair_fund_pct = fields.Float(
        string="Repair Fund (%)",
        default=lambda self: self.env.company.aftersales_repair_fund_pct,
        tracking=True,
        help="Share of the year's settled sales of the product line returned to "
        "the distributor as repair fund.",
    )
    aftersales_product_line_ids = fields.Many2many(
        "product.category",
        "contract_aftersales_product_line_rel",
        "contract_id",
        "categ_id",
        string="Product Line",
        help="Product categories the agreement covers (e.g. water heaters and "
        "range hoods): the repair fund counts their sales, and the initial "
        "parts stock their sales of the last months.",
    )
    aftersales_settlement_ids = fields.One2many(
        "aftersales.agreement.settlement", "contract_id", string="Settlements"
    )
    aftersales_settlement_count = fields.Integer(
        compute="_compute_aftersales_settlement_count"
    )

    @api.model
    def _aftersales_signed_terms(self):
        return super()._aftersales_signed_terms() | {
            "aftersales_repair_unit_fee",
            "aftersales_visit_fee",
            "aftersales_repair_fund_pct",
            "aftersales_product_line_ids",
        }

    @api.model
    def _aftersales_money_fields(self):
        return super()._aftersales_money_fields() + [
            "aftersales_repair_unit_fee",
            "aftersales_visit_fee",
        ]

    @api.constrains(
        "aftersales_repair_unit_fee",
        "aftersales_visit_fee",
        "aftersales_repair_fund_pct",
    )
    def _check_aftersales_settlement_terms(self):
        for rec in self:
            for fname in ("aftersales_repair_unit_fee", "aftersales_visit_fee"):
                if not 0 <= rec[fname] <= MAX_AMOUNT:
                    raise ValidationError(
                        rec.env._(
                            "Agreement %(agreement)s: %(field)s must be between 0 "
                            "and %(max)s.",
                            agreement=rec.display_name,
                            field=rec._fields[fname]._description_string(rec.env),
                            max=MAX_AMOUNT,
                        )
                    )
            if not 0 <= rec.aftersales_repair_fund_pct <= 100:
                raise ValidationError(
                    rec.env._(
                        "Agreement %s: the repair fund must be between 0 and 100 %%.",
                        rec.display_name,
                    )
                )

    def _compute_aftersales_settlement_count(self):
        data = dict(
            self.env["aftersales.agreement.settlement"]._read_group(
                [("contract_id", "in", self.ids)], ["contract_id"], ["__count"]
            )
        )
        for rec in self:
            rec.aftersales_settlement_count = data.get(rec, 0)

    # ------------------------------------------------------------------
    # What a month counts
    # ------------------------------------------------------------------
    def _aftersales_settlement_repairs(self, month_start):
        """Repairs of the month to pay: done, under warranty, of this
        distributor agreement, not settled yet."""
        month_end = month_start + relativedelta(months=1)
        # read as superuser: the manager settling may have no repair rights
        return (
            self.env["repair.order"]
            .sudo()
            .search(
                [
                    ("aftersales_agreement_id", "in", self.ids),
                    ("state", "=", "done"),
                    ("under_warranty", "=", True),
                    ("aftersales_settlement_id", "=", False),
                    ("aftersales_closed_date", ">=", month_start),
                    ("aftersales_closed_date", "<", month_end),
                ]
            )
        )

    def _aftersales_settlement_visits(self, month_start):
        """Number of on-site visits of this distributor agreement completed in
        the month (paid per visit): its preventive visits done that month.
        On-site service (dispatch orders) adds its own by extending this."""
        self.ensure_one()
        month_end = month_start + relativedelta(months=1)
        return self.env["aftersales.agreement.visit"].search_count(
            [
                ("contract_id", "=", self.id),
                ("state", "=", "done"),
                ("date_done", ">=", month_start),
                ("date_done", "<", month_end),
            ]
        )

    def _aftersales_repair_fund_sales(self, year):
        """Settled (posted) sales of the agreement's product line to the
        distributor in a year, net of credit notes, in company currency."""
        self.ensure_one()
        if not self.aftersales_product_line_ids:
            return 0.0
        data = (
            self.env["account.move.line"]
            .sudo()
            ._read_group(
                [
                    ("move_id.move_type", "in", ("out_invoice", "out_refund")),
                    ("parent_state", "=", "posted"),
                    ("display_type", "=", "product"),
                    (
                        "move_id.commercial_partner_id",
                        "=",
                        self.partner_id.commercial_partner_id.id,
                    ),
                    ("company_id", "=", self.company_id.id),
                    (
                        "move_id.invoice_date",
                        ">=",
                        fields.Date.to_date(f"{year}-01-01"),
                    ),
                    (
                        "move_id.invoice_date",
                        "<=",
                        fields.Date.to_date(f"{year}-12-31"),
                    ),
                    (
                        "product_id.categ_id",
                        "child_of",
                        self.aftersales_product_line_ids.ids,
                    ),
                ],
                [],
                ["balance:sum"],
            )
        )
        return -(data[0][0] or 0.0)

    def _aftersales_repair_fund_amount(self, year, sales=None):
        """N% of the year's settled sales of the agreement's product line
        (``sales``: those sales, when the caller already has them)."""
        self.ensure_one()
        if sales is None:
            sales = self._aftersales_repair_fund_sales(year)
        return self.company_id.currency_id.round(
            sales * self.aftersales_repair_fund_pct / 100.0
        )

    # ------------------------------------------------------------------
    # Settling a month
    # ------------------------------------------------------------------
    @api.model
    def _aftersales_last_month(self):
        return fields.Date.context_today(self).replace(day=1) - relativedelta(months=1)

    def action_aftersales_settlement_bill(self, month_start=None):
        """Settle a month (default: last month) of these distributor agreements:
        one settlement each, with a draft vendor bill when something is due.
        After-sales managers; accounting posts the bill."""
        self._aftersales_check_manager_or_trusted(self.env._("settle"))
        month_start = fields.Date.to_date(month_start) or self._aftersales_last_month()
        month_start = month_start.replace(day=1)
        settlements = self.env["aftersales.agreement.settlement"]
        for rec in self.filtered(lambda c: c.aftersales_kind == "distributor"):
            if rec.aftersales_settlement_ids.filtered(lambda s: s.month == month_start):
                continue
            settlements |= rec._aftersales_settle(month_start)
        return settlements.bill_id

    def _aftersales_settle(self, month_start):
        self.ensure_one()
        repairs = self._aftersales_settlement_repairs(month_start)
        visits = self._aftersales_settlement_visits(month_start)
        vals = {
            "contract_id": self.id,
            "month": month_start,
            "repair_count": len(repairs),
            "repair_unit_fee": self.aftersales_repair_unit_fee,
            "visit_count": visits,
            "visit_unit_fee": self.aftersales_visit_fee,
        }
        if month_start.month == 12:
            sales = self._aftersales_repair_fund_sales(month_start.year)
            vals.update(
                {
                    "fund_sales": sales,
                    "fund_pct": self.aftersales_repair_fund_pct,
                    "fund_amount": self._aftersales_repair_fund_amount(
                        month_start.year, sales
                    ),
                }
            )
        Settlement = self.env["aftersales.agreement.settlement"]
        with action_scope():
            settlement = Settlement.create(vals)
            repairs.write({"aftersales_settlement_id": settlement.id})
            bill_vals = settlement._prepare_bill_vals()
            if bill_vals["invoice_line_ids"]:
                bill = self._aftersales_create_draft_moves([bill_vals], ("in_invoice",))
                settlement.write({"bill_id": bill.id})
        return settlement

    def action_aftersales_view_settlements(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "aftersales_contracts.action_aftersales_agreement_settlement"
        )
        action["domain"] = [("contract_id", "=", self.id)]
        action["context"] = {"default_contract_id": self.id}
        return action

    @api.model
    def _cron_aftersales_settlement(self, month_start=None, batch_size=None):
        """Settle last month, one batch of distributor agreements per call; the
        scheduler commits and calls again while agreements remain."""
        batch_size = batch_size or cron_batch_size(self.env, default=SETTLEMENT_BATCH)
        month_start = fields.Date.to_date(month_start) or self._aftersales_last_month()
        month_end = month_start + relativedelta(months=1, days=-1)
        settled = self.env["aftersales.agreement.settlement"]._search(
            [("month", "=", month_start)]
        )
        domain = [
            ("aftersales_kind", "=", "distributor"),
            ("date_start", "<=", month_end),
            "|",
            ("date_end", "=", False),
            ("date_end", ">=", month_start),
            ("id", "not in", settled.subselect("contract_id")),
        ]
        agreements = self.search(domain, limit=batch_size, order="id")
        bills = agreements.action_aftersales_settlement_bill(month_start)
        self.env["ir.cron"]._notify_progress(
            done=len(agreements), remaining=self.search_count(domain)
        )
        return bills
