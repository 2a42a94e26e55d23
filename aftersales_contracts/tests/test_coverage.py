# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Agreements answer the one coverage question and the one serial check."""

from datetime import date

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import ValidationError

from .common import AftersalesContractsCommon


class TestAgreementCoverage(AftersalesContractsCommon):
    def test_coverage_by_agreement(self):
        """No warranty card, but the customer's agreement covers the serial:
        in warranty, from the agreement, until its end."""
        Warranty = self.env["aftersales.warranty"]
        coverage = Warranty._get_coverage(
            partner=self.customer, lot=self.lot1, on_date=date(2026, 6, 1)
        )
        self.assertEqual(coverage["state"], "in_warranty")
        self.assertEqual(coverage["source"], "agreement")
        self.assertEqual(coverage["agreement"], self.agreement)
        self.assertEqual(coverage["end_date"], date(2026, 12, 31))
        self.assertEqual(coverage["reason_code"], "agreement")
        self.assertIn(self.agreement.display_name, coverage["reason"])
        # after the agreement: not covered
        after = Warranty._get_coverage(
            partner=self.customer, lot=self.lot1, on_date=date(2027, 1, 1)
        )
        self.assertNotEqual(after["state"], "in_warranty")
        # an exclusion applies to agreements too
        excluded = Warranty._get_coverage(
            partner=self.customer,
            lot=self.lot1,
            on_date=date(2026, 6, 1),
            excluded=self.env.ref("aftersales_service.exclusion_voltage"),
        )
        self.assertEqual(excluded["state"], "excluded")
        # another customer's agreement covers nothing for this one
        other = Warranty._get_coverage(
            partner=self.distributor2, lot=self.lot1, on_date=date(2026, 6, 1)
        )
        self.assertEqual(other["state"], "unknown")
        self.assertEqual(other["reason_code"], "not_sold_to")
        # the reason is rendered in the reader's language from its code
        self.assertEqual(
            Warranty._render_reason(coverage["reason_code"], coverage["reason_values"]),
            coverage["reason"],
        )

    def test_serial_belongs_through_agreement(self):
        lots = self.lot1 | self.lot2 | self.lot3
        on = date(2026, 6, 1)
        self.assertEqual(
            lots._aftersales_belongs_to(self.customer, on), self.lot1 | self.lot2
        )
        self.assertFalse(lots._aftersales_belongs_to(self.customer, date(2027, 2, 1)))
        self.assertFalse(lots._aftersales_belongs_to(self.distributor2, on))

    @freeze_time("2026-06-01")
    def test_ticket_and_repair_read_the_agreement(self):
        Ticket = self.env["helpdesk.ticket"]
        ticket = Ticket.create(
            {
                "name": "No hot water",
                "description": "<p>cold</p>",
                "partner_id": self.customer.id,
                "lot_id": self.lot1.id,
            }
        )
        self.assertEqual(ticket.warranty_state, "in_warranty")
        self.assertEqual(ticket.warranty_reason_code, "agreement")
        with self.assertRaisesRegex(ValidationError, "WH60-0001"):
            Ticket.create(
                {
                    "name": "Not theirs",
                    "description": "<p>x</p>",
                    "partner_id": self.distributor2.id,
                    "lot_id": self.lot1.id,
                }
            )
        # the repair's fee schedule reads the same answer: free
        part = self.part_valve
        repair = self.env["repair.order"].create(
            {
                "product_id": self.heater.id,
                "lot_id": self.lot1.id,
                "partner_id": self.customer.id,
                "move_ids": [
                    Command.create(
                        {
                            "product_id": part.id,
                            "product_uom_qty": 1.0,
                            "repair_line_type": "add",
                        }
                    )
                ],
            }
        )
        self.assertEqual(repair.aftersales_warranty_state, "in_warranty")
        self.assertEqual(repair.aftersales_fee_policy, "free")
        self.assertTrue(repair.under_warranty)
        repair.action_create_sale_order()
        line = repair.sale_order_id.order_line.filtered(
            lambda sl: sl.product_id == part
        )
        self.assertEqual(line.price_unit, 0.0)
        # a serial no agreement covers (and no card): standard price
        uncovered = self.env["repair.order"].create(
            {
                "product_id": self.heater.id,
                "lot_id": self.lot3.id,
                "partner_id": self.customer.id,
            }
        )
        self.assertEqual(uncovered.aftersales_fee_policy, "standard")
