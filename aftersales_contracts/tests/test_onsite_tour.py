# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime

from odoo.tests import HttpCase, tagged

from .common_onsite import AftersalesOnsiteCommon


@tagged("post_install", "-at_install")
class TestOnsiteTours(AftersalesOnsiteCommon, HttpCase):
    """One tour per role: the agent dispatches from a ticket, the technician
    works the order in the portal and the customer signs, the manager reads
    the compliance report."""

    def test_agent_dispatches_from_a_ticket(self):
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "Heater does not ignite",
                "description": "No ignition",
                "partner_id": self.city_customer.id,
            }
        )
        self.start_tour(
            f"/odoo/action-helpdesk_mgmt.helpdesk_ticket_action/{ticket.id}",
            "aftersales_onsite_dispatch_tour",
            login=self.user.login,
        )
        order = ticket.fsm_order_ids
        self.assertEqual(order.aftersales_service_point_id, self.point)
        self.assertTrue(order.aftersales_deadline)

    def test_technician_completes_with_signature(self):
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "Heater does not ignite",
                "description": "No ignition",
                "partner_id": self.city_customer.id,
            }
        )
        order = self.env["fsm.order"].browse(ticket.aftersales_dispatch())
        self.start_tour(
            "/my/onsite", "aftersales_onsite_technician_tour", login="tech_chen"
        )
        self.assertEqual(order.aftersales_state, "done")
        self.assertEqual(order.aftersales_accepted_by_id, self.tech_user)
        self.assertEqual(order.aftersales_arrived_by_id, self.tech_user)
        self.assertTrue(order.signature)
        self.assertEqual(order.signed_by, "Mrs Lin (city)")
        self.assertTrue(order.aftersales_slip_number)

    def test_manager_reads_the_compliance_report(self):
        order = self._dispatch(self._ticket(self.city_customer))
        self._complete(order, at=datetime(2026, 3, 2, 12, 0))
        self.start_tour(
            "/odoo/action-aftersales_contracts.action_aftersales_onsite_report",
            "aftersales_onsite_manager_tour",
            login=self.manager.login,
        )
