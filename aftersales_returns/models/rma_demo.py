# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import logging
from datetime import timedelta

from odoo import api, fields, models

_logger = logging.getLogger(__name__)

# A one-page PDF, enough for a demo test report.
DEMO_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 100]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


class Rma(models.Model):
    _inherit = "rma"

    @api.model
    def _demo_quality_return(self):
        """Demo: a range hood sold and invoiced two days ago comes back with a
        quality problem; the return is confirmed and the company's pickup
        carrier collects it. Never breaks the installation."""
        try:
            with self.env.cr.savepoint():
                self._demo_quality_return_run()
        except Exception:  # demo only: keep the install going
            _logger.warning("Returns demo pickup could not be created", exc_info=True)

    @api.model
    def _demo_quality_return_run(self):
        ref = self.env.ref
        product = ref("aftersales_returns.demo_product_range_hood")
        partner = ref("aftersales_returns.demo_partner_household")
        warehouse = self.env["stock.warehouse"].search(
            [("company_id", "=", self.env.company.id)], limit=1
        )
        self.env["stock.quant"]._update_available_quantity(
            product, warehouse.lot_stock_id, 1.0
        )
        day = fields.Date.context_today(self) - timedelta(days=2)
        order = self.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "warehouse_id": warehouse.id,
                "order_line": [
                    (0, 0, {"product_id": product.id, "product_uom_qty": 1.0})
                ],
            }
        )
        order.action_confirm()
        picking = order.picking_ids
        picking.action_assign()
        picking.move_ids.quantity = 1.0
        picking.move_ids.picked = True
        picking.with_context(skip_backorder=True).button_validate()
        invoice = order._create_invoices()
        invoice.invoice_date = day
        invoice.action_post()
        move = order.order_line.move_ids.filtered(lambda m: m.state == "done")[:1]
        rma = self.create(
            {
                "partner_id": partner.id,
                "partner_invoice_id": order.partner_invoice_id.id,
                "partner_shipping_id": order.partner_shipping_id.id,
                "origin": order.name,
                "order_id": order.id,
                "picking_id": move.picking_id.id,
                "move_id": move.id,
                "product_id": product.id,
                "product_uom_qty": 1.0,
                "product_uom": product.uom_id.id,
                "operation_id": ref(
                    "aftersales_returns.rma_operation_checked_return"
                ).id,
                "location_id": warehouse.rma_loc_id.id,
                "return_reason": "quality",
                "requested_remedy": "refund",
                "package_state": "opened",
                "description": "The fan rattles at high speed after two days "
                "of use (质量问题).",
            }
        )
        self.env["aftersales.rma.evidence"].create(
            {
                "rma_id": rma.id,
                "kind_id": ref("aftersales_returns.evidence_kind_test_report").id,
                "name": "Service engineer's test report",
                "file": base64.b64encode(DEMO_PDF),
                "file_name": "test_report.pdf",
            }
        )
        rma.action_confirm()
        self.env["ir.model.data"].create(
            {
                "module": "aftersales_returns",
                "name": "demo_rma_quality_pickup",
                "model": "rma",
                "res_id": rma.id,
                "noupdate": True,
            }
        )
