# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64

from odoo import Command, fields
from odoo.tests import tagged
from odoo.tests.common import TransactionCase, new_test_user

INVOICE_DATE = "2026-03-02"
# A 1x1 PNG and a one-page PDF: the evidence a customer uploads.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 100]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
REASONS = (
    "appearance",
    "listing",
    "no_reason",
    "quality",
    "accessories",
    "transport",
    "counterfeit",
)


@tagged("post_install", "-at_install")
class AftersalesReturnsCommon(TransactionCase):
    """The one fixture class of aftersales_returns tests.

    Post-install: the guard of fields only actions may set is installed once
    the registry is complete, as in production.

    An appliance maker sells water heaters (untracked) and stoves (serials)
    to two customers; each sale is delivered and invoiced on INVOICE_DATE.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.company
        cls.company.partner_id.tz = "Asia/Shanghai"
        cls.warehouse = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.company.id)], limit=1
        )
        cls.operation = cls.env.ref("aftersales_returns.rma_operation_checked_return")
        cls.reasons = {
            code: cls.env.ref(f"aftersales_returns.rma_reason_{code}")
            for code in REASONS
        }
        cls.kinds = {
            kind.code: kind
            for kind in cls.env["aftersales.rma.evidence.kind"].search([])
        }
        cls.pickup_carrier = cls.env.ref("aftersales_returns.delivery_carrier_pickup")
        cls.user = new_test_user(
            cls.env,
            login="ret_user",
            groups="aftersales_service.group_aftersales_user,stock.group_stock_user,"
            "sales_team.group_sale_salesman",
        )
        cls.manager = new_test_user(
            cls.env,
            login="ret_manager",
            groups="aftersales_service.group_aftersales_manager,"
            "stock.group_stock_user,sales_team.group_sale_salesman",
        )
        cls.stock_user = new_test_user(
            cls.env, login="ret_stock", groups="stock.group_stock_user"
        )
        cls.customer = cls.env["res.partner"].create(
            {"name": "Customer Wang", "email": "wang@example.com"}
        )
        cls.customer_b = cls.env["res.partner"].create(
            {"name": "Customer Li", "email": "li@example.com"}
        )
        cls.heater = cls.env["product.product"].create(
            {
                "name": "Water Heater WH-60",
                "type": "consu",
                "is_storable": True,
                "list_price": 1000.0,
                "barcode": "6900000000601",
                "taxes_id": [Command.clear()],
                "aftersales_packing_list": "Mounting bracket\nValve\nManual",
            }
        )
        cls.stove = cls.env["product.product"].create(
            {
                "name": "Gas Stove GS-2",
                "type": "consu",
                "is_storable": True,
                "tracking": "serial",
                "list_price": 800.0,
                "taxes_id": [Command.clear()],
            }
        )
        quant = cls.env["stock.quant"]
        quant._update_available_quantity(cls.heater, cls.warehouse.lot_stock_id, 50)
        cls.lots = cls.env["stock.lot"].create(
            [{"name": f"GS2-{i:03d}", "product_id": cls.stove.id} for i in range(1, 5)]
        )
        for lot in cls.lots:
            quant._update_available_quantity(
                cls.stove, cls.warehouse.lot_stock_id, 1, lot_id=lot
            )

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    @classmethod
    def _sell(
        cls,
        partner,
        lines,
        invoice_date=INVOICE_DATE,
        lots=None,
        deliver=True,
        invoice=True,
        taxes=None,
        carrier=None,
        **order_vals,
    ):
        """Sell, deliver and invoice: lines = [(product, qty, price)]."""
        order = cls.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": product.id,
                            "product_uom_qty": qty,
                            "price_unit": price,
                            "tax_id": [Command.set(taxes.ids if taxes else [])],
                        }
                    )
                    for product, qty, price in lines
                ],
                **order_vals,
            }
        )
        if carrier:
            order.set_delivery_line(carrier, carrier.fixed_price)
            order.order_line.filtered("is_delivery").tax_id = taxes or False
        order.action_confirm()
        if deliver:
            picking = order.picking_ids
            for move in picking.move_ids:
                if move.product_id.tracking == "serial":
                    move.move_line_ids.unlink()
                    move.move_line_ids = [
                        Command.create(
                            {
                                "product_id": move.product_id.id,
                                "lot_id": lot.id,
                                "quantity": 1,
                                "location_id": move.location_id.id,
                                "location_dest_id": move.location_dest_id.id,
                            }
                        )
                        for lot in lots[: int(move.product_uom_qty)]
                    ]
                else:
                    move.quantity = move.product_uom_qty
                move.picked = True
            picking._action_done()
        if invoice:
            inv = order._create_invoices()
            inv.invoice_date = invoice_date
            inv.action_post()
        return order

    @classmethod
    def _rma(
        cls,
        order,
        qty=1,
        reason="quality",
        remedy="refund",
        package="opened",
        lot=None,
        line=None,
        **extra,
    ):
        line = line or order.order_line[0]
        move = line.move_ids.filtered(lambda m: m.state == "done")[:1]
        vals = {
            "partner_id": order.partner_id.id,
            "partner_invoice_id": order.partner_invoice_id.id,
            "partner_shipping_id": order.partner_shipping_id.id,
            "origin": order.name,
            "order_id": order.id,
            "picking_id": move.picking_id.id,
            "move_id": move.id,
            "product_id": line.product_id.id,
            "product_uom_qty": qty,
            "product_uom": line.product_uom.id,
            "operation_id": cls.operation.id,
            "location_id": cls.warehouse.rma_loc_id.id,
            "reason_id": cls.reasons[reason].id,
            "requested_remedy": remedy,
            "package_state": package,
            "lot_id": lot and lot.id,
        }
        vals.update(extra)
        return cls.env["rma"].create(vals)

    @classmethod
    def _evidence(cls, rma, *kinds):
        return cls.env["aftersales.rma.evidence"].create(
            [
                {
                    "rma_id": rma.id,
                    "kind_id": cls.kinds[kind].id,
                    "name": kind,
                    "file": base64.b64encode(PDF if kind == "test_report" else PNG),
                    "file_name": f"{kind}.pdf"
                    if kind == "test_report"
                    else f"{kind}.png",
                }
                for kind in kinds
            ]
        )

    def _verdict(self, rma, rule):
        return rma.aftersales_verdict_ids.filtered(lambda v: v.rule == rule).result

    def _inspect(
        self,
        rma,
        result="stock",
        user=None,
        grade="a",
        invoice=True,
        package=True,
        accessories=True,
    ):
        wizard = (
            self.env["aftersales.rma.inspection"]
            .with_user(user or self.stock_user)
            .create(
                {
                    "rma_id": rma.id,
                    "result": result,
                    "condition_grade": grade,
                    "invoice_returned": invoice,
                    "package_intact": package,
                    "accessories_complete": accessories,
                }
            )
        )
        return wizard.action_validate()

    def _confirmed(self, order, kinds=("test_report",), approve=False, **kw):
        """A confirmed return (approved by the manager when asked)."""
        rma = self._rma(order, **kw)
        if kinds:
            self._evidence(rma, *kinds)
        if approve:
            rma.with_user(self.manager).action_aftersales_approve()
        rma.action_confirm()
        self.assertEqual(rma.state, "confirmed")
        return rma

    @staticmethod
    def _today_str(date):
        return fields.Date.to_string(date)
