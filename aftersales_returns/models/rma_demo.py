# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The returns story of the demo data: households of Hangzhou return the
appliances they bought, one return at each step of the journey."""

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
# A 1x1 PNG, enough for a demo photo.
DEMO_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA"
    "60e6kgAAAABJRU5ErkJggg=="
)


class Rma(models.Model):
    _inherit = "rma"

    @api.model
    def _demo_quality_return(self):
        """Demo entry point (demo/aftersales_pickup_demo.xml). Never breaks
        the installation."""
        try:
            with self.env.cr.savepoint():
                self._demo_returns_story()
        except Exception:  # demo only: keep the install going
            _logger.warning("Returns demo story could not be created", exc_info=True)

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    @api.model
    def _demo_sale(self, partner, lines, days_ago, lots=None, **order_vals):
        """A sale delivered and invoiced ``days_ago`` days ago."""
        warehouse = self.env["stock.warehouse"].search(
            [("company_id", "=", self.env.company.id)], limit=1
        )
        quant = self.env["stock.quant"]
        for product, qty in lines:
            if product.tracking == "serial":
                for lot in lots:
                    quant._update_available_quantity(
                        product, warehouse.lot_stock_id, 1.0, lot_id=lot
                    )
            else:
                quant._update_available_quantity(
                    product, warehouse.lot_stock_id, qty + 2
                )
        order = self.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "warehouse_id": warehouse.id,
                "order_line": [
                    (0, 0, {"product_id": product.id, "product_uom_qty": qty})
                    for product, qty in lines
                ],
                **order_vals,
            }
        )
        order.action_confirm()
        picking = order.picking_ids
        picking.action_assign()
        for move in picking.move_ids:
            if move.product_id.tracking == "serial":
                move.move_line_ids.unlink()
                move.move_line_ids = [
                    (
                        0,
                        0,
                        {
                            "product_id": move.product_id.id,
                            "lot_id": lot.id,
                            "quantity": 1,
                            "location_id": move.location_id.id,
                            "location_dest_id": move.location_dest_id.id,
                        },
                    )
                    for lot in lots[: int(move.product_uom_qty)]
                ]
            else:
                move.quantity = move.product_uom_qty
            move.picked = True
        picking.with_context(skip_backorder=True)._action_done()
        invoice = order._create_invoices()
        invoice.invoice_date = fields.Date.context_today(self) - timedelta(
            days=days_ago
        )
        invoice.action_post()
        return order

    @api.model
    def _demo_return(
        self,
        order,
        product,
        reason,
        remedy="refund",
        package="opened",
        lot=None,
        description="",
        evidence=(),
        xmlid=None,
    ):
        ref = self.env.ref
        line = order.order_line.filtered(lambda sl: sl.product_id == product)[:1]
        move = line.move_ids.filtered(lambda m: m.state == "done")[:1]
        rma = self.create(
            {
                "partner_id": order.partner_id.id,
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
                "location_id": order.warehouse_id.rma_loc_id.id,
                "reason_id": ref(f"aftersales_returns.rma_reason_{reason}").id,
                "requested_remedy": remedy,
                "package_state": package,
                "lot_id": lot.id if lot else False,
                "description": description,
                "team_id": ref("aftersales_returns.rma_team_returns").id,
                "user_id": ref("base.user_admin").id,
            }
        )
        kinds = {
            "photo": ("product_and_box.png", DEMO_PNG),
            "courier": ("delivery_slip.png", DEMO_PNG),
            "screenshot": ("listing.png", DEMO_PNG),
            "test_report": ("test_report.pdf", DEMO_PDF),
        }
        if evidence:
            self.env["aftersales.rma.evidence"].create(
                [
                    {
                        "rma_id": rma.id,
                        "kind_id": ref(f"aftersales_returns.evidence_kind_{kind}").id,
                        "name": kinds[kind][0],
                        "file_name": kinds[kind][0],
                        "file": base64.b64encode(kinds[kind][1]),
                    }
                    for kind in evidence
                ]
            )
        if xmlid:
            self.env["ir.model.data"].create(
                {
                    "module": "aftersales_returns",
                    "name": xmlid,
                    "model": "rma",
                    "res_id": rma.id,
                    "noupdate": True,
                }
            )
        return rma

    @api.model
    def _demo_inspect(self, rma, result="stock", **checks):
        vals = {
            "rma_id": rma.id,
            "result": result,
            "condition_grade": "b",
            "invoice_returned": True,
            "package_intact": True,
            "accessories_complete": True,
        }
        vals.update(checks)
        stock_user = self.env.ref("base.user_admin")
        wizard = (
            self.env["aftersales.rma.inspection"].with_user(stock_user).create(vals)
        )
        wizard.action_validate()

    # ------------------------------------------------------------------
    # The story
    # ------------------------------------------------------------------
    @api.model
    def _demo_returns_story(self):
        ref = self.env.ref
        hood = ref("aftersales_returns.demo_product_range_hood")
        heater = ref("aftersales_returns.demo_product_water_heater")
        stove = ref("aftersales_returns.demo_product_gas_stove")
        chen = ref("aftersales_returns.demo_partner_household")
        li = ref("aftersales_returns.demo_partner_li")
        zhao = ref("aftersales_returns.demo_partner_zhao")
        sun = ref("aftersales_returns.demo_partner_sun")

        # 1. Chen: the range hood rattles (quality problem, test report):
        #    confirmed, the company's carrier collects it, waits for the
        #    warehouse. The water heater goes back unopened (no-reason):
        #    the checks pass, the agent confirms.
        order = self._demo_sale(chen, [(hood, 1), (heater, 1)], days_ago=2)
        quality = self._demo_return(
            order,
            hood,
            "quality",
            description="使用两天后，风机高速运转时异响。",
            evidence=("test_report",),
            xmlid="demo_rma_quality_pickup",
        )
        quality.action_confirm()
        no_reason = self._demo_return(
            order,
            heater,
            "no_reason",
            package="sealed",
            description="误购两台，包装未拆封。",
            xmlid="demo_rma_no_reason",
        )
        no_reason.action_aftersales_check()

        # 2. Li: a scratch on the stove's glass top, photos sent but not the
        #    courier's statement; waits for the product manager.
        lots = self.env["stock.lot"].create(
            [
                {"name": name, "product_id": stove.id}
                for name in ("GS2-DEMO-0101", "GS2-DEMO-0102")
            ]
        )
        order_li = self._demo_sale(li, [(stove, 1)], days_ago=3, lots=lots[:1])
        appearance = self._demo_return(
            order_li,
            stove,
            "appearance",
            remedy="exchange",
            lot=lots[0],
            description="开箱时发现玻璃面板有一道长划痕。",
            evidence=("photo",),
            xmlid="demo_rma_appearance",
        )
        appearance.action_aftersales_check()

        # 3. Zhao: the water heater leaks (test report); the warehouse finds
        #    the safety valve missing: a manager decides before any refund.
        order_zhao = self._demo_sale(zhao, [(heater, 1)], days_ago=1)
        decision = self._demo_return(
            order_zhao,
            heater,
            "quality",
            description="安装后进水口滴水。",
            evidence=("test_report",),
            xmlid="demo_rma_decision",
        )
        decision.action_confirm()
        self._demo_inspect(
            decision,
            accessories_complete=False,
            note="箱内缺少安全阀。",
        )

        # 4. Sun: a range hood returned unopened: inspected and accepted, the
        #    credit note keeps the 10% return fee.
        order_sun = self._demo_sale(sun, [(hood, 1), (heater, 1)], days_ago=4)
        refunded = self._demo_return(
            order_sun,
            hood,
            "no_reason",
            package="sealed",
            description="厨房尚未装修好，原封退回。",
            xmlid="demo_rma_refunded",
        )
        refunded.action_confirm()
        self._demo_inspect(refunded)

        # 5. Sun's water heater arrived with a dented casing: one free
        #    re-send goes out at once, Sun keeps the dented unit.
        resend = self._demo_return(
            order_sun,
            heater,
            "transport",
            remedy="exchange",
            package="damaged",
            description="运输途中外壳凹陷，快递员已签字证明。",
            evidence=("photo", "courier"),
            xmlid="demo_rma_resend",
        )
        resend.action_confirm()

        # 6. Late shipping: Li's second stove was promised three days ago and
        #    ships today; the suite proposes the compensation.
        self._demo_sale(
            li,
            [(stove, 1)],
            days_ago=0,
            lots=lots[1:],
            commitment_date=fields.Datetime.now() - timedelta(days=3),
        )
