"""The service desk enforced on the server, over JSON-RPC.

Every field only actions may set, on every desk model (tickets, SLA
milestones, callbacks, compensations, complaint feedback forms, penalties),
written by hand as a plain employee, an after-sales user and a manager: each
write is refused and the record reads the same afterwards. Then the refusal
scenarios of the issue, each with the data unchanged: closing by writing the
confirmation or the override with a closed stage, forging the first
responder, pre-empting the SLA cron's penalty proposal, confirming one's own
feedback form, bypassing the forbidden phrases, out-of-bounds Settings.
"""

import uuid

import pytest
from conftest import RPCError
from guard import assert_guarded, login_as

ROLES = ("employee", "user", "manager")


def _ref(odoo, xmlid):
    module, name = xmlid.split(".")
    return odoo("ir.model.data", "check_object_reference", module, name)[1]


@pytest.fixture(scope="module")
def desk(odoo):
    """One record of each desk model, in the states worth probing."""
    team = _ref(odoo, "aftersales_service.helpdesk_team_aftersales")
    partner = odoo(
        "res.partner",
        "create",
        {
            "name": f"RPC customer {uuid.uuid4().hex[:6]}",
            "email": "rpc.customer@example.com",
        },
    )
    ticket = odoo(
        "helpdesk.ticket",
        "create",
        {
            "name": "Desk probe",
            "description": "probe",
            "team_id": team,
            "partner_id": partner,
        },
    )
    # a closed ticket: its callback is planned, then recorded
    closed = odoo(
        "helpdesk.ticket",
        "create",
        {
            "name": "Desk probe closed",
            "description": "probe",
            "team_id": team,
            "partner_id": partner,
        },
    )
    wizard = odoo(
        "aftersales.ticket.confirm",
        "create",
        {"ticket_id": closed, "channel": "phone", "close_ticket": True},
    )
    odoo("aftersales.ticket.confirm", "action_confirm", [wizard])
    [callback] = odoo("aftersales.callback", "search", [["ticket_id", "=", closed]])
    recorded_ticket = odoo(
        "helpdesk.ticket",
        "create",
        {
            "name": "Desk probe recorded",
            "description": "probe",
            "team_id": team,
            "partner_id": partner,
        },
    )
    wizard = odoo(
        "aftersales.ticket.confirm",
        "create",
        {"ticket_id": recorded_ticket, "channel": "phone", "close_ticket": True},
    )
    odoo("aftersales.ticket.confirm", "action_confirm", [wizard])
    [recorded] = odoo(
        "aftersales.callback", "search", [["ticket_id", "=", recorded_ticket]]
    )
    odoo("aftersales.callback", "action_record", [recorded], "satisfied", "5", "OK")
    # the contact milestone a new ticket carries is written once the ticket
    # is handled: the customer is contacted
    odoo("helpdesk.ticket", "action_mark_contacted", [ticket])
    [milestone] = odoo(
        "aftersales.ticket.milestone",
        "search",
        [["ticket_id", "=", ticket], ["kind", "=", "contact"]],
    )
    compensation = odoo(
        "aftersales.compensation",
        "create",
        {"ticket_id": ticket, "kind": "refund", "amount": 10},
    )
    odoo("aftersales.compensation", "action_submit", [compensation])
    feedback = odoo(
        "aftersales.complaint.feedback",
        "create",
        {"ticket_id": ticket, "fault_stage": "reception", "complaint_summary": "Late"},
    )
    agent = odoo(
        "res.users",
        "create",
        {
            "name": "RPC desk agent",
            "login": f"rpc_desk_{uuid.uuid4().hex[:6]}",
            "email": "rpc.desk@example.com",
            "groups_id": [
                (6, 0, [_ref(odoo, "aftersales_service.group_aftersales_user")])
            ],
        },
    )
    penalty = odoo(
        "aftersales.penalty", "create", {"user_id": agent, "reason": "Probe"}
    )
    confirmed = odoo(
        "aftersales.penalty", "create", {"user_id": agent, "reason": "Probe 2"}
    )
    odoo("aftersales.penalty", "action_confirm", [confirmed])
    return {
        "team": team,
        "partner": partner,
        "records": [
            ("helpdesk.ticket", ticket),
            ("helpdesk.ticket", closed),
            ("aftersales.ticket.milestone", milestone),
            ("aftersales.callback", callback),
            ("aftersales.callback", recorded),
            ("aftersales.compensation", compensation),
            ("aftersales.complaint.feedback", feedback),
            ("aftersales.penalty", penalty),
            ("aftersales.penalty", confirmed),
        ],
        "ticket": ticket,
        "milestone": milestone,
        "agent": agent,
    }


