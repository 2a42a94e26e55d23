# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import datetime
import uuid
from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.osv import expression
from odoo.tools.translate import LazyTranslate

from ..tools import render_coded

_lt = LazyTranslate(__name__)

DURATION_TYPES = [
    ("day", "Day(s)"),
    ("week", "Week(s)"),
    ("month", "Month(s)"),
    ("year", "Year(s)"),
]
# Bounds of a card's duration: 1 unit up to 120 months, the same in each unit.
DURATION_MAX = {"day": 3650, "week": 520, "month": 120, "year": 10}
EXTENSION_MAX_MONTHS = 60
# Coverage of one unit for a request (tickets, repairs, returns, check)
COVERAGE_STATES = [
    ("in_warranty", "In warranty"),
    ("out_of_warranty", "Out of warranty"),
    ("excluded", "Excluded"),
    ("unknown", "Unknown"),
]
# A card's status today (lists, form, portal)
CARD_COVERAGE_STATES = [
    ("in_warranty", "In warranty"),
    ("not_started", "Not started"),
    ("expired", "Expired"),
    ("void", "Void"),
]
REGISTRATION_STATES = [
    ("direct", "Direct sale"),
    ("pending", "Registration pending"),
    ("registered", "Registered"),
]
REGISTRATION_CHANNELS = [
    ("portal", "Distributor portal"),
    ("backoffice", "Back office"),
    ("rpc", "JSON-RPC"),
]

# Reasons are stored as a code and its values and rendered in the reader's
# language (values named *_date are formatted for the reader).
COVERAGE_REASONS = {
    "need_unit": _lt("Give the customer and the serial or the order."),
    "no_card": _lt("No warranty card found for this unit."),
    "not_sold_to": _lt("Serial %(serial)s was not sold to %(customer)s."),
    "void": _lt("Warranty card %(card)s was voided (%(void_reason)s)."),
    "not_started": _lt("Warranty starts on %(start_date)s."),
    "expired": _lt("Warranty ended on %(end_date)s."),
    "excluded": _lt(
        "In warranty until %(end_date)s, but the fault is excluded from the "
        "warranty (%(exclusion)s): charged as out of warranty."
    ),
    "in_warranty": _lt("In warranty until %(end_date)s."),
    "pending": _lt(
        "In warranty until %(end_date)s. Registration pending: the unit is "
        "still registered to distributor %(distributor)s (sold on "
        "%(distributor_date)s), covered up to the shelf allowance."
    ),
    "pending_expired": _lt(
        "Warranty ended on %(end_date)s. Registration pending: the unit is "
        "still registered to distributor %(distributor)s."
    ),
}
VOID_REASONS = {
    "refund": _lt("credit note %(document)s"),
    "returned": _lt("unit returned by %(document)s"),
}


def _json_values(values):
    """Values storable as JSON (dates as ISO strings)."""
    out = {}
    for key, value in values.items():
        if isinstance(value, datetime.date | datetime.datetime):
            value = value.isoformat()
        elif isinstance(value, models.BaseModel):
            value = value.display_name
        out[key] = value if value is not False else ""
    return out


