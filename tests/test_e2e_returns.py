"""Returns checked against the invoice date, end to end over JSON-RPC.

An integrator (a shop front or a call-centre tool) files no-reason returns for
units invoiced 6 and 9 days ago (the exact day-7/day-8 boundary, which depends
on the company's timezone, is tested with frozen time in aftersales_returns):
the first is confirmed, the second is refused with a message naming the
time-window rule, and stays a draft.
"""

import datetime

import pytest
from conftest import RPCError
from helpers import sell_deliver_invoice


def _rma_for(odoo, order_id, remedy="refund", reason="no_reason", package="sealed"):
    [order] = odoo(
        "sale.order",
        "read",
        [order_id],
        fields=[
            "partner_id",
            "partner_invoice_id",
            "partner_shipping_id",
            "order_line",
        ],
    )
    [line] = odoo(
        "sale.order.line",
        "read",
        order["order_line"],
        fields=["product_id", "product_uom", "move_ids"],
    )
    [move] = odoo("stock.move", "read", line["move_ids"], fields=["picking_id"])
    [warehouse] = odoo(
        "stock.warehouse", "search_read", [], fields=["rma_loc_id"], limit=1
    )
    [operation] = odoo(
        "ir.model.data",
        "search_read",
        [
            ["module", "=", "aftersales_returns"],
            ["name", "=", "rma_operation_checked_return"],
        ],
        fields=["res_id"],
    )
    return odoo(
        "rma",
        "create",
        {
            "partner_id": order["partner_id"][0],
            "partner_invoice_id": order["partner_invoice_id"][0],
            "partner_shipping_id": order["partner_shipping_id"][0],
            "order_id": order_id,
            "picking_id": move["picking_id"][0],
            "move_id": move["id"],
            "product_id": line["product_id"][0],
            "product_uom_qty": 1,
            "product_uom": line["product_uom"][0],
            "operation_id": operation["res_id"],
            "location_id": warehouse["rma_loc_id"][0],
            "return_reason": reason,
            "requested_remedy": remedy,
            "package_state": package,
        },
    )


@pytest.fixture
def hood(odoo):
    """A consumable range hood: delivered without stock to count, so each
    scenario stands on its own."""
    return odoo(
        "product.product",
        "create",
        {"name": "E2E Range Hood", "type": "consu", "list_price": 1200.0},
    )


def _sold_days_ago(odoo, product_id, days):
    partner_id = odoo("res.partner", "create", {"name": f"E2E Buyer {days} days"})
    day = (datetime.date.today() - datetime.timedelta(days=days)).isoformat()
    order_id, _invoice_id = sell_deliver_invoice(odoo, partner_id, product_id, 1, day)
    return order_id


def test_no_reason_return_within_the_window_is_confirmed(odoo, hood):
    order_id = _sold_days_ago(odoo, hood, 6)
    rma_id = _rma_for(odoo, order_id)
    odoo("rma", "action_confirm", [rma_id])
    [rma] = odoo("rma", "read", [rma_id], fields=["state", "invoice_id"])
    assert rma["state"] == "confirmed"
    assert rma["invoice_id"], "the RMA found the customer invoice by itself"


def test_no_reason_return_after_the_window_is_refused(odoo, hood):
    order_id = _sold_days_ago(odoo, hood, 9)
    rma_id = _rma_for(odoo, order_id)
    with pytest.raises(RPCError) as refused:
        odoo("rma", "action_confirm", [rma_id])
    assert refused.value.name == "odoo.exceptions.UserError"
    assert "Time window" in refused.value.message
    [rma] = odoo("rma", "read", [rma_id], fields=["state"])
    assert rma["state"] == "draft"
    # the refusal rolled back; checking without confirming keeps the verdicts
    odoo("rma", "action_aftersales_check", [rma_id])
    verdicts = odoo(
        "aftersales.rma.verdict",
        "search_read",
        [["rma_id", "=", rma_id], ["result", "=", "fail"]],
        fields=["rule"],
    )
    assert "window" in [v["rule"] for v in verdicts]


def test_opened_package_cannot_be_returned_without_reason(odoo, hood):
    order_id = _sold_days_ago(odoo, hood, 2)
    rma_id = _rma_for(odoo, order_id, package="opened")
    with pytest.raises(RPCError) as refused:
        odoo("rma", "action_confirm", [rma_id])
    assert "Package" in refused.value.message
    odoo("rma", "action_aftersales_check", [rma_id])
    verdicts = odoo(
        "aftersales.rma.verdict",
        "search_read",
        [["rma_id", "=", rma_id], ["result", "=", "fail"]],
        fields=["rule"],
    )
    assert "package" in [v["rule"] for v in verdicts]
