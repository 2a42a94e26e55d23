# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import math

from dateutil.relativedelta import relativedelta

from odoo import Command, fields, models
from odoo.exceptions import UserError


class ContractContract(models.Model):
    """Initial parts stock (铺底): N% of M months' sales, issued as a delivery."""

    _inherit = "contract.contract"

    aftersales_initial_stock_pct = fields.Float(
        string="Initial Stock (% of sales)",
        default=lambda self: self.env.company.aftersales_initial_stock_pct,
    )
    aftersales_initial_stock_months = fields.Integer(
        string="Initial Stock Sales Months",
        default=lambda self: self.env.company.aftersales_initial_stock_months,
    )
    aftersales_initial_stock_ids = fields.One2many(
        "aftersales.initial.stock.line", "contract_id", string="Initial Stock"
    )
    aftersales_initial_picking_id = fields.Many2one(
        "stock.picking", string="Initial Stock Delivery", copy=False, readonly=True
    )

    def action_aftersales_propose_initial_stock(self):
        """Propose N% of the distributor's M months' sales of covered products."""
        for rec in self:
            products = rec.aftersales_unit_ids.mapped("product_id")
            if not products:
                raise UserError(
                    rec.env._(
                        "Agreement %s covers no product: add covered units first.",
                        rec.display_name,
                    )
                )
            since = fields.Date.context_today(rec) - relativedelta(
                months=rec.aftersales_initial_stock_months
            )
            sold = dict(
                self.env["sale.order.line"]._read_group(
                    [
                        (
                            "order_id.partner_id",
                            "child_of",
                            rec.partner_id.commercial_partner_id.id,
                        ),
                        ("state", "=", "sale"),
                        (
                            "order_id.date_order",
                            ">=",
                            fields.Datetime.to_datetime(since),
                        ),
                        ("product_id", "in", products.ids),
                    ],
                    ["product_id"],
                    ["product_uom_qty:sum"],
                )
            )
            rec.aftersales_initial_stock_ids.unlink()
            self.env["aftersales.initial.stock.line"].create(
                [
                    {
                        "contract_id": rec.id,
                        "product_id": product.id,
                        "sold_qty": sold.get(product, 0.0),
                        "quantity": math.ceil(
                            round(
                                sold.get(product, 0.0)
                                * rec.aftersales_initial_stock_pct
                                / 100.0,
                                6,
                            )
                        ),
                    }
                    for product in products
                ]
            )
        return True

    def action_aftersales_initial_stock_delivery(self):
        """Turn the initial stock proposal into a delivery to the distributor."""
        self.ensure_one()
        lines = self.aftersales_initial_stock_ids.filtered(lambda ln: ln.quantity > 0)
        if not lines:
            raise UserError(
                self.env._(
                    "Agreement %s has no initial stock to deliver.", self.display_name
                )
            )
        if self.aftersales_initial_picking_id:
            raise UserError(
                self.env._(
                    "The initial stock of agreement %s was already delivered.",
                    self.display_name,
                )
            )
        warehouse = self.env["stock.warehouse"].search(
            [("company_id", "=", self.company_id.id)], limit=1
        )
        picking_type = warehouse.out_type_id
        dest = self.partner_id.property_stock_customer
        picking = self.env["stock.picking"].create(
            {
                "partner_id": self.partner_id.id,
                "picking_type_id": picking_type.id,
                "location_id": picking_type.default_location_src_id.id,
                "location_dest_id": dest.id,
                "origin": self.display_name,
                "move_ids": [
                    Command.create(
                        {
                            "name": (line.part_id or line.product_id).display_name,
                            "product_id": (line.part_id or line.product_id).id,
                            "product_uom_qty": line.quantity,
                            "product_uom": (line.part_id or line.product_id).uom_id.id,
                            "location_id": picking_type.default_location_src_id.id,
                            "location_dest_id": dest.id,
                        }
                    )
                    for line in lines
                ],
            }
        )
        self.aftersales_initial_picking_id = picking
        return {
            "type": "ir.actions.act_window",
            "res_model": "stock.picking",
            "res_id": picking.id,
            "view_mode": "form",
        }