class AftersalesWarranty(models.Model):
    """Warranty card (保修卡): one record per unit sold.

    One card per lot/serial for tracked products, one per sale order line
    otherwise. The single question "is this unit covered, by what, until when,
    and why not?" is answered by :meth:`_get_coverage`, which tickets, repairs,
    RMAs and agreements all call. Sell-out registration (the distributor
    channel) lives in ``aftersales_warranty_sellout.py``, the public check in
    ``aftersales_warranty_public.py``.
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
        "res.partner",
        string="Owner",
        required=True,
        index=True,
        tracking=True,
        help="Who owns the unit: the customer we sold it to, or, for a unit sold "
        "through a distributor, the distributor until the end user is registered "
        "at sell-out, then the end user.",
    )
    partner_phone = fields.Char(related="partner_id.phone", string="Owner Phone")
    distributor_id = fields.Many2one(
        "res.partner",
        string="Distributor",
        index=True,
        tracking=True,
        help="The reseller we invoiced, who sells the unit on to the end user.",
    )
    product_id = fields.Many2one(
        "product.product", required=True, index=True, tracking=True
    )
    product_tracking = fields.Selection(related="product_id.tracking")
    product_categ_id = fields.Many2one(
        related="product_id.categ_id", string="Product Category"
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
            ("sellout", "Sale to the end user (sell-out)"),
            ("manual", "Manual"),
        ],
        default="manual",
        readonly=True,
        help="Which date of the sale started this card.",
    )
    start_date = fields.Date(required=True, tracking=True)
    duration = fields.Integer(
        required=True,
        default=12,
        tracking=True,
        help="Standard warranty duration of the unit.",
    )
    duration_type = fields.Selection(
        DURATION_TYPES, required=True, default="month", string="Duration Unit"
    )
    extension_months = fields.Integer(
        string="Extended (months)",
        readonly=True,
        tracking=True,
        help="Months added by approved extension requests.",
    )
    end_date = fields.Date(
        tracking=True,
        index=True,
        compute="_compute_end_date",
        store=True,
        precompute=True,
        help="Last day covered: start date + duration + approved extensions. "
        "For a unit sold through a distributor the start never counts later "
        "than the shelf allowance after our sale.",
    )
    state = fields.Selection(
        [("active", "Active"), ("void", "Void")],
        default="active",
        required=True,
        tracking=True,
        index=True,
    )
    void_code = fields.Char(readonly=True, copy=False)
    void_values = fields.Json(readonly=True, copy=False)
    void_reason = fields.Char(compute="_compute_void_reason")
    # --- distributor channel (sell-out registration) ---
    registration_state = fields.Selection(
        REGISTRATION_STATES,
        string="Sell-out",
        default="direct",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
        help="Direct sale: sold to its user. Registration pending: in the "
        "distributor's hands, end user not registered yet. Registered: the "
        "distributor's sale to the end user is recorded.",
    )
    distributor_date = fields.Date(
        string="Sold to Distributor On",
        readonly=True,
        copy=False,
        help="Date of our sale to the distributor (per the company's start "
        "basis, the invoice date by default). The end user's sale cannot be "
        "earlier.",
    )
    shelf_limit_date = fields.Date(
        string="Shelf Allowance Until",
        readonly=True,
        copy=False,
        help="Our sale to the distributor plus the shelf allowance (Settings): "
        "the warranty of a unit sold through a distributor never starts later "
        "than this date, however late it is registered.",
    )
    sellout_date = fields.Date(
        string="Sold to End User On", readonly=True, copy=False, tracking=True
    )
    registered_date = fields.Datetime(string="Registered On", readonly=True, copy=False)
    registered_by_id = fields.Many2one(
        "res.users", string="Registered By", readonly=True, copy=False
    )
    registration_channel = fields.Selection(
        REGISTRATION_CHANNELS, readonly=True, copy=False
    )
    sellout_receipt = fields.Binary(
        string="Sale Receipt", attachment=True, readonly=True, copy=False
    )
    sellout_receipt_name = fields.Char(readonly=True, copy=False)
    check_token = fields.Char(
        string="Public Check Token",
        copy=False,
        readonly=True,
        index="btree_not_null",
        groups="aftersales_service.group_aftersales_user",
        help="Key of the QR code printed on the card: opens the public "
        "warranty check of this unit without a login.",
    )
    # --- links ---
    extension_ids = fields.One2many(
        "aftersales.warranty.extension", "warranty_id", string="Extension Requests"
    )
    extension_count = fields.Integer(compute="_compute_extension_count")
    invoice_id = fields.Many2one(
        "account.move",
        string="Invoice",
        compute="_compute_invoice",
        compute_sudo=True,
        help="Our invoice of this unit.",
    )
    invoice_name = fields.Char(
        string="Invoice Number", compute="_compute_invoice", compute_sudo=True
    )
    invoice_date = fields.Date(compute="_compute_invoice", compute_sudo=True)
    ticket_count = fields.Integer(compute="_compute_unit_counts")
    repair_count = fields.Integer(compute="_compute_unit_counts")
    # --- coverage today ---
    coverage_state = fields.Selection(
        CARD_COVERAGE_STATES,
        compute="_compute_coverage_today",
        search="_search_coverage_state",
        string="Coverage Today",
    )
    coverage_reason = fields.Char(compute="_compute_coverage_today")
    months_left = fields.Integer(
        compute="_compute_coverage_today",
        help="Full months of warranty left today.",
    )
    can_register = fields.Boolean(compute="_compute_can_register")
    can_correct_registration = fields.Boolean(compute="_compute_can_register")

    _sql_constraints = [
        (
            "check_token_unique",
            "UNIQUE(check_token)",
            "The public check token of a warranty card must be unique.",
        ),
    ]

    # ------------------------------------------------------------------
    # Guarded fields: only actions set them (registration, voiding,
    # extension approval, generation from the sale)
    # ------------------------------------------------------------------
    # A card made by hand may give these at creation (checked by
    # _aftersales_check_manual_cards); afterwards only actions change them.
    MANUAL_CREATE_FIELDS = frozenset(
        {"partner_id", "product_id", "lot_id", "start_date", "quantity"}
    )

    @api.model
    def _aftersales_guarded_fields(self):
        return super()._aftersales_guarded_fields() | {
            "partner_id",
            "distributor_id",
            "product_id",
            "lot_id",
            "quantity",
            "sale_line_id",
            "start_basis",
            "start_date",
            "end_date",
            "extension_months",
            "state",
            "void_code",
            "void_values",
            "void_reason",
            "registration_state",
            "distributor_date",
            "shelf_limit_date",
            "sellout_date",
            "registered_date",
            "registered_by_id",
            "registration_channel",
            "sellout_receipt",
            "sellout_receipt_name",
            "check_token",
        }

    def _aftersales_guard_check_create(self, vals_list):
        """A card made by hand may give its owner, unit and start date; they
        are checked in :meth:`_aftersales_check_manual_cards`."""
        return super()._aftersales_guard_check_create(
            [
                {k: v for k, v in vals.items() if k not in self.MANUAL_CREATE_FIELDS}
                for vals in vals_list
            ]
        )

    # ------------------------------------------------------------------
    # Computes and constraints
    # ------------------------------------------------------------------
    @api.depends(
        "start_date",
        "duration",
        "duration_type",
        "extension_months",
        "registration_state",
        "shelf_limit_date",
    )
    def _compute_end_date(self):
        for card in self:
            base = card._warranty_base_date()
            if not base:
                card.end_date = False
                continue
            card.end_date = (
                base
                + self._duration_delta(card.duration, card.duration_type)
                + relativedelta(months=card.extension_months)
            )

    def _warranty_base_date(self):
        """The date the warranty period is counted from.

        A unit still in the distributor's hands counts from the end of the
        shelf allowance; a registered one from its sale to the end user, but
        never later than the end of the allowance.
        """
        self.ensure_one()
        if self.registration_state == "pending" and self.shelf_limit_date:
            return self.shelf_limit_date
        if self.registration_state == "registered" and self.shelf_limit_date:
            return min(self.start_date, self.shelf_limit_date)
        return self.start_date

    @api.depends("void_code", "void_values")
    @api.depends_context("lang")
    def _compute_void_reason(self):
        for card in self:
            card.void_reason = (
                render_coded(self.env, VOID_REASONS, card.void_code, card.void_values)
                if card.void_code
                else False
            )

    def _compute_extension_count(self):
        groups = self.env["aftersales.warranty.extension"]._read_group(
            [("warranty_id", "in", self.ids)], ["warranty_id"], ["__count"]
        )
        counts = {warranty.id: count for warranty, count in groups}
        for card in self:
            card.extension_count = counts.get(card.id, 0)

    @api.depends("sale_line_id")
    def _compute_invoice(self):
        for card in self:
            invoices = card.sale_line_id.invoice_lines.move_id.filtered(
                lambda m: m.move_type == "out_invoice" and m.state == "posted"
            ).sorted(lambda m: (m.invoice_date or fields.Date.today(), m.id))
            card.invoice_id = invoices[:1]
            card.invoice_name = invoices[:1].name or False
            card.invoice_date = invoices[:1].invoice_date or False

    def _unit_domain(self, model_lot_field="lot_id"):
        """Domain of the documents about this card's unit (its serial)."""
        self.ensure_one()
        if self.lot_id:
            return [(model_lot_field, "=", self.lot_id.id)]
        return [("id", "=", 0)]

    def _compute_unit_counts(self):
        lots = self.lot_id
        tickets = repairs = {}
        if lots:
            Ticket = self.env["helpdesk.ticket"]
            if Ticket.has_access("read"):
                tickets = dict(
                    Ticket._read_group(
                        [("lot_id", "in", lots.ids)], ["lot_id"], ["__count"]
                    )
                )
            Repair = self.env["repair.order"]
            if Repair.has_access("read"):
                repairs = dict(
                    Repair._read_group(
                        [("lot_id", "in", lots.ids)], ["lot_id"], ["__count"]
                    )
                )
        for card in self:
            card.ticket_count = tickets.get(card.lot_id, 0) if card.lot_id else 0
            card.repair_count = repairs.get(card.lot_id, 0) if card.lot_id else 0

    @api.depends_context("lang")
    def _compute_coverage_today(self):
        today = fields.Date.context_today(self)
        for card in self:
            coverage = card._coverage_of_card(card, on_date=today)
            if card.state == "void":
                state = "void"
            elif card.start_date and today < card.start_date:
                state = "not_started"
            elif card.end_date and today > card.end_date:
                state = "expired"
            else:
                state = "in_warranty"
            card.coverage_state = state
            card.coverage_reason = coverage["reason"]
            months = 0
            if state == "in_warranty" and card.end_date:
                delta = relativedelta(card.end_date, today)
                months = delta.years * 12 + delta.months
            card.months_left = months

    @api.model
    def _coverage_state_domain(self, state, today=None):
        today = fields.Date.to_string(today or fields.Date.context_today(self))
        if state == "void":
            return [("state", "=", "void")]
        if state == "not_started":
            return [("state", "=", "active"), ("start_date", ">", today)]
        if state == "expired":
            return [("state", "=", "active"), ("end_date", "<", today)]
        return [
            ("state", "=", "active"),
            ("start_date", "<=", today),
            ("end_date", ">=", today),
        ]

    def _search_coverage_state(self, operator, value):
        if operator not in ("=", "!=", "in", "not in"):
            raise UserError(self.env._("Unsupported search on the coverage state."))
        values = [value] if isinstance(value, str) else list(value or [])
        domain = expression.OR(
            [self._coverage_state_domain(v) for v in values] or [[("id", "=", 0)]]
        )
        if operator in ("!=", "not in"):
            return ["!", *domain]
        return domain

    def _compute_access_url(self):
        res = super()._compute_access_url()
        for card in self:
            card.access_url = f"/my/warranties/{card.id}"
        return res

    @api.constrains("duration", "duration_type", "start_date", "end_date")
    def _check_dates(self):
        for card in self:
            maximum = DURATION_MAX.get(card.duration_type, DURATION_MAX["month"])
            if not 1 <= card.duration <= maximum:
                raise ValidationError(
                    self.env._(
                        "Warranty card %(card)s: the duration %(duration)s "
                        "%(unit)s is outside the bounds 1 to %(max)s %(unit)s "
                        "(at most 120 months).",
                        card=card.name,
                        duration=card.duration,
                        unit=self._description_duration_unit(card.duration_type),
                        max=maximum,
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
    def _description_duration_unit(self, duration_type):
        return dict(self._fields["duration_type"]._description_selection(self.env)).get(
            duration_type or "month", duration_type
        )

    @api.constrains("extension_months")
    def _check_extension_months(self):
        for card in self:
            if not 0 <= card.extension_months <= EXTENSION_MAX_MONTHS:
                raise ValidationError(
                    self.env._(
                        "Warranty card %(card)s: the extensions add up to "
                        "%(months)s months, more than the bound of %(max)s "
                        "months.",
                        card=card.name,
                        months=card.extension_months,
                        max=EXTENSION_MAX_MONTHS,
                    )
                )

    @api.constrains("quantity", "lot_id")
    def _check_quantity(self):
        for card in self:
            if card.quantity <= 0:
                raise ValidationError(
                    self.env._(
                        "Warranty card %(card)s: the quantity (%(qty)s) must be "
                        "greater than 0.",
                        card=card.name,
                        qty=card.quantity,
                    )
                )
            if (
                card.lot_id
                and card.product_id.tracking == "serial"
                and (card.quantity != 1)
            ):
                raise ValidationError(
                    self.env._(
                        "Warranty card %(card)s: a serial number is one unit "
                        "(quantity 1, not %(qty)s).",
                        card=card.name,
                        qty=card.quantity,
                    )
                )

    @api.constrains("lot_id", "product_id")
    def _check_lot_product(self):
        for card in self.filtered("lot_id"):
            if card.lot_id.product_id != card.product_id:
                raise ValidationError(
                    self.env._(
                        "Warranty card %(card)s: serial %(serial)s is a "
                        "%(lot_product)s, not a %(product)s.",
                        card=card.name,
                        serial=card.lot_id.name,
                        lot_product=card.lot_id.product_id.display_name,
                        product=card.product_id.display_name,
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
                self.env["ir.sequence"].sudo().next_by_code("aftersales.warranty")
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
        if not self._aftersales_guard_trusted():
            self._aftersales_check_manual_cards(vals_list)
        new = self.env._("New")
        to_name = [vals for vals in vals_list if vals.get("name", new) in (new, "New")]
        names = self._next_card_names(len(to_name))
        for vals, name in zip(to_name, names, strict=True):
            vals["name"] = name
        for vals in vals_list:
            vals.setdefault("check_token", uuid.uuid4().hex)
        return super().create(vals_list)

    @api.model
    def _aftersales_check_manual_cards(self, vals_list):
        """A card made by hand: for a serial that belongs to its owner."""
        Partner = self.env["res.partner"]
        Lot = self.env["stock.lot"].sudo()
        for vals in vals_list:
            lot = Lot.browse(vals.get("lot_id") or [])
            if not lot:
                continue
            partner = Partner.browse(vals.get("partner_id") or [])
            if not partner or not lot._aftersales_belongs_to(partner):
                raise ValidationError(
                    self.env._(
                        "New warranty card: serial %(serial)s was not delivered "
                        "or registered to %(customer)s; a card by hand is only "
                        "made for a unit of that customer.",
                        serial=lot.name,
                        customer=partner.commercial_partner_id.display_name
                        or self.env._("(no customer)"),
                    )
                )

    PROTECTED_FIELDS = {"duration", "duration_type"}

    def write(self, vals):
        if (
            self.PROTECTED_FIELDS & set(vals)
            and not self.env.su
            and not self.env.user._aftersales_is_manager()
        ):
            raise UserError(
                self.env._(
                    "Only an After-Sales manager can change the duration of "
                    "warranty card(s) %s; ask for an extension instead.",
                    ", ".join(self.mapped("name")),
                )
            )
        return super().write(vals)

    # ------------------------------------------------------------------
    # Generation from sales
    # ------------------------------------------------------------------
    @api.model
    def _prepare_warranty_vals(self, sale_line, lot, quantity, start_date, basis):
        """Values of the card of one unit sold (hook)."""
        duration, duration_type = sale_line.product_id._aftersales_warranty_duration(
            sale_line.company_id
        )
        partner = sale_line.order_id.partner_id
        vals = {
            "company_id": sale_line.company_id.id,
            "partner_id": partner.id,
            "product_id": sale_line.product_id.id,
            "lot_id": lot.id if lot else False,
            "quantity": quantity,
            "sale_line_id": sale_line.id,
            "start_basis": basis,
            "start_date": start_date,
            "duration": duration,
            "duration_type": duration_type,
        }
        commercial = partner.commercial_partner_id
        if commercial.aftersales_is_distributor:
            allowance = sale_line.company_id.aftersales_shelf_allowance_days
            vals.update(
                {
                    "distributor_id": commercial.id,
                    "registration_state": "pending",
                    "distributor_date": start_date,
                    "shelf_limit_date": start_date + datetime.timedelta(days=allowance),
                }
            )
        return vals

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

    # --- Start basis: one small hook per basis ---------------------------
    # ``_aftersales_start_date_<basis>(sale_line, delivery_date)`` returns the
    # date the warranty of a unit of ``sale_line`` starts, or False while the
    # sale is not effective yet on that basis (no card is made then; call
    # ``_generate_from_sale_lines`` again when it becomes effective).
    # ``delivery_date`` is the unit's date from ``_delivered_units`` (per
    # serial for tracked products). Another addon adds a basis with
    # ``selection_add`` on ``res.company.aftersales_warranty_start`` and
    # ``aftersales.warranty.start_basis`` plus its own method.
    @api.model
    def _sale_line_start_date(self, sale_line, basis, delivery_date=False):
        method = getattr(self, f"_aftersales_start_date_{basis}", None)
        if method is None:
            raise UserError(
                self.env._(
                    "The warranty start basis %(basis)s of company %(company)s "
                    "has no start date rule.",
                    basis=basis,
                    company=sale_line.company_id.display_name,
                )
            )
        return method(sale_line, delivery_date)

    @api.model
    def _aftersales_start_date_order(self, sale_line, delivery_date):
        return fields.Date.context_today(self, sale_line.order_id.date_order)

    @api.model
    def _aftersales_start_date_delivery(self, sale_line, delivery_date):
        return delivery_date

    @api.model
    def _aftersales_start_date_invoice(self, sale_line, delivery_date):
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
            ._aftersales_action_create(vals_list)
            .sudo(False)
        )

    # ------------------------------------------------------------------
    # Voiding
    # ------------------------------------------------------------------
    def _void(self, code, values):
        """Void active cards and say why in their history."""
        cards = self.filtered(lambda c: c.state == "active")
        if not cards:
            return cards
        values = _json_values(values)
        cards._aftersales_action_write(
            {"state": "void", "void_code": code, "void_values": values}
        )
        reason = render_coded(self.env, VOID_REASONS, code, values)
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
            document = move_by_sale_line[sale_line].name
            for card in line_cards:
                if qty <= 0:
                    break
                if card.lot_id or qty >= card.quantity:
                    voided |= card
                    qty -= card.quantity
                else:
                    card._aftersales_action_write({"quantity": card.quantity - qty})
                    card.message_post(
                        body=self.env._(
                            "%(qty)s unit(s) refunded by credit note %(reason)s.",
                            qty=qty,
                            reason=document,
                        )
                    )
                    qty = 0
        for move, sale_cards in voided.grouped(
            lambda c: move_by_sale_line[c.sale_line_id]
        ).items():
            sale_cards._void("refund", {"document": move.name})
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
                    "returned",
                    {"document": picking.name or self.env._("return")},
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
                            "returned", {"document": move.picking_id.name}
                        )
                    elif qty > 0:
                        card._aftersales_action_write({"quantity": card.quantity - qty})
                        card.message_post(
                            body=self.env._(
                                "%(qty)s unit(s) returned by %(picking)s.",
                                qty=qty,
                                picking=move.picking_id.name,
                            )
                        )
        return voided

    # ------------------------------------------------------------------
    # Actions and smart buttons
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

    def action_view_tickets(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "helpdesk_mgmt.helpdesk_ticket_action"
        )
        action["domain"] = self._unit_domain()
        action["context"] = {
            "default_lot_id": self.lot_id.id,
            "default_product_id": self.product_id.id,
            "default_partner_id": self.partner_id.id,
        }
        return action

    def action_view_repairs(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "repair.action_repair_order_tree"
        )
        action["domain"] = self._unit_domain()
        action["context"] = {
            "default_lot_id": self.lot_id.id,
            "default_product_id": self.product_id.id,
            "default_partner_id": self.partner_id.id,
        }
        return action

    def action_view_invoice(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.move",
            "res_id": self.invoice_id.id,
            "view_mode": "form",
        }

    def _aftersales_report_history(self):
        """Tickets and repairs on this card's serial, for the printed card:
        [{"date", "kind", "number", "subject", "status"}], oldest first."""
        self.ensure_one()
        if not self.lot_id:
            return []
        entries = []
        tickets = (
            self.env["helpdesk.ticket"]
            .sudo()
            .search([("lot_id", "=", self.lot_id.id)], order="create_date, id")
        )
        for ticket in tickets:
            entries.append(
                {
                    "date": fields.Date.context_today(self, ticket.create_date),
                    "kind": self.env._("Ticket"),
                    "number": ticket.number or ticket.display_name,
                    "subject": ticket.name,
                    "status": ticket.stage_id.name or "",
                }
            )
        repairs = (
            self.env["repair.order"]
            .sudo()
            .search([("lot_id", "=", self.lot_id.id)], order="create_date, id")
        )
        state_labels = dict(repairs._fields["state"]._description_selection(self.env))
        fee_labels = dict(
            repairs._fields["aftersales_fee_policy"]._description_selection(self.env)
        )
        for repair in repairs:
            entries.append(
                {
                    "date": fields.Date.context_today(self, repair.create_date),
                    "kind": self.env._("Repair"),
                    "number": repair.name,
                    "subject": fee_labels.get(repair.aftersales_fee_policy)
                    or repair.product_id.display_name,
                    "status": state_labels.get(repair.state, repair.state),
                }
            )
        return sorted(entries, key=lambda e: e["date"])

    def _get_report_base_filename(self):
        self.ensure_one()
        return self.env._("Warranty Card %s", self.name)

    def action_print_card(self):
        return self.env.ref(
            "aftersales_service.action_report_aftersales_warranty"
        ).report_action(self)

    @api.model
    def _aftersales_skip_generation(self):
        """Trusted code (tests, benchmarks) may build sales without cards by
        passing ``aftersales_no_warranty`` as superuser; a user never can."""
        return bool(self.env.su and self.env.context.get("aftersales_no_warranty"))

    # ------------------------------------------------------------------
    # Coverage: the one place that answers "is this unit covered?"
    # ------------------------------------------------------------------
    @api.model
    def _coverage_result(self, state, code, values, card=None, **extra):
        """The coverage dict: the reason as code + values, and rendered."""
        values = _json_values(values)
        result = {
            "state": state,
            "warranty": card if card is not None else self.browse(),
            "end_date": card.end_date if card else False,
            "reason_code": code,
            "reason_values": values,
            "reason": render_coded(self.env, self._coverage_reasons(), code, values),
            "registration_pending": False,
            "source": "card" if card else False,
        }
        result.update(extra)
        return result

    @api.model
    def _render_reason(self, code, values, lang=None):
        """A stored coverage reason (code + values) in the reader's language;
        other addons add their codes by extending ``_coverage_reasons``."""
        return render_coded(
            self.env, self._coverage_reasons(), code, values or {}, lang=lang
        )

    @api.model
    def _coverage_reasons(self):
        return COVERAGE_REASONS

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
        ``unknown``), ``warranty`` (the card, possibly empty), ``end_date``,
        ``reason_code`` and ``reason_values`` (store these), ``reason`` (the
        sentence in the current language), ``registration_pending`` (the
        serial is still registered to its distributor while this customer
        asks) and ``source`` (``card``; agreements add ``agreement``).

        ``on_date`` is the reference date: the day the fault was reported.
        ``excluded`` is a boolean or an ``aftersales.warranty.exclusion``
        record (its name is then given in the reason).
        """
        on_date = on_date or fields.Date.context_today(self)
        card = self._find_card(
            partner=partner, product=product, lot=lot, sale_line=sale_line
        )
        if partner and lot and not lot._aftersales_belongs_to(partner, on_date):
            if card and card.registration_state == "pending" and card.state == "active":
                result = self._coverage_of_card(
                    card, on_date=on_date, excluded=excluded
                )
                result["registration_pending"] = True
                return result
            return self._coverage_result(
                "unknown",
                "not_sold_to",
                {
                    "serial": lot.name,
                    "customer": partner.commercial_partner_id.display_name,
                },
            )
        if not card:
            return self._coverage_result("unknown", "no_card", {})
        return self._coverage_of_card(card, on_date=on_date, excluded=excluded)

    @api.model
    def _coverage_of_card(self, card, on_date=None, excluded=False):
        on_date = on_date or fields.Date.context_today(self)
        card = card.sudo(False)
        values = {"card": card.name, "end_date": card.end_date}
        pending = card.registration_state == "pending"
        if pending:
            values.update(
                distributor=card.distributor_id.display_name,
                distributor_date=card.distributor_date,
            )
        if card.state == "void":
            values["void_reason"] = card.void_reason or self.env._("no reason given")
            return self._coverage_result("out_of_warranty", "void", values, card)
        if on_date < card.start_date:
            values["start_date"] = card.start_date
            return self._coverage_result("out_of_warranty", "not_started", values, card)
        if on_date > card.end_date:
            return self._coverage_result(
                "out_of_warranty",
                "pending_expired" if pending else "expired",
                values,
                card,
            )
        if excluded:
            values["exclusion"] = (
                excluded.display_name
                if isinstance(excluded, models.Model)
                else self.env._("exclusion")
            )
            return self._coverage_result("excluded", "excluded", values, card)
        return self._coverage_result(
            "in_warranty", "pending" if pending else "in_warranty", values, card
        )

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
