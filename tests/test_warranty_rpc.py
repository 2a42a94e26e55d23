"""Warranty look-up end to end over JSON-RPC, as an integrator would call it."""
import uuid

import pytest
from conftest import RPCError


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
    serial = f"RPC-WH-{tag}"
    lot = odoo("stock.lot", "create", {"name": serial, "product_id": product})
    card = odoo(
        "aftersales.warranty",
        "create",
        {
            "partner_id": partner,
            "product_id": product,
            "lot_id": lot,
            "start_date": "2025-01-01",
            "duration": 24,
        },
    )
    return {"partner": partner, "other": other, "serial": serial, "card": card}


def _check(odoo, **vals):
    wizard = odoo("aftersales.warranty.check", "create", vals)
    odoo("aftersales.warranty.check", "action_check", [wizard])
    [data] = odoo("aftersales.warranty.check", "read", [wizard], fields=["line_ids"])
    return odoo(
        "aftersales.warranty.check.line",
        "read",
        data["line_ids"],
        fields=["state", "end_date", "reason", "warranty_id"],
    )


def test_check_serial_until_end_date(odoo, sold_unit):
    [line] = _check(odoo, serial=sold_unit["serial"], on_date="2027-01-01")
    assert line["state"] == "in_warranty"
    assert line["end_date"] == "2027-01-01"
    assert line["warranty_id"][0] == sold_unit["card"]
    [line] = _check(odoo, serial=sold_unit["serial"], on_date="2027-01-02")
    assert line["state"] == "out_of_warranty"


def test_check_serial_of_another_customer(odoo, sold_unit):
    with pytest.raises(RPCError) as error:
        _check(odoo, serial=sold_unit["serial"], partner_id=sold_unit["other"])
    assert "UserError" in error.value.name
    assert sold_unit["serial"] in error.value.message
    assert "RPC Other" in error.value.message
