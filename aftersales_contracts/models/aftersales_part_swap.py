# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import math
from datetime import timedelta

from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_compare

from odoo.addons.aftersales_service.tools import action_scope, in_action_scope

# A swap is a handful of parts; the bound keeps a typo (or 1e308) from
# reaching an invoice and stopping the charging run of every distributor.
SWAP_MAX_QUANTITY = 10000.0


class AftersalesPartSwap(models.Model):
    """A new spare part issued to a distributor against the old one (以旧换新).

    The whole policy runs in ``create``, whatever the path (form, repair,
    dispatch order, RPC): must-buy parts are refused (灶具配件都必须购买),
    parts under the price threshold are free (__元以下的配件), the cost price
    is captured, the part leaves the warehouse by a done stock move and the
    old part is expected back by the due date. The old part comes back only
    through a receipt of the scanned part (``action_receive_old_part``); a
    swap still waiting after its due date is invoiced at cost by the
    charging run or by a manager (``aftersales_part_swap_charge.py``).
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
    repair_id = fields.Many2one(
        "repair.order",
        string="Repair",
        index="btree_not_null",
        copy=False,
        help="The repair the part was issued for.",
    )
    issued_from = fields.Selection(
        [("request", "Distributor request"), ("repair", "Repair")],
        compute="_compute_issued_from",
        store=True,
        help="What the part was issued for: a repair, a dispatch order or the "
        "distributor's own request.",
    )
    product_id = fields.Many2one(
        "product.product", string="Part", required=True, index=True
    )
    quantity = fields.Float(
        default=1.0, required=True, digits="Product Unit of Measure"
    )
    date = fields.Date(
        string="Issued On",
        required=True,
        default=fields.Date.context_today,
        index=True,
        readonly=True,
    )
    move_id = fields.Many2one(
        "stock.move", string="Outgoing Move", readonly=True, copy=False
    )
    old_product_id = fields.Many2one(
        "product.product",
        string="Expected Old Part",
        help="The part to bring back; empty: the part issued.",
    )
    due_date = fields.Date(index=True, readonly=True, tracking=True, copy=False)
    quantity_returned = fields.Float(
        readonly=True, tracking=True, default=0.0, copy=False
    )
    return_move_ids = fields.One2many(
        "stock.move",
        "aftersales_return_swap_id",
        string="Return Moves",
        readonly=True,
        copy=False,
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
        copy=False,
    )
    unit_cost = fields.Float(
        digits="Product Price",
        readonly=True,
        copy=False,
        help="Cost price of the part when it was issued: an unreturned part is "
        "charged at this price.",
    )
    cost_value = fields.Monetary(
        string="Warranty Cost",
        currency_field="currency_id",
        readonly=True,
        copy=False,
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
    charge_error = fields.Text(
        readonly=True,
        copy=False,
        help="Why the charging run could not charge this swap; it is skipped "
        "until a manager clears it.",
    )
    can_return = fields.Boolean(compute="_compute_can")
    can_charge = fields.Boolean(compute="_compute_can")

    _sql_constraints = [
        ("quantity_positive", "CHECK(quantity > 0)", "The quantity must be positive."),
    ]

    # ------------------------------------------------------------------
    # Fields only the swap's actions set
    # ------------------------------------------------------------------
    @api.model
    def _aftersales_guarded_fields(self):
        return super()._aftersales_guarded_fields() | {
            "name",
            "state",
            "date",
            "due_date",
            "unit_cost",
            "cost_value",
            "move_id",
            "quantity_returned",
            "return_move_ids",
            "charge_line_id",
            "charge_move_id",
            "quantity_charged",
            "amount_charged",
            "refund_move_id",
            "charge_error",
        }

    @api.model
    def _aftersales_frozen_fields(self):
        """What was issued: set at creation, never edited afterwards."""
        return {
            "company_id",
            "partner_id",
            "contract_id",
            "repair_id",
            "product_id",
            "old_product_id",
            "quantity",
        }

    # ------------------------------------------------------------------
    @api.depends("repair_id")
    def _compute_issued_from(self):
        for swap in self:
            swap.issued_from = "repair" if swap.repair_id else "request"

    @api.depends("state", "quantity", "quantity_returned")
    def _compute_can(self):
        for swap in self:
            swap.can_return = swap.state in ("waiting", "charged")
            swap.can_charge = swap.state == "waiting"

    @api.model
    def _aftersales_check_quantity_value(self, quantity, name=None):
        if (
            isinstance(quantity, bool)
            or not isinstance(quantity, int | float)
            or not (math.isfinite(quantity) and 0 < quantity <= SWAP_MAX_QUANTITY)
        ):
            raise ValidationError(
                self.env._(
                    "Swap %(swap)s: the quantity %(qty)s must be more than 0 "
                    "and at most %(max)s.",
                    swap=name or self.env._("(new)"),
                    qty=quantity,
                    max=SWAP_MAX_QUANTITY,
                )
            )

    @api.constrains("quantity")
    def _check_quantity(self):
        for swap in self:
            if not (
                math.isfinite(swap.quantity) and 0 < swap.quantity <= SWAP_MAX_QUANTITY
            ):
                raise ValidationError(
                    self.env._(
                        "Swap %(swap)s: the quantity %(qty)s must be more than 0 "
                        "and at most %(max)s.",
                        swap=swap.name,
                        qty=swap.quantity,
                        max=SWAP_MAX_QUANTITY,
                    )
                )

    @api.constrains("partner_id", "contract_id")
    def _check_contract_partner(self):
        for swap in self.filtered("contract_id"):
            contract = swap.contract_id
            if (
                contract.aftersales_kind != "distributor"
                or contract.partner_id.commercial_partner_id
                != swap.partner_id.commercial_partner_id
            ):
                raise ValidationError(
                    self.env._(
                        "Swap %(swap)s: agreement %(agreement)s is not a distributor "
                        "agreement of %(partner)s.",
                        swap=swap.name,
                        agreement=contract.display_name,
                        partner=swap.partner_id.display_name,
                    )
                )

    # ------------------------------------------------------------------
    # Issue: the policy, applied to every creation
    # ------------------------------------------------------------------
    @api.model
    def _prepare_swap_vals(self, partner, product, quantity, contract=None, date=None):
        """Values of a swap issued to ``partner`` (the policy fields included,
        as ``create`` will set them)."""
        vals = {
            "partner_id": partner.id,
            "contract_id": contract.id if contract else False,
            "company_id": (contract.company_id if contract else self.env.company).id,
            "product_id": product.id,
            "old_product_id": product.id,
            "quantity": quantity,
            "date": date or fields.Date.context_today(self),
        }
        vals.update(self._aftersales_policy_vals(vals))
        return vals

    @api.model
    def _aftersales_complete_vals(self, vals):
        """Fill what the issue implies: the repair's distributor and agreement,
        the agreement's partner and company, the old part."""
        vals = dict(vals)
        if vals.get("repair_id"):
            repair = self.env["repair.order"].browse(vals["repair_id"])
            agreement = repair.aftersales_agreement_id
            if agreement.aftersales_kind == "distributor":
                vals.setdefault("contract_id", agreement.id)
            vals.setdefault(
                "partner_id",
                repair.aftersales_distributor_id.id or repair.partner_id.id,
            )
            vals.setdefault("company_id", repair.company_id.id)
        if vals.get("contract_id"):
            contract = self.env["contract.contract"].browse(vals["contract_id"])
            vals.setdefault("partner_id", contract.partner_id.id)
            vals.setdefault("company_id", contract.company_id.id)
        vals.setdefault("company_id", self.env.company.id)
        if not vals.get("old_product_id"):
            vals["old_product_id"] = vals.get("product_id")
        if not vals.get("date"):
            vals["date"] = fields.Date.context_today(self)
        return vals

    @api.model
    def _aftersales_policy_vals(self, vals):
        """State, due date and cost of a swap from its part and company.

        Refuses must-buy parts; a part of a free-under-threshold policy whose
        sales price is strictly under the company's threshold is free.
        """
        company = self.env["res.company"].browse(vals["company_id"])
        product = self.env["product.product"].browse(vals.get("product_id"))
        if not product:
            raise UserError(self.env._("A swap needs the part it issues."))
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
            and company.currency_id.compare_amounts(
                product.lst_price, company.aftersales_free_part_threshold
            )
            < 0
        )
        cost = product.with_company(company).standard_price
        date = fields.Date.to_date(vals["date"])
        quantity = vals.get("quantity", 1.0)
        return {
            "state": "free" if free else "waiting",
            "due_date": False
            if free
            else date + timedelta(days=company.aftersales_swap_return_days),
            "unit_cost": cost,
            "cost_value": company.currency_id.round(cost * quantity)
            if math.isfinite(quantity) and abs(quantity) <= SWAP_MAX_QUANTITY
            else 0.0,
        }

    @api.model_create_multi
    def create(self, vals_list):
        """Every swap is issued here: policy, cost, due date, outgoing move."""
        prepared = []
        for vals in vals_list:
            if "quantity" in vals:
                self._aftersales_check_quantity_value(vals["quantity"])
            vals = self._aftersales_complete_vals(vals)
            vals.update(self._aftersales_policy_vals(vals))
            if vals.get("name", "/") == "/":
                vals["name"] = (
                    self.env["ir.sequence"].next_by_code("aftersales.part.swap") or "/"
                )
            prepared.append(vals)
        with action_scope():
            swaps = super().create(prepared)
            swaps._aftersales_issue_moves()
        return swaps

    def write(self, vals):
        if "quantity" in vals:
            self._aftersales_check_quantity_value(vals["quantity"], self[:1].name)
        frozen = self._aftersales_frozen_fields().intersection(vals)
        if frozen and not (in_action_scope() or self.env.uid == SUPERUSER_ID):
            for fname in frozen:
                field = self._fields[fname]
                for swap in self:
                    if field.convert_to_cache(
                        vals[fname], swap, validate=False
                    ) != field.convert_to_cache(swap[fname], swap, validate=False):
                        raise UserError(
                            self.env._(
                                "Swap %(swap)s was issued: its field '%(field)s' "
                                "cannot change. Receive the old part, or charge it.",
                                swap=swap.name,
                                field=field._description_string(self.env),
                            )
                        )
        return super().write(vals)

    def unlink(self):
        self.check_access("unlink")
        if self.env.uid != SUPERUSER_ID:
            raise UserError(
                self.env._(
                    "Swaps %s moved stock: they are not deleted. Receive the old "
                    "part, or charge it.",
                    ", ".join(self.mapped("name")),
                )
            )
        return super().unlink()

    @api.model
    def _issue(self, partner, product, quantity=1.0, contract=None, date=None, **vals):
        """Issue a part from code (a date in the past is for trusted callers:
        imports, demo data and tests)."""
        values = self._prepare_swap_vals(partner, product, quantity, contract, date)
        values.update(vals)
        if date:
            values["date"] = date
            with action_scope():
                return self.create(values)
        return self.create(values)

    # ------------------------------------------------------------------
    # Stock
    # ------------------------------------------------------------------
    def _warehouse(self):
        self.ensure_one()
        return self.env["stock.warehouse"].search(
            [("company_id", "=", self.company_id.id)], limit=1
        )

    def _aftersales_issue_moves(self):
        """The parts leave the warehouse to the Warranty Cost location (a
        warranty cost, never a sale) by done stock moves, in one batch: one
        move per swap, or per part and distributor when swaps are created in
        bulk (imports), each swap linked to the move that issued it.

        The moves are the swaps' own consequence, built from the swap's part,
        quantity (bounded) and the company's locations: they are created as
        superuser so an after-sales agent without stock rights can issue the
        part a repair needs.
        """
        if not self:
            return self.env["stock.move"]
        dest = self.env.ref("aftersales_contracts.stock_location_warranty_cost")
        Move = self.env["stock.move"].sudo()
        warehouses = {}
        groups = {}
        for swap in self:
            warehouse = warehouses.get(swap.company_id)
            if warehouse is None:
                warehouse = warehouses[swap.company_id] = swap._warehouse()
            if not warehouse:
                raise UserError(
                    self.env._(
                        "Swap %(swap)s: company %(company)s has no warehouse to "
                        "issue the part from.",
                        swap=swap.name,
                        company=swap.company_id.display_name,
                    )
                )
            source = (
                swap.repair_id.location_id
                if swap.repair_id.location_id.usage == "internal"
                else warehouse.lot_stock_id
            )
            key = (swap.company_id, warehouse, source, swap.partner_id, swap.product_id)
            if swap.product_id.tracking != "none" or swap.repair_id:
                key += (swap.id,)  # one move each: serials, repair traceability
            groups.setdefault(key, self.browse())
            groups[key] |= swap
        vals_list = []
        for key, swaps in groups.items():
            company, warehouse, source, partner, product = key[:5]
            quantity = sum(swaps.mapped("quantity"))
            first = swaps[:1]
            name = (
                first.name
                if len(swaps) == 1
                else self.env._(
                    "%(first)s and %(count)s other swaps",
                    first=first.name,
                    count=len(swaps) - 1,
                )
            )
            vals = {
                "name": name,
                "origin": first.repair_id.name or name,
                "company_id": company.id,
                "product_id": product.id,
                "product_uom": product.uom_id.id,
                "product_uom_qty": quantity,
                "location_id": source.id,
                "location_dest_id": dest.id,
                "partner_id": partner.id,
                "picking_type_id": warehouse.out_type_id.id,
            }
            if product.tracking == "none":
                vals.update(
                    picked=True,
                    move_line_ids=[
                        (
                            0,
                            0,
                            {
                                "product_id": product.id,
                                "product_uom_id": product.uom_id.id,
                                "quantity": quantity,
                                "location_id": source.id,
                                "location_dest_id": dest.id,
                                "company_id": company.id,
                            },
                        )
                    ],
                )
            vals_list.append(vals)
        moves = Move.create(vals_list)
        moves._action_confirm(merge=False)
        tracked = moves.filtered(lambda m: m.has_tracking != "none")
        if tracked:
            # a serial-tracked part leaves with a serial the stock really has
            tracked._action_assign()
            for move in tracked:
                if (
                    float_compare(
                        move.quantity,
                        move.product_uom_qty,
                        precision_rounding=move.product_uom.rounding,
                    )
                    < 0
                ):
                    raise UserError(
                        self.env._(
                            "Swap %(swap)s: only %(qty)s of the tracked part "
                            "%(part)s are in stock.",
                            swap=move.name,
                            qty=move.quantity,
                            part=move.product_id.display_name,
                        )
                    )
            tracked.picked = True
        moves._action_done()
        for swaps, move in zip(groups.values(), moves, strict=True):
            swaps.move_id = move.id
        return moves
