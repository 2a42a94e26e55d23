# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import Form, new_test_user

from .common import AftersalesReturnsCommon


@freeze_time("2026-03-05 10:00:00")
class TestReturnAccess(AftersalesReturnsCommon):
    """An after-sales agent without stock or accounting rights opens a
    processed return and reads its moves, receipt and credit note."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agent = new_test_user(
            cls.env,
            login="ret_agent_plain",
            groups="aftersales_service.group_aftersales_user",
            name="Agent Zhou",
        )
        cls.order = cls._sell(cls.customer, [(cls.heater, 3, 1000.0)])
        cls.other_order = cls._sell(cls.customer_b, [(cls.heater, 1, 1000.0)])

    def _processed(self):
        rma = self._confirmed(self.order, qty=1)
        self._inspect(rma, "quarantine")
        self.assertEqual(rma.state, "refunded")
        return rma

    def test_agent_opens_the_processed_return(self):
        rma = self._processed()
        self.assertFalse(self.agent.has_group("stock.group_stock_user"))
        self.assertFalse(self.agent.has_group("account.group_account_invoice"))
        form = Form(rma.with_user(self.agent))
        self.assertEqual(form.state, "refunded")
        agent_rma = rma.with_user(self.agent)
        agent_rma.reception_move_id.read(["product_id", "quantity", "state"])
        agent_rma.reception_move_id.picking_id.read(["name", "state", "date_done"])
        agent_rma.refund_id.read(["name", "amount_total", "state"])
        agent_rma.refund_id.invoice_line_ids.read(["name", "price_total"])
        agent_rma.aftersales_after_picking_id.read(["name", "state"])
        action = agent_rma.action_aftersales_view_transfers()
        pickings = (
            self.env["stock.picking"].with_user(self.agent).search(action["domain"])
        )
        self.assertIn(rma.reception_move_id.picking_id, pickings)
        self.assertIn(rma.aftersales_after_picking_id, pickings)
        self.assertEqual(
            agent_rma.action_aftersales_view_credit_note()["res_id"], rma.refund_id.id
        )

    def test_agent_reads_only_return_documents(self):
        self._processed()
        delivery = self.other_order.picking_ids
        # A delivery no return refers to stays out of the agent's reach.
        with self.assertRaises(AccessError):
            delivery.with_user(self.agent).read(["name"])
        with self.assertRaises(AccessError):
            delivery.move_ids.with_user(self.agent).read(["product_id"])
        rma = self.order.rma_ids
        with self.assertRaises(AccessError):
            rma.reception_move_id.with_user(self.agent).write({"quantity": 5})
        with self.assertRaises(AccessError):
            rma.refund_id.with_user(self.agent).write({"ref": "forged"})

    def test_warehouse_and_accounting_keep_their_documents(self):
        """Group rules add up: a stock user who is also an agent sees every
        transfer; an accountant who is also an agent every entry."""
        both = new_test_user(
            self.env,
            login="ret_agent_stock_account",
            groups="aftersales_service.group_aftersales_user,stock.group_stock_user,"
            "account.group_account_invoice",
        )
        delivery = self.other_order.picking_ids
        delivery.with_user(both).read(["name"])
        entry = self.env["account.move"].create(
            {
                "move_type": "entry",
                "line_ids": [],
            }
        )
        entry.with_user(both).read(["name"])
