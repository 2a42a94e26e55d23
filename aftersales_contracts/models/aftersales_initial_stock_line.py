# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class AftersalesInitialStockLine(models.Model):
    """One line of a distributor's initial parts stock proposal (铺底): N% of
    its M months' sales of a product, rounded up. The quantity delivered may be
    lowered, never raised above the proposal; once delivered, the line is
    history."""

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
    proposed_qty = fields.Float(
        string="Proposed",
        readonly=True,
        help="N% of the distributor's sales of the product over M months, "
        "rounded up to a whole part.",
    )
    part_id = fields.Many2one(
        "product.product",
        string="Part to Deliver",
        help="Spare part delivered for this product; empty: the product itself.",
    )
    quantity = fields.Float(string="Quantity to Deliver")

    @api.model
    def _aftersales_guarded_fields(self):
        return super()._aftersales_guarded_fields() | {"sold_qty", "proposed_qty"}

    @api.constrains("quantity", "proposed_qty")
    def _check_quantity(self):
        for line in self:
            if not 0 <= line.quantity <= line.proposed_qty:
                raise ValidationError(
                    self.env._(
                        "Initial stock of %(agreement)s, %(product)s: %(qty)s is "
                        "not between 0 and the %(proposed)s proposed.",
                        agreement=line.contract_id.display_name,
                        product=line.product_id.display_name,
                        qty=line.quantity,
                        proposed=line.proposed_qty,
                    )
                )

    @api.constrains("part_id", "product_id")
    def _check_part_policy(self):
        for line in self:
            part = line.part_id or line.product_id
            if part._aftersales_get_part_policy() == "must_buy":
                raise ValidationError(
                    self.env._(
                        "Initial stock of %(agreement)s: %(part)s must be bought, it "
                        "is not stocked in advance.",
                        agreement=line.contract_id.display_name,
                        part=part.display_name,
                    )
                )

    def _check_not_delivered(self):
        for line in self:
            if line.contract_id.aftersales_initial_picking_id:
                raise UserError(
                    self.env._(
                        "The initial stock of %s was delivered: from now on parts "
                        "go out only against old ones.",
                        line.contract_id.display_name,
                    )
                )

    def write(self, vals):
        self._check_not_delivered()
        return super().write(vals)

    def unlink(self):
        self._check_not_delivered()
        return super().unlink()
