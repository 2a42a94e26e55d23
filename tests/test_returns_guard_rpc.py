"""Returns over JSON-RPC, as each role: the fields only actions set
(approval, override, inspection, verdicts, money, status) are refused with a
message and the return reads the same afterwards."""

import base64

import pytest
from conftest import RPCError
from guard import assert_guarded, login_as
from helpers import sell_deliver_invoice
from test_e2e_returns import _rma_for

ROLES = ("user", "manager", "stock", "portal")


@pytest.fixture(scope="module")
def confirmed_rma(odoo):
    product = odoo(
        "product.product",
        "create",
        {"name": "Guard Range Hood", "type": "consu", "list_price": 900.0},
    )
    partner = odoo("res.partner", "create", {"name": "Guard Buyer"})
    import datetime

    day = (datetime.date.today() - datetime.timedelta(days=1)).isoformat()
    order_id, _invoice = sell_deliver_invoice(odoo, partner, product, 2, day)
    rma_id = _rma_for(odoo, order_id, reason="no_reason", package="sealed")
    odoo("rma", "action_confirm", [rma_id])
    return rma_id, order_id


def test_guarded_fields_listed(odoo):
    desc = odoo("rma", "fields_get", attributes=["aftersales_guarded", "readonly"])
    for name in (
        "aftersales_approved_by_id",
        "aftersales_override_reason",
        "aftersales_inspection_state",
        "aftersales_invoice_returned",
        "aftersales_package_intact",
        "aftersales_accessories_complete",
        "aftersales_inspection_outcome",
        "aftersales_verdict",
        "aftersales_fee_amount",
        "aftersales_request_date",
        "state",
    ):
        assert desc[name].get("aftersales_guarded"), name
        assert desc[name]["readonly"], name


@pytest.mark.parametrize("role", ROLES)
def test_return_guarded_fields_refused(odoo, confirmed_rma, role):
    rma_id, _order = confirmed_rma
    client = login_as(odoo, role)
    tried = assert_guarded(odoo, client, "rma", rma_id)
    for name in (
        "aftersales_approved_by_id",
        "aftersales_override_reason",
        "aftersales_invoice_returned",
        "aftersales_inspection_state",
        "state",
    ):
        assert name in tried


@pytest.mark.parametrize("role", ("user", "manager"))
def test_verdicts_cannot_be_forged(odoo, confirmed_rma, role):
    rma_id, _order = confirmed_rma
    client = login_as(odoo, role)
    before = odoo(
        "aftersales.rma.verdict",
        "search_read",
        [["rma_id", "=", rma_id]],
        fields=["result", "code"],
    )
    with pytest.raises(RPCError) as refused:
        client(
            "aftersales.rma.verdict",
            "create",
            {
                "rma_id": rma_id,
                "rule": "window",
                "result": "pass",
                "code": "window.return_ok",
            },
        )
    assert refused.value.message
    verdict_id = before[0]["id"]
    with pytest.raises(RPCError):
        client("aftersales.rma.verdict", "write", [verdict_id], {"result": "fail"})
    with pytest.raises(RPCError):
        client("aftersales.rma.verdict", "unlink", [verdict_id])
    after = odoo(
        "aftersales.rma.verdict",
        "search_read",
        [["rma_id", "=", rma_id]],
        fields=["result", "code"],
    )
    assert after == before


def test_agent_cannot_approve_or_inspect(odoo, confirmed_rma):
    rma_id, _order = confirmed_rma
    agent = login_as(odoo, "user")
    with pytest.raises(RPCError) as refused:
        agent("rma", "action_aftersales_approve", [rma_id])
    assert refused.value.message
    wizard = agent(
        "aftersales.rma.inspection",
        "create",
        {"rma_id": rma_id, "result": "stock", "condition_grade": "a"},
    )
    with pytest.raises(RPCError) as refused:
        agent("aftersales.rma.inspection", "action_validate", [wizard])
    assert "warehouse" in refused.value.message
    [rma] = odoo("rma", "read", [rma_id], ["aftersales_inspection_state", "state"])
    assert rma == {
        "id": rma_id,
        "aftersales_inspection_state": "pending",
        "state": "confirmed",
    }


def test_confirmed_return_evidence_is_kept(odoo, confirmed_rma):
    rma_id, _order = confirmed_rma
    [kind] = odoo(
        "aftersales.rma.evidence.kind", "search", [["code", "=", "photo"]], limit=1
    )
    png = base64.b64encode(
        base64.b64decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA"
            "60e6kgAAAABJRU5ErkJggg=="
        )
    ).decode()
    evidence = odoo(
        "aftersales.rma.evidence",
        "create",
        {"rma_id": rma_id, "kind_id": kind, "file": png, "file_name": "box.png"},
    )
    agent = login_as(odoo, "user")
    with pytest.raises(RPCError) as refused:
        agent("aftersales.rma.evidence", "unlink", [evidence])
    assert "no longer a draft" in refused.value.message
    assert odoo("aftersales.rma.evidence", "search_count", [["id", "=", evidence]])


def test_late_shipping_proposed_and_guarded(odoo):
    """Shipped after the promised date: the suite proposes 5% of the item;
    nobody types the amount or the status."""
    product = odoo(
        "product.product",
        "create",
        {
            "name": "Guard Late Heater",
            "type": "consu",
            "list_price": 300.0,
            "taxes_id": [[5, 0, 0]],
        },
    )
    partner = odoo("res.partner", "create", {"name": "Guard Late Buyer"})
    order_id = odoo(
        "sale.order",
        "create",
        {
            "partner_id": partner,
            "commitment_date": "2020-01-01 10:00:00",
            "order_line": [
                [
                    0,
                    0,
                    {
                        "product_id": product,
                        "product_uom_qty": 1,
                        "tax_id": [[5, 0, 0]],
                    },
                ]
            ],
        },
    )
    odoo("sale.order", "action_confirm", [order_id])
    [order] = odoo("sale.order", "read", [order_id], ["picking_ids"])
    odoo("stock.picking", "button_validate", order["picking_ids"])
    late = odoo(
        "aftersales.late.shipping",
        "search_read",
        [["order_id", "=", order_id]],
        fields=["amount", "state"],
    )
    assert len(late) == 1
    assert late[0]["amount"] == 15.0
    assert late[0]["state"] == "proposed"
    for role in ("user", "manager"):
        client = login_as(odoo, role)
        tried = assert_guarded(odoo, client, "aftersales.late.shipping", late[0]["id"])
        assert "amount" in tried and "state" in tried
