"""Warranty cards over JSON-RPC: what only actions may set is refused for
every role, data unchanged; a card by hand only within bounds and for a serial
of that customer; sell-out registration as a public method."""

import datetime
import uuid

import pytest
from conftest import OdooRPC, RPCError
from guard import assert_guarded, login_as
from helpers import sell_deliver_invoice, stocked_serials

CARD_FIELDS = [
    "partner_id",
    "distributor_id",
    "start_date",
    "end_date",
    "extension_months",
    "state",
    "void_reason",
    "sale_line_id",
    "registration_state",
    "sellout_date",
]


def _product(odoo, tag, months=12):
    return odoo(
        "product.product",
        "create",
        {
            "name": f"RPC Guard Heater {tag}",
            "type": "consu",
            "is_storable": True,
            "tracking": "serial",
            "warranty": months,
            "warranty_type": "month",
        },
    )


@pytest.fixture()
def cards(odoo):
    """Two customers, one serial each, sold, delivered and invoiced."""
    tag = uuid.uuid4().hex[:8].upper()
    product = _product(odoo, tag)
    result = {"product": product}
    for key in ("mine", "other"):
        partner = odoo("res.partner", "create", {"name": f"RPC {key} {tag}"})
        [serial] = stocked_serials(odoo, product, 1)
        order_id, _inv = sell_deliver_invoice(odoo, partner, product, 1, "2025-03-10")
        [card] = odoo(
            "aftersales.warranty",
            "search_read",
            [["lot_name", "=", serial]],
            fields=["id", "lot_id", "sale_line_id"],
        )
        result[key] = {
            "partner": partner,
            "serial": serial,
            "card": card["id"],
            "lot": card["lot_id"][0],
            "sale_line": card["sale_line_id"][0],
            "order": order_id,
        }
    return result


def _read(odoo, card):
    return odoo("aftersales.warranty", "read", [card], CARD_FIELDS)[0]


@pytest.mark.parametrize("role", ["user", "manager"])
def test_card_and_extension_guarded_for_every_role(odoo, cards, role):
    client = login_as(odoo, role)
    card = cards["mine"]["card"]
    before = _read(odoo, card)
    tried = assert_guarded(odoo, client, "aftersales.warranty", card)
    for name in (
        "extension_months",
        "start_date",
        "end_date",
        "void_reason",
        "sale_line_id",
        "partner_id",
        "state",
        "registration_state",
    ):
        assert name in tried, name
    # the cases, one by one, each with a message naming the card
    card_name = odoo("aftersales.warranty", "read", [card], ["name"])[0]["name"]
    for vals in (
        {"extension_months": 120},  # end date moved by ten years
        {"void_reason": "forged"},
        {"sale_line_id": cards["other"]["sale_line"]},
    ):
        with pytest.raises(RPCError) as err:
            client("aftersales.warranty", "write", [card], vals)
        assert card_name in err.value.message
    assert _read(odoo, card) == before
    # an extension created already approved by a manager, or written so
    manager = odoo("res.users", "search", [["login", "=", "admin"]])[0]
    with pytest.raises(RPCError):
        client(
            "aftersales.warranty.extension",
            "create",
            {
                "warranty_id": card,
                "months": 60,
                "reason": "forged",
                "state": "approved",
                "approved_by_id": manager,
            },
        )
    ext = client(
        "aftersales.warranty.extension",
        "create",
        {"warranty_id": card, "months": 6, "reason": "goodwill"},
    )
    tried = assert_guarded(odoo, client, "aftersales.warranty.extension", ext)
    assert {"state", "approved_by_id"} <= set(tried)
    assert _read(odoo, card) == before


@pytest.mark.parametrize("role", ["employee", "portal"])
def test_card_refused_for_other_roles(odoo, cards, role):
    """Employees and portal users only read cards: every guarded field is
    refused to them too, and the card reads the same."""
    client = login_as(odoo, role)
    card = cards["mine"]["card"]
    before = _read(odoo, card)
    assert_guarded(odoo, client, "aftersales.warranty", card)
    assert _read(odoo, card) == before


