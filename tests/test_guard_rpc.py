"""Guarded fields over JSON-RPC: the ticket's confirmation and hand-over."""

from guard import assert_guarded, login_as


def test_ticket_confirmation_fields_refused(odoo):
    team = odoo("helpdesk.ticket.team", "search", [], limit=1)
    ticket = odoo(
        "helpdesk.ticket",
        "create",
        {"name": "Guard probe", "description": "probe", "team_id": team[0]},
    )
    for role in ("user", "manager"):
        client = login_as(odoo, role)
        tried = assert_guarded(odoo, client, "helpdesk.ticket", ticket)
        assert "customer_confirmed" in tried
        assert "close_override_reason" in tried
