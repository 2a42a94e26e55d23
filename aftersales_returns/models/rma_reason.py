# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .rma_selections import (
    APPROVAL_POLICIES,
    DAMAGED_UNIT,
    INSPECTION_POLICIES,
    PACKAGE_REQUIREMENTS,
    WINDOWS,
)


class RmaReason(models.Model):
    """A return reason (退换货原因) and the policy it carries (seed 001/002).

    The seed's reasons are data; an admin adds a reason from
    After-Sales > Configuration > Return Reasons, without code.
    """

    _inherit = "rma.reason"
    _order = "sequence, id"

    sequence = fields.Integer(default=10)
    aftersales_code = fields.Char(
        string="Code",
        help="Technical key for integrations (e.g. no_reason); optional.",
    )
    aftersales_portal = fields.Boolean(
        string="Offered in the Portal",
        default=True,
        help="Customers can pick this reason when they request a return online.",
    )
    aftersales_company_fault = fields.Boolean(
        string="Company at Fault",
        help="The company is at fault: it sends logistics to collect the goods.",
    )
    aftersales_approval = fields.Selection(
        APPROVAL_POLICIES,
        string="Product Manager",
        default="none",
        required=True,
        help="Whether the product manager must approve the return before it is "
        "confirmed, is only informed, or neither.",
    )
    aftersales_evidence_kind_ids = fields.Many2many(
        "aftersales.rma.evidence.kind",
        string="Required Evidence",
        help="Evidence the customer must provide (photos, courier's statement, "
        "listing screenshot, test report...).",
    )
    aftersales_package_required = fields.Selection(
        PACKAGE_REQUIREMENTS,
        string="Package Required",
        default="any",
        required=True,
        help="State the package must be in when the return is requested.",
    )
    aftersales_window = fields.Selection(
        WINDOWS,
        string="Time Window",
        default="remedy",
        required=True,
        help="Which window (days from the invoice date, in Settings) applies. "
        "Repairs always follow the warranty.",
    )
    aftersales_fee_pct = fields.Float(
        string="Return Fee (%)",
        digits=(5, 2),
        help="Share of what the customer paid (tax included) kept as a return "
        "fee on the credit note.",
    )
    aftersales_compensation_factor = fields.Float(
        string="Compensation (x price paid)",
        digits=(5, 2),
        help="Added to the refund, in multiples of what the customer paid for "
        "the item.",
    )
    aftersales_refund_logistics = fields.Boolean(
        string="Refund Logistics Paid",
        help="The shipping the customer paid on the order is refunded too.",
    )
    aftersales_resend_once = fields.Boolean(
        string="One Free Re-send",
        help="The first claim on an order line is answered by a replacement sent "
        "at once; a second claim is refunded.",
    )
    aftersales_damaged_unit = fields.Selection(
        DAMAGED_UNIT,
        string="Damaged Unit",
        default="return",
        required=True,
        help="With a free re-send: whether the customer sends the damaged unit "
        "back or keeps it.",
    )
    # Receipt inspection (退货检测、入库)
    aftersales_inspect_invoice = fields.Boolean(
        string="Invoice Must Come Back",
        default=True,
        help="Checked at receipt: the invoice is returned.",
    )
    aftersales_inspect_package = fields.Boolean(
        string="Outer Package Must Be Intact",
        default=True,
        help="Checked at receipt: the outer package is intact.",
    )
    aftersales_inspect_accessories = fields.Boolean(
        string="Accessories and Gifts Must Be Complete",
        default=True,
        help="Checked at receipt: accessories and gifts complete.",
    )
    aftersales_inspection_policy = fields.Selection(
        INSPECTION_POLICIES,
        string="When a Receipt Check Fails",
        default="decision",
        required=True,
        help="What happens before any credit note or replacement when the "
        "inspection finds a condition not met.",
    )
    aftersales_inspection_fee_pct = fields.Float(
        string="Inspection Fee (%)",
        digits=(5, 2),
        default=10.0,
        help="With the fee policy: share of what the customer paid (tax "
        "included) kept when a receipt check fails.",
    )

    _sql_constraints = [
        (
            "aftersales_code_company_uniq",
            "unique(aftersales_code, company_id)",
            "A reason code is used once per company.",
        ),
    ]

    @api.constrains(
        "aftersales_fee_pct",
        "aftersales_inspection_fee_pct",
        "aftersales_compensation_factor",
    )
    def _check_aftersales_amounts(self):
        for reason in self:
            for fname, high in (
                ("aftersales_fee_pct", 100.0),
                ("aftersales_inspection_fee_pct", 100.0),
                ("aftersales_compensation_factor", 10.0),
            ):
                value = reason[fname]
                if not 0.0 <= value <= high:
                    raise ValidationError(
                        _(
                            "Return reason %(reason)s: %(field)s must be between 0 "
                            "and %(high)s (got %(value)s).",
                            reason=reason.display_name,
                            field=reason._fields[fname]._description_string(self.env),
                            high=high,
                            value=value,
                        )
                    )

    # ------------------------------------------------------------------
    # The seed's reasons in every company
    # ------------------------------------------------------------------
    @api.model
    def _aftersales_seed_reasons(self):
        """The reasons shipped as data (for the main company)."""
        data = (
            self.env["ir.model.data"]
            .sudo()
            .search(
                [("module", "=", "aftersales_returns"), ("model", "=", "rma.reason")]
            )
        )
        return self.sudo().browse(data.mapped("res_id")).exists()

    @api.model
    def _aftersales_create_company_reasons(self, companies):
        """Give ``companies`` a copy of the seed's reasons they do not have."""
        seeds = self._aftersales_seed_reasons()
        if not seeds:
            return self.browse()
        existing = {
            (r.company_id.id, r.aftersales_code)
            for r in self.sudo().search([("company_id", "in", companies.ids)])
        }
        created = self.browse()
        for company in companies:
            for seed in seeds:
                if (company.id, seed.aftersales_code) in existing:
                    continue
                created |= seed.with_company(company).copy(
                    {"company_id": company.id, "allowed_operation_ids": False}
                )
        return created
