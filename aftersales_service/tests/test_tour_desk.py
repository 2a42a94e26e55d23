# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tests.common import JsonRpcException

from .common import AftersalesCommon


class DeskHttpCommon(HttpCase):
    """HttpCase reusing the one fixture of the addon (AftersalesCommon)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        # outgoing progress mails need a sender
        cls.company.email = "service@example.com"
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "Tour Customer",
                "email": "tour.customer@example.com",
                "phone": "+86 137 1234 5678",
            }
        )
        cls.manager = new_test_user(
            cls.env,
            login="as_manager",
            groups="aftersales_service.group_aftersales_manager",
        )
        AftersalesCommon._setup_desk.__func__(cls)
        cls.agent.name = "Tour Agent"


@tagged("post_install", "-at_install")
class TestTourDesk(DeskHttpCommon):
    def test_tour_employee_logs_agent_closes(self):
        self.start_tour(
            "/odoo", "aftersales_desk_log_request", login=self.employee.login
        )
        ticket = self.env["helpdesk.ticket"].search(
            [("first_responder_id", "=", self.employee.id)]
        )
        self.assertEqual(len(ticket), 1)
        self.assertEqual(ticket.partner_id, self.customer)
        self.assertEqual(ticket.team_id, self.desk_team)
        self.start_tour(
            "/odoo/action-aftersales_service.helpdesk_ticket_action_desk/"
            f"{ticket.id}",
            "aftersales_desk_agent_close",
            login=self.agent.login,
        )
        self.assertEqual(ticket.handover_accepted_by, self.agent)
        self.assertEqual(ticket.user_id, self.agent)
        self.assertTrue(ticket.customer_confirmed)
        self.assertTrue(ticket.stage_id.closed)
        self.assertEqual(ticket.first_responder_id, self.employee)
        kinds = ticket.milestone_ids.filtered(lambda m: m.state == "done").mapped(
            "kind"
        )
        self.assertEqual(sorted(kinds), ["contact", "solution"])
        self.assertEqual(
            ticket.milestone_ids.filtered(lambda m: m.state == "done").done_by,
            self.agent,
        )
        self.assertEqual(ticket.callback_ids.state, "planned")

    def test_tour_manager_approves_compensation(self):
        gift = self.env["product.product"].create(
            {"name": "Gift Kettle", "type": "consu"}
        )
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "Late repair",
                "description": "x",
                "partner_id": self.customer.id,
                "team_id": self.desk_team.id,
                "is_complaint": True,
            }
        )
        comp = (
            self.env["aftersales.compensation"]
            .with_user(self.agent)
            .create(
                {
                    "ticket_id": ticket.id,
                    "kind": "gift",
                    "product_id": gift.id,
                    "amount": 99,
                    "description": "A kettle for the trouble",
                }
            )
        )
        comp.action_submit()
        self.manager.groups_id = [(4, self.env.ref("stock.group_stock_user").id)]
        self.start_tour(
            f"/odoo/action-aftersales_service.action_aftersales_compensation/{comp.id}",
            "aftersales_desk_manager_compensation",
            login=self.manager.login,
        )
        self.assertEqual(comp.state, "approved")
        self.assertEqual(comp.approved_by_id, self.manager)
        self.assertEqual(comp.sudo().picking_id.move_ids.product_id, gift)

    def test_tour_callback_not_satisfied_reopens(self):
        ticket = (
            self.env["helpdesk.ticket"]
            .with_user(self.agent)
            .create(
                {
                    "name": "Hood rattles",
                    "description": "x",
                    "partner_id": self.customer.id,
                    "team_id": self.desk_team.id,
                }
            )
        )
        ticket._aftersales_record_confirmation("phone")
        ticket.action_close_confirmed()
        self.start_tour(
            f"/odoo/action-aftersales_service.helpdesk_ticket_action_desk/{ticket.id}",
            "aftersales_desk_callback_reopen",
            login=self.agent.login,
        )
        self.assertFalse(ticket.stage_id.closed)
        self.assertEqual(ticket.callback_outcome, "not_satisfied")
        contact = ticket.milestone_ids.filtered(
            lambda m: m.kind == "contact" and m.state == "pending"
        )
        self.assertEqual(len(contact), 1)
        self.assertEqual(ticket.sla_deadline, contact.deadline)


@tagged("post_install", "-at_install")
class TestPortalDesk(DeskHttpCommon):
    def test_portal_customer_confirms(self):
        portal = new_test_user(
            self.env,
            login="as_portal_cust",
            groups="base.group_portal",
            partner_id=self.customer.id,
        )
        self.assertEqual(portal.partner_id, self.customer)
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "Stove ignition",
                "description": "Does not light",
                "partner_id": self.customer.id,
                "team_id": self.desk_team.id,
            }
        )
        self.authenticate(portal.login, portal.login)
        page = self.url_open(f"/my/ticket/{ticket.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("My request is resolved", page.text)
        # the next step and its deadline, in the customer's time
        self.assertIn("We will get back to you by", page.text)
        self.assertIn(ticket.sla_deadline_customer, page.text)
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        res = self.url_open(
            f"/my/ticket/{ticket.id}/confirm",
            data={"csrf_token": csrf, "note": "Works again"},
        )
        self.assertEqual(res.status_code, 200)
        ticket.invalidate_recordset()
        self.assertTrue(ticket.customer_confirmed)
        self.assertEqual(ticket.confirmation_channel, "portal")
        self.assertEqual(ticket.confirmed_by, portal)
        self.assertEqual(ticket.confirmation_note, "Works again")
        # Another customer cannot confirm someone else's ticket
        other_ticket = self.env["helpdesk.ticket"].create(
            {"name": "Other", "description": "x", "team_id": self.desk_team.id}
        )
        self.url_open(
            f"/my/ticket/{other_ticket.id}/confirm", data={"csrf_token": csrf}
        )
        self.assertFalse(other_ticket.customer_confirmed)

    def test_portal_close_button_is_confirmation(self):
        """helpdesk_mgmt's portal close button counts as the customer's
        confirmation; it cannot close another customer's ticket."""
        portal = new_test_user(
            self.env,
            login="as_portal_cust2",
            groups="base.group_portal",
            partner_id=self.customer.id,
        )
        self.stage_done.close_from_portal = True
        ticket, other = self.env["helpdesk.ticket"].create(
            [
                {
                    "name": "Hood light",
                    "description": "Off",
                    "partner_id": self.customer.id,
                    "team_id": self.desk_team.id,
                },
                {"name": "Not yours", "description": "x", "team_id": self.desk_team.id},
            ]
        )
        self.authenticate(portal.login, portal.login)
        for record in (ticket, other):
            self.url_open(
                f"/ticket/close?ticket_id={record.id}&stage_id={self.stage_done.id}"
            )
        ticket.invalidate_recordset()
        other.invalidate_recordset()
        self.assertTrue(ticket.stage_id.closed)
        self.assertEqual(ticket.confirmation_channel, "portal")
        self.assertFalse(other.stage_id.closed)
        self.assertFalse(other.customer_confirmed)

    def test_rpc_cannot_change_first_responder(self):
        """The rule holds over JSON-RPC too, even for a manager."""
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "Hood",
                "description": "x",
                "team_id": self.desk_team.id,
                "first_responder_id": self.employee.id,
            }
        )
        self.authenticate(self.manager.login, self.manager.login)
        with self.assertRaises(JsonRpcException) as err:
            self.make_jsonrpc_request(
                "/web/dataset/call_kw/helpdesk.ticket/write",
                {
                    "model": "helpdesk.ticket",
                    "method": "write",
                    "args": [[ticket.id], {"first_responder_id": self.manager.id}],
                    "kwargs": {},
                },
            )
        self.assertIn("UserError", str(err.exception))
        ticket.invalidate_recordset()
        self.assertEqual(ticket.first_responder_id, self.employee)
