# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.tools.misc import format_date


class AftersalesAgreementSettlement(models.Model):
    """One month of a distributor agreement, settled once: the in-warranty
    repairs done, the on-site visits made, the repair fund of the year (with
    December), and the draft vendor bill that pays them."""

    _name = "aftersales.agreement.settlement"
    _description = "Distributor Settlement"
    _inherit = ["mail.thread"]
    _order = "month desc, id desc"

    name = fields.Char(compute="_compute_name", store=True)
    contract_id = fields.Many2one(
        "contract.contract",
        string="Agreement",
        required=True,
        index=True,
        ondelete="restrict",
        readonly=True,
    )
    company_id = fields.Many2one(
        related="contract_id.company_id", store=True, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    partner_id = fields.Many2one(
        related="contract_id.partner_id", store=True, index=True, string="Distributor"
    )
    month = fields.Date(required=True, index=True, readonly=True)
    repair_ids = fields.One2many(
        "repair.order", "aftersales_settlement_id", string="Repairs", readonly=True
    )
    repair_count = fields.Integer(string="In-Warranty Repairs", readonly=True)
    repair_unit_fee = fields.Monetary(string="Fee per Repair", readonly=True)
    visit_count = fields.Integer(string="On-Site Visits", readonly=True)
    visit_unit_fee = fields.Monetary(string="Fee per Visit", readonly=True)
    fund_sales = fields.Monetary(string="Settled Sales of the Year", readonly=True)
    fund_pct = fields.Float(string="Repair Fund (%)", readonly=True)
    fund_amount = fields.Monetary(string="Repair Fund", readonly=True)
    amount_total = fields.Monetary(
        string="Total", compute="_compute_amount_total", store=True
    )
    bill_id = fields.Many2one(
        "account.move", string="Vendor Bill", readonly=True, copy=False, index=True
    )
    bill_state = fields.Selection(related="bill_id.state", string="Bill Status")

    _sql_constraints = [
        (
            "contract_month_unique",
            "UNIQUE(contract_id, month)",
            "A distributor agreement is settled once per month.",
        )
    ]

    @api.model
    def _aftersales_guarded_fields(self):
        return super()._aftersales_guarded_fields() | {
            "contract_id",
            "month",
            "repair_ids",
            "repair_count",
            "repair_unit_fee",
            "visit_count",
            "visit_unit_fee",
            "fund_sales",
            "fund_pct",
            "fund_amount",
            "bill_id",
        }

    @api.depends("contract_id", "month")
    def _compute_name(self):
        for rec in self:
            month = rec.month.strftime("%Y-%m") if rec.month else ""
            rec.name = f"{rec.contract_id.display_name or ''} {month}"

    @api.depends(
        "repair_count",
        "repair_unit_fee",
        "visit_count",
        "visit_unit_fee",
        "fund_amount",
    )
    def _compute_amount_total(self):
        for rec in self:
            rec.amount_total = (
                rec.repair_count * rec.repair_unit_fee
                + rec.visit_count * rec.visit_unit_fee
                + rec.fund_amount
            )

    def unlink(self):  # pylint: disable=method-required-super
        # no super() by design: a settlement is never deleted, only reversed
        self.check_access("unlink")
        raise UserError(
            self.env._(
                "Settlements %s paid a distributor: they are not deleted; reverse "
                "the vendor bill instead.",
                ", ".join(self.mapped("name")),
            )
        )

    def _prepare_bill_vals(self):
        """The draft vendor bill of the month (no line when nothing is due)."""
        self.ensure_one()
        month = self.month.strftime("%Y-%m")
        lines = []
        if self.repair_count and self.repair_unit_fee:
            lines.append(
                Command.create(
                    {
                        "name": self.env._("In-warranty repairs %s", month),
                        "quantity": self.repair_count,
                        "price_unit": self.repair_unit_fee,
                    }
                )
            )
        if self.visit_count and self.visit_unit_fee:
            lines.append(
                Command.create(
                    {
                        "name": self.env._("On-site visits %s", month),
                        "quantity": self.visit_count,
                        "price_unit": self.visit_unit_fee,
                    }
                )
            )
        if self.fund_amount:
            lines.append(
                Command.create(
                    {
                        "name": self.env._(
                            "Repair fund %(year)s: %(pct)s %% of %(sales)s",
                            year=self.month.year,
                            pct=self.fund_pct,
                            sales=self.currency_id.format(self.fund_sales),
                        ),
                        "quantity": 1,
                        "price_unit": self.fund_amount,
                    }
                )
            )
        contract = self.contract_id
        return {
            "move_type": "in_invoice",
            "partner_id": contract.partner_id.id,
            "company_id": contract.company_id.id,
            "invoice_date": self.month + relativedelta(months=1, days=-1),
            "ref": self.env._(
                "Service settlement %(agreement)s %(month)s",
                agreement=contract.display_name,
                month=month,
            ),
            "invoice_line_ids": lines,
        }

    def action_view_bill(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.move",
            "res_id": self.bill_id.id,
            "view_mode": "form",
        }

    def _compute_display_name(self):
        for rec in self:
            rec.display_name = rec.name or format_date(self.env, rec.month)
