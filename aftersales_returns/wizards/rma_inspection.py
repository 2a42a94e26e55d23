# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.aftersales_service.tools import action_scope

from ..models.rma_selections import CONDITION_GRADES, INSPECTION_RESULTS


class AftersalesRmaInspection(models.TransientModel):
    """Short receipt inspection screen for warehouse staff (scanner friendly)."""

    _name = "aftersales.rma.inspection"
    _description = "Return Inspection"

    rma_id = fields.Many2one("rma", string="Return", required=True)
    picking_id = fields.Many2one("stock.picking", string="Receipt")
    product_id = fields.Many2one(related="rma_id.product_id")
    lot_id = fields.Many2one(related="rma_id.lot_id")
    reason_id = fields.Many2one(related="rma_id.reason_id")
    inspect_invoice = fields.Boolean(
        related="rma_id.reason_id.aftersales_inspect_invoice"
    )
    inspect_package = fields.Boolean(
        related="rma_id.reason_id.aftersales_inspect_package"
    )
    inspect_accessories = fields.Boolean(
        related="rma_id.reason_id.aftersales_inspect_accessories"
    )
    inspection_policy = fields.Selection(
        related="rma_id.reason_id.aftersales_inspection_policy"
    )
    packing_list = fields.Text(
        related="rma_id.product_id.product_tmpl_id.aftersales_packing_list"
    )
    scan = fields.Char(
        help="Scan the serial number or the product barcode.",
    )
    scan_ok = fields.Boolean(string="Unit Identified", readonly=True)
    scan_message = fields.Char(readonly=True)
    invoice_returned = fields.Boolean()
    package_intact = fields.Boolean(string="Outer Package Intact")
    accessories_complete = fields.Boolean(string="Accessories and Gifts Complete")
    condition_grade = fields.Selection(CONDITION_GRADES, required=True, default="a")
    result = fields.Selection(INSPECTION_RESULTS, required=True, default="stock")
    note = fields.Text()

    @api.onchange("scan")
    def _onchange_scan(self):
        if not self.scan:
            return
        code = self.scan.strip()
        rma = self.rma_id.sudo()
        if rma.lot_id and code == rma.lot_id.name:
            self.scan_ok, self.scan_message = True, _("Serial %s matches.", code)
        elif code in (rma.product_id.barcode, rma.product_id.default_code):
            self.scan_ok, self.scan_message = True, _("Product %s matches.", code)
        else:
            self.scan_ok = False
            self.scan_message = _("%s does not match this return.", code)
        self.scan = False

    def _aftersales_check_inspector(self):
        if not self.env.user.has_group("stock.group_stock_user"):
            raise UserError(_("Only warehouse staff can inspect returns."))

    def action_validate(self):
        self.ensure_one()
        self._aftersales_check_inspector()
        rma = self.rma_id
        rma.check_access("read")
        if self.result == "stock" and self.condition_grade == "d":
            raise UserError(
                _("%s: a grade D unit cannot go back to stock.", rma.display_name)
            )
        # The inspection drives stock moves, refunds and deliveries the
        # warehouse user may have no rights on: it runs with system rights,
        # as that user (who is recorded and named in the chatter).
        with action_scope():
            rma.sudo()._aftersales_apply_inspection(
                {
                    "aftersales_inspection_result": self.result,
                    "aftersales_condition_grade": self.condition_grade,
                    "aftersales_invoice_returned": self.invoice_returned,
                    "aftersales_package_intact": self.package_intact,
                    "aftersales_accessories_complete": self.accessories_complete,
                    "aftersales_inspection_note": self.note,
                }
            )
        return {"type": "ir.actions.act_window_close"}
