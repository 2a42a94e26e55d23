# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date

DURATION_TYPES = [
    ("day", "Day(s)"),
    ("week", "Week(s)"),
    ("month", "Month(s)"),
    ("year", "Year(s)"),
]
COVERAGE_STATES = [
    ("in_warranty", "In warranty"),
    ("out_of_warranty", "Out of warranty"),
    ("excluded", "Excluded"),
    ("unknown", "Unknown"),
]


class AftersalesWarranty(models.Model):
    """Warranty card (保修卡): one record per unit sold.

    One card per lot/serial for tracked products, one per sale order line
    otherwise. The single question "is this unit covered, by what, until when,
    and why not?" is answered by :meth:`_get_coverage`, which tickets, repairs,
    RMAs and agreements all call.
    """

    _name = "aftersales.warranty"
    _description = "Warranty Card"
    _inherit = ["mail.thread", "mail.activity.mixin", "portal.mixin"]
    _order = "start_date desc, id desc"

    name = fields.Char(
        string="Card Number",
        required=True,
        copy=False,
        readonly=True,
        index="trigram",
        default=lambda self: self.env._("New"),
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, index=True, tracking=True
    )
    product_id = fields.Many2one(
        "product.product", required=True, index=True, tracking=True
    )
    lot_id = fields.Many2one(
        "stock.lot", string="Lot/Serial Number", index=True, tracking=True
    )
    lot_name = fields.Char(
        related="lot_id.name",
        string="Serial Number",
        store=True,
        index=True,
        precompute=True,
    )
    quantity = fields.Float(default=1.0, digits="Product Unit of Measure")
    sale_line_id = fields.Many2one("sale.order.line", index=True)
    sale_order_id = fields.Many2one(
        related="sale_line_id.order_id", store=True, index=True
    )
    start_basis = fields.Selection(
        selection=[
            ("invoice", "Customer invoice date"),
            ("delivery", "Delivery date"),
            ("order", "Order date"),
            ("manual", "Manual"),
        ],
        default="manual",
        readonly=True,
        help="Which date of the sale started this card (自售出之日起).",
    )
    start_date = fields.Date(required=True, tracking=True)
    duration = fields.Integer(
        required=True,
        default=12,
        tracking=True,
        help="Standard warranty duration of the unit (保修期).",
    )
    duration_type = fields.Selection(
        DURATION_TYPES, required=True, default="month", string="Duration Unit"
    )
    extension_months = fields.Integer(
        string="Extended (months)",
        readonly=True,
        tracking=True,
        help="Months added by approved extension requests (延保).",
    )
    end_date = fields.Date(
        required=True,
        tracking=True,
        index=True,
        compute="_compute_end_date",
        store=True,
        readonly=False,
        precompute=True,
        help="Last day covered: start date + duration + approved extensions.",
    )
    state = fields.Selection(
        [("active", "Active"), ("void", "Void")],
        default="active",
        required=True,
        tracking=True,
        index=True,
    )
    void_reason = fields.Char(readonly=True, tracking=True)
    extension_ids = fields.One2many(
        "aftersales.warranty.extension", "warranty_id", string="Extension Requests"
    )
    extension_count = fields.Integer(compute="_compute_extension_count")
    coverage_state = fields.Selection(
        COVERAGE_STATES,
        compute="_compute_coverage_today",
        string="Coverage Today",
    )
    coverage_reason = fields.Char(compute="_compute_coverage_today")

    # ------------------------------------------------------------------
    # Computes and constraints
    # ------------------------------------------------------------------
    @api.depends("start_date", "duration", "duration_type", "extension_months")
    def _compute_end_date(self):
        for card in self:
            if not card.start_date:
                card.end_date = False
                continue
            card.end_date = (
                card.start_date
                + self._duration_delta(card.duration, card.duration_type)
                + relativedelta(months=card.extension_months)
            )

    def _compute_extension_count(self):
        groups = self.env["aftersales.warranty.extension"]._read_group(
            [("warranty_id", "in", self.ids)], ["warranty_id"], ["__count"]
        )
        counts = {warranty.id: count for warranty, count in groups}
        for card in self:
            card.extension_count = counts.get(card.id, 0)

    def _compute_coverage_today(self):
        for card in self:
            coverage = card._coverage_of_card(card)
            card.coverage_state = coverage["state"]
            card.coverage_reason = coverage["reason"]

    def _compute_access_url(self):
        super()._compute_access_url()
        for card in self:
            card.access_url = f"/my/warranties/{card.id}"

    @api.constrains("duration", "start_date", "end_date")
    def _check_dates(self):
        for card in self:
            if card.duration < 0:
                raise ValidationError(
                    self.env._(
                        "Warranty card %(card)s: the duration (%(duration)s) "
                        "cannot be negative.",
                        card=card.name,
                        duration=card.duration,
                    )
                )
            if card.start_date and card.end_date and card.end_date < card.start_date:
                raise ValidationError(
                    self.env._(
                        "Warranty card %(card)s: the end date %(end)s cannot be "
                        "before the start date %(start)s.",
                        card=card.name,
                        end=card.end_date,
                        start=card.start_date,
                    )
                )

    @api.model
    def _duration_delta(self, duration, duration_type):
        return relativedelta(**{f"{duration_type or 'month'}s": duration or 0})

    # ------------------------------------------------------------------
    # Creation
    # ------------------------------------------------------------------
    @api.model
    def _next_card_names(self, count):
        """Card numbers for ``count`` new cards with one query."""
        sequence = (
            self.env["ir.sequence"]
            .sudo()
            .search(
                [
                    ("code", "=", "aftersales.warranty"),
                    ("company_id", "in", [self.env.company.id, False]),
                ],
                order="company_id",
                limit=1,
            )
        )
        if not count:
            return []
        if not sequence or sequence.implementation != "standard":
            return [
                self.env["ir.sequence"].next_by_code("aftersales.warranty")
                or self.env._("New")
                for _i in range(count)
            ]
        self.env.cr.execute(
            "SELECT nextval(%s) FROM generate_series(1, %s)",
            [f"ir_sequence_{sequence.id:03d}", count],
        )
        return [sequence.get_next_char(row[0]) for row in self.env.cr.fetchall()]

    @api.model_create_multi
    def create(self, vals_list):
        new = self.env._("New")
        to_name = [vals for vals in vals_list if vals.get("name", new) in (new, "New")]
        for vals, name in zip(to_name, self._next_card_names(len(to_name))):
            vals["name"] = name
        return super().create(vals_list)

    PROTECTED_FIELDS = {
        "partner_id",
        "product_id",
        "lot_id",
        "start_date",
        "duration",
        "duration_type",
        "end_date",
        "state",
        "quantity",
    }

    def write(self, vals):
        if (
            self.PROTECTED_FIELDS & set(vals)
            and not self.env.su
            and not self.env.user.has_group(
                "aftersales_service.group_aftersales_manager"
            )
        ):
            raise UserError(
                self.env._(
                    "Only an After-Sales manager can change the customer, unit, "
                    "dates or status of warranty card(s) %s; ask for an "
                    "extension instead.",
                    ", ".join(self.mapped("name")),
                )
            )
        return super().write(vals)

    @api.model
    def _prepare_warranty_vals(self, sale_line, lot, quantity, start_date, basis):
        """Values of the card of one unit sold (hook)."""
        duration, duration_type = sale_line.product_id._aftersales_warranty_duration(
            sale_line.company_id
        )
        return {
            "company_id": sale_line.company_id.id,
            "partner_id": sale_line.order_id.partner_id.id,
            "product_id": sale_line.product_id.id,
            "lot_id": lot.id if lot else False,
            "quantity": quantity,
            "sale_line_id": sale_line.id,
            "start_basis": basis,
            "start_date": start_date,
            "duration": duration,
            "duration_type": duration_type,
        }

    @api.model
    def _warranty_sale_lines(self, sale_lines):
        return sale_lines.filtered(
            lambda sl: not sl.display_type
            and sl.product_id.type == "consu"
            and sl.order_id.state == "sale"
            and sl.product_uom_qty > 0
        )

    @api.model
    def _delivered_units(self, sale_line):
        """{lot: (qty, date_done)} delivered to the customer for a sale line."""
        units = {}
        moves = sale_line.move_ids.filtered(
            lambda m: m.state == "done" and m.location_dest_id.usage == "customer"
        )
        for move_line in moves.move_line_ids:
            qty, date = units.get(move_line.lot_id, (0.0, False))
            done = move_line.picking_id.date_done or move_line.date
            done = fields.Date.context_today(self, done) if done else False
            units[move_line.lot_id] = (qty + move_line.quantity, date or done)
        return units

    @api.model
    def _sale_line_start_date(self, sale_line, basis, delivery_date=False):
        if basis == "order":
            return fields.Date.context_today(self, sale_line.order_id.date_order)
        if basis == "delivery":
            return delivery_date
        invoices = sale_line.invoice_lines.move_id.filtered(
            lambda m: m.move_type == "out_invoice" and m.state == "posted"
        )
        dates = [d for d in invoices.mapped("invoice_date") if d]
        return min(dates) if dates else False

    @api.model
    def _generate_from_sale_lines(self, sale_lines):
        """Create the missing cards of ``sale_lines`` in one batch.

        Which lines are effective (and on which date) depends on the company's
        basis: invoice posted, delivery done or order confirmed. Lines and
        units already carded are skipped, so every hook may call this.
        """
        lines = self._warranty_sale_lines(sale_lines)
        if not lines:
            return self.browse()
        existing = self.with_context(active_test=False).search_read(
            [("sale_line_id", "in", lines.ids)], ["sale_line_id", "lot_id"], load=None
        )
        carded = {(r["sale_line_id"], r["lot_id"] or False) for r in existing}
        vals_list = []
        for line in lines:
            basis = line.company_id.aftersales_warranty_start
            tracked = line.product_id.tracking != "none"
            if tracked:
                for lot, (qty, done) in self._delivered_units(line).items():
                    if not lot or (line.id, lot.id) in carded or qty <= 0:
                        continue
                    start = self._sale_line_start_date(line, basis, done)
                    if start:
                        vals_list.append(
                            self._prepare_warranty_vals(line, lot, qty, start, basis)
                        )
                continue
            if (line.id, False) in carded:
                continue
            done = False
            if basis == "delivery":
                dates = [d for _q, d in self._delivered_units(line).values() if d]
                done = min(dates) if dates else False
            start = self._sale_line_start_date(line, basis, done)
            if start:
                vals_list.append(
                    self._prepare_warranty_vals(
                        line, False, line.product_uom_qty, start, basis
                    )
                )
        if not vals_list:
            return self.browse()
        return (
            self.sudo()
            .with_context(mail_create_nolog=True, mail_create_nosubscribe=True)
            .create(vals_list)
            .sudo(False)
        )

    # ------------------------------------------------------------------
    # Voiding
    # ------------------------------------------------------------------
    def _void(self, reason):
        """Void active cards and say why in their history."""
        cards = self.filtered(lambda c: c.state == "active")
        if not cards:
            return cards
        cards.write({"state": "void", "void_reason": reason})
        cards._message_log_batch(
            bodies={card.id: self.env._("Card voided: %s", reason) for card in cards}
        )
        return cards

    @api.model
    def _void_for_refund_lines(self, refund_lines):
        """A posted credit note voids the cards of the refunded units."""
        qty_by_sale_line = defaultdict(float)
        move_by_sale_line = {}
        for aml in refund_lines:
            for sale_line in aml.sale_line_ids:
                qty_by_sale_line[sale_line] += aml.quantity
                move_by_sale_line[sale_line] = aml.move_id
        if not qty_by_sale_line:
            return self.browse()
        cards = self.search(
            [
                ("sale_line_id", "in", [sl.id for sl in qty_by_sale_line]),
                ("state", "=", "active"),
            ],
            order="id desc",
        )
        voided = self.browse()
        for sale_line, qty in qty_by_sale_line.items():
            line_cards = cards.filtered(lambda c, sl=sale_line: c.sale_line_id == sl)
            reason = self.env._("credit note %s", move_by_sale_line[sale_line].name)
            for card in line_cards:
                if qty <= 0:
                    break
                if card.lot_id or qty >= card.quantity:
                    voided |= card
                    qty -= card.quantity
                else:
                    card.quantity -= qty
                    card.message_post(
                        body=self.env._("%(qty)s unit(s) refunded by %(reason)s.",
                               qty=qty, reason=reason)
                    )
                    qty = 0
        for move, sale_cards in voided.grouped(
            lambda c: move_by_sale_line[c.sale_line_id]
        ).items():
            sale_cards._void(self.env._("credit note %s", move.name))
        return voided

    @api.model
    def _void_for_returned_moves(self, moves):
        """Units received back from the customer void their cards."""
        returned_lots = moves.move_line_ids.lot_id
        domain = [("state", "=", "active")]
        voided = self.browse()
        if returned_lots:
            cards = self.search(domain + [("lot_id", "in", returned_lots.ids)])
            for picking, mls in moves.move_line_ids.grouped("picking_id").items():
                lot_cards = cards.filtered(lambda c, lots=mls.lot_id: c.lot_id in lots)
                voided |= lot_cards._void(
                    self.env._(
                        "unit returned by %s", picking.name or self.env._("return")
                    )
                )
        untracked = moves.filtered(
            lambda m: m.product_id.tracking == "none" and m.sale_line_id
        )
        if untracked:
            cards = self.search(
                domain + [("sale_line_id", "in", untracked.sale_line_id.ids)]
            )
            for move in untracked:
                qty = move.quantity
                for card in cards.filtered(
                    lambda c, m=move: c.sale_line_id == m.sale_line_id
                ):
                    if qty >= card.quantity:
                        voided |= card._void(
                            self.env._("unit returned by %s", move.picking_id.name)
                        )
                    elif qty > 0:
                        card.quantity -= qty
                        card.message_post(
                            body=self.env._("%(qty)s unit(s) returned by %(picking)s.",
                                   qty=qty, picking=move.picking_id.name)
                        )
        return voided

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_view_extensions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "aftersales_service.action_aftersales_warranty_extension"
        )
        action["domain"] = [("warranty_id", "=", self.id)]
        action["context"] = {"default_warranty_id": self.id}
        return action

    def action_request_extension(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "aftersales.warranty.extension",
            "view_mode": "form",
            "target": "new",
            "context": {"default_warranty_id": self.id},
        }

    @api.model
    def _aftersales_skip_generation(self):
        """Trusted code (tests, benchmarks) may build sales without cards by
        passing ``aftersales_no_warranty`` as superuser; a user never can."""
        return bool(self.env.su and self.env.context.get("aftersales_no_warranty"))

    # ------------------------------------------------------------------
    # Coverage: the one place that answers "is this unit covered?"
    # ------------------------------------------------------------------
    @api.model
    def _get_coverage(
        self,
        partner=None,
        product=None,
        lot=None,
        sale_line=None,
        on_date=None,
        excluded=False,
    ):
        """Return a dict describing the warranty coverage of one unit.

        Keys: ``state`` (``in_warranty``, ``out_of_warranty``, ``excluded``,
        ``unknown``), ``warranty`` (the card, possibly empty), ``end_date``
        and ``reason`` (a translated sentence for the agent).

        ``excluded`` is a boolean or an ``aftersales.warranty.exclusion``
        record (its name is then given in the reason).
        """
        on_date = on_date or fields.Date.context_today(self)
        card = self._find_card(
            partner=partner, product=product, lot=lot, sale_line=sale_line
        )
        if not card:
            return {
                "state": "unknown",
                "warranty": card,
                "end_date": False,
                "reason": self.env._("No warranty card found for this unit."),
            }
        if (
            partner
            and lot
            and card.partner_id.commercial_partner_id
            != partner.commercial_partner_id
        ):
            return {
                "state": "unknown",
                "warranty": self.browse(),
                "end_date": False,
                "reason": self.env._(
                    "Serial %(serial)s was not sold to %(customer)s.",
                    serial=lot.name,
                    customer=partner.display_name,
                ),
            }
        return self._coverage_of_card(card, on_date=on_date, excluded=excluded)

    @api.model
    def _coverage_of_card(self, card, on_date=None, excluded=False):
        on_date = on_date or fields.Date.context_today(self)
        result = {"warranty": card, "end_date": card.end_date}
        end = card.end_date and format_date(self.env, card.end_date)
        if card.state == "void":
            result.update(
                state="out_of_warranty",
                reason=self.env._(
                    "Warranty card %(card)s was voided (%(reason)s).",
                    card=card.name,
                    reason=card.void_reason or self.env._("no reason given"),
                ),
            )
        elif on_date < card.start_date:
            result.update(
                state="out_of_warranty",
                reason=self.env._(
                    "Warranty starts on %s.", format_date(self.env, card.start_date)
                ),
            )
        elif on_date > card.end_date:
            result.update(
                state="out_of_warranty", reason=self.env._("Warranty ended on %s.", end)
            )
        elif excluded:
            why = excluded.display_name if isinstance(excluded, models.Model) else ""
            why = " (%s)" % why if why else ""
            result.update(
                state="excluded",
                reason=self.env._(
                    "In warranty until %(end)s, but the fault is excluded from "
                    "the warranty%(why)s: charged as out of warranty.",
                    end=end,
                    why=why,
                ),
            )
        else:
            result.update(
                state="in_warranty", reason=self.env._("In warranty until %s.", end)
            )
        return result

    @api.model
    def _find_card(self, partner=None, product=None, lot=None, sale_line=None):
        """The most relevant card for a unit (active cards first)."""
        domain = []
        if lot:
            domain = [("lot_id", "=", lot.id)]
        elif sale_line:
            domain = [("sale_line_id", "=", sale_line.id)]
        elif partner and product:
            domain = [
                ("partner_id", "child_of", partner.commercial_partner_id.id),
                ("product_id", "=", product.id),
            ]
        else:
            return self.browse()
        cards = self.search(domain, order="end_date desc, id desc")
        return cards.filtered(lambda c: c.state == "active")[:1] or cards[:1]

    @api.model
    def _action_view(self, domain):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "aftersales_service.action_aftersales_warranty"
        )
        action["domain"] = domain
        action["context"] = {}
        return action
