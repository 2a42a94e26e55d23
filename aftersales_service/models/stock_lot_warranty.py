# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class StockLot(models.Model):
    _inherit = "stock.lot"

    aftersales_warranty_count = fields.Integer(
        compute="_compute_aftersales_warranty_count",
        groups="aftersales_service.group_aftersales_user",
    )

    def _compute_aftersales_warranty_count(self):
        groups = self.env["aftersales.warranty"]._read_group(
            [("lot_id", "in", self.ids)], ["lot_id"], ["__count"]
        )
        counts = {lot.id: count for lot, count in groups}
        for lot in self:
            lot.aftersales_warranty_count = counts.get(lot.id, 0)

    def action_view_aftersales_warranties(self):
        return self.env["aftersales.warranty"]._action_view(
            [("lot_id", "in", self.ids)]
        )
