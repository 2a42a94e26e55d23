"""The JSON-RPC probe of guarded fields, shared by every area's refusal test.

``fields_get`` marks each field only actions may set with
``aftersales_guarded``. For each role, :func:`assert_guarded` tries to write
every guarded field of a record with a value that would change it, expects a
refusal, and checks the record reads the same afterwards.
"""

import uuid

from conftest import OdooRPC, RPCError

ROLE_GROUPS = {
    "employee": ("base", "group_user"),
    "user": ("aftersales_service", "group_aftersales_user"),
    "manager": ("aftersales_service", "group_aftersales_manager"),
    "stock": ("stock", "group_stock_user"),
    "portal": ("base", "group_portal"),
}


def login_as(admin, role, extra_groups=()):
    """A fresh user of ``role`` (plus ``extra_groups`` xmlids), logged in."""
    group_ids = []
    for module, name in [ROLE_GROUPS[role], *extra_groups]:
        group_ids.append(
            admin("ir.model.data", "check_object_reference", module, name)[1]
        )
    login = f"rpc_{role}_{uuid.uuid4().hex[:8]}"
    admin(
        "res.users",
        "create",
        {
            "name": f"RPC {role}",
            "login": login,
            "password": login,
            "email": f"{login}@example.com",
            "groups_id": [(6, 0, group_ids)],
        },
    )
    return OdooRPC(admin.url, admin.db, login, login)


def guarded_fields(odoo, model):
    desc = odoo(
        model,
        "fields_get",
        attributes=["type", "aftersales_guarded", "selection", "relation"],
    )
    return {name: d for name, d in desc.items() if d.get("aftersales_guarded")}


def _candidate(admin, desc, current):
    """A value that differs from ``current`` for a field of this type."""
    kind = desc["type"]
    if kind == "boolean":
        return not current
    if kind in ("integer", "float", "monetary"):
        return (current or 0) + 7
    if kind in ("char", "text", "html"):
        return f"forged {uuid.uuid4().hex[:6]}"
    if kind == "selection":
        values = [v for v, _label in desc["selection"] if v != current]
        return values[-1] if values else None
    if kind == "date":
        return "2099-12-31" if current != "2099-12-31" else "2000-01-01"
    if kind == "datetime":
        return "2099-12-31 12:00:00"
    if kind == "many2one":
        current_id = current[0] if current else False
        ids = admin(desc["relation"], "search", [["id", "!=", current_id]], limit=1)
        return ids[0] if ids else None
    if kind in ("many2many", "one2many"):
        return None
    return None


def assert_guarded(admin, client, model, record_id, skip=()):
    """Each guarded field of ``model`` record ``record_id``, written by
    ``client``, is refused and the record is unchanged. Returns the fields
    tried."""
    fields = {k: v for k, v in guarded_fields(admin, model).items() if k not in skip}
    assert fields, f"{model} declares no guarded field"
    names = sorted(fields)
    before = admin(model, "read", [record_id], names)[0]
    tried = []
    for name in names:
        value = _candidate(admin, fields[name], before[name])
        if value is None:
            continue
        try:
            client(model, "write", [record_id], {name: value})
        except RPCError as err:
            assert err.message, f"{model}.{name}: refusal without a message"
        else:
            raise AssertionError(f"{model}.{name} was written by hand over RPC")
        tried.append(name)
    after = admin(model, "read", [record_id], names)[0]
    assert after == before, f"{model} changed after refused writes"
    return tried
