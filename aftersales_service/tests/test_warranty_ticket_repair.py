# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import AftersalesCommon

D = date(2025, 3, 10)


@tagged("post_install", "-at_install")
class TestWarrantyTicketRepair(AftersalesCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_warranty_fixture()
        cls.lot = cls._create_lots(cls.product_heater, ["WH-T001"])
        cls.order, cls.invoice = cls._sell_and_invoice(cls.product_heater, 1, None, D)
        cls.card = cls.Warranty.search([("lot_id", "=", cls.lot.id)])
        cls.exclusion_voltage = cls.env.ref("aftersales_service.exclusion_voltage")

    def _ticket(self, on="2025-06-01", **vals):
        values = {
            "name": "Heater does not heat",
            "description": "<p>No hot water since yesterday</p>",
            "partner_id": self.customer.id,
            "lot_id": self.lot.id,
            "product_id": self.product_heater.id,
        }
        values.update(vals)
        with freeze_time(on):
            ticket = self.env["helpdesk.ticket"].with_user(self.user).create(values)
            ticket.flush_recordset()
        return ticket.with_user(self.repair_agent)

    def _repair_with_part(self, ticket, on="2025-06-01"):
        with freeze_time(on):
            action = ticket.action_create_repair()
            repair = (
                self.env["repair.order"]
                .with_user(self.repair_agent)
                .browse(action["res_id"])
            )
            repair.move_ids = [
                Command.create(
                    {
                        "product_id": self.part.id,
                        "product_uom_qty": 1.0,
                        "repair_line_type": "add",
                    }
                )
            ]
            # quotations are a salesman's job
            repair.sudo().action_create_sale_order()
            repair.flush_recordset()
        return repair

    def test_ticket_warranty_state(self):
        ticket = self._ticket()
        self.assertEqual(ticket.warranty_id, self.card)
        self.assertEqual(ticket.warranty_state, "in_warranty")
        self.assertEqual(ticket.warranty_end_date, date(2026, 3, 10))
        on_edge = self._ticket(on="2026-03-10")
        self.assertEqual(on_edge.warranty_state, "in_warranty")
        late = self._ticket(on="2026-03-11")
        self.assertEqual(late.warranty_state, "out_of_warranty")
        self.assertEqual(late.warranty_id, self.card)
        excluded = self._ticket(aftersales_exclusion_id=self.exclusion_voltage.id)
        self.assertEqual(excluded.warranty_state, "excluded")
        self.assertIn(self.exclusion_voltage.name, excluded.warranty_reason)
        unknown = self._ticket(lot_id=False, product_id=False)
        self.assertEqual(unknown.warranty_state, "unknown")
        by_order = self._ticket(lot_id=False, sale_order_id=self.order.id)
        self.assertEqual(by_order.warranty_id, self.card)
        self.assertEqual(by_order.warranty_state, "in_warranty")

    def test_ticket_serial_of_other_customer(self):
        with self.assertRaisesNaming(ValidationError, "WH-T001", "Customer Li"):
            self._ticket(partner_id=self.customer_li.id)
        ticket = self._ticket()
        with self.assertRaisesNaming(ValidationError, "WH-T001", "Customer Li"):
            ticket.partner_id = self.customer_li
        self.assertEqual(ticket.partner_id, self.customer)

    def test_repair_in_warranty_is_free(self):
        ticket = self._ticket()
        repair = self._repair_with_part(ticket)
        self.assertEqual(repair.ticket_id, ticket)
        self.assertEqual(ticket.repair_count, 1)
        self.assertEqual(repair.aftersales_warranty_id, self.card)
        self.assertTrue(repair.under_warranty)
        self.assertEqual(repair.aftersales_fee_policy, "free")
        part_line = repair.sale_order_id.order_line.filtered(
            lambda sl: sl.product_id == self.part
        )
        self.assertEqual(part_line.price_unit, 0.0)

    def test_repair_user_caused_is_cost_fee(self):
        ticket = self._ticket(aftersales_user_caused=True)
        repair = self._repair_with_part(ticket)
        self.assertTrue(repair.aftersales_user_caused)
        self.assertEqual(repair.aftersales_fee_policy, "cost")
        part_line = repair.sale_order_id.order_line.filtered(
            lambda sl: sl.product_id == self.part
        )
        self.assertEqual(part_line.price_unit, 45.0)

    def test_repair_out_of_warranty_standard_price(self):
        ticket = self._ticket(on="2026-03-11")
        repair = self._repair_with_part(ticket, on="2026-03-11")
        self.assertFalse(repair.under_warranty)
        self.assertEqual(repair.aftersales_warranty_state, "out_of_warranty")
        self.assertEqual(repair.aftersales_fee_policy, "standard")
        part_line = repair.sale_order_id.order_line.filtered(
            lambda sl: sl.product_id == self.part
        )
        self.assertEqual(part_line.price_unit, 120.0)

    def test_repair_excluded_charged_as_out_of_warranty(self):
        ticket = self._ticket(aftersales_exclusion_id=self.exclusion_voltage.id)
        repair = self._repair_with_part(ticket)
        self.assertEqual(repair.aftersales_exclusion_id, self.exclusion_voltage)
        self.assertEqual(repair.aftersales_warranty_state, "excluded")
        self.assertFalse(repair.under_warranty)
        self.assertEqual(repair.aftersales_fee_policy, "standard")
        part_line = repair.sale_order_id.order_line.filtered(
            lambda sl: sl.product_id == self.part
        )
        self.assertEqual(part_line.price_unit, 120.0)
        # exclusion removed on the repair: back to free
        repair.aftersales_exclusion_id = False
        self.assertEqual(repair.aftersales_fee_policy, "free")
        self.assertEqual(part_line.price_unit, 0.0)

    def test_ticket_form_for_agent_without_stock_rights(self):
        """An after-sales user who is not a warehouse user can open the ticket."""
        ticket = self._ticket()
        Ticket = self.env["helpdesk.ticket"].with_user(self.user)
        arch = Ticket.get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertIn('name="warranty_state"', arch)
        self.assertNotIn('name="action_create_repair"', arch)
        data = ticket.with_user(self.user).web_read(
            {
                "warranty_state": {},
                "warranty_end_date": {},
                "lot_id": {"fields": {"display_name": {}}},
                "warranty_id": {"fields": {"display_name": {}}},
                "sale_order_id": {"fields": {"display_name": {}}},
            }
        )[0]
        self.assertEqual(data["warranty_state"], "in_warranty")
        self.assertEqual(data["lot_id"]["display_name"], "WH-T001")