def test_card_by_hand_bounds_and_owner(odoo, cards):
    client = login_as(odoo, "user")
    count = odoo("aftersales.warranty", "search_count", [])
    # 50 years for another customer's serial: refused
    with pytest.raises(RPCError) as err:
        client(
            "aftersales.warranty",
            "create",
            {
                "partner_id": cards["mine"]["partner"],
                "product_id": cards["product"],
                "lot_id": cards["other"]["lot"],
                "start_date": "2025-03-10",
                "duration": 50,
                "duration_type": "year",
            },
        )
    assert cards["other"]["serial"] in err.value.message
    # own serial but out of bounds: the message names the card and the bound
    for duration, unit, bound in (
        (121, "month", "120"),
        (0, "month", "1"),
        (11, "year", "10"),
        (3651, "day", "3650"),
    ):
        with pytest.raises(RPCError) as err:
            client(
                "aftersales.warranty",
                "create",
                {
                    "partner_id": cards["mine"]["partner"],
                    "product_id": cards["product"],
                    "lot_id": cards["mine"]["lot"],
                    "start_date": "2025-03-10",
                    "duration": duration,
                    "duration_type": unit,
                },
            )
        assert "ValidationError" in err.value.name
        assert bound in err.value.message and "WC/" in err.value.message
    with pytest.raises(RPCError) as err:
        client(
            "aftersales.warranty.extension",
            "create",
            {"warranty_id": cards["mine"]["card"], "months": 61, "reason": "x"},
        )
    assert "60" in err.value.message
    assert odoo("aftersales.warranty", "search_count", []) == count


def test_register_sellout_public_method(odoo):
    """A distributor's user registers the end user over JSON-RPC; the rules
    hold at their boundaries and refusals change nothing."""
    tag = uuid.uuid4().hex[:8].upper()
    product = _product(odoo, tag)
    distributor = odoo(
        "res.partner",
        "create",
        {
            "name": f"RPC Distributor {tag}",
            "is_company": True,
            "aftersales_is_distributor": True,
        },
    )
    other_distributor = odoo(
        "res.partner",
        "create",
        {
            "name": f"RPC Distributor B {tag}",
            "is_company": True,
            "aftersales_is_distributor": True,
        },
    )
    serials = stocked_serials(odoo, product, 2)
    invoice_day = (datetime.date.today() - datetime.timedelta(days=30)).isoformat()
    sell_deliver_invoice(odoo, distributor, product, 2, invoice_day)
    portal = login_as(odoo, "portal")
    [user] = odoo("res.users", "read", [portal.uid], ["partner_id"])
    odoo("res.partner", "write", [user["partner_id"][0]], {"parent_id": distributor})
    portal_b = login_as(odoo, "portal")
    [user_b] = odoo("res.users", "read", [portal_b.uid], ["partner_id"])
    odoo(
        "res.partner",
        "write",
        [user_b["partner_id"][0]],
        {"parent_id": other_distributor},
    )

    [card_id] = odoo("aftersales.warranty", "search", [["lot_name", "=", serials[0]]])
    before = _read(odoo, card_id)
    assert before["registration_state"] == "pending"
    day_before = (
        datetime.date.fromisoformat(invoice_day) - datetime.timedelta(days=1)
    ).isoformat()
    tomorrow = (datetime.date.today() + datetime.timedelta(days=1)).isoformat()
    refusals = [
        (portal, (f"NEVER-{tag}", "Chen", "13800001111", invoice_day), "no record"),
        (portal, (serials[0], "Chen", "13800001111", day_before), "before"),
        (portal, (serials[0], "Chen", "13800001111", tomorrow), "future"),
        (
            portal_b,
            (serials[0], "Chen", "13800001111", invoice_day),
            "another distributor",
        ),
    ]
    for client, args, words in refusals:
        with pytest.raises(RPCError) as err:
            client("aftersales.warranty", "register_sellout", *args)
        assert words in err.value.message
    assert _read(odoo, card_id) == before

    card = portal(
        "aftersales.warranty",
        "register_sellout",
        serials[0],
        f"RPC End User {tag}",
        "+86 138 0000 1111",
        invoice_day,
        address="Keqiao, Shaoxing",
    )
    assert card["id"] == card_id
    assert card["start_date"] == invoice_day
    assert card["registration_state"] == "registered"
    assert card["owner"] == f"RPC End User {tag}"
    with pytest.raises(RPCError) as err:
        portal(
            "aftersales.warranty",
            "register_sellout",
            serials[0],
            "Someone",
            "13900002222",
            invoice_day,
        )
    assert "already registered" in err.value.message
    # the back office may register the other unit for the distributor
    agent = login_as(odoo, "user")
    card = agent(
        "aftersales.warranty",
        "register_sellout",
        serials[1],
        f"RPC Other End User {tag}",
        "13900003333",
        datetime.date.today().isoformat(),
    )
    assert card["registration_state"] == "registered"
    assert isinstance(portal, OdooRPC)
