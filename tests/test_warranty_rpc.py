"""Warranty look-up end to end over JSON-RPC, as an integrator would call it."""

import datetime
import uuid

import pytest
from helpers import sell_deliver_invoice, stocked_serials


@pytest.fixture()
def sold_unit(odoo):
    tag = uuid.uuid4().hex[:8].upper()
    partner = odoo("res.partner", "create", {"name": f"RPC Customer {tag}"})
    other = odoo("res.partner", "create", {"name": f"RPC Other {tag}"})
    product = odoo(
        "product.product",
        "create",
        {
            "name": f"RPC Water Heater {tag}",
            "type": "consu",
            "is_storable": True,
            "tracking": "serial",
            "warranty": 24,
            "warranty_type": "month",
        },
    )
    [serial] = stocked_serials(odoo, product, 1)
    sell_deliver_invoice(odoo, partner, product, 1, "2025-01-01")
    [card] = odoo("aftersales.warranty", "search", [["lot_name", "=", serial]])
    return {"partner": partner, "other": other, "serial": serial, "card": card}


def _check(odoo, **vals):
    wizard = odoo("aftersales.warranty.check", "create", vals)
    odoo("aftersales.warranty.check", "action_check", [wizard])
    [data] = odoo(
        "aftersales.warranty.check",
        "read",
        [wizard],
        fields=["line_ids", "result_state", "result_message"],
    )
    lines = odoo(
        "aftersales.warranty.check.line",
        "read",
        data["line_ids"],
        fields=["state", "end_date", "reason", "warranty_id"],
    )
    return data, lines


def test_check_serial_until_end_date(odoo, sold_unit):
    banner, [line] = _check(odoo, serial=sold_unit["serial"], on_date="2027-01-01")
    assert line["state"] == "in_warranty"
    assert line["end_date"] == "2027-01-01"
    assert line["warranty_id"][0] == sold_unit["card"]
    assert banner["result_state"] == "success"
    banner, [line] = _check(odoo, serial=sold_unit["serial"], on_date="2027-01-02")
    assert line["state"] == "out_of_warranty"
    assert banner["result_state"] == "danger"


def test_check_serial_of_another_customer(odoo, sold_unit):
    """Answered in the banner (no error to dismiss), naming serial and customer."""
    banner, [line] = _check(
        odoo,
        serial=sold_unit["serial"],
        partner_id=sold_unit["other"],
        on_date=datetime.date.today().isoformat(),
    )
    assert line["state"] == "unknown"
    assert banner["result_state"] == "danger"
    assert sold_unit["serial"] in banner["result_message"]
    assert "RPC Other" in banner["result_message"]
    banner, lines = _check(odoo, serial=f"NOPE-{uuid.uuid4().hex[:6]}")
    assert lines == []
    assert "not found" in banner["result_message"]