@pytest.mark.parametrize("role", ROLES)
def test_every_guarded_field_of_every_desk_model(odoo, desk, role):
    client = login_as(odoo, role)
    tried = {}
    for model, record_id in desk["records"]:
        tried.setdefault(model, set()).update(
            assert_guarded(odoo, client, model, record_id)
        )
    # the audit fields the issue names are among them
    assert {
        "first_responder_id",
        "customer_confirmed",
        "close_override_reason",
        "handover_accepted_by",
    } <= tried["helpdesk.ticket"]
    assert {"done_by", "done_date", "state", "deadline", "user_id"} <= tried[
        "aftersales.ticket.milestone"
    ]
    # computed fields that create is given (editable for the ORM only): the
    # guard refuses them by hand like any other
    assert {"is_late", "on_time_rate", "team_id", "first_responder_id"} <= tried[
        "aftersales.ticket.milestone"
    ]
    assert {"callback_done", "complaint_progress"} <= tried["helpdesk.ticket"]
    # the chain's figures, the warranty decision and the major-fault flag a
    # new ticket is inserted with
    assert {
        "sla_deadline",
        "sla_next_kind",
        "sla_breached",
        "sla_paused",
        "warranty_state",
        "warranty_reason_code",
        "aftersales_registration_pending",
        "aftersales_is_major_fault",
    } <= tried["helpdesk.ticket"]
    assert {"user_id", "date", "state", "outcome"} <= tried["aftersales.callback"]
    assert {"state", "approved_by_id", "signed_by"} <= tried["aftersales.compensation"]
    assert {"state", "confirmed_by_id", "head_id"} <= tried[
        "aftersales.complaint.feedback"
    ]
    assert {
        "confirmed_by_id",
        "appeal_state",
        "appeal_decided_by_id",
        "state",
        "origin",
    } <= tried["aftersales.penalty"]


def _read(odoo, model, record_id, fields):
    return odoo(model, "read", [record_id], fields)[0]


@pytest.mark.parametrize(
    "field,value",
    [
        ("close_override_reason", "I say so"),
        ("customer_confirmed", True),
    ],
)
def test_closing_by_writing_refused(odoo, desk, field, value):
    done = _ref(odoo, "helpdesk_mgmt.helpdesk_ticket_stage_done")
    fields = ["stage_id", "customer_confirmed", "close_override_reason", "closed_date"]
    before = _read(odoo, "helpdesk.ticket", desk["ticket"], fields)
    for role in ("user", "manager"):
        client = login_as(odoo, role)
        with pytest.raises(RPCError) as err:
            client(
                "helpdesk.ticket",
                "write",
                [desk["ticket"]],
                {field: value, "stage_id": done},
            )
        assert err.value.message
    assert _read(odoo, "helpdesk.ticket", desk["ticket"], fields) == before


def test_first_responder_cannot_be_forged(odoo, desk):
    user = login_as(odoo, "user")
    other = desk["agent"]
    count = odoo("helpdesk.ticket", "search_count", [])
    with pytest.raises(RPCError) as err:
        user(
            "helpdesk.ticket",
            "create",
            {"name": "Forged", "description": "x", "first_responder_id": other},
        )
    assert "First Responder" in err.value.message
    assert odoo("helpdesk.ticket", "search_count", []) == count
    # the creating employee is the first responder, whatever is sent
    own = user("helpdesk.ticket", "create", {"name": "Own", "description": "x"})
    assert (
        _read(odoo, "helpdesk.ticket", own, ["first_responder_id"])[
            "first_responder_id"
        ][0]
        == user.uid
    )
    # a ticket that came by mail (no first responder) gets none by hand
    orphans = odoo(
        "helpdesk.ticket", "search", [["first_responder_id", "=", False]], limit=1
    )
    assert (
        orphans
    ), "the demo data has tickets created by the mail gateway / admin scripts"
    for role in ("user", "manager"):
        client = login_as(odoo, role)
        with pytest.raises(RPCError):
            client(
                "helpdesk.ticket", "write", orphans, {"first_responder_id": client.uid}
            )
    assert not _read(odoo, "helpdesk.ticket", orphans[0], ["first_responder_id"])[
        "first_responder_id"
    ]


