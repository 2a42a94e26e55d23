"""The three addons are installed and their Settings carry the seeds' defaults."""


def test_three_addons_installed(odoo):
    mods = odoo(
        "ir.module.module",
        "search_read",
        [["name", "like", "aftersales_%"]],
        fields=["name", "state"],
    )
    assert {m["name"]: m["state"] for m in mods} == {
        "aftersales_service": "installed",
        "aftersales_returns": "installed",
        "aftersales_contracts": "installed",
    }


def test_settings_defaults_over_rpc(odoo):
    settings_id = odoo("res.config.settings", "create", {})
    [vals] = odoo(
        "res.config.settings",
        "read",
        [settings_id],
        fields=[
            "aftersales_warranty_months",
            "aftersales_warranty_start",
            "aftersales_return_days",
            "aftersales_exchange_days",
        ],
    )
    assert vals["aftersales_warranty_months"] == 12
    assert vals["aftersales_warranty_start"] == "invoice"
    assert vals["aftersales_return_days"] == 7
    assert vals["aftersales_exchange_days"] == 15
