# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare

from odoo.addons.aftersales_service.tools import action_scope


class AftersalesPartSwap(models.Model):
    """The old part comes back: a receipt of the scanned part, the only way a
    swap becomes "returned"."""

    _inherit = "aftersales.part.swap"

    def _aftersales_match_code(self, code):
        """The lot of the old part a scanned ``code`` designates (an empty lot
        for an untracked part), or None when the code is not the old part."""
        self.ensure_one()
        code = (code or "").strip()
        product = self.old_product_id or self.product_id
        if not code:
            return None
        if product.tracking != "none":
            lot = self.env["stock.lot"].search(
                [
                    ("product_id", "=", product.id),
                    ("name", "=", code),
                    ("company_id", "in", [self.company_id.id, False]),
                ],
                limit=1,
            )
            return lot or None
        known = {
            value.strip().lower()
            for value in (product.barcode, product.default_code)
            if value
        }
        return self.env["stock.lot"] if code.lower() in known else None

    def action_open_receive_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Receive Old Part"),
            "res_model": "aftersales.part.swap.receive",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_swap_id": self.id,
                "default_quantity": self.quantity - self.quantity_returned,
            },
        }

    def action_receive_old_part(self, code, quantity=None):
        """Receive the old part of this swap: ``code`` is what was scanned (the
        part's barcode or internal reference, the serial of a tracked part).

        A receipt from the distributor to the Defective Parts location is
        created and validated; its done move is what marks the swap returned
        (and credits a part already charged). Needs the stock rights of a
        warehouse user.
        """
        self.ensure_one()
        if not self.can_return:
            raise UserError(
                self.env._("Swap %s does not wait for an old part.", self.name)
            )
        remaining = self.quantity - self.quantity_returned
        qty = remaining if quantity is None else quantity
        rounding = (self.old_product_id or self.product_id).uom_id.rounding
        if (
            not isinstance(qty, int | float)
            or float_compare(qty, 0.0, precision_rounding=rounding) <= 0
            or float_compare(qty, remaining, precision_rounding=rounding) > 0
        ):
            raise UserError(
                self.env._(
                    "Swap %(swap)s: %(qty)s old part(s) received; between 0 and "
                    "%(expected)s are expected.",
                    swap=self.name,
                    qty=qty,
                    expected=remaining,
                )
            )
        lot = self._aftersales_match_code(code)
        if lot is None:
            raise UserError(
                self.env._(
                    "Swap %(swap)s expects the old part %(part)s back: the scanned "
                    "code '%(code)s' is not that part.",
                    swap=self.name,
                    part=(self.old_product_id or self.product_id).display_name,
                    code=code or "",
                )
            )
        picking = self._aftersales_create_return_picking(qty, lot)
        picking.button_validate()
        if picking.state != "done":
            raise UserError(
                self.env._(
                    "Swap %s: the receipt of the old part could not be validated.",
                    self.name,
                )
            )
        return picking

    def _aftersales_create_return_picking(self, quantity, lot):
        """A receipt of the old part, from the distributor to Defective Parts
        (usage inventory: no stock value), linked to the swap."""
        self.ensure_one()
        warehouse = self._warehouse()
        source = self.partner_id.property_stock_customer
        dest = self.env.ref("aftersales_contracts.stock_location_defective")
        product = self.old_product_id or self.product_id
        with action_scope():
            picking = self.env["stock.picking"].create(
                {
                    "partner_id": self.partner_id.id,
                    "picking_type_id": warehouse.in_type_id.id,
                    "location_id": source.id,
                    "location_dest_id": dest.id,
                    "origin": self.name,
                    "company_id": self.company_id.id,
                    "move_ids": [
                        Command.create(
                            {
                                "name": self.env._("Old part of swap %s", self.name),
                                "product_id": product.id,
                                "product_uom": product.uom_id.id,
                                "product_uom_qty": quantity,
                                "location_id": source.id,
                                "location_dest_id": dest.id,
                                "company_id": self.company_id.id,
                                "aftersales_return_swap_id": self.id,
                            }
                        )
                    ],
                }
            )
        picking.action_confirm()
        for move in picking.move_ids:
            move.move_line_ids.unlink()
            move.write(
                {
                    "move_line_ids": [
                        Command.create(
                            {
                                "product_id": product.id,
                                "product_uom_id": product.uom_id.id,
                                "quantity": quantity,
                                "lot_id": lot.id,
                                "lot_name": lot.name if lot else False,
                                "location_id": source.id,
                                "location_dest_id": dest.id,
                                "picking_id": picking.id,
                                "company_id": self.company_id.id,
                            }
                        )
                    ],
                    "picked": True,
                }
            )
        return picking

    def _aftersales_register_return_moves(self, moves):
        """Done return moves of these swaps: count the old parts back, credit
        what was already charged, mark the swap returned when all are back."""
        refunds = self.env["account.move"]
        for swap in self:
            mine = moves.filtered(lambda m, s=swap: m.aftersales_return_swap_id == s)
            qty = sum(
                m.product_uom._compute_quantity(m.quantity, m.product_id.uom_id)
                for m in mine
                if m.product_id == (swap.old_product_id or swap.product_id)
            )
            if qty <= 0:
                continue
            qty = min(qty, swap.quantity - swap.quantity_returned)
            vals = {"quantity_returned": swap.quantity_returned + qty}
            if swap.state == "charged":
                refund = swap._create_refund(qty)
                refunds |= refund
                vals["refund_move_id"] = refund.id
            if (
                float_compare(
                    vals["quantity_returned"],
                    swap.quantity,
                    precision_rounding=swap.product_id.uom_id.rounding,
                )
                >= 0
            ):
                vals["state"] = "returned"
            swap._aftersales_action_write(vals)
        return refunds


class StockMove(models.Model):
    _inherit = "stock.move"

    aftersales_return_swap_id = fields.Many2one(
        "aftersales.part.swap",
        string="Old Part of Swap",
        index="btree_not_null",
        copy=False,
        readonly=True,
    )

    @api.model
    def _aftersales_guarded_fields(self):
        # only the swap's receipt links a move to it
        return super()._aftersales_guarded_fields() | {"aftersales_return_swap_id"}

    def _action_done(self, cancel_backorder=False):
        moves = super()._action_done(cancel_backorder=cancel_backorder)
        returns = moves.filtered(
            lambda m: m.state == "done" and m.aftersales_return_swap_id
        )
        if returns:
            returns.aftersales_return_swap_id.sudo()._aftersales_register_return_moves(
                returns
            )
        return moves
