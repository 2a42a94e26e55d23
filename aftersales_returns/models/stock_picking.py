# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class StockPicking(models.Model):
    _inherit = "stock.picking"

    aftersales_pickup_required = fields.Boolean(
        string="Pickup by Us",
        help="The company is at fault: our logistics collect the goods.",
    )
    aftersales_pickup_note = fields.Char(string="Pickup Note")
    aftersales_rma_to_inspect = fields.Boolean(
        compute="_compute_aftersales_rma_to_inspect"
    )
    aftersales_rma_after_ids = fields.One2many(
        "rma",
        "aftersales_after_picking_id",
        string="Returns Inspected",
        help="Returns whose goods this transfer took out of the return location.",
    )

    @api.depends("move_ids.rma_receiver_ids")
    def _compute_aftersales_rma_to_inspect(self):
        for picking in self:
            rmas = picking.sudo().move_ids.rma_receiver_ids
            picking.aftersales_rma_to_inspect = any(
                r.aftersales_inspection_state == "pending"
                and r.state in ("confirmed", "received")
                for r in rmas
            )

    def action_aftersales_inspect(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "aftersales_returns.aftersales_rma_inspection_action"
        )
        rma = self.sudo().move_ids.rma_receiver_ids.filtered(
            lambda r: r.aftersales_inspection_state == "pending"
        )[:1]
        action["context"] = {"default_rma_id": rma.id, "default_picking_id": self.id}
        return action

    def _action_done(self):
        res = super()._action_done()
        deliveries = self.filtered(lambda p: p.picking_type_code == "outgoing")
        if deliveries:
            moves = deliveries.move_ids.filtered(
                lambda m: m.state == "done" and m.sale_line_id
            )
            if moves:
                self.env["sale.order.line"]._aftersales_check_shipping(moves)
        return res


class StockScrap(models.Model):
    _inherit = "stock.scrap"

    aftersales_rma_ids = fields.One2many(
        "rma", "aftersales_scrap_id", string="Returns Scrapped"
    )
