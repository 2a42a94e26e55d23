"""On-site service over JSON-RPC: dispatch from a ticket, the guarded
deadline, arrival and completion, and what a service point may see."""

import datetime
import random
import uuid

import pytest
from conftest import OdooRPC, RPCError
from guard import assert_guarded, login_as


def _utcnow():
    return datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)


def _group(odoo, module, name):
    return odoo("ir.model.data", "check_object_reference", module, name)[1]


@pytest.fixture(scope="module")
def onsite(odoo):
    """A distributor agreement with a service point serving one ZIP code, its
    technician as a portal user, another service point elsewhere, and a
    customer in the first territory with a dispatched order."""
    tag = uuid.uuid4().hex[:6]
    zip_a = f"7{random.randint(10000, 99999)}"
    zip_b = f"8{random.randint(10000, 99999)}"
    today = datetime.date.today()
    start, end = (
        (today - datetime.timedelta(days=30)).isoformat(),
        (today + datetime.timedelta(days=300)).isoformat(),
    )

    def point(name, zip_code):
        dist = odoo(
            "res.partner", "create", {"name": f"RPC {name} {tag}", "is_company": True}
        )
        agreement = odoo(
            "contract.contract",
            "create",
            {
                "name": f"RPC distributor agreement {name} {tag}",
                "partner_id": dist,
                "aftersales_kind": "distributor",
                "date_start": start,
                "date_end": end,
            },
        )
        territory = odoo(
            "res.territory",
            "create",
            {
                "name": f"RPC {name} {tag}",
                "type": "zip",
                "zip_codes": zip_code,
                "aftersales_zone": "suburb",
            },
        )
        tech_partner = odoo(
            "res.partner",
            "create",
            {
                "name": f"RPC tech {name} {tag}",
                "parent_id": dist,
                "email": f"tech.{name}.{tag}@example.com",
            },
        )
        person = odoo("fsm.person", "create", {"partner_id": tech_partner})
        point_id = odoo(
            "aftersales.service.point",
            "create",
            {
                "name": f"RPC point {name} {tag}",
                "contract_id": agreement,
                "partner_id": dist,
                "territory_ids": [[6, 0, [territory]]],
                "technician_ids": [[6, 0, [person]]],
            },
        )
        login = f"rpc_tech_{name}_{tag}"
        odoo(
            "res.users",
            "create",
            {
                "name": f"RPC tech {name}",
                "login": login,
                "password": login,
                "partner_id": tech_partner,
                "groups_id": [[6, 0, [_group(odoo, "base", "group_portal")]]],
            },
        )
        return point_id, OdooRPC(odoo.url, odoo.db, login, login)

    point_a, tech_a = point("a", zip_a)
    point_b, tech_b = point("b", zip_b)

    def order_for(zip_code, phone):
        customer = odoo(
            "res.partner",
            "create",
            {"name": f"RPC customer {zip_code}", "zip": zip_code, "phone": phone},
        )
        ticket = odoo(
            "helpdesk.ticket",
            "create",
            {
                "name": "RPC heater does not ignite",
                "description": "no ignition",
                "partner_id": customer,
            },
        )
        [order] = odoo("helpdesk.ticket", "aftersales_dispatch", [ticket])
        return order, customer

    order_a, customer_a = order_for(zip_a, "+86 571 7777 0001")
    order_b, customer_b = order_for(zip_b, "+86 571 8888 0002")
    return {
        "point_a": point_a,
        "point_b": point_b,
        "tech_a": tech_a,
        "tech_b": tech_b,
        "order_a": order_a,
        "order_b": order_b,
        "customer_a": customer_a,
        "customer_b": customer_b,
    }


