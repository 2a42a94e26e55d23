# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models

from .rma_selections import COMPANY_FAULT_REASONS, RETURN_REASONS


class Rma(models.Model):
    _inherit = "rma"

    return_reason = fields.Selection(
        RETURN_REASONS,
        string="Return Reason",
        tracking=True,
        index=True,
        help="Why the customer returns the goods (退换货原因).",
    )
    requested_remedy = fields.Selection(
        [("refund", "Refund"), ("exchange", "Exchange"), ("repair", "Repair")],
        string="Requested Remedy",
        default="refund",
        tracking=True,
        index=True,
    )
    invoice_id = fields.Many2one(
        "account.move",
        string="Customer Invoice",
        compute="_compute_invoice_id",
        store=True,
        readonly=False,
        index=True,
        tracking=True,
        domain="[('move_type', '=', 'out_invoice'),"
        " ('commercial_partner_id', '=', commercial_partner_id)]",
        help="The customer invoice the returned goods come from; the return "
        "windows count from its date (自发票开具之日算起).",
    )
    invoice_date = fields.Date(
        related="invoice_id.invoice_date", store=True, string="Invoice Date"
    )
    package_state = fields.Selection(
        [
            ("sealed", "Factory-sealed"),
            ("opened", "Opened"),
            ("damaged", "Damaged"),
        ],
        string="Package State",
        tracking=True,
    )
    lot_id = fields.Many2one(
        "stock.lot",
        string="Lot/Serial Number",
        domain="[('product_id', '=', product_id)]",
        index=True,
        tracking=True,
    )
    aftersales_evidence_ids = fields.One2many(
        "aftersales.rma.evidence", "rma_id", string="Evidence"
    )
    aftersales_evidence_count = fields.Integer(
        compute="_compute_aftersales_evidence_count"
    )
    aftersales_company_fault = fields.Boolean(
        string="Company at Fault",
        compute="_compute_aftersales_company_fault",
        store=True,
    )
    aftersales_pickup_required = fields.Boolean(
        string="Pickup Required",
        compute="_compute_aftersales_company_fault",
        store=True,
        readonly=False,
        help="The company sends logistics to collect the goods.",
    )
    aftersales_pickup_carrier_id = fields.Many2one(
        related="reception_move_id.picking_id.carrier_id",
        string="Pickup Carrier",
        help="Carrier collecting the goods, as set on the receipt.",
    )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("sale_line_id", "order_id")
    def _compute_invoice_id(self):
        for rma in self:
            if rma.invoice_id:
                continue
            lines = rma.sale_line_id or rma.order_id.order_line.filtered(
                lambda sl, rma=rma: sl.product_id == rma.product_id
            )
            invoices = lines.invoice_lines.move_id.filtered(
                lambda m: m.move_type == "out_invoice" and m.state == "posted"
            )
            rma.invoice_id = invoices.sorted(
                lambda m: (m.invoice_date or fields.Date.today(), m.id)
            )[-1:]

    def _compute_aftersales_evidence_count(self):
        data = dict(
            self.env["aftersales.rma.evidence"]._read_group(
                [("rma_id", "in", self.ids)], ["rma_id"], ["__count"]
            )
        )
        for rma in self:
            rma.aftersales_evidence_count = data.get(rma, 0)


    @api.depends("return_reason")
    def _compute_aftersales_company_fault(self):
        for rma in self:
            fault = rma.return_reason in COMPANY_FAULT_REASONS
            rma.aftersales_company_fault = fault
            rma.aftersales_pickup_required = fault


    # ------------------------------------------------------------------
    # Pickup by the company when it is at fault
    # ------------------------------------------------------------------
    def _aftersales_mark_pickup(self):
        for rma in self.filtered("aftersales_pickup_required"):
            picking = rma.sudo().reception_move_id.picking_id
            if not picking:
                continue
            vals = rma._aftersales_prepare_pickup_vals(picking)
            if vals:
                picking.write(vals)

    def _aftersales_prepare_pickup_vals(self, picking):
        """Values arranging the pickup on the receipt: flag, note and the
        company's pickup carrier (never replacing a carrier already set)."""
        self.ensure_one()
        vals = {}
        if not picking.aftersales_pickup_required:
            vals.update(
                {
                    "aftersales_pickup_required": True,
                    "aftersales_pickup_note": _(
                        "Collect from %s: the company is at fault.",
                        self.partner_shipping_id.display_name
                        or self.partner_id.display_name,
                    ),
                }
            )
        carrier = (self.company_id or picking.company_id).aftersales_pickup_carrier_id
        if (
            carrier
            and not picking.carrier_id
            and picking.state not in ("done", "cancel")
        ):
            vals["carrier_id"] = carrier.id
        return vals

    def _create_receipt(self):
        res = super()._create_receipt()
        self._aftersales_mark_pickup()
        return res

