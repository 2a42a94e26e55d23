# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import Form, tagged

from .test_desk_ticket import DeskCase


@tagged("post_install", "-at_install")
class TestDeskRequestLog(DeskCase):
    def _wizard(self, user=None, **vals):
        return (
            self.env["aftersales.request.log"]
            .with_user(user or self.employee)
            .create(
                dict(
                    {
                        "channel": "phone",
                        "name": "Stove",
                        "description": "Does not light",
                    },
                    **vals,
                )
            )
        )

    def _last_ticket(self, user=None):
        return self.env["helpdesk.ticket"].search(
            [("first_responder_id", "=", (user or self.employee).id)],
            order="id desc",
            limit=1,
        )

    def test_known_number_finds_the_customer(self):
        self.customer.phone = "+86 139 0071 0072"
        form = Form(self.env["aftersales.request.log"].with_user(self.employee))
        form.partner_phone = "13900710072"
        self.assertEqual(form.partner_id, self.customer)
        form.name = "Stove"
        form.description = "Does not light"
        wizard = form.save()
        wizard.action_log()
        ticket = self._last_ticket()
        self.assertEqual(ticket.partner_id, self.customer)
        self.assertEqual(ticket.partner_phone, "13900710072")

    def test_number_stored_on_partner_and_ticket(self):
        self.assertFalse(self.customer.phone)
        self._wizard(
            partner_id=self.customer.id, partner_phone="021-5555 0101"
        ).action_log()
        ticket = self._last_ticket()
        self.assertEqual(self.customer.phone, "021-5555 0101")
        self.assertEqual(ticket.partner_phone, "021-5555 0101")
        # not only in the description
        self.assertNotIn("5555", str(ticket.description))

    def test_new_caller_becomes_a_contact(self):
        self._wizard(partner_name="Mrs Zhao", partner_phone="13911112222").action_log()
        ticket = self._last_ticket()
        self.assertEqual(ticket.partner_id.name, "Mrs Zhao")
        self.assertEqual(ticket.partner_id.phone, "13911112222")
        # the same number next time finds her
        self._wizard(partner_name="Zhao", partner_phone="139 1111 2222").action_log()
        self.assertEqual(self._last_ticket().partner_id, ticket.partner_id)

    def test_notification_links_to_the_ticket(self):
        action = self._wizard(partner_id=self.customer.id).action_log()
        ticket = self._last_ticket()
        params = action["params"]
        self.assertEqual(params["type"], "success")
        self.assertIn("%s", params["message"])
        [link] = params["links"]
        self.assertIn(ticket.number, link["label"])
        self.assertTrue(link["url"].endswith(f"/{ticket.id}"))
        self.assertIn("action_aftersales_my_requests", link["url"])
        # the employee can open it
        ticket.with_user(self.employee).read(["name"])

    def test_received_mail_and_portal_in_customer_time(self):
        """The customer reads the contact deadline in their own timezone."""
        from freezegun import freeze_time

        self.customer.write({"tz": "Asia/Shanghai", "email": "wang@example.com"})
        self.company.email = "service@example.com"
        with freeze_time("2026-11-23 01:00:00"):
            self._wizard(partner_id=self.customer.id).action_log()
        ticket = self._last_ticket()
        # due 05:00 UTC = 13:00 in Shanghai
        self.assertIn("13:00", ticket.sla_deadline_customer)
        mail = ticket.message_ids.filtered(
            lambda m: "We will call you" in (m.body or "")
        )
        self.assertEqual(len(mail), 1)
        self.assertIn("13:00", mail.body)
