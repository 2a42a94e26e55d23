# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging
from datetime import timedelta

from odoo import api, fields, models

_logger = logging.getLogger(__name__)

# (customer, product, serials, days ago the invoice was issued)
DEMO_SALES = [
    ("demo_partner_zhang", "demo_product_water_heater", ["WH60-2401"], 400),
    ("demo_partner_zhang", "demo_product_range_hood", ["RH900-2311"], 420),
    ("demo_partner_wang", "demo_product_gas_stove", ["GS2-2502"], 200),
    (
        "demo_partner_distributor",
        "demo_product_water_heater",
        ["WH60-2507", "WH60-2508", "WH60-2509"],
        30,
    ),
    ("demo_partner_distributor", "demo_product_range_hood", ["RH900-2508"], 5),
]


class AftersalesWarranty(models.Model):
    _inherit = "aftersales.warranty"

    @api.model
    def _demo_sell_appliances(self):
        """Demo: sell, deliver and invoice serial-numbered appliances so that
        warranty cards exist. Never breaks the installation."""
        try:
            with self.env.cr.savepoint():
                self._demo_sell_appliances_run()
        except Exception:  # demo only: keep the install going
            _logger.warning("Warranty demo sales could not be created", exc_info=True)

    @api.model
    def _demo_sell_appliances_run(self):
        ref = self.env.ref
        stock = self.env.ref("stock.stock_location_stock")
        today = fields.Date.context_today(self)
        for partner_ref, product_ref, serials, days in DEMO_SALES:
            partner = ref(f"aftersales_service.{partner_ref}")
            product = ref(f"aftersales_service.{product_ref}")
            lots = self.env["stock.lot"].create(
                [
                    {
                        "name": serial,
                        "product_id": product.id,
                        "company_id": self.env.company.id,
                    }
                    for serial in serials
                ]
            )
            for lot in lots:
                self.env["stock.quant"]._update_available_quantity(
                    product, stock, 1.0, lot_id=lot
                )
            day = today - timedelta(days=days)
            order = self.env["sale.order"].create(
                {
                    "partner_id": partner.id,
                    "order_line": [
                        (
                            0,
                            0,
                            {"product_id": product.id, "product_uom_qty": len(lots)},
                        )
                    ],
                }
            )
            order.action_confirm()
            order.date_order = fields.Datetime.to_datetime(day)
            pickings = order.picking_ids
            pickings.action_assign()
            pickings.move_ids.picked = True
            pickings.with_context(skip_backorder=True).button_validate()
            pickings.date_done = fields.Datetime.to_datetime(day)
            invoice = order._create_invoices()
            invoice.invoice_date = day
            invoice.action_post()
        # an extension request waiting for a manager
        card = self.search([("lot_name", "=", "WH60-2401")], limit=1)
        if card:
            self.env["aftersales.warranty.extension"].create(
                {
                    "warranty_id": card.id,
                    "months": 12,
                    "reason": "老客户，已购第二台，特批延保。",
                }
            ).action_request()
        self._demo_distributor_story(today)

    @api.model
    def _demo_distributor_story(self, today):
        """The distributor registers one end user in its portal; another end
        user, not registered yet, calls us: her ticket is accepted, marked
        "registration pending", and the distributor is asked to confirm."""
        ref = self.env.ref
        distributor_user = ref("aftersales_service.demo_user_distributor")
        self.with_user(distributor_user)._aftersales_register_sellout(
            serial="WH60-2507",
            customer_name="陈静",
            phone="+86 138 5751 2507",
            address="绍兴市越城区解放路18号",
            sale_date=today - timedelta(days=12),
            channel="portal",
        )
        self.env["helpdesk.ticket"].create(
            {
                "name": "热水器显示E2故障",
                "description": "<p>两周前在绍兴门店购买，显示E2，不出热水。</p>",
                "partner_id": ref("aftersales_service.demo_partner_liu").id,
                "lot_id": self.search(
                    [("lot_name", "=", "WH60-2508")], limit=1
                ).lot_id.id,
                "product_id": ref("aftersales_service.demo_product_water_heater").id,
                "team_id": ref("aftersales_service.helpdesk_team_aftersales").id,
                "user_id": ref("base.user_admin").id,
            }
        )
