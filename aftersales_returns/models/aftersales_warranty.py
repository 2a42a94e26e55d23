# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class AftersalesWarranty(models.Model):
    _inherit = "aftersales.warranty"

    rma_count = fields.Integer(string="Returns", compute="_compute_rma_count")

    def _compute_rma_count(self):
        counts = {}
        RMA = self.env["rma"]
        if self.lot_id and RMA.has_access("read"):
            counts = dict(
                RMA._read_group(
                    [("lot_id", "in", self.lot_id.ids)], ["lot_id"], ["__count"]
                )
            )
        for card in self:
            card.rma_count = counts.get(card.lot_id, 0) if card.lot_id else 0

    def action_view_rmas(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("rma.rma_action")
        action["domain"] = self._unit_domain()
        action["context"] = {
            "default_lot_id": self.lot_id.id,
            "default_product_id": self.product_id.id,
            "default_partner_id": self.partner_id.id,
        }
        return action
