"""Agreements whose money flows, over JSON-RPC: parts swapped old for new
(以旧换新), agreement terms, settlements. Every figure money depends on is set
by its action only, whatever the role; data is unchanged after a refusal."""

import datetime
import uuid

import pytest
from conftest import RPCError
from guard import assert_guarded, guarded_fields, login_as

SWAP = "aftersales.part.swap"


def _today():
    return datetime.date.today()


@pytest.fixture(scope="module")
def money(odoo):
    tag = uuid.uuid4().hex[:6].upper()
    distributor = odoo(
        "res.partner", "create", {"name": f"RPC Distributor {tag}", "is_company": True}
    )
    today = _today()
    agreement = odoo(
        "contract.contract",
        "create",
        {
            "name": f"RPC distributor agreement {tag}",
            "partner_id": distributor,
            "aftersales_kind": "distributor",
            "date_start": str(today - datetime.timedelta(days=60)),
            "date_end": str(today + datetime.timedelta(days=300)),
            "aftersales_visit_fee": 30.0,
        },
    )
    categ = odoo(
        "product.category",
        "create",
        {"name": f"RPC heater parts {tag}", "aftersales_part_policy": "swap"},
    )
    part = odoo(
        "product.product",
        "create",
        {
            "name": f"RPC gas valve {tag}",
            "default_code": f"RPC-VALVE-{tag}",
            "categ_id": categ,
            "is_storable": True,
            "list_price": 80.0,
            "standard_price": 45.0,
        },
    )
    return {
        "tag": tag,
        "distributor": distributor,
        "agreement": agreement,
        "part": part,
    }


def _swap(client, money, qty=2.0):
    return client(
        SWAP,
        "create",
        {
            "partner_id": money["distributor"],
            "contract_id": money["agreement"],
            "product_id": money["part"],
            "quantity": qty,
        },
    )


def _read(odoo, swap_id, fields=("state", "due_date", "quantity", "unit_cost")):
    return odoo(SWAP, "read", [swap_id], list(fields))[0]


def test_swap_created_over_rpc_gets_the_policy(odoo, money):
    user = login_as(odoo, "user")
    swap_id = _swap(user, money)
    swap = _read(
        odoo, swap_id, ["state", "due_date", "unit_cost", "cost_value", "move_id"]
    )
    assert swap["state"] == "waiting"
    assert swap["due_date"] == str(_today() + datetime.timedelta(days=30))
    assert swap["unit_cost"] == 45.0
    assert swap["cost_value"] == 90.0
    [move] = odoo(
        "stock.move", "read", [swap["move_id"][0]], ["state", "location_dest_id"]
    )
    assert move["state"] == "done"


@pytest.mark.parametrize("role", ["stock", "user", "manager"])
def test_swap_guarded_fields_refused(odoo, money, role):
    """Returned without a part, free or charged without an invoice, due in
    2099, a new cost or quantity: refused for the warehouse user, the
    after-sales user and the manager; the swap reads the same after."""
    swap_id = _swap(odoo, money)
    client = login_as(odoo, role)
    tried = assert_guarded(odoo, client, SWAP, swap_id)
    assert {"state", "due_date", "unit_cost", "quantity_returned"} <= set(tried)
    before = _read(odoo, swap_id)
    for vals in (
        {"state": "returned"},
        {"state": "free"},
        {"state": "charged"},
        {"due_date": "2099-12-31"},
        {"quantity": 1e308},
        {"quantity": 1},
    ):
        with pytest.raises(RPCError):
            client(SWAP, "write", [swap_id], vals)
    assert _read(odoo, swap_id) == before


def test_swap_quantity_positive_and_bounded(odoo, money):
    user = login_as(odoo, "user")
    count = odoo(SWAP, "search_count", [["partner_id", "=", money["distributor"]]])
    for qty in (1e308, 10001, 0, -3):
        with pytest.raises(RPCError) as err:
            _swap(user, money, qty)
        assert err.value.message
    assert (
        odoo(SWAP, "search_count", [["partner_id", "=", money["distributor"]]]) == count
    )


def test_old_part_back_only_by_scanning_it(odoo, money):
    swap_id = _swap(odoo, money, 1.0)
    warehouse = login_as(odoo, "stock")
    with pytest.raises(RPCError) as err:
        warehouse(SWAP, "action_receive_old_part", [swap_id], "NOT-THE-PART")
    assert "NOT-THE-PART" in err.value.message
    assert _read(odoo, swap_id)["state"] == "waiting"
    warehouse(SWAP, "action_receive_old_part", [swap_id], f"RPC-VALVE-{money['tag']}")
    swap = _read(odoo, swap_id, ["state", "quantity_returned", "return_move_ids"])
    assert swap["state"] == "returned"
    assert swap["quantity_returned"] == 1.0
    [move] = odoo(
        "stock.move", "read", swap["return_move_ids"], ["state", "picking_code"]
    )
    assert move["state"] == "done"
    assert move["picking_code"] == "incoming"


