# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class StockMove(models.Model):
    _inherit = "stock.move"

    def _action_done(self, cancel_backorder=False):
        done = super()._action_done(cancel_backorder=cancel_backorder)
        delivered = done.filtered(
            lambda m: (
                m.state == "done"
                and m.sale_line_id
                and m.location_dest_id.usage == "customer"
                and not m.origin_returned_move_id
                and m.product_id.aftersales_installed_by_us
            )
        )
        if delivered:
            self.env["fsm.order"].sudo()._aftersales_create_installations(delivered)
        return done
