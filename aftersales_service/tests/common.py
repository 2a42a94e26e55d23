# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from contextlib import contextmanager

from freezegun import freeze_time

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
        cls._setup_penalty()

    # ------------------------------------------------------------------
    # Warranty fixtures and helpers (warranty per sold unit)
    # ------------------------------------------------------------------
    @classmethod
    def _setup_warranty_fixture(cls):
        cls.Warranty = cls.env["aftersales.warranty"]
        cls.stock_location = cls.env.ref("stock.stock_location_stock")
        cls.customer_location = cls.env.ref("stock.stock_location_customers")
        cls.categ_appliance = cls.env["product.category"].create(
            {"name": "Kitchen Appliances"}
        )
        cls.product_heater = cls._create_warranty_product(
            "Water Heater", warranty=12, tracking="serial", list_price=1800.0
        )
        cls.product_hood = cls._create_warranty_product(
            "Range Hood Filter", warranty=0, tracking="none", list_price=50.0
        )
        cls.part = cls._create_warranty_product(
            "Heating Element",
            warranty=0,
            tracking="none",
            list_price=120.0,
            standard_price=45.0,
        )
        cls.customer_li = cls.env["res.partner"].create({"name": "Customer Li"})
        # a service agent who also works in the warehouse (repairs are stock)
        cls.repair_agent = new_test_user(
            cls.env,
            login="as_repair_agent",
            groups="aftersales_service.group_aftersales_user,stock.group_stock_user",
        )

    @classmethod
    def _setup_distributor_fixture(cls):
        """The distributor channel: a distributor (with its salesperson and a
        portal user of its staff), a second distributor and an end user."""
        cls._setup_warranty_fixture()
        cls.salesperson = new_test_user(
            cls.env, login="as_salesperson", groups="sales_team.group_sale_salesman"
        )
        cls.distributor = cls.env["res.partner"].create(
            {
                "name": "Distributor Shaoxing",
                "is_company": True,
                "aftersales_is_distributor": True,
                "user_id": cls.salesperson.id,
                "email": "sx@example.com",
            }
        )
        cls.distributor_user = new_test_user(
            cls.env,
            login="as_distributor",
            password="as_distributor",
            groups="base.group_portal",
        )
        cls.distributor_user.partner_id.parent_id = cls.distributor
        cls.distributor2 = cls.env["res.partner"].create(
            {
                "name": "Distributor Ningbo",
                "is_company": True,
                "aftersales_is_distributor": True,
            }
        )
        cls.distributor2_user = new_test_user(
            cls.env,
            login="as_distributor2",
            password="as_distributor2",
            groups="base.group_portal",
        )
        cls.distributor2_user.partner_id.parent_id = cls.distributor2
        cls.end_user = cls.env["res.partner"].create(
            {"name": "End User Chen", "phone": "+86 138 0000 1234"}
        )

    @classmethod
    def _create_warranty_product(
        cls,
        name,
        warranty=12,
        warranty_type="month",
        tracking="serial",
        list_price=100.0,
        standard_price=40.0,
        categ=None,
    ):
        return cls.env["product.product"].create(
            {
                "name": name,
                "type": "consu",
                "is_storable": tracking != "none",
                "tracking": tracking,
                "invoice_policy": "order",
                "warranty": warranty,
                "warranty_type": warranty_type,
                "list_price": list_price,
                "standard_price": standard_price,
                "categ_id": (categ or cls.categ_appliance).id,
            }
        )

    @classmethod
    def _create_lots(cls, product, names):
        lots = cls.env["stock.lot"].create(
            [
                {"name": name, "product_id": product.id, "company_id": cls.company.id}
                for name in names
            ]
        )
        for lot in lots:
            cls.env["stock.quant"]._update_available_quantity(
                product, cls.stock_location, 1.0, lot_id=lot
            )
        return lots

    @classmethod
    def _create_sale(cls, product, qty, date, partner=None, lines=1):
        with freeze_time(date):
            order = cls.env["sale.order"].create(
                {
                    "partner_id": (partner or cls.customer).id,
                    "order_line": [
                        (0, 0, {"product_id": product.id, "product_uom_qty": qty})
                        for _i in range(lines)
                    ],
                }
            )
            order.action_confirm()
        return order

    @classmethod
    def _deliver(cls, order, date):
        pickings = order.picking_ids.filtered(
            lambda p: p.state not in ("done", "cancel")
            and p.picking_type_code == "outgoing"
        )
        with freeze_time(date):
            pickings.action_assign()
            for move in pickings.move_ids:
                if move.product_id.tracking == "none":
                    move.quantity = move.product_uom_qty
            pickings.move_ids.picked = True
            pickings.with_context(skip_backorder=True).button_validate()
        return pickings

    @classmethod
    def _invoice(cls, order, date):
        with freeze_time(date):
            invoice = order._create_invoices()
            invoice.invoice_date = date
            invoice.action_post()
        return invoice

    @classmethod
    def _sell_and_invoice(
        cls, product, qty, lots, date, partner=None, delivery_date=None
    ):
        """Sell ``qty`` units (``lots`` for tracked products) on ``date``,
        deliver them (on ``delivery_date``, default ``date``) and invoice on
        ``date``. Returns (order, invoice)."""
        order = cls._create_sale(product, qty, date, partner=partner)
        cls._deliver(order, delivery_date or date)
        invoice = cls._invoice(order, date)
        return order, invoice

    @classmethod
    def _refund(cls, invoice, date):
        with freeze_time(date):
            refund = invoice._reverse_moves()
            refund.invoice_date = date
            refund.action_post()
        return refund

    @classmethod
    def _return_units(cls, picking, lots, date):
        with freeze_time(date):
            wizard = (
                cls.env["stock.return.picking"]
                .with_context(active_id=picking.id, active_model="stock.picking")
                .create({})
            )
            lines = wizard.product_return_moves
            if "lot_id" in lines._fields and lines.lot_id:
                # OCA stock_picking_return_lot (with aftersales_returns): one
                # return line per serial delivered.
                for line in lines:
                    line.quantity = 1.0 if line.lot_id in lots else 0.0
            else:
                lines.quantity = len(lots)
            returned = wizard._create_return()
            returned.action_assign()
            returned.move_line_ids.unlink()
            cls.env["stock.move.line"].create(
                [
                    {
                        "move_id": move.id,
                        "picking_id": returned.id,
                        "product_id": move.product_id.id,
                        "product_uom_id": move.product_uom.id,
                        "lot_id": lot.id,
                        "quantity": 1.0,
                        "location_id": move.location_id.id,
                        "location_dest_id": move.location_dest_id.id,
                    }
                    for move in returned.move_ids
                    for lot in (
                        "restrict_lot_id" in move._fields
                        and move.restrict_lot_id
                        or lots
                    )
                ]
            )
            returned.move_ids.picked = True
            returned.button_validate()
        return returned

    def _count_queries(self, func):
        """Number of SQL queries run by ``func`` (cold cache, flushed)."""
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        func()
        self.env.flush_all()
        return self.env.cr.sql_log_count - before

    @contextmanager
    def assertRaisesNaming(self, exception, *names):
        """assertRaises (with Odoo's savepoint) + the message names ``names``."""
        with self.assertRaises(exception) as catcher:
            yield catcher
        for name in names:
            self.assertIn(name, str(catcher.exception))

    @classmethod
    def _setup_desk(cls):
        """Service desk fixture: a team on an 8-17 UTC calendar (Mon-Fri),
        its head and two agents, a plain employee and the stages."""
        cls.calendar_8_17 = cls.env["resource.calendar"].create(
            {
                "name": "8-17 UTC",
                "tz": "UTC",
                "attendance_ids": [
                    (
                        0,
                        0,
                        {
                            "name": f"Day {day}",
                            "dayofweek": str(day),
                            "hour_from": 8.0,
                            "hour_to": 17.0,
                            "day_period": "morning",
                        },
                    )
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
        # round the clock (the default, as seed 004); the calendar tests
        # switch it to the 8-17 working hours
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
        cls.stage_awaiting = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_awaiting")
        cls.stage_with_head = cls.env.ref(
            "aftersales_service.helpdesk_ticket_stage_with_head"
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

    @classmethod
    def _setup_penalty(cls):
        """Penalty points, complaints, forbidden phrases: a hotline team whose
        agent (the desk fixture's) handles a water-heater ticket, and a second
        company with its own manager."""
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
