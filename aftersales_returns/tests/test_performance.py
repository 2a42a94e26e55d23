# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import functools
import logging

from freezegun import freeze_time

from .common import AftersalesReturnsCommon

_logger = logging.getLogger(__name__)


@freeze_time("2026-03-05 10:00:00")
class TestReturnCheckPerformance(AftersalesReturnsCommon):
    def test_checking_200_lines_costs_bounded_queries(self):
        """Checking 20 or 200 returns of one order costs the same queries."""
        self.env["stock.quant"]._update_available_quantity(
            self.heater, self.warehouse.lot_stock_id, 200
        )
        order = self._sell(self.customer, [(self.heater, 1, 100.0)] * 200)
        self.assertEqual(len(order.order_line), 200)
        rmas = self.env["rma"]
        vals = []
        for line in order.order_line:
            move = line.move_ids[:1]
            vals.append(
                {
                    "partner_id": self.customer.id,
                    "order_id": order.id,
                    "picking_id": move.picking_id.id,
                    "move_id": move.id,
                    "product_id": self.heater.id,
                    "product_uom_qty": 1,
                    "product_uom": self.heater.uom_id.id,
                    "operation_id": self.operation.id,
                    "location_id": self.warehouse.rma_loc_id.id,
                    "return_reason": "quality",
                    "requested_remedy": "exchange",
                }
            )
        rmas = rmas.create(vals)
        rmas._aftersales_run_checks()  # warm-up: verdicts exist from now on
        counts = {}
        for size in (20, 200):
            subset = rmas[:size]
            self.env.invalidate_all()
            self.env.flush_all()
            start = self.cr.sql_log_count
            subset._aftersales_run_checks()
            self.env.flush_all()
            counts[size] = self.cr.sql_log_count - start
        # The same number of queries whatever the number of returns: one
        # read per kind of fact, one UPDATE per outcome, one DELETE and one
        # INSERT of the verdicts.
        self.assertEqual(counts[20], counts[200], counts)
        self.assertLessEqual(counts[200], 30, counts)
        self.assertTrue(all(r.aftersales_verdict_ids for r in rmas))
        self.assertEqual(
            set(
                rmas.mapped("aftersales_verdict_ids")
                .filtered(lambda v: v.rule == "quantity")
                .mapped("result")
            ),
            {"pass"},
        )

    def _count(self, func):
        self.env.flush_all()
        self.env.invalidate_all()
        start = self.cr.sql_log_count
        result = func()
        self.env.flush_all()
        return self.cr.sql_log_count - start, result

    def test_one_return_create_confirm_and_receive_refund(self):
        """One return at a time, as a user: create + confirm, then receive +
        inspect + refund, in a pinned number of queries (measured against
        bare OCA rma/rma_sale: see the addon readme)."""
        self.env["stock.quant"]._update_available_quantity(
            self.heater, self.warehouse.lot_stock_id, 10
        )
        order = self._sell(self.customer, [(self.heater, 1, 100.0)] * 4)
        env = self.env(user=self.manager, context={"tracking_disable": False})
        counts = []
        for line in order.order_line:
            move = line.move_ids[:1]
            vals = {
                "partner_id": self.customer.id,
                "partner_invoice_id": self.customer.id,
                "partner_shipping_id": self.customer.id,
                "order_id": order.id,
                "picking_id": move.picking_id.id,
                "move_id": move.id,
                "product_id": self.heater.id,
                "product_uom_qty": 1,
                "product_uom": self.heater.uom_id.id,
                "operation_id": self.operation.id,
                "location_id": self.warehouse.rma_loc_id.id,
                "reason_id": self.reasons["no_reason"].id,
                "requested_remedy": "refund",
                "package_state": "sealed",
            }

            def create_confirm(vals):
                rma = env["rma"].create(vals)
                rma.action_confirm()
                return rma

            created, rma = self._count(functools.partial(create_confirm, vals))
            self.assertEqual(rma.state, "confirmed")

            def receive_refund(rma=rma):
                env["aftersales.rma.inspection"].with_user(self.stock_user).create(
                    {
                        "rma_id": rma.id,
                        "result": "stock",
                        "condition_grade": "a",
                        "invoice_returned": True,
                        "package_intact": True,
                        "accessories_complete": True,
                    }
                ).action_validate()

            received, _res = self._count(receive_refund)
            self.assertEqual(rma.state, "refunded")
            counts.append((created, received))
        # The first return warms the caches; the others cost the same.
        steady = counts[1:]
        self.assertEqual(len(set(steady)), 1, counts)
        created, received = steady[0]
        _logger.info(
            "one return: create+confirm %s queries, receive+refund %s",
            created,
            received,
        )
        self.assertLessEqual(created, 145, counts)
        self.assertLessEqual(received, 265, counts)


