# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime, timedelta

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common_onsite import AftersalesOnsiteCommon


@tagged("post_install", "-at_install")
class TestOnsiteKinds(AftersalesOnsiteCommon):
    """Installation and commissioning (安装调试) from a delivery, preventive
    maintenance from an agreement's visit plan."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stock = (
            cls.env["stock.warehouse"]
            .search([("company_id", "=", cls.company.id)], limit=1)
            .lot_stock_id
        )
        cls.heater.aftersales_installed_by_us = True
        cls.inst_lots = cls.env["stock.lot"].create(
            [{"name": f"INST-{i}", "product_id": cls.heater.id} for i in range(2)]
        )
        for lot in cls.inst_lots:
            cls.env["stock.quant"]._update_available_quantity(
                cls.heater, cls.stock, 1.0, lot_id=lot
            )

    def _sell_and_deliver(self, partner, at):
        with freeze_time(at):
            order = self.env["sale.order"].create(
                {
                    "partner_id": partner.id,
                    "order_line": [
                        (0, 0, {"product_id": self.heater.id, "product_uom_qty": 2})
                    ],
                }
            )
            order.action_confirm()
            picking = order.picking_ids
            picking.action_assign()
            picking.move_ids.picked = True
            picking.with_context(skip_backorder=True).button_validate()
        return order

    def _installations(self, order):
        return self.env["fsm.order"].search(
            [("aftersales_sale_line_id", "in", order.order_line.ids)]
        )

    def test_delivery_creates_installation_orders(self):
        self.company.aftersales_warranty_start = "installation"
        order = self._sell_and_deliver(self.county_customer, datetime(2026, 3, 2, 9, 0))
        installs = self._installations(order)
        self.assertEqual(len(installs), 2)
        self.assertEqual(installs.mapped("aftersales_visit_kind"), ["installation"] * 2)
        self.assertEqual(
            set(installs.aftersales_lot_id.mapped("name")), {"INST-0", "INST-1"}
        )
        first = installs[0]
        self.assertEqual(first.aftersales_service_point_id, self.point)
        self.assertEqual(first.aftersales_customer_id, self.county_customer)
        self.assertEqual(
            first.aftersales_deadline, datetime(2026, 3, 2, 9, 0) + timedelta(hours=48)
        )
        # no card yet: the warranty starts when the installation is signed
        cards = self.env["aftersales.warranty"].search(
            [("lot_id", "in", self.inst_lots.ids)]
        )
        self.assertFalse(cards)
        self._complete(first, at=datetime(2026, 3, 5, 10, 0))
        card = self.env["aftersales.warranty"].search(
            [("lot_id", "=", first.aftersales_lot_id.id)]
        )
        self.assertEqual(card.start_date, date(2026, 3, 5))
        self.assertEqual(card.start_basis, "installation")
        self.assertFalse(
            self.env["aftersales.warranty"].search(
                [("lot_id", "=", installs[1].aftersales_lot_id.id)]
            )
        )
        # a second delivery run creates nothing twice
        self.env["fsm.order"]._aftersales_create_installations(
            order.picking_ids.move_ids
        )
        self.assertEqual(len(self._installations(order)), 2)

    def test_delivery_basis_still_starts_on_delivery(self):
        self.company.aftersales_warranty_start = "delivery"
        order = self._sell_and_deliver(self.city_customer, datetime(2026, 3, 2, 9, 0))
        self.assertEqual(len(self._installations(order)), 2)
        cards = self.env["aftersales.warranty"].search(
            [("lot_id", "in", self.inst_lots.ids)]
        )
        self.assertEqual(cards.mapped("start_date"), [date(2026, 3, 2)] * 2)

    def test_no_installation_for_a_distributor(self):
        lots = self.env["stock.lot"].create(
            [{"name": f"DIST-{i}", "product_id": self.heater.id} for i in range(2)]
        )
        for lot in lots:
            self.env["stock.quant"]._update_available_quantity(
                self.heater, self.stock, 1.0, lot_id=lot
            )
        order = self._sell_and_deliver(self.distributor, datetime(2026, 3, 2, 9, 0))
        self.assertFalse(self._installations(order))

    def test_preventive_visit_dispatched_and_done_by_the_signed_slip(self):
        visits = self.agreement.action_aftersales_plan_visits()
        visit = visits[0]
        visit.site_partner_id = self.city_customer
        action = visit.action_aftersales_dispatch()
        order = self.env["fsm.order"].browse(action["res_id"])
        self.assertEqual(order.aftersales_visit_kind, "preventive")
        self.assertEqual(order.aftersales_agreement_id, self.agreement)
        self.assertEqual(visit.fsm_order_id, order)
        # due by the end of the planned day (company's timezone)
        self.assertEqual(
            order.aftersales_deadline.date(),
            visit.planned_date,
        )
        with self.assertRaises(UserError):
            visit.action_aftersales_dispatch()
        at = datetime.combine(visit.planned_date, datetime.min.time()) + timedelta(
            hours=9
        )
        self._complete(order, at=at)
        self.assertEqual(visit.state, "done")
        self.assertIn("electrode", visit.report)
        self.assertEqual(visit.signed_by, "Mrs Lin")