def test_penalty_origin_reserved_to_the_cron(odoo, desk):
    origin = f"sla:aftersales.ticket.milestone:{desk['milestone']}"
    for role in ("user", "manager"):
        client = login_as(odoo, role)
        with pytest.raises(RPCError):
            client(
                "aftersales.penalty",
                "create",
                {
                    "user_id": desk["agent"],
                    "reason": "pre-empt",
                    "origin": origin,
                    "ticket_id": desk["ticket"],
                },
            )
    assert odoo("aftersales.penalty", "search_count", [["origin", "=", origin]]) == 0


def test_feedback_form_confirmations(odoo, desk):
    at_fault = login_as(odoo, "user")
    form = odoo(
        "aftersales.complaint.feedback",
        "create",
        {
            "ticket_id": desk["ticket"],
            "fault_stage": "repair",
            "responsible_user_id": at_fault.uid,
            "negligence": True,
        },
    )
    with pytest.raises(RPCError):
        at_fault("aftersales.complaint.feedback", "action_confirm", [form])
    nobody = odoo(
        "aftersales.complaint.feedback",
        "create",
        {
            "ticket_id": desk["ticket"],
            "fault_stage": "system",
            "no_person_at_fault": True,
            "no_person_reason": "data_loss",
            "head_decision": "Restore the backup",
        },
    )
    user = login_as(odoo, "user")
    with pytest.raises(RPCError):
        user("aftersales.complaint.feedback", "action_confirm", [nobody])
    for record in (form, nobody):
        state = _read(
            odoo,
            "aftersales.complaint.feedback",
            record,
            ["state", "penalty_id", "confirmed_by_id"],
        )
        assert state == {
            "id": record,
            "state": "draft",
            "penalty_id": False,
            "confirmed_by_id": False,
        }
    manager = login_as(odoo, "manager")
    manager("aftersales.complaint.feedback", "action_confirm", [nobody])
    assert (
        _read(odoo, "aftersales.complaint.feedback", nobody, ["state"])["state"]
        == "confirmed"
    )


BYPASSES = [
    "这个不\u200b关我的事",
    "这个不\u00ad关我的事",
    "这个不關我的事",
    "<p>这个不&shy;关我的事</p>",
]


@pytest.mark.parametrize("model", ["helpdesk.ticket", "repair.order"])
def test_forbidden_phrases_over_rpc(odoo, desk, model):
    if model == "helpdesk.ticket":
        record = desk["ticket"]
        client = login_as(odoo, "user")
    else:
        product = odoo(
            "product.product", "create", {"name": "RPC heater", "type": "consu"}
        )
        record = odoo(
            "repair.order",
            "create",
            {"partner_id": desk["partner"], "product_id": product},
        )
        client = login_as(odoo, "user", extra_groups=[("stock", "group_stock_user")])
    before = odoo(
        "mail.message", "search_count", [["model", "=", model], ["res_id", "=", record]]
    )
    for body in BYPASSES:
        for message_type in ("comment", "email"):
            for as_html in (False, True):
                with pytest.raises(RPCError) as err:
                    client(
                        model,
                        "message_post",
                        [record],
                        body=body,
                        body_is_html=as_html,
                        message_type=message_type,
                        subtype_xmlid="mail.mt_comment",
                    )
                assert "forbidden phrase" in err.value.message
    assert (
        odoo(
            "mail.message",
            "search_count",
            [["model", "=", model], ["res_id", "=", record]],
        )
        == before
    )


def test_settings_bounds_over_rpc(odoo):
    [company] = odoo("res.company", "search", [], limit=1)
    fields = [
        "aftersales_contact_hours",
        "aftersales_penalty_points",
        "aftersales_callback_target_rate",
    ]
    before = _read(odoo, "res.company", company, fields)
    for field, value, bound in (
        ("aftersales_contact_hours", 0, "greater than 0"),
        ("aftersales_penalty_points", 0, "at least 1"),
        ("aftersales_callback_target_rate", 150, "between 0 and 100"),
    ):
        with pytest.raises(RPCError) as err:
            odoo("res.company", "write", [company], {field: value})
        assert bound in err.value.message
        with pytest.raises(RPCError):
            settings = odoo("res.config.settings", "create", {field: value})
            odoo("res.config.settings", "execute", [settings])
    assert _read(odoo, "res.company", company, fields) == before
