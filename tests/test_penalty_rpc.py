"""Penalty ledger over JSON-RPC, as an integrator: confirm twice books once,
confirmed entries cannot be written or deleted, action_reverse books a
counter-entry and restores the scoreboard."""

import uuid

import pytest
from conftest import RPCError


@pytest.fixture()
def agent(odoo):
    login = f"rpc_agent_{uuid.uuid4().hex[:8]}"
    group = odoo(
        "ir.model.data",
        "check_object_reference",
        "aftersales_service",
        "group_aftersales_user",
    )[1]
    return odoo(
        "res.users",
        "create",
        {"name": "RPC Agent", "login": login, "groups_id": [(6, 0, [group])]},
    )


def _score(odoo, user_id):
    rows = odoo(
        "aftersales.penalty.score",
        "search_read",
        [["user_id", "=", user_id]],
        fields=["score", "penalty_points"],
    )
    return rows[0]["score"] if rows else None


def test_penalty_ledger_over_rpc(odoo, agent):
    penalty = odoo(
        "aftersales.penalty",
        "create",
        {"user_id": agent, "reason": "No callback within 4 hours"},
    )
    company = odoo("aftersales.penalty", "read", [penalty], ["company_id"])[0][
        "company_id"
    ][0]
    policy = odoo(
        "res.company",
        "read",
        [company],
        ["aftersales_penalty_points", "aftersales_score_start"],
    )[0]
    points = policy["aftersales_penalty_points"]
    start = policy["aftersales_score_start"]
    odoo("aftersales.penalty", "action_confirm", [penalty])
    odoo("aftersales.penalty", "action_confirm", [penalty])
    entries = odoo(
        "aftersales.penalty",
        "search_read",
        [["user_id", "=", agent]],
        fields=["points", "state"],
    )
    assert [(e["points"], e["state"]) for e in entries] == [(points, "confirmed")]
    assert _score(odoo, agent) == start - points

    with pytest.raises(RPCError):
        odoo("aftersales.penalty", "write", [penalty], {"points": 0})
    with pytest.raises(RPCError):
        odoo("aftersales.penalty", "unlink", [penalty])

    assert (
        odoo("aftersales.penalty", "action_reverse", [penalty], reason="Wrong person")
        is True
    )
    entries = odoo(
        "aftersales.penalty",
        "search_read",
        [["user_id", "=", agent]],
        fields=["points", "state", "reversed_entry_id", "is_reversed"],
        order="id",
    )
    assert [e["points"] for e in entries] == [points, -points]
    assert entries[1]["reversed_entry_id"][0] == penalty
    assert entries[0]["is_reversed"] is True
    assert _score(odoo, agent) == start
