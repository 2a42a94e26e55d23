# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    aftersales_warranty_ids = fields.One2many(
        "aftersales.warranty", "sale_order_id", string="Warranty Cards"
    )
    aftersales_warranty_count = fields.Integer(
        compute="_compute_aftersales_warranty_count"
    )

    def _compute_aftersales_warranty_count(self):
        groups = self.env["aftersales.warranty"]._read_group(
            [("sale_order_id", "in", self.ids)], ["sale_order_id"], ["__count"]
        )
        counts = {order.id: count for order, count in groups}
        for order in self:
            order.aftersales_warranty_count = counts.get(order.id, 0)

    def _action_confirm(self):
        res = super()._action_confirm()
        if not self.env["aftersales.warranty"]._aftersales_skip_generation():
            self.env["aftersales.warranty"].sudo()._generate_from_sale_lines(
                self.order_line
            )
        return res

    def action_view_aftersales_warranties(self):
        return self.env["aftersales.warranty"]._action_view(
            [("sale_order_id", "in", self.ids)]
        )

    def action_aftersales_check_warranty(self):
        self.ensure_one()
        return self.env["aftersales.warranty.check"]._open_for(sale_order=self)
