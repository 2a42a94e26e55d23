# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import Command, api, fields, models
from odoo.exceptions import UserError


class AftersalesPartSwap(models.Model):
    """A new spare part issued to a distributor against the old one (以旧换新).

    The old part must come back by the due date; otherwise the distributor
    buys the new part at cost price, once.
    """

    _name = "aftersales.part.swap"
    _description = "Spare Part Swap"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"

    name = fields.Char(
        string="Reference", required=True, copy=False, readonly=True, default="/"
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda s: s.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    partner_id = fields.Many2one(
        "res.partner", string="Distributor", required=True, index=True, tracking=True
    )
    contract_id = fields.Many2one(
        "contract.contract",
        string="Agreement",
        index=True,
        domain=[("aftersales_kind", "=", "distributor")],
    )
    product_id = fields.Many2one(
        "product.product", string="Part", required=True, index=True
    )
    quantity = fields.Float(default=1.0, required=True)
    date = fields.Date(
        string="Issued On", required=True, default=fields.Date.context_today, index=True
    )
    move_id = fields.Many2one("stock.move", string="Outgoing Move", readonly=True)
    old_product_id = fields.Many2one(
        "product.product", string="Expected Old Part", required=True
    )
    due_date = fields.Date(index=True, required=True, tracking=True)
    quantity_returned = fields.Float(readonly=True, tracking=True, default=0.0)
    return_move_ids = fields.Many2many(
        "stock.move", string="Return Moves", readonly=True, copy=False
    )
    state = fields.Selection(
        [
            ("waiting", "Waiting for old part"),
            ("returned", "Returned"),
            ("charged", "Charged"),
            ("free", "Free"),
        ],
        default="waiting",
        required=True,
        index=True,
        tracking=True,
        readonly=True,
    )
    unit_cost = fields.Float(
        string="Unit Cost",
        digits="Product Price",
        readonly=True,
        help="Cost price of the part when it was issued.",
    )
    cost_value = fields.Monetary(
        string="Warranty Cost",
        currency_field="currency_id",
        readonly=True,
        help="Cost of the parts issued under swap (warranty cost, not revenue).",
    )
    charge_line_id = fields.Many2one(
        "account.move.line",
        string="Charge Line",
        readonly=True,
        index=True,
        copy=False,
    )
    charge_move_id = fields.Many2one(
        related="charge_line_id.move_id", string="Charge Invoice", store=True
    )
    quantity_charged = fields.Float(readonly=True, copy=False)
    amount_charged = fields.Monetary(
        currency_field="currency_id", readonly=True, copy=False
    )
    refund_move_id = fields.Many2one(
        "account.move", string="Credit Note", readonly=True, copy=False
    )
    can_return = fields.Boolean(compute="_compute_can")
    can_charge = fields.Boolean(compute="_compute_can")

    _sql_constraints = [
        ("quantity_positive", "CHECK(quantity > 0)", "The quantity must be positive."),
    ]

    @api.depends("state", "quantity", "quantity_returned")
    def _compute_can(self):
        for swap in self:
            swap.can_return = swap.state in ("waiting", "charged")
            swap.can_charge = swap.state == "waiting"

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = (
                    self.env["ir.sequence"].next_by_code("aftersales.part.swap") or "/"
                )
        return super().create(vals_list)

    # ------------------------------------------------------------------
    @api.model
    def _prepare_swap_vals(self, partner, product, quantity, contract=None, date=None):
        company = (contract and contract.company_id) or self.env.company
        date = date or fields.Date.context_today(self)
        policy = product._aftersales_get_part_policy()
        if policy == "must_buy":
            raise UserError(
                self.env._(
                    "Part %(part)s must be bought (policy of %(categ)s): it cannot "
                    "be swapped old for new.",
                    part=product.display_name,
                    categ=product.categ_id.display_name,
                )
            )
        free = (
            policy == "free_under_threshold"
            and product.lst_price < company.aftersales_free_part_threshold
        )
        cost = product.with_company(company).standard_price
        return {
            "company_id": company.id,
            "partner_id": partner.id,
            "contract_id": contract.id if contract else False,
            "product_id": product.id,
            "old_product_id": product.id,
            "quantity": quantity,
            "date": date,
            "due_date": date + timedelta(days=company.aftersales_swap_return_days),
            "state": "free" if free else "waiting",
            "unit_cost": cost,
            "cost_value": cost * quantity,
        }

    @api.model
    def _issue(self, partner, product, quantity=1.0, contract=None, date=None):
        """Issue a new part under swap: record it and move it out as a warranty
        cost (stock -> Warranty Cost location, never a sale)."""
        swap = self.create(
            self._prepare_swap_vals(partner, product, quantity, contract, date)
        )
        swap.move_id = swap._do_move(
            swap._warehouse_stock_location(),
            self.env.ref("aftersales_contracts.stock_location_warranty_cost"),
            swap.product_id,
            swap.quantity,
        )
        return swap

    def _warehouse_stock_location(self):
        warehouse = self.env["stock.warehouse"].search(
            [("company_id", "=", self.company_id.id)], limit=1
        )
        return warehouse.lot_stock_id

    def _do_move(self, source, dest, product, quantity):
        self.ensure_one()
        move = self.env["stock.move"].create(
            {
                "name": self.name,
                "origin": self.name,
                "company_id": self.company_id.id,
                "product_id": product.id,
                "product_uom": product.uom_id.id,
                "product_uom_qty": quantity,
                "location_id": source.id,
                "location_dest_id": dest.id,
                "partner_id": self.partner_id.id,
            }
        )
        move._action_confirm()
        move._action_assign()
        move.quantity = quantity
        move.picked = True
        move._action_done()
        return move

    # ------------------------------------------------------------------
    def action_register_return(self, quantity=None):
        """The old part came back: into Defective Parts (no stock value).

        A return after the part was charged is credited.
        """
        refunds = self.env["account.move"]
        for swap in self:
            if not swap.can_return:
                raise UserError(
                    self.env._("Swap %s does not wait for an old part.", swap.name)
                )
            qty = quantity or (swap.quantity - swap.quantity_returned)
            if qty <= 0 or swap.quantity_returned + qty > swap.quantity:
                raise UserError(
                    self.env._(
                        "Swap %(swap)s: %(qty)s old part(s) returned is more than "
                        "the %(expected)s expected.",
                        swap=swap.name,
                        qty=qty,
                        expected=swap.quantity - swap.quantity_returned,
                    )
                )
            move = swap._do_move(
                swap.partner_id.property_stock_customer,
                self.env.ref("aftersales_contracts.stock_location_defective"),
                swap.old_product_id,
                qty,
            )
            vals = {
                "quantity_returned": swap.quantity_returned + qty,
                "return_move_ids": [Command.link(move.id)],
            }
            if swap.state == "charged":
                refund = swap._create_refund(qty)
                refunds |= refund
                vals["refund_move_id"] = refund.id
            if vals["quantity_returned"] >= swap.quantity:
                vals["state"] = "returned"
            swap.write(vals)
        return refunds

    def _create_refund(self, quantity):
        self.ensure_one()
        price = self.charge_line_id.price_unit
        return self.env["account.move"].create(
            {
                "move_type": "out_refund",
                "partner_id": self.partner_id.id,
                "company_id": self.company_id.id,
                "invoice_origin": self.name,
                "reversed_entry_id": self.charge_move_id.id,
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": self.product_id.id,
                            "name": self.env._(
                                "Old part returned late for swap %s", self.name
                            ),
                            "quantity": min(quantity, self.quantity_charged),
                            "price_unit": price,
                            "tax_ids": [Command.set(self.charge_line_id.tax_ids.ids)],
                        }
                    )
                ],
            }
        )

    # ------------------------------------------------------------------
    # Charging at cost: one invoice per distributor, bounded queries
    # ------------------------------------------------------------------
    def action_charge(self):
        """Charge by hand the selected swaps still waiting for their old part."""
        if any(not s.can_charge for s in self):
            raise UserError(
                self.env._(
                    "Only swaps waiting for their old part can be charged: %s.",
                    ", ".join(self.filtered(lambda s: not s.can_charge).mapped("name")),
                )
            )
        return self._charge([("id", "in", self.ids), ("state", "=", "waiting")])

    @api.model
    def _cron_charge_overdue(self, today=None):
        """Invoice at cost every old part not back by its due date (due + 1 day)."""
        today = today or fields.Date.context_today(self)
        return self._charge([("state", "=", "waiting"), ("due_date", "<", today)])

    @api.model
    def _charge(self, domain):
        self = self.with_context(tracking_disable=True, mail_notrack=True)
        groups = self._read_group(
            domain,
            ["company_id", "partner_id", "product_id"],
            ["id:array_agg", "quantity:sum", "quantity_returned:sum"],
        )
        by_partner = {}
        for company, partner, product, ids, qty, returned in groups:
            qty, returned = qty or 0.0, returned or 0.0
            if qty - returned <= 0:
                continue
            by_partner.setdefault((company, partner), []).append(
                (product, ids, qty - returned)
            )
        moves = self.env["account.move"]
        move_vals = []
        keys = []
        for (company, partner), items in by_partner.items():
            lines = []
            for product, _ids, qty in items:
                lines.append(
                    Command.create(
                        self._prepare_charge_line_vals(company, product, qty)
                    )
                )
            move_vals.append(
                {
                    "move_type": "out_invoice",
                    "partner_id": partner.id,
                    "company_id": company.id,
                    "invoice_origin": self.env._("Old parts not returned"),
                    "invoice_line_ids": lines,
                }
            )
            keys.append(items)
        if not move_vals:
            return moves
        moves = self.env["account.move"].create(move_vals)
        # One UPDATE per (distributor, part) whatever the number of swaps: the
        # charge fields are readonly bookkeeping of this method (no tracking, no
        # dependent stored fields), so a set-based update is safe and keeps the
        # cron's query count bounded at 50,000 open swaps.
        self.flush_model()
        for move, items in zip(moves, keys):
            invoice_lines = move.invoice_line_ids.sorted("id")
            for line, (_product, ids, _qty) in zip(invoice_lines, items):
                self.env.cr.execute(
                    """UPDATE aftersales_part_swap
                          SET state = 'charged',
                              charge_line_id = %s,
                              charge_move_id = %s,
                              quantity_charged =
                                  quantity - COALESCE(quantity_returned, 0),
                              amount_charged =
                                  (quantity - COALESCE(quantity_returned, 0)) * %s,
                              write_uid = %s,
                              write_date = (now() at time zone 'UTC')
                        WHERE id = ANY(%s) AND state = 'waiting'""",
                    (line.id, move.id, line.price_unit, self.env.uid, list(ids)),
                )
        self.invalidate_model(
            [
                "state",
                "charge_line_id",
                "charge_move_id",
                "quantity_charged",
                "amount_charged",
                "write_uid",
                "write_date",
                "can_charge",
                "can_return",
            ]
        )
        self.env["account.move.line"].invalidate_model(["aftersales_swap_ids"])
        return moves

    @api.model
    def _prepare_charge_line_vals(self, company, product, quantity):
        """Invoice line at the part's COST price, not its sales price."""
        return {
            "product_id": product.id,
            "name": self.env._(
                "%s: old part not returned (charged at cost)", product.display_name
            ),
            "quantity": quantity,
            "price_unit": product.with_company(company).standard_price,
        }
