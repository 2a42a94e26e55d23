# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class AftersalesPartSwapReceive(models.TransientModel):
    """Scan the old part of a swap: its receipt is validated at once."""

    _name = "aftersales.part.swap.receive"
    _description = "Receive the Old Part of a Swap"

    swap_id = fields.Many2one("aftersales.part.swap", required=True, readonly=True)
    old_product_id = fields.Many2one(
        related="swap_id.old_product_id", string="Expected Old Part"
    )
    code = fields.Char(
        string="Scanned Code",
        required=True,
        help="Barcode or internal reference of the old part (its serial number "
        "if the part is tracked).",
    )
    quantity = fields.Float(required=True, digits="Product Unit of Measure")

    def action_confirm(self):
        self.ensure_one()
        picking = self.swap_id.action_receive_old_part(self.code, self.quantity)
        return {"type": "ir.actions.act_window_close", "infos": {"picking": picking.id}}
