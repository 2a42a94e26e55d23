# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class FsmOrder(models.Model):
    """Installation and commissioning (安装调试): a product we install gets an
    installation order when its delivery is done."""

    _inherit = "fsm.order"

    @api.model
    def _aftersales_sold_to_distributor(self, partner, company):
        """A distributor installs for its own end users: no order for a
        delivery to a distributor under an active agreement."""
        return bool(
            self.env["contract.contract"]
            .sudo()
            .search_count(
                [
                    ("aftersales_kind", "=", "distributor"),
                    ("partner_id", "child_of", partner.commercial_partner_id.id),
                    ("company_id", "=", company.id),
                ],
                limit=1,
            )
        )

    @api.model
    def _aftersales_create_installations(self, moves):
        """One installation order per unit delivered (per serial, or per
        delivery of an untracked product), never twice."""
        existing = self.search_read(
            [("aftersales_sale_line_id", "in", moves.sale_line_id.ids)],
            ["aftersales_sale_line_id", "aftersales_lot_id"],
            load=None,
        )
        seen = {
            (r["aftersales_sale_line_id"], r["aftersales_lot_id"] or False)
            for r in existing
        }
        vals_list = []
        for move in moves:
            line = move.sale_line_id
            order = line.order_id
            site = move.picking_id.partner_id or order.partner_shipping_id
            if self._aftersales_sold_to_distributor(order.partner_id, move.company_id):
                continue
            lots = move.move_line_ids.lot_id if move.has_tracking != "none" else [False]
            for lot in lots:
                key = (line.id, lot.id if lot else False)
                if key in seen:
                    continue
                seen.add(key)
                vals_list.append(
                    {
                        "company_id": move.company_id.id,
                        "aftersales_sale_line_id": line.id,
                        "aftersales_lot_id": lot.id if lot else False,
                        "aftersales_product_id": move.product_id.id,
                        "aftersales_customer_id": order.partner_id.id,
                        "location_id": self.env["fsm.location"]
                        ._aftersales_for_partner(site)
                        .id,
                        "description": self.env._(
                            "<p>Install and commission %(product)s (%(order)s).</p>",
                            product=move.product_id.display_name,
                            order=order.name,
                        ),
                    }
                )
        return self.create(vals_list)
