# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

MAX_LINE_QUANTITY = 1000


class AftersalesOnsiteLine(models.Model):
    """A part or a service recorded on a dispatch order, priced by the fee
    schedule of the order's warranty decision: free in warranty, parts at
    cost when the user caused the fault (工本费), standard prices otherwise."""

    _name = "aftersales.onsite.line"
    _description = "On-Site Work Line"
    _order = "order_id, sequence, id"

    order_id = fields.Many2one(
        "fsm.order", string="Order", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    company_id = fields.Many2one(related="order_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="order_id.company_id.currency_id")
    product_id = fields.Many2one(
        "product.product", string="Part or Service", required=True
    )
    name = fields.Char(string="Description")
    kind = fields.Selection(
        [("part", "Part"), ("service", "Service")],
        compute="_compute_kind",
        store=True,
    )
    quantity = fields.Float(
        default=1.0, required=True, digits="Product Unit of Measure"
    )
    price_unit = fields.Monetary(
        string="Unit Price",
        compute="_compute_price",
        store=True,
        currency_field="currency_id",
        help="Set by the fee schedule of the order, never typed in.",
    )
    price_subtotal = fields.Monetary(
        string="Amount",
        compute="_compute_price",
        store=True,
        currency_field="currency_id",
    )
    swap_id = fields.Many2one(
        "aftersales.part.swap", string="Part Swap", readonly=True, copy=False
    )

    @api.model
    def _aftersales_guarded_fields(self):
        return super()._aftersales_guarded_fields() | {
            "price_unit",
            "price_subtotal",
            "swap_id",
        }

    @api.depends("product_id.type")
    def _compute_kind(self):
        for line in self:
            line.kind = "service" if line.product_id.type == "service" else "part"

    @api.depends("product_id", "quantity", "kind", "order_id.aftersales_fee_policy")
    def _compute_price(self):
        for line in self:
            policy = line.order_id.aftersales_fee_policy
            product = line.product_id.with_company(line.order_id.company_id)
            if policy == "free":
                price = 0.0
            elif policy == "cost" and line.kind == "part":
                price = product.standard_price
            else:
                price = product.lst_price
            line.price_unit = price
            line.price_subtotal = price * line.quantity

    @api.constrains("quantity")
    def _check_quantity(self):
        for line in self:
            if not 0 < line.quantity <= MAX_LINE_QUANTITY:
                raise ValidationError(
                    self.env._(
                        "Order %(order)s: the quantity of %(product)s must be "
                        "above 0 and at most %(max)s (got %(qty)s).",
                        order=line.order_id.name,
                        product=line.product_id.display_name,
                        max=MAX_LINE_QUANTITY,
                        qty=line.quantity,
                    )
                )

    def _check_order_open(self, orders):
        for order in orders:
            if order.is_closed:
                raise UserError(
                    self.env._(
                        "Order %s is closed: its repair slip cannot change.",
                        order.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        self._check_order_open(
            self.env["fsm.order"].browse({v.get("order_id") for v in vals_list})
        )
        for vals in vals_list:
            if not vals.get("name") and vals.get("product_id"):
                vals["name"] = (
                    self.env["product.product"].browse(vals["product_id"]).display_name
                )
        return super().create(vals_list)

    def write(self, vals):
        self._check_order_open(self.order_id)
        return super().write(vals)

    def unlink(self):
        self._check_order_open(self.order_id)
        return super().unlink()
