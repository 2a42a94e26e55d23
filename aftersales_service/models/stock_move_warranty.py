# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class StockMove(models.Model):
    _inherit = "stock.move"

    def _action_done(self, cancel_backorder=False):
        done = super()._action_done(cancel_backorder=cancel_backorder)
        if self.env["aftersales.warranty"]._aftersales_skip_generation():
            return done
        done = done.filtered(lambda m: m.state == "done")
        Warranty = self.env["aftersales.warranty"].sudo()
        delivered = done.filtered(
            lambda m: m.sale_line_id and m.location_dest_id.usage == "customer"
        )
        if delivered:
            Warranty._generate_from_sale_lines(delivered.sale_line_id)
        returned = done.filtered(
            lambda m: m.origin_returned_move_id
            and m.location_id.usage == "customer"
            and m.location_dest_id.usage != "customer"
        )
        if returned:
            Warranty._void_for_returned_moves(returned)
        return done

    def _create_repair_sale_order_line(self):
        res = super()._create_repair_sale_order_line()
        self.repair_id._aftersales_apply_fee_schedule()
        return res
