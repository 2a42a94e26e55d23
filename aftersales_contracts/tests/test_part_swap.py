# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.exceptions import UserError

from .common import AftersalesContractsCommon

ISSUED = date(2026, 3, 1)
DUE = date(2026, 3, 31)  # issued + 30 days


class TestPartSwap(AftersalesContractsCommon):
    def _issue(self, part, qty=1.0, partner=None):
        return self.env["aftersales.part.swap"]._issue(
            partner or self.distributor,
            part,
            qty,
            contract=self.dist_agreement,
            date=ISSUED,
        )

    def test_issue_is_a_warranty_cost_not_a_sale(self):
        swap = self._issue(self.part_valve, 2)
        self.assertEqual(swap.state, "waiting")
        self.assertEqual(swap.due_date, DUE)
        self.assertEqual(swap.move_id.state, "done")
        self.assertEqual(
            swap.move_id.location_dest_id,
            self.env.ref("aftersales_contracts.stock_location_warranty_cost"),
        )
        self.assertFalse(swap.move_id.sale_line_id)
        self.assertEqual(swap.cost_value, 90.0)

    def test_charge_at_cost_once_after_due_date(self):
        """Due date: not charged; day after: charged at COST (45, not 80), once."""
        Swap = self.env["aftersales.part.swap"]
        swap = self._issue(self.part_valve, 2)
        self.assertFalse(Swap._cron_charge_overdue(DUE))
        self.assertEqual(swap.state, "waiting")
        invoice = Swap._cron_charge_overdue(date(2026, 4, 1))
        self.assertEqual(swap.state, "charged")
        self.assertEqual(invoice.partner_id, self.distributor)
        self.assertEqual(invoice.move_type, "out_invoice")
        self.assertEqual(invoice.invoice_line_ids.price_unit, 45.0)
        self.assertEqual(invoice.invoice_line_ids.quantity, 2)
        self.assertEqual(invoice.amount_untaxed, 90.0)
        self.assertEqual(swap.charge_move_id, invoice)
        self.assertEqual(swap.amount_charged, 90.0)
        self.assertFalse(Swap._cron_charge_overdue(date(2026, 4, 2)))
        with self.assertRaises(UserError):
            swap.action_charge()

    def test_charge_by_hand(self):
        swap = self._issue(self.part_board)
        invoice = swap.action_charge()
        self.assertEqual(swap.state, "charged")
        self.assertEqual(invoice.amount_untaxed, 70.0)
        self.assertFalse(swap.can_charge)

    def test_returned_in_time_is_not_charged(self):
        Swap = self.env["aftersales.part.swap"]
        swap = self._issue(self.part_valve)
        swap.action_register_return()
        self.assertEqual(swap.state, "returned")
        self.assertEqual(
            swap.return_move_ids.location_dest_id,
            self.env.ref("aftersales_contracts.stock_location_defective"),
        )
        self.assertFalse(Swap._cron_charge_overdue(date(2026, 4, 1)))

    def test_partial_return_charges_the_rest(self):
        Swap = self.env["aftersales.part.swap"]
        swap = self._issue(self.part_valve, 3)
        swap.action_register_return(1)
        self.assertEqual(swap.state, "waiting")
        invoice = Swap._cron_charge_overdue(date(2026, 4, 1))
        self.assertEqual(invoice.invoice_line_ids.quantity, 2)
        self.assertEqual(swap.quantity_charged, 2)

    def test_late_return_is_credited(self):
        Swap = self.env["aftersales.part.swap"]
        swap = self._issue(self.part_valve, 2)
        invoice = Swap._cron_charge_overdue(date(2026, 4, 1))
        refund = swap.action_register_return()
        self.assertEqual(swap.state, "returned")
        self.assertEqual(refund.move_type, "out_refund")
        self.assertEqual(refund.amount_untaxed, invoice.amount_untaxed)
        self.assertEqual(refund.partner_id, self.distributor)
        self.assertEqual(swap.refund_move_id, refund)

    def test_partial_late_return_credits_what_came_back(self):
        Swap = self.env["aftersales.part.swap"]
        swap = self._issue(self.part_valve, 2)
        Swap._cron_charge_overdue(date(2026, 4, 1))
        refund = swap.action_register_return(1)
        self.assertEqual(refund.amount_untaxed, 45.0)
        self.assertEqual(swap.state, "charged")
        refund2 = swap.action_register_return(1)
        self.assertEqual(refund2.amount_untaxed, 45.0)
        self.assertEqual(swap.state, "returned")

    def test_free_part_under_threshold(self):
        """Threshold 10: the 8.00 seal is free, the 12.00 knob is swapped."""
        seal = self._issue(self.part_seal)
        knob = self._issue(self.part_knob)
        self.assertEqual(seal.state, "free")
        self.assertEqual(knob.state, "waiting")
        self.env["aftersales.part.swap"]._cron_charge_overdue(date(2026, 4, 1))
        self.assertEqual(seal.state, "free")
        self.assertEqual(knob.state, "charged")

    def test_must_buy_category_cannot_be_swapped(self):
        count = self.env["aftersales.part.swap"].search_count([])
        with self.assertRaises(UserError) as err:
            self._issue(self.part_burner)
        self.assertIn("Stove burner", str(err.exception))
        self.assertEqual(self.env["aftersales.part.swap"].search_count([]), count)

    def test_product_policy_overrides_category(self):
        self.part_burner.aftersales_part_policy = "swap"
        self.assertEqual(self._issue(self.part_burner).state, "waiting")

    def test_charge_cron_query_count_is_bounded(self):
        """Same number of queries for 5 and 50 overdue swaps of 2 distributors:
        one invoice per distributor, lines grouped per part."""
        Swap = self.env["aftersales.part.swap"]

        def make(n):
            vals = []
            for i in range(n):
                partner = (self.distributor, self.distributor2)[i % 2]
                part = (self.part_valve, self.part_board)[(i // 2) % 2]
                v = Swap._prepare_swap_vals(partner, part, 1.0, date=ISSUED)
                vals.append(v)
            return Swap.create(vals)

        def run(swaps):
            self.env.flush_all()
            self.env.invalidate_all()
            start = self.cr.sql_log_count
            invoices = Swap._cron_charge_overdue(date(2026, 4, 1))
            self.env.flush_all()
            count = self.cr.sql_log_count - start
            self.assertEqual(len(invoices), 2)
            self.assertEqual(set(swaps.mapped("state")), {"charged"})
            return count

        run(make(4))  # warm the caches (first invoice of the run, etc.)
        count_small = run(make(5))
        big = make(50)
        self.env.flush_all()
        self.env.invalidate_all()
        start = self.cr.sql_log_count
        with self.assertQueryCount(count_small):
            invoices = Swap._cron_charge_overdue(date(2026, 4, 1))
        self.assertEqual(self.cr.sql_log_count - start, count_small)
        self.assertEqual(len(invoices), 2)
        self.assertEqual(set(big.mapped("state")), {"charged"})
        self.assertEqual(
            sum(invoices.mapped("amount_untaxed")), 26 * 45.0 + 24 * 70.0
        )
