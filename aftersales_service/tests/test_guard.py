# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import UserError
from odoo.tests import tagged

from ..tools import action_scope
from .common import AftersalesCommon


@tagged("post_install", "-at_install")
class TestGuardedFields(AftersalesCommon):
    """The one mechanism that keeps guarded fields to their actions."""

    def test_write_refused_data_unchanged(self):
        ticket = self.ticket.with_user(self.agent)
        for fname, value in (
            ("customer_confirmed", True),
            ("close_override_reason", "I say so"),
            ("confirmed_by", self.manager.id),
            ("handover_accepted_by", self.agent.id),
        ):
            with (
                self.subTest(field=fname),
                self.assertRaisesNaming(UserError, ticket.display_name),
            ):
                ticket.write({fname: value})
            self.assertFalse(self.ticket[fname])
        # sudo does not open the door either
        with self.assertRaises(UserError):
            ticket.sudo().write({"customer_confirmed": True})
        # nor a manager
        with self.assertRaises(UserError):
            self.ticket.with_user(self.manager).write(
                {
                    "close_override_reason": "manager by hand",
                    "stage_id": self.stage_done.id,
                }
            )
        self.assertFalse(self.ticket.close_override_reason)
        self.assertFalse(self.ticket.stage_id.closed)

    def test_noop_and_default_values_pass(self):
        ticket = self.ticket.with_user(self.agent)
        ticket.write({"customer_confirmed": False, "name": "Renamed"})
        self.assertEqual(self.ticket.name, "Renamed")
        new = (
            self.env["helpdesk.ticket"]
            .with_user(self.agent)
            .create(
                {
                    "name": "Defaults",
                    "description": "x",
                    "team_id": self.team.id,
                    "customer_confirmed": False,
                }
            )
        )
        self.assertFalse(new.customer_confirmed)

    def test_the_same_values_create_twice(self):
        """What the creating actions give to create goes on copies: code that
        creates again with the same dict is checked on what it sent."""
        Ticket = self.env["helpdesk.ticket"].with_user(self.agent)
        vals = {"name": "Twice", "description": "x", "team_id": self.team.id}
        first, second = Ticket.create(vals), Ticket.create(vals)
        self.assertEqual(
            vals, {"name": "Twice", "description": "x", "team_id": self.team.id}
        )
        self.assertNotEqual(first.number, second.number)
        self.assertEqual(second.sla_next_kind, "contact")

    def test_create_and_copy_refused(self):
        Ticket = self.env["helpdesk.ticket"].with_user(self.agent)
        with self.assertRaises(UserError):
            Ticket.create(
                {"name": "Pre", "description": "x", "customer_confirmed": True}
            )
        with self.assertRaises(UserError):
            self.ticket.with_user(self.agent).copy({"close_override_reason": "x"})

    def test_action_scope_and_actions(self):
        with action_scope():
            self.ticket.with_user(self.agent).write({"confirmation_note": "by action"})
        self.assertEqual(self.ticket.confirmation_note, "by action")
        self.ticket.with_user(self.agent).action_accept_handover()
        self.assertEqual(self.ticket.handover_accepted_by, self.agent)

    def test_fields_get_marks_guarded(self):
        desc = self.env["helpdesk.ticket"].fields_get(
            ["customer_confirmed", "name"], ["readonly", "aftersales_guarded"]
        )
        self.assertTrue(desc["customer_confirmed"]["readonly"])
        self.assertTrue(desc["customer_confirmed"]["aftersales_guarded"])
        self.assertNotIn("aftersales_guarded", desc["name"])
