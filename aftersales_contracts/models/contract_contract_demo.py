# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging
from datetime import datetime, time, timedelta

from odoo import api, fields, models

_logger = logging.getLogger(__name__)


class ContractContract(models.Model):
    _inherit = "contract.contract"

    @api.model
    def _demo_money_story(self):
        """Demo: the agreements' money flowing. Never breaks the installation
        (a failure is logged)."""
        try:
            with self.env.cr.savepoint():
                self._demo_money_story_run()
        except Exception:  # demo only: keep the install going
            _logger.warning(
                "After-sales money demo could not be created", exc_info=True
            )

    @api.model
    def _demo_money_story_run(self):
        ref = self.env.ref
        today = fields.Date.context_today(self)
        hotel = ref("aftersales_contracts.demo_agreement_hotel")
        software = ref("aftersales_contracts.demo_agreement_software")
        distributor = ref("aftersales_contracts.demo_agreement_distributor")
        if hotel.aftersales_signed_on:
            return  # told once (module updates replay the demo functions)
        # 1. Equipment maintenance: signed, its fee invoiced at signing
        (hotel | software | distributor).action_aftersales_sign()
        # 2. Software maintenance: one day and a half on site, travel and
        # lodging at the customer's cost
        start = datetime.combine(today - timedelta(days=3), time(1, 0))
        visit = self.env["aftersales.agreement.visit"].create(
            {
                "contract_id": software.id,
                "planned_date": today - timedelta(days=3),
                "date_arrival": start,
                "date_departure": start + timedelta(hours=30),
                "travel_cost": 120.0,
                "lodging_cost": 260.0,
                "report": "服务器已升级到新版账务软件，网络打印机已重新安装。",
            }
        )
        visit.action_done()
        software._recurring_create_invoice(today)
        # 3. Distributor: parts in stock, an in-warranty repair, parts swapped
        stock = ref("stock.stock_location_stock")
        valve = ref("aftersales_contracts.demo_part_valve")
        seal = ref("aftersales_contracts.demo_part_seal")
        Quant = self.env["stock.quant"]
        Quant._update_available_quantity(valve, stock, 40.0)
        Quant._update_available_quantity(seal, stock, 200.0)
        customer = ref("aftersales_contracts.demo_partner_hotel")
        heater = ref("aftersales_contracts.demo_product_heater")
        lot = ref("aftersales_contracts.demo_lot_heater_2")
        self.env["aftersales.warranty"].create(
            {
                "partner_id": customer.id,
                "product_id": heater.id,
                "lot_id": lot.id,
                "start_date": today - timedelta(days=120),
                "end_date": today + timedelta(days=245),
            }
        )
        repair = self.env["repair.order"].create(
            {
                "product_id": heater.id,
                "lot_id": lot.id,
                "partner_id": customer.id,
                "aftersales_agreement_id": distributor.id,
                "aftersales_fault": "不点火：燃气阀卡滞",
                "schedule_date": fields.Datetime.now() - timedelta(days=2),
            }
        )
        Swap = self.env["aftersales.part.swap"]
        Swap.create({"repair_id": repair.id, "product_id": valve.id, "quantity": 1})
        Swap.create({"repair_id": repair.id, "product_id": seal.id, "quantity": 2})
        repair.write({"state": "done"})
        returned = Swap._issue(
            distributor.partner_id, valve, 1.0, distributor, today - timedelta(days=12)
        )
        returned.action_receive_old_part(valve.default_code)
        # not back after 45 days: the daily run charges it at cost (a draft
        # invoice), once
        Swap._issue(
            distributor.partner_id, valve, 2.0, distributor, today - timedelta(days=45)
        )
        Swap._cron_charge_overdue(today)
        # 4. Initial stock: 5 % of the last 3 months' sales of the product line
        order = self.env["sale.order"].create(
            {
                "partner_id": distributor.partner_id.id,
                "order_line": [
                    (0, 0, {"product_id": heater.id, "product_uom_qty": 60})
                ],
            }
        )
        order.with_context(aftersales_no_warranty=True).action_confirm()
        distributor.action_aftersales_propose_initial_stock()
        distributor.aftersales_initial_stock_ids.write({"part_id": valve.id})
        distributor.action_aftersales_initial_stock_delivery()
        # 5. This month settled with the distributor (draft vendor bill)
        distributor.action_aftersales_settlement_bill(today.replace(day=1))
