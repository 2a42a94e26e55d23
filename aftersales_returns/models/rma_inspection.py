# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError


class Rma(models.Model):
    _inherit = "rma"

    # Inspection
    aftersales_inspection_state = fields.Selection(
        [("pending", "To Inspect"), ("done", "Inspected")],
        string="Inspection",
        copy=False,
        index=True,
    )
    aftersales_inspection_result = fields.Selection(
        [
            ("stock", "Back to stock"),
            ("quarantine", "Quarantine"),
            ("scrap", "Scrap"),
            ("reject", "Reject and send back"),
        ],
        string="Inspection Result",
        copy=False,
        tracking=True,
    )
    aftersales_condition_grade = fields.Selection(
        [("a", "A - as new"), ("b", "B - light wear"), ("c", "C - used"),
         ("d", "D - defective")],
        string="Condition Grade",
        copy=False,
    )
    aftersales_invoice_returned = fields.Boolean(string="Invoice Returned", copy=False)
    aftersales_package_intact = fields.Boolean(
        string="Outer Package Intact", copy=False
    )
    aftersales_accessories_complete = fields.Boolean(
        string="Accessories and Gifts Complete", copy=False
    )
    aftersales_inspection_note = fields.Text(string="Inspection Note", copy=False)
    aftersales_inspected_by_id = fields.Many2one(
        "res.users", string="Inspected By", readonly=True, copy=False
    )
    aftersales_inspected_date = fields.Datetime(
        string="Inspected On", readonly=True, copy=False
    )
    can_aftersales_inspect = fields.Boolean(compute="_compute_can_aftersales_inspect")

    @api.depends_context("uid")
    @api.depends("state", "aftersales_inspection_state", "reception_move_id.state")
    def _compute_can_aftersales_inspect(self):
        is_stock = self.env.user.has_group("stock.group_stock_user")
        for rma in self:
            rma.can_aftersales_inspect = (
                is_stock
                and rma.state in ("confirmed", "received")
                and rma.aftersales_inspection_state != "done"
                and bool(rma.reception_move_id)
            )

    # ------------------------------------------------------------------
    # Inspection outcome
    # ------------------------------------------------------------------
    def _aftersales_move_received(self, location_dest):
        """Move the received goods from the RMA location to location_dest."""
        moves = self.env["stock.move"]
        for rma in self:
            reception = rma.sudo().reception_move_id
            if not reception or reception.state != "done":
                continue
            lot = reception.move_line_ids.lot_id[:1] or rma.lot_id
            move = self.env["stock.move"].sudo().create(
                {
                    "name": _("%s: after inspection", rma.name),
                    "product_id": reception.product_id.id,
                    "product_uom_qty": reception.quantity,
                    "product_uom": reception.product_uom.id,
                    "location_id": reception.location_dest_id.id,
                    "location_dest_id": location_dest.id,
                    "company_id": rma.company_id.id,
                    "origin": rma.name,
                    "move_line_ids": [
                        (
                            0,
                            0,
                            {
                                "product_id": reception.product_id.id,
                                "product_uom_id": reception.product_uom.id,
                                "quantity": reception.quantity,
                                "location_id": reception.location_dest_id.id,
                                "location_dest_id": location_dest.id,
                                "lot_id": lot.id,
                            },
                        )
                    ],
                }
            )
            moves |= move
        if moves:
            moves._action_confirm()
            moves.picked = True
            moves._action_done()
        return moves

    def _aftersales_scrap_received(self):
        scraps = self.env["stock.scrap"]
        for rma in self:
            reception = rma.sudo().reception_move_id
            if not reception or reception.state != "done":
                continue
            scrap = self.env["stock.scrap"].sudo().create(
                {
                    "product_id": reception.product_id.id,
                    "scrap_qty": reception.quantity,
                    "product_uom_id": reception.product_uom.id,
                    "location_id": reception.location_dest_id.id,
                    "lot_id": (reception.move_line_ids.lot_id[:1] or rma.lot_id).id,
                    "company_id": rma.company_id.id,
                    "origin": rma.name,
                }
            )
            scrap.action_validate()
            scraps |= scrap
        return scraps

    def _aftersales_apply_inspection(self, vals):
        """Record an inspection and let its result drive the RMA.

        Runs as the system once the caller has checked the user is warehouse
        staff: the RMA row is locked so only one inspection applies.
        """
        self._aftersales_lock()
        for rma in self:
            if rma.aftersales_inspection_state == "done":
                raise UserError(_("%s has already been inspected.", rma.display_name))
            if rma.state not in ("confirmed", "received"):
                raise UserError(
                    _("%s cannot be inspected in its current state.",
                      rma.display_name)
                )
        result = vals["aftersales_inspection_result"]
        self.write(
            dict(
                vals,
                aftersales_inspection_state="done",
                aftersales_inspected_by_id=self.env.context.get(
                    "aftersales_inspector_uid", self.env.uid
                ),
                aftersales_inspected_date=fields.Datetime.now(),
            )
        )
        for rma in self:
            reception = rma.reception_move_id
            if reception and reception.state != "done":
                reception.quantity = reception.product_uom_qty
                if rma.lot_id and reception.move_line_ids:
                    reception.move_line_ids.lot_id = rma.lot_id
                reception.picked = True
                reception._action_done()
        if result == "stock":
            for wh, rmas in self.grouped("warehouse_id").items():
                rmas._aftersales_move_received(wh.lot_stock_id)
        elif result == "quarantine":
            for company, rmas in self.grouped("company_id").items():
                location = company._aftersales_get_quarantine_location()
                if not location:
                    raise UserError(
                        _("No quarantine location is set for %s.", company.name)
                    )
                rmas._aftersales_move_received(location)
        elif result == "scrap":
            self._aftersales_scrap_received()
        self._aftersales_notify_customer(
            "aftersales_returns.mail_template_rma_inspected"
        )
        if result == "reject":
            for rma in self.filtered("can_be_returned"):
                rma.create_return(
                    fields.Datetime.now(), rma.product_uom_qty, rma.product_uom
                )
            return True
        to_refund = self.filtered(
            lambda r: (r.aftersales_resolution or r.requested_remedy) == "refund"
            and r.can_be_refunded
        )
        to_refund.action_refund()
        for rma in self.filtered(
            lambda r: (r.aftersales_resolution or r.requested_remedy) == "exchange"
            and r.can_be_replaced
        ):
            rma.create_replace(
                fields.Datetime.now(),
                rma.warehouse_id,
                rma.product_id,
                rma.product_uom_qty,
                rma.product_uom,
            )
        return True

    def action_aftersales_inspect(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "aftersales_returns.aftersales_rma_inspection_action"
        )
        action["context"] = {"default_rma_id": self.id}
        return action

