# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class AftersalesInitialStockLine(models.Model):
    """One line of a distributor's initial parts stock proposal (铺底)."""

    _name = "aftersales.initial.stock.line"
    _description = "Initial Parts Stock Proposal Line"

    contract_id = fields.Many2one(
        "contract.contract", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(
        related="contract_id.company_id", store=True, index=True
    )
    product_id = fields.Many2one(
        "product.product", string="Covered Product", required=True
    )
    sold_qty = fields.Float(string="Sold", readonly=True)
    part_id = fields.Many2one(
        "product.product",
        string="Part to Deliver",
        help="Spare part delivered for this product; empty: the product itself.",
    )
    quantity = fields.Float(string="Proposed Quantity")
