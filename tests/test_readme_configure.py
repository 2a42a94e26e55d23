"""Each addon's readme/CONFIGURE.md names every Settings field the addon adds.

Read from the running server: the fields of res.config.settings that each
suite addon declares (ir.model.data of the fields), by their label; a label
missing from the fragment fails the test, so the readme stays true as
settings are added. README.rst is generated from the fragments
(tools/gen_readme.py).
"""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ADDONS = ["aftersales_service", "aftersales_returns", "aftersales_contracts"]


def normalize(text):
    return re.sub(r"\s+", " ", text.replace("*", "").replace("`", "")).lower()


@pytest.mark.parametrize("addon", ADDONS)
def test_configure_lists_every_setting(odoo, addon):
    xmlids = odoo(
        "ir.model.data",
        "search_read",
        [
            ["module", "=", addon],
            ["model", "=", "ir.model.fields"],
            ["name", "=like", "field_res_config_settings\\_\\_%"],
        ],
        fields=["name"],
    )
    names = [x["name"].split("__", 1)[1] for x in xmlids]
    assert names, f"{addon} adds no Settings field?"
    fields = odoo(
        "res.config.settings",
        "fields_get",
        names,
        attributes=["string"],
        context={"lang": "en_US"},
    )
    fragment = normalize(
        (ROOT / addon / "readme" / "CONFIGURE.md").read_text(encoding="utf-8")
    )
    missing = sorted(
        f"{fields[n]['string']} ({n})"
        for n in names
        if normalize(fields[n]["string"]) not in fragment
    )
    assert not missing, (
        f"{addon}/readme/CONFIGURE.md does not describe these Settings: "
        f"{', '.join(missing)} (then run python tools/gen_readme.py)"
    )
