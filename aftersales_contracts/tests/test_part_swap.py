# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, timedelta
from unittest.mock import patch

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import AftersalesContractsCommon

ISSUED = date(2026, 3, 1)
DUE = date(2026, 3, 31)  # issued + 30 days


@tagged("post_install", "-at_install")
class TestPartSwap(AftersalesContractsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stock = (
            cls.env["stock.warehouse"]
            .search([("company_id", "=", cls.company.id)], limit=1)
            .lot_stock_id
        )
        for part in (cls.part_valve, cls.part_board, cls.part_seal, cls.part_knob):
            cls.env["stock.quant"]._update_available_quantity(part, cls.stock, 100.0)

    def _issue(self, part, qty=1.0, partner=None, date=ISSUED):
        return self.env["aftersales.part.swap"]._issue(
            partner or self.distributor,
            part,
            qty,
            contract=self.dist_agreement if not partner else None,
            date=date,
        )

    def _on_hand(self, part):
        return part.with_context(location=self.stock.id).qty_available

    def _receive(self, swap, qty=None, user=None):
        swap = swap.with_user(user or self.warehouse)
        code = (swap.old_product_id or swap.product_id).default_code
        return swap.action_receive_old_part(code, qty)

    # ------------------------------------------------------------------
    # Issue: the policy on every path
    # ------------------------------------------------------------------
    def test_issue_is_a_warranty_cost_not_a_sale(self):
        before = self._on_hand(self.part_valve)
        swap = self._issue(self.part_valve, 2)
        self.assertEqual(swap.state, "waiting")
        self.assertEqual(swap.due_date, DUE)
        self.assertEqual(swap.move_id.state, "done")
        self.assertEqual(swap.move_id.location_id, self.stock)
        self.assertEqual(
            swap.move_id.location_dest_id,
            self.env.ref("aftersales_contracts.stock_location_warranty_cost"),
        )
        self.assertFalse(swap.move_id.sale_line_id)
        self.assertEqual(swap.cost_value, 90.0)
        self.assertEqual(self._on_hand(self.part_valve), before - 2)

    def test_form_applies_the_whole_policy(self):
        """A swap typed in the menu's form by an after-sales agent (no stock
        right) gets the policy: cost, due date, stock move; must-buy refused;
        free under the threshold."""
        Swap = self.env["aftersales.part.swap"].with_user(self.user)
        before = self._on_hand(self.part_valve)
        with Form(Swap) as form:
            form.partner_id = self.distributor
            form.contract_id = self.dist_agreement
            form.product_id = self.part_valve
            form.quantity = 3
        swap = form.record
        today = fields.Date.context_today(swap)
        self.assertEqual(swap.state, "waiting")
        self.assertEqual(swap.date, today)
        self.assertEqual(swap.due_date, today + timedelta(days=30))
        self.assertEqual(swap.unit_cost, 45.0)
        self.assertEqual(swap.cost_value, 135.0)
        self.assertEqual(swap.sudo().move_id.state, "done")
        self.assertEqual(self._on_hand(self.part_valve), before - 3)
        self.assertEqual(swap.old_product_id, self.part_valve)
        self.assertEqual(swap.issued_from, "request")
        count = Swap.search_count([])
        with self.assertRaises(UserError):
            Swap.create(
                {"partner_id": self.distributor.id, "product_id": self.part_burner.id}
            )
        self.assertEqual(Swap.search_count([]), count)
        seal = Swap.create(
            {"partner_id": self.distributor.id, "product_id": self.part_seal.id}
        )
        self.assertEqual(seal.state, "free")
        self.assertFalse(seal.due_date)

    def test_issue_from_a_repair(self):
        """A repair under a distributor agreement issues its part to the
        distributor: the part leaves the repair's parts location."""
        repair = self.env["repair.order"].create(
            {
                "product_id": self.heater.id,
                "partner_id": self.customer.id,
                "aftersales_agreement_id": self.dist_agreement.id,
            }
        )
        self.assertTrue(repair.can_aftersales_issue_part)
        action = repair.with_user(self.user).action_aftersales_issue_part()
        self.assertEqual(action["context"]["default_partner_id"], self.distributor.id)
        swap = (
            self.env["aftersales.part.swap"]
            .with_user(self.user)
            .with_context(**action["context"])
            .create({"product_id": self.part_valve.id})
        )
        self.assertEqual(swap.partner_id, self.distributor)
        self.assertEqual(swap.contract_id, self.dist_agreement)
        self.assertEqual(swap.issued_from, "repair")
        self.assertEqual(repair.aftersales_swap_ids, swap)
        self.assertEqual(swap.sudo().move_id.location_id, repair.location_id)
        # a repair of no distributor agreement issues nothing
        other = self.env["repair.order"].create(
            {"product_id": self.heater.id, "partner_id": self.customer.id}
        )
        with self.assertRaises(UserError):
            other.action_aftersales_issue_part()

    def test_free_part_threshold_boundary(self):
        """Threshold 10 (以下 = strictly under): 9.99 free, 10.00 and 12.00 swapped."""
        self.part_seal.lst_price = 9.99
        self.part_knob.lst_price = 10.0
        self.assertEqual(self._issue(self.part_seal).state, "free")
        self.assertEqual(self._issue(self.part_knob).state, "waiting")
        self.part_knob.lst_price = 12.0
        knob = self._issue(self.part_knob)
        self.assertEqual(knob.state, "waiting")
        self.env["aftersales.part.swap"]._cron_charge_overdue(date(2026, 4, 1))
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

    def test_quantity_positive_and_bounded(self):
        Swap = self.env["aftersales.part.swap"].with_user(self.user)
        count = Swap.search_count([])
        for qty in (0, -1, 10000.01, 1e308):
            with (
                self.subTest(qty=qty),
                self.assertRaises(ValidationError),
                self.env.cr.savepoint(),
            ):
                Swap.create(
                    {
                        "partner_id": self.distributor.id,
                        "product_id": self.part_valve.id,
                        "quantity": qty,
                    }
                )
        self.assertEqual(Swap.search_count([]), count)
        self.assertEqual(
            Swap.create(
                {
                    "partner_id": self.distributor.id,
                    "product_id": self.part_valve.id,
                    "quantity": 10000,
                }
            ).quantity,
            10000,
        )

    def test_guarded_fields_refused_for_every_role(self):
        """Warehouse user, after-sales user and manager cannot set a swap
        returned, free or charged, move its due date or change what was issued."""
        swap = self._issue(self.part_valve, 2)
        forged = [
            {"state": "returned"},
            {"state": "free"},
            {"state": "charged"},
            {"due_date": "2099-12-31"},
            {"quantity_returned": 2},
            {"unit_cost": 0.0},
            {"quantity": 1e308},
            {"product_id": self.part_board.id},
        ]
        before = swap.read(["state", "due_date", "quantity", "unit_cost", "product_id"])
        for user in (self.warehouse, self.user, self.manager):
            for vals in forged:
                with (
                    self.subTest(user=user.login, vals=vals),
                    self.assertRaises(UserError),
                ):
                    swap.with_user(user).write(vals)
        swap.invalidate_recordset()
        self.assertEqual(
            swap.read(["state", "due_date", "quantity", "unit_cost", "product_id"]),
            before,
        )
        with self.assertRaises(UserError):
            self.env["aftersales.part.swap"].with_user(self.manager).create(
                {
                    "partner_id": self.distributor.id,
                    "product_id": self.part_valve.id,
                    "state": "free",
                }
            )

    def test_cost_captured_at_issue(self):
        """The charge uses the cost of the day the part left, not today's."""
        swap = self._issue(self.part_valve)
        self.part_valve.standard_price = 60.0
        invoice = self.env["aftersales.part.swap"]._cron_charge_overdue(
            date(2026, 4, 1)
        )
        self.assertEqual(swap.unit_cost, 45.0)
        self.assertEqual(invoice.invoice_line_ids.price_unit, 45.0)

    # ------------------------------------------------------------------
    # The old part back: a receipt of the scanned part
    # ------------------------------------------------------------------
    def test_returned_only_through_a_receipt_of_the_scanned_part(self):
        Swap = self.env["aftersales.part.swap"]
        swap = self._issue(self.part_valve)
        with self.assertRaises(UserError):
            swap.with_user(self.warehouse).action_receive_old_part("WRONG-CODE")
        with self.assertRaises(UserError):
            # the code of another part is not the old part
            swap.with_user(self.warehouse).action_receive_old_part(
                self.part_board.default_code
            )
        self.assertEqual(swap.state, "waiting")
        picking = self._receive(swap)
        self.assertEqual(picking.state, "done")
        self.assertEqual(picking.picking_type_code, "incoming")
        self.assertEqual(picking.partner_id, self.distributor)
        self.assertEqual(swap.state, "returned")
        self.assertEqual(swap.quantity_returned, 1)
        self.assertEqual(
            swap.return_move_ids.location_dest_id,
            self.env.ref("aftersales_contracts.stock_location_defective"),
        )
        self.assertFalse(Swap._cron_charge_overdue(date(2026, 4, 1)))
        with self.assertRaises(UserError):
            self._receive(swap)

    def test_receive_by_barcode_and_wizard(self):
        self.part_valve.barcode = "6900000000123"
        swap = self._issue(self.part_valve, 2)
        wizard = (
            self.env["aftersales.part.swap.receive"]
            .with_user(self.warehouse)
            .with_context(**swap.action_open_receive_wizard()["context"])
            .create({"code": "6900000000123"})
        )
        self.assertEqual(wizard.quantity, 2)
        wizard.action_confirm()
        self.assertEqual(swap.state, "returned")

    def test_serial_tracked_part_leaves_and_comes_back_by_serial(self):
        board = self._make_part("Tracked board", self.categ_swap, 150.0, 90.0)
        board.tracking = "serial"
        new_lot, old_lot = self.env["stock.lot"].create(
            [
                {"name": "BOARD-NEW-1", "product_id": board.id},
                {"name": "BOARD-OLD-1", "product_id": board.id},
            ]
        )
        self.env["stock.quant"]._update_available_quantity(
            board, self.stock, 1.0, lot_id=new_lot
        )
        swap = self._issue(board)
        self.assertEqual(swap.move_id.move_line_ids.lot_id, new_lot)
        with self.assertRaises(UserError):
            self._issue(board)  # no serial left in stock
        with self.assertRaises(UserError):
            swap.with_user(self.warehouse).action_receive_old_part("NO-SUCH-SERIAL")
        swap.with_user(self.warehouse).action_receive_old_part("BOARD-OLD-1")
        self.assertEqual(swap.state, "returned")
        self.assertEqual(swap.return_move_ids.move_line_ids.lot_id, old_lot)

    def test_a_move_cannot_be_linked_to_a_swap_by_hand(self):
        swap = self._issue(self.part_valve)
        with self.assertRaises(UserError):
            self.env["stock.move"].with_user(self.warehouse).create(
                {
                    "name": "forged",
                    "product_id": self.part_valve.id,
                    "product_uom_qty": 1,
                    "location_id": self.distributor.property_stock_customer.id,
                    "location_dest_id": self.env.ref(
                        "aftersales_contracts.stock_location_defective"
                    ).id,
                    "aftersales_return_swap_id": swap.id,
                }
            )

    def test_partial_return_charges_the_rest(self):
        Swap = self.env["aftersales.part.swap"]
        swap = self._issue(self.part_valve, 3)
        self._receive(swap, 1)
        self.assertEqual(swap.state, "waiting")
        with self.assertRaises(UserError):
            self._receive(swap, 3)  # only 2 are still expected
        invoice = Swap._cron_charge_overdue(date(2026, 4, 1))
        self.assertEqual(invoice.invoice_line_ids.quantity, 2)
        self.assertEqual(swap.quantity_charged, 2)

    def test_late_return_is_credited(self):
        Swap = self.env["aftersales.part.swap"]
        swap = self._issue(self.part_valve, 2)
        invoice = Swap._cron_charge_overdue(date(2026, 4, 1))
        self._receive(swap)
        self.assertEqual(swap.state, "returned")
        refund = swap.refund_move_id
        self.assertEqual(refund.move_type, "out_refund")
        self.assertEqual(refund.state, "draft")
        self.assertEqual(refund.amount_untaxed, invoice.amount_untaxed)
        self.assertEqual(refund.partner_id, self.distributor)

    def test_partial_late_return_credits_what_came_back(self):
        Swap = self.env["aftersales.part.swap"]
        swap = self._issue(self.part_valve, 2)
        Swap._cron_charge_overdue(date(2026, 4, 1))
        self._receive(swap, 1)
        self.assertEqual(swap.refund_move_id.amount_untaxed, 45.0)
        self.assertEqual(swap.state, "charged")
        first = swap.refund_move_id
        self._receive(swap, 1)
        self.assertEqual(swap.refund_move_id.amount_untaxed, 45.0)
        self.assertNotEqual(swap.refund_move_id, first)
        self.assertEqual(swap.state, "returned")

    # ------------------------------------------------------------------
    # Charging
    # ------------------------------------------------------------------
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
        self.assertEqual(invoice.state, "draft")
        self.assertEqual(invoice.invoice_line_ids.price_unit, 45.0)
        self.assertEqual(invoice.invoice_line_ids.quantity, 2)
        self.assertEqual(invoice.amount_untaxed, 90.0)
        self.assertEqual(swap.charge_move_id, invoice)
        self.assertEqual(swap.amount_charged, 90.0)
        self.assertFalse(Swap._cron_charge_overdue(date(2026, 4, 2)))
        with self.assertRaises(UserError):
            swap.action_charge()

    def test_manager_without_accounting_charges_by_hand(self):
        """An after-sales manager with no accounting right prepares the charge
        invoice (a draft); an after-sales user cannot charge."""
        swap = self._issue(self.part_board)
        with self.assertRaises(AccessError):
            swap.with_user(self.user).action_charge()
        self.assertEqual(swap.state, "waiting")
        invoice = swap.with_user(self.manager_noacc).action_charge()
        self.assertEqual(swap.state, "charged")
        self.assertEqual(invoice.sudo().state, "draft")
        self.assertEqual(invoice.sudo().amount_untaxed, 70.0)
        self.assertFalse(swap.can_charge)
        with self.assertRaises(AccessError):
            invoice.with_user(self.manager_noacc).action_post()

    def test_cron_survives_one_bad_record(self):
        """A legacy swap of 1e308 units (before the bound) is skipped, logged
        and marked; the distributor's other swaps and the other distributor
        are charged."""
        Swap = self.env["aftersales.part.swap"]
        good = self._issue(self.part_valve, 1)
        bad = self._issue(self.part_valve, 1)
        other = self._issue(self.part_board, 1, partner=self.distributor2)
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE aftersales_part_swap SET quantity = 1e308 WHERE id = %s", [bad.id]
        )
        bad.invalidate_recordset()
        with mute_logger(
            "odoo.addons.aftersales_contracts.models.aftersales_part_swap_charge"
        ):
            invoices = Swap._cron_charge_overdue(date(2026, 4, 1))
        self.assertEqual(len(invoices), 2)
        self.assertEqual(good.state, "charged")
        self.assertEqual(other.state, "charged")
        self.assertEqual(bad.state, "waiting")
        self.assertIn("1e+308", bad.charge_error)
        self.assertEqual(sum(invoices.mapped("amount_untaxed")), 45.0 + 70.0)
        # skipped until a manager clears it: the next run does not retry it
        self.assertFalse(Swap._cron_charge_overdue(date(2026, 4, 2)))

    def test_cron_survives_an_unexpected_failure(self):
        """An invoice that fails for one distributor does not stop the other."""
        Swap = self.env["aftersales.part.swap"]
        first = self._issue(self.part_valve)
        second = self._issue(self.part_board, partner=self.distributor2)
        origin = type(Swap)._prepare_charge_line_vals

        def broken(model, company, product, quantity, unit_cost=None):
            if product == self.part_board:
                raise ValueError("broken part")
            return origin(model, company, product, quantity, unit_cost)

        with (
            mute_logger(
                "odoo.addons.aftersales_contracts.models.aftersales_part_swap_charge"
            ),
            patch.object(type(Swap), "_prepare_charge_line_vals", broken),
        ):
            invoices = Swap._cron_charge_overdue(date(2026, 4, 1))
        self.assertEqual(invoices.partner_id, self.distributor)
        self.assertEqual(first.state, "charged")
        self.assertEqual(second.state, "waiting")
        self.assertIn("broken part", second.charge_error)
        second.action_clear_charge_error()
        self.assertEqual(
            Swap._cron_charge_overdue(date(2026, 4, 2)).partner_id, self.distributor2
        )

    def test_cron_through_the_scheduler_in_batches(self):
        """Three distributors, one per batch: the scheduler runs the job until
        nothing remains, committing each batch."""
        distributors = (
            self.distributor
            | self.distributor2
            | self.env["res.partner"].create(
                {"name": "Distributor Sun", "is_company": True}
            )
        )
        today = fields.Date.context_today(self.env.user)
        swaps = self.env["aftersales.part.swap"]
        for partner in distributors:
            swaps |= self._issue(
                self.part_valve, partner=partner, date=today - timedelta(days=40)
            )
        cron = self.env.ref("aftersales_contracts.cron_aftersales_swap_charge")
        cron.code = "model._cron_charge_overdue(batch_size=1)"
        self.env.flush_all()
        self.registry.enter_test_mode(self.cr)
        try:
            self.registry["ir.cron"]._process_job(
                self.registry.db_name,
                self.registry.cursor(),
                {
                    **cron.read(load=None)[0],
                    "done": 0,
                    "remaining": 0,
                    "timed_out_counter": 0,
                },
            )
        finally:
            self.registry.leave_test_mode()
        swaps.invalidate_recordset()
        self.assertEqual(set(swaps.mapped("state")), {"charged"})
        self.assertEqual(len(swaps.charge_move_id), 3)
        progress = self.env["ir.cron.progress"].search(
            [("cron_id", "=", cron.id)], order="id"
        )
        self.assertEqual(progress.mapped("done")[-3:], [1, 1, 1])
        self.assertEqual(progress.mapped("remaining")[-3:], [2, 1, 0])

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
        self.assertEqual(sum(invoices.mapped("amount_untaxed")), 26 * 45.0 + 24 * 70.0)

    def test_swaps_are_not_deleted(self):
        swap = self._issue(self.part_valve)
        with self.assertRaises(AccessError):
            swap.with_user(self.user).unlink()
        with self.assertRaises(UserError):
            swap.with_user(self.manager).unlink()
        self.assertTrue(swap.exists())