def test_dispatch_sets_service_point_zone_and_deadline(odoo, onsite):
    [order] = odoo(
        "fsm.order",
        "read",
        [onsite["order_a"]],
        [
            "aftersales_service_point_id",
            "aftersales_zone",
            "aftersales_called_on",
            "aftersales_deadline",
            "aftersales_state",
        ],
    )
    assert order["aftersales_service_point_id"][0] == onsite["point_a"]
    assert order["aftersales_zone"] == "suburb"
    called = datetime.datetime.fromisoformat(order["aftersales_called_on"])
    deadline = datetime.datetime.fromisoformat(order["aftersales_deadline"])
    assert deadline - called == datetime.timedelta(hours=48)  # Settings' county hours
    assert order["aftersales_state"] == "dispatched"


@pytest.mark.parametrize("role", ["user", "manager", "field_worker"])
def test_guarded_fields_refused_for_every_role(odoo, onsite, role):
    if role == "field_worker":
        client = login_as(odoo, "employee", [("fieldservice", "group_fsm_user")])
    else:
        client = login_as(odoo, role)
    tried = assert_guarded(odoo, client, "fsm.order", onsite["order_b"])
    for name in (
        "aftersales_deadline",
        "aftersales_arrived_on",
        "aftersales_late",
        "aftersales_finished_on",
        "signed_by",
    ):
        assert name in tried


def test_field_worker_checks_in_server_time_and_cannot_complete_unsigned(odoo, onsite):
    worker = login_as(odoo, "employee", [("fieldservice", "group_fsm_user")])
    order = onsite["order_b"]
    before = _utcnow().replace(microsecond=0)
    worker("fsm.order", "action_aftersales_check_in", [order])
    [read] = odoo(
        "fsm.order", "read", [order], ["aftersales_arrived_on", "aftersales_late"]
    )
    arrived = datetime.datetime.fromisoformat(read["aftersales_arrived_on"])
    assert before - datetime.timedelta(seconds=5) <= arrived <= _utcnow()
    assert read["aftersales_late"] is False
    with pytest.raises(RPCError):
        worker(
            "fsm.order",
            "write",
            [order],
            {"aftersales_arrived_on": "2020-01-01 00:00:00"},
        )
    worker("fsm.order", "write", [order], {"resolution": "<p>Replaced the valve.</p>"})
    with pytest.raises(RPCError) as err:
        worker("fsm.order", "action_complete", [order])
    assert "sign" in err.value.message
    completed = odoo(
        "ir.model.data", "check_object_reference", "fieldservice", "fsm_stage_completed"
    )[1]
    with pytest.raises(RPCError):
        worker(
            "fsm.order",
            "write",
            [order],
            {"stage_id": completed},
            context={"bypass_order_completed_stage": True},
        )
    [read] = odoo("fsm.order", "read", [order], ["aftersales_finished_on", "is_closed"])
    assert read == {"id": order, "aftersales_finished_on": False, "is_closed": False}


def test_service_point_sees_its_own_orders_and_customers_only(odoo, onsite):
    tech = onsite["tech_a"]
    ids = tech("fsm.order", "search", [])
    assert onsite["order_a"] in ids
    assert onsite["order_b"] not in ids
    [mine] = tech(
        "fsm.order", "read", [onsite["order_a"]], ["phone", "aftersales_deadline"]
    )
    assert mine["phone"] == "+86 571 7777 0001"
    with pytest.raises(RPCError):
        tech("fsm.order", "read", [onsite["order_b"]], ["phone"])
    with pytest.raises(RPCError):
        tech("res.partner", "read", [onsite["customer_b"]], ["phone"])
    with pytest.raises(RPCError):
        tech(
            "fsm.order",
            "write",
            [onsite["order_a"]],
            {"aftersales_deadline": "2099-01-01 00:00:00"},
        )
    with pytest.raises(RPCError):
        tech("fsm.order", "action_aftersales_check_in", [onsite["order_a"]])
    [after] = odoo(
        "fsm.order",
        "read",
        [onsite["order_a"]],
        ["aftersales_deadline", "aftersales_arrived_on"],
    )
    assert after["aftersales_deadline"] == mine["aftersales_deadline"]
    assert after["aftersales_arrived_on"] is False
    assert tech("aftersales.service.point", "search", []) == [onsite["point_a"]]