def test_manager_without_accounting_prepares_the_charge_invoice(odoo, money):
    swap_id = _swap(odoo, money, 1.0)
    user = login_as(odoo, "user")
    with pytest.raises(RPCError):
        user(SWAP, "action_charge", [swap_id])
    assert _read(odoo, swap_id)["state"] == "waiting"
    manager = login_as(odoo, "manager")
    manager(SWAP, "action_charge", [swap_id])
    swap = _read(odoo, swap_id, ["state", "charge_move_id", "amount_charged"])
    assert swap["state"] == "charged"
    assert swap["amount_charged"] == 45.0
    [invoice] = odoo(
        "account.move", "read", [swap["charge_move_id"][0]], ["state", "move_type"]
    )
    assert invoice == {
        "id": swap["charge_move_id"][0],
        "state": "draft",
        "move_type": "out_invoice",
    }
    with pytest.raises(RPCError):
        manager("account.move", "action_post", [swap["charge_move_id"][0]])


def test_manager_without_accounting_prepares_the_settlement_bill(odoo, money):
    visit = odoo(
        "aftersales.agreement.visit",
        "create",
        {
            "contract_id": money["agreement"],
            "planned_date": str(_today()),
            "report": "On-site repair of a heater",
        },
    )
    odoo("aftersales.agreement.visit", "action_done", [visit])
    manager = login_as(odoo, "manager")
    month = str(_today().replace(day=1))
    manager(
        "contract.contract",
        "action_aftersales_settlement_bill",
        [money["agreement"]],
        month,
    )
    [settlement] = odoo(
        "aftersales.agreement.settlement",
        "search_read",
        [["contract_id", "=", money["agreement"]], ["month", "=", month]],
        ["visit_count", "bill_id", "amount_total"],
    )
    assert settlement["visit_count"] == 1
    assert settlement["amount_total"] == 30.0
    [bill] = odoo(
        "account.move", "read", [settlement["bill_id"][0]], ["state", "move_type"]
    )
    assert (bill["state"], bill["move_type"]) == ("draft", "in_invoice")
    tried = assert_guarded(
        odoo, manager, "aftersales.agreement.settlement", settlement["id"]
    )
    assert "bill_id" in tried and "visit_count" in tried


def test_agreement_money_fields_guarded_and_terms_frozen(odoo, money):
    partner = odoo("res.partner", "create", {"name": f"RPC Hotel {money['tag']}"})
    agreement = odoo(
        "contract.contract",
        "create",
        {
            "name": f"RPC equipment {money['tag']}",
            "partner_id": partner,
            "aftersales_kind": "equipment",
            "date_start": str(_today()),
            "date_end": str(_today() + datetime.timedelta(days=364)),
            "aftersales_signing_fee": 3000.0,
        },
    )
    manager = login_as(odoo, "manager")
    assert {"aftersales_signed_on", "aftersales_signing_move_id"} <= set(
        guarded_fields(odoo, "contract.contract")
    )
    manager("contract.contract", "action_aftersales_sign", [agreement])
    [signed] = odoo(
        "contract.contract",
        "read",
        [agreement],
        ["aftersales_signed_on", "aftersales_signing_move_id", "contract_line_ids"],
    )
    assert signed["aftersales_signed_on"] == str(_today())
    assert len(signed["contract_line_ids"]) == 1
    [invoice] = odoo(
        "account.move",
        "read",
        [signed["aftersales_signing_move_id"][0]],
        ["state", "amount_total"],
    )
    assert invoice["state"] == "draft"
    for role in ("user", "manager"):
        client = login_as(odoo, role)
        assert_guarded(
            odoo,
            client,
            "contract.contract",
            agreement,
            skip=("aftersales_renewal_id",),
        )
        for vals in ({"aftersales_signing_fee": 1.0}, {"aftersales_late_fee_pct": 5.0}):
            with pytest.raises(RPCError):
                client("contract.contract", "write", [agreement], vals)
    [after] = odoo(
        "contract.contract",
        "read",
        [agreement],
        ["aftersales_signing_fee", "aftersales_late_fee_pct"],
    )
    assert after["aftersales_signing_fee"] == 3000.0
    assert after["aftersales_late_fee_pct"] == 0.2
    # the surcharge marker of an invoice moves only with the surcharge run
    assert "aftersales_surcharged_until" in guarded_fields(odoo, "account.move")
