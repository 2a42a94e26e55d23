"""Sales through the public API, shared by the end-to-end scenarios."""

import uuid


def stocked_serials(odoo, product_id, count):
    stock = odoo("stock.warehouse", "search_read", [], fields=["lot_stock_id"], limit=1)
    location_id = stock[0]["lot_stock_id"][0]
    names = [f"E2E-{uuid.uuid4().hex[:8].upper()}" for _ in range(count)]
    for name in names:
        lot_id = odoo("stock.lot", "create", {"name": name, "product_id": product_id})
        quant_id = odoo(
            "stock.quant",
            "create",
            {
                "product_id": product_id,
                "location_id": location_id,
                "lot_id": lot_id,
                "inventory_quantity": 1,
            },
        )
        odoo("stock.quant", "action_apply_inventory", [quant_id])
    return names


def sell_deliver_invoice(odoo, partner_id, product_id, qty, invoice_date):
    order_id = odoo(
        "sale.order",
        "create",
        {
            "partner_id": partner_id,
            "order_line": [[0, 0, {"product_id": product_id, "product_uom_qty": qty}]],
        },
    )
    odoo("sale.order", "action_confirm", [order_id])
    [order] = odoo("sale.order", "read", [order_id], fields=["picking_ids"])
    for picking_id in order["picking_ids"]:
        odoo("stock.picking", "button_validate", [picking_id])
    wizard_id = odoo(
        "sale.advance.payment.inv",
        "create",
        {"advance_payment_method": "delivered"},
        context={"active_model": "sale.order", "active_ids": [order_id]},
    )
    odoo(
        "sale.advance.payment.inv",
        "create_invoices",
        [wizard_id],
        context={"active_model": "sale.order", "active_ids": [order_id]},
    )
    [order] = odoo("sale.order", "read", [order_id], fields=["invoice_ids"])
    invoice_id = order["invoice_ids"][0]
    odoo("account.move", "write", [invoice_id], {"invoice_date": invoice_date})
    odoo("account.move", "action_post", [invoice_id])
    return order_id, invoice_id
