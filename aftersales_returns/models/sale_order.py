# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    aftersales_late_shipping_ids = fields.One2many(
        "aftersales.late.shipping", "order_id", string="Late Shipping"
    )
    aftersales_late_shipping_count = fields.Integer(
        compute="_compute_aftersales_late_shipping_count"
    )

    @api.depends("aftersales_late_shipping_ids")
    def _compute_aftersales_late_shipping_count(self):
        for order in self:
            order.aftersales_late_shipping_count = len(
                order.sudo().aftersales_late_shipping_ids
            )

    def action_view_aftersales_late_shipping(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "aftersales_returns.aftersales_late_shipping_action"
        )
        action["domain"] = [("order_id", "in", self.ids)]
        action["context"] = {}
        return action


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    aftersales_promised_date = fields.Datetime(
        string="Promised Shipping",
        compute="_compute_aftersales_promised_date",
        store=True,
        help="When the item was promised to ship: the order's delivery date, "
        "else the order date plus the product's customer lead time, else plus "
        "the company's shipping promise (Settings).",
    )
    aftersales_ship_checked = fields.Boolean(
        copy=False,
        help="Technical: shipping checked against the promise (on time, or a "
        "late shipping proposal exists).",
    )

    @api.depends(
        "order_id.commitment_date", "order_id.date_order", "customer_lead", "state"
    )
    def _compute_aftersales_promised_date(self):
        for line in self:
            order = line.order_id
            promised = False
            if (
                line.display_type
                or getattr(line, "is_delivery", False)
                or line.product_id.type != "consu"
            ):
                promised = False
            elif order.commitment_date:
                promised = order.commitment_date
            elif order.date_order and line.customer_lead:
                promised = order.date_order + timedelta(days=line.customer_lead)
            elif order.date_order and order.company_id.aftersales_ship_within_days:
                promised = order.date_order + timedelta(
                    days=order.company_id.aftersales_ship_within_days
                )
            line.aftersales_promised_date = promised

    def _aftersales_last_shipping_dates(self):
        """{line id: date of its last done delivery to a customer}."""
        dates = {}
        for line, date in (
            self.env["stock.move"]
            .sudo()
            ._read_group(
                [
                    ("sale_line_id", "in", self.ids),
                    ("state", "=", "done"),
                    ("location_dest_id.usage", "=", "customer"),
                ],
                ["sale_line_id"],
                ["date:max"],
            )
        ):
            dates[line.id] = date
        return dates

    @api.model
    def _aftersales_check_shipping(self, moves):
        """Deliveries just done: items shipped after their promise get a
        proposal; items fully shipped in time are checked off."""
        by_line = defaultdict(lambda: fields.Datetime.to_datetime("1970-01-01"))
        for move in moves:
            line = move.sale_line_id
            if (
                not line
                or line.aftersales_ship_checked
                or not line.aftersales_promised_date
                or move.location_dest_id.usage != "customer"
            ):
                continue
            by_line[line] = max(by_line[line], move.date)
        late = {}
        on_time = self.browse()
        for line, shipped in by_line.items():
            if shipped > line.aftersales_promised_date:
                late[line] = shipped
            elif line.qty_delivered >= line.product_uom_qty:
                on_time |= line
        self.env["aftersales.late.shipping"]._aftersales_propose(late)
        on_time.sudo().write({"aftersales_ship_checked": True})