@freeze_time("2026-03-05 10:00:00")
class TestReturnBatchInspection(AftersalesReturnsCommon):
    """Returns inspected together: one internal transfer per destination with
    one move per product and lot, one note per return inserted at once."""

    # Odoo's own cost of one more return in the call, the only queries
    # allowed to grow with the number of returns inspected together: its
    # move on the receipt done (a backorder's move for the others) and its
    # credit note lines (the refunded line and the return fee); the transfer
    # to stock has one move per product and lot, whatever the number of
    # returns. Measured 31 for 12 more returns on 2026-12-02 (151 with one
    # move per return).
    ODOO_QUERIES_PER_RETURN = 3

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # nobody to send the mails as: the team gets a note instead
        cls.company.email = False
        cls.company.partner_id.email = False
        cls.company.alias_domain_id = False
        cls.env["stock.quant"]._update_available_quantity(
            cls.heater, cls.warehouse.lot_stock_id, 40
        )

    def _returns(self, count):
        order = self._sell(self.customer, [(self.heater, 1, 100.0)] * count)
        rmas = self.env["rma"]
        for line in order.order_line:
            rmas |= self._rma(order, line=line, reason="no_reason", package="sealed")
        rmas.action_confirm()
        self.assertEqual(set(rmas.mapped("state")), {"confirmed"})
        self.assertFalse(rmas[0]._aftersales_sender()[1])
        return rmas

    def _inspect_batch(self, rmas):
        from odoo.addons.aftersales_service.tools import action_scope

        with action_scope():
            rmas.sudo()._aftersales_apply_inspection(
                {
                    "aftersales_inspection_result": "stock",
                    "aftersales_condition_grade": "a",
                    "aftersales_invoice_returned": True,
                    "aftersales_package_intact": True,
                    "aftersales_accessories_complete": True,
                }
            )

    def _notes(self, rmas, template_xmlid):
        name = self.env.ref(template_xmlid).name
        return rmas.message_ids.filtered(
            lambda m: "was not notified" in (m.body or "") and name in m.body
        )

    def test_batch_inspection_one_transfer_one_note_each(self):
        rmas = self._returns(21)
        warm, small, big = rmas[:1], rmas[1:5], rmas[5:21]
        self._inspect_batch(warm)  # caches warm
        counts = {}
        for batch in (small, big):
            self.env.flush_all()
            self.env.invalidate_all()
            start = self.cr.sql_log_count
            self._inspect_batch(batch)
            self.env.flush_all()
            counts[len(batch)] = self.cr.sql_log_count - start
        stock = self.warehouse.lot_stock_id
        for batch in (small, big):
            transfer = batch.aftersales_after_picking_id
            self.assertEqual(len(transfer), 1, "one transfer for the batch")
            self.assertEqual(transfer.state, "done")
            self.assertEqual(transfer.picking_type_id, self.warehouse.int_type_id)
            self.assertEqual(transfer.location_id, batch[0].location_id)
            self.assertEqual(transfer.location_dest_id, stock)
            self.assertEqual(transfer.aftersales_rma_after_ids, batch)
            # one move for the batch's one product (and no lot), naming every
            # return, with their quantities
            move = transfer.move_ids
            self.assertEqual(len(move), 1, "one move per product and lot")
            self.assertEqual(move.product_id, self.heater)
            self.assertEqual(move.quantity, len(batch))
            self.assertEqual(move.state, "done")
            for rma in batch:
                self.assertIn(rma.name, transfer.origin)
                self.assertIn(rma.name, move.origin)
                self.assertIn(rma.name, move.name)
            self.assertEqual(set(batch.mapped("state")), {"refunded"})
            # the team is told once per return (at confirmation and inspection)
            for rma in batch:
                for xmlid in (
                    "aftersales_returns.mail_template_rma_checked",
                    "aftersales_returns.mail_template_rma_inspected",
                ):
                    notes = self._notes(rma, xmlid)
                    self.assertEqual(len(notes), 1, (rma.name, xmlid))
                    self.assertEqual(notes.author_id, self.company.partner_id)
        self.assertEqual(
            self.env["stock.quant"]._get_available_quantity(
                self.heater, rmas[0].location_id, strict=True
            ),
            0,
        )
        # 12 more returns cost only Odoo's queries of 12 more moves and lines
        growth = counts[16] - counts[4]
        _logger.info("batch inspection: %s queries (growth %s)", counts, growth)
        self.assertLessEqual(growth, 12 * self.ODOO_QUERIES_PER_RETURN, counts)

    def test_batch_notes_cost_the_same_for_4_and_16(self):
        rmas = self._returns(21)
        template = "aftersales_returns.mail_template_rma_inspected"
        rmas[:1]._aftersales_notify_customer(template)  # caches warm
        counts = []
        for batch in (rmas[1:5], rmas[5:21]):
            self.env.flush_all()
            self.env.invalidate_all()
            start = self.cr.sql_log_count
            batch._aftersales_notify_customer(template)
            self.env.flush_all()
            counts.append(self.cr.sql_log_count - start)
            self.assertEqual(len(self._notes(batch, template)), len(batch))
        self.assertEqual(counts[0], counts[1], counts)

    def test_one_transfer_per_destination(self):
        rmas = self._returns(4)
        rmas._aftersales_validate_receipts()
        to_stock, to_quarantine = rmas[:2], rmas[2:]
        with self._action_scope():
            to_stock._aftersales_action_write({"aftersales_inspection_result": "stock"})
            to_quarantine._aftersales_action_write(
                {"aftersales_inspection_result": "quarantine"}
            )
            rmas._aftersales_move_goods()
        pickings = rmas.aftersales_after_picking_id
        self.assertEqual(len(pickings), 2)
        self.assertEqual(
            to_stock.aftersales_after_picking_id.location_dest_id,
            self.warehouse.lot_stock_id,
        )
        self.assertEqual(
            to_quarantine.aftersales_after_picking_id.location_dest_id,
            self.warehouse.aftersales_quarantine_loc_id,
        )
        for group in (to_stock, to_quarantine):
            picking = group.aftersales_after_picking_id
            self.assertEqual(len(picking), 1)
            self.assertEqual(len(picking.move_ids), 1, "one product: one move")
            self.assertEqual(picking.move_ids.quantity, 2)
            self.assertEqual(picking.state, "done")

    @staticmethod
    def _action_scope():
        from odoo.addons.aftersales_service.tools import action_scope

        return action_scope()
