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
        cls._setup_desk()

    @classmethod
    def _setup_desk(cls):
        """Service desk fixture: a team on an 8-17 UTC calendar (Mon-Fri),
        its head and two agents, a plain employee and the stages."""
        cls.calendar_8_17 = cls.env["resource.calendar"].create(
            {
                "name": "8-17 UTC",
                "tz": "UTC",
                "attendance_ids": [
                    (0, 0, {
                        "name": f"Day {day}",
                        "dayofweek": str(day),
                        "hour_from": 8.0,
                        "hour_to": 17.0,
                        "day_period": "morning",
                    })
                    for day in range(5)
                ],
            }
        )
        cls.head = new_test_user(
            cls.env, login="as_head", groups="aftersales_service.group_aftersales_user"
        )
        cls.agent = new_test_user(
            cls.env, login="as_agent", groups="aftersales_service.group_aftersales_user"
        )
        cls.agent2 = new_test_user(
            cls.env,
            login="as_agent2",
            groups="aftersales_service.group_aftersales_user",
        )
        cls.employee = new_test_user(
            cls.env, login="as_employee", groups="base.group_user"
        )
        cls.desk_team = cls.env["helpdesk.ticket.team"].create(
            {
                "name": "Desk Team",
                "user_id": cls.head.id,
                "user_ids": [(6, 0, (cls.head | cls.agent | cls.agent2).ids)],
                "resource_calendar_id": cls.calendar_8_17.id,
            }
        )
        cls.company.aftersales_default_team_id = cls.desk_team
        cls.stage_new = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_new")
        cls.stage_progress = cls.env.ref(
            "helpdesk_mgmt.helpdesk_ticket_stage_in_progress"
        )
        cls.stage_done = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        cls.stage_waiting = cls.env.ref(
            "aftersales_service.helpdesk_ticket_stage_waiting_customer"
        )

    def _log_request(self, user=None, **vals):
        """Log a customer request through the wizard, as ``user``."""
        user = user or self.employee
        wizard = (
            self.env["aftersales.request.log"]
            .with_user(user)
            .create(
                dict(
                    {
                        "partner_id": self.customer.id,
                        "channel": "phone",
                        "name": "Water heater leaks",
                        "description": "The tank drips under the valve.",
                    },
                    **vals,
                )
            )
        )
        wizard.action_log()
        return self.env["helpdesk.ticket"].search(
            [("first_responder_id", "=", user.id)], order="id desc", limit=1
        )
