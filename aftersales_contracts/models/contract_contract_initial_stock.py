# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import math

from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.aftersales_service.tools import action_scope


class ContractContract(models.Model):
    """Initial parts stock (铺底): N% of M months' sales of the product line,
    proposed per distributor agreement and issued as one delivery; after it,
    new parts go out only against old ones (以旧换新, part swaps)."""

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

    @api.model
    def _aftersales_guarded_fields(self):
        return super()._aftersales_guarded_fields() | {"aftersales_initial_picking_id"}

    @api.constrains("aftersales_initial_stock_pct", "aftersales_initial_stock_months")
    def _check_aftersales_initial_stock(self):
        for rec in self:
            if not (
                0 <= rec.aftersales_initial_stock_pct <= 100
                and 0 <= rec.aftersales_initial_stock_months <= 36
            ):
                raise ValidationError(
                    rec.env._(
                        "Agreement %s: the initial stock is 0 to 100 %% of 0 to 36 "
                        "months' sales.",
                        rec.display_name,
                    )
                )

    def _aftersales_initial_stock_products(self):
        """The products whose sales size the initial stock: those of the
        product line, else those of the covered units."""
        self.ensure_one()
        if self.aftersales_product_line_ids:
            return self.env["product.product"].search(
                [
                    ("categ_id", "child_of", self.aftersales_product_line_ids.ids),
                    ("type", "=", "consu"),
                ]
            )
        return self.aftersales_unit_ids.mapped("product_id")

    @api.model
    def _aftersales_initial_stock_qty(self, sold, pct):
        """N% of the sales, rounded up to a whole part (5 % of 40 = 2, of 41 = 3)."""
        return math.ceil(round(sold * pct / 100.0, 6))

    def action_aftersales_propose_initial_stock(self):
        """Propose N% of the distributor's M months' sales of the product line."""
        for rec in self:
            if rec.aftersales_kind != "distributor":
                raise UserError(
                    rec.env._(
                        "Agreement %s is not a distributor agreement: it has no "
                        "initial parts stock.",
                        rec.display_name,
                    )
                )
            if rec.aftersales_initial_picking_id:
                raise UserError(
                    rec.env._(
                        "The initial stock of %s was delivered: from now on parts "
                        "go out only against old ones.",
                        rec.display_name,
                    )
                )
            products = rec._aftersales_initial_stock_products()
            if not products:
                raise UserError(
                    rec.env._(
                        "Agreement %s names no product line and covers no product.",
                        rec.display_name,
                    )
                )
            since = fields.Date.context_today(rec) - relativedelta(
                months=rec.aftersales_initial_stock_months
            )
            sold = dict(
                self.env["sale.order.line"]
                .sudo()
                ._read_group(
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
            vals_list = []
            for product in products:
                qty = self._aftersales_initial_stock_qty(
                    sold.get(product, 0.0), rec.aftersales_initial_stock_pct
                )
                if not qty:
                    continue
                vals_list.append(
                    {
                        "contract_id": rec.id,
                        "product_id": product.id,
                        "sold_qty": sold.get(product, 0.0),
                        "proposed_qty": qty,
                        "quantity": qty,
                    }
                )
            self.env["aftersales.initial.stock.line"]._aftersales_action_create(
                vals_list
            )
        return True

    def action_aftersales_initial_stock_delivery(self):
        """Turn the initial stock proposal into one delivery to the distributor
        (the warehouse validates it)."""
        self.ensure_one()
        self._aftersales_check_manager_or_trusted(
            self.env._("deliver the initial stock of")
        )
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
        with action_scope():
            self.write({"aftersales_initial_picking_id": picking.id})
        picking.action_confirm()
        return {
            "type": "ir.actions.act_window",
            "res_model": "stock.picking",
            "res_id": picking.id,
            "view_mode": "form",
        }
