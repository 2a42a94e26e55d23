# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests.common import TransactionCase, new_test_user


class AftersalesCommon(TransactionCase):
    """The one fixture class of aftersales_service tests."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.company
        cls.user = new_test_user(
            cls.env,
            login="as_user",
            groups="aftersales_service.group_aftersales_user",
        )
        cls.manager = new_test_user(
            cls.env,
            login="as_manager",
            groups="aftersales_service.group_aftersales_manager",
        )
        cls.customer = cls.env["res.partner"].create({"name": "Customer Wang"})
        # --- penalty points, complaints, forbidden phrases (helper "penalty")
        cls.agent = new_test_user(
            cls.env,
            login="as_agent",
            name="Agent Li",
            groups="aftersales_service.group_aftersales_user",
        )
        cls.team = cls.env["helpdesk.ticket.team"].create(
            {"name": "After-Sales Hotline", "user_ids": [(6, 0, cls.agent.ids)]}
        )
        cls.ticket = cls.env["helpdesk.ticket"].create(
            {
                "name": "Water heater leaks",
                "description": "The customer's water heater leaks.",
                "partner_id": cls.customer.id,
                "team_id": cls.team.id,
                "user_id": cls.agent.id,
            }
        )
        cls.company_b = cls.env["res.company"].create({"name": "After-Sales Co B"})
        cls.manager_b = new_test_user(
            cls.env,
            login="as_manager_b",
            groups="aftersales_service.group_aftersales_manager",
            company_id=cls.company_b.id,
            company_ids=[(6, 0, cls.company_b.ids)],
        )

    def _create_penalty(self, **vals):
        """A draft penalty entry on the fixture ticket for the agent."""
        return self.env["aftersales.penalty"].create(
            dict(
                {
                    "user_id": self.agent.id,
                    "ticket_id": self.ticket.id,
                    "reason": "Did not call the customer back",
                },
                **vals,
            )
        )
