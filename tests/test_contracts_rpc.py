"""Service agreements over JSON-RPC: Settings, covered serials, visits, swaps."""

import pytest
from conftest import RPCError


def test_contracts_settings_defaults_over_rpc(odoo):
    settings_id = odoo("res.config.settings", "create", {})
    [vals] = odoo(
        "res.config.settings",
        "read",
        [settings_id],
        fields=[
            "aftersales_renewal_notice_days",
            "aftersales_late_fee_per_day_pct",
            "aftersales_software_fee_single_pct",
            "aftersales_software_fee_network_pct",
        ],
    )
    assert vals["aftersales_renewal_notice_days"] == 30
    assert vals["aftersales_late_fee_per_day_pct"] == 0.2
    assert vals["aftersales_software_fee_single_pct"] == 15.0
    assert vals["aftersales_software_fee_network_pct"] == 20.0


def test_agreement_serial_once_per_kind_and_visits(odoo):
    partner = odoo("res.partner", "create", {"name": "RPC Agreement Customer"})
    product = odoo(
        "product.product",
        "create",
        {"name": "RPC Heater", "is_storable": True, "tracking": "serial"},
    )
    lot = odoo("stock.lot", "create", {"name": "RPC-SN-0001", "product_id": product})

    def agreement(name, start, end):
        return odoo(
            "contract.contract",
            "create",
            {
                "name": name,
                "partner_id": partner,
                "aftersales_kind": "equipment",
                "date_start": start,
                "date_end": end,
                "aftersales_min_visits": 3,
                "aftersales_unit_ids": [
                    [0, 0, {"product_id": product, "lot_id": lot, "zone": "city"}]
                ],
            },
        )

    first = agreement("RPC agreement 2030", "2030-01-01", "2030-12-31")
    with pytest.raises(RPCError) as err:
        agreement("RPC agreement overlap", "2030-06-01", "2031-05-31")
    assert "RPC-SN-0001" in err.value.message
    odoo("contract.contract", "action_aftersales_plan_visits", [first])
    assert (
        odoo(
            "aftersales.agreement.visit", "search_count", [["contract_id", "=", first]]
        )
        == 3
    )


def test_must_buy_part_cannot_be_swapped(odoo):
    categ = odoo(
        "product.category",
        "create",
        {"name": "RPC stove parts", "aftersales_part_policy": "must_buy"},
    )
    part = odoo("product.product", "create", {"name": "RPC burner", "categ_id": categ})
    [policy] = odoo(
        "product.category", "read", [categ], fields=["aftersales_part_policy"]
    )
    assert policy["aftersales_part_policy"] == "must_buy"
    assert part
