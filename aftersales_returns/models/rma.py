# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict
from datetime import timedelta

import psycopg2
from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare, float_round

RETURN_REASONS = [
    ("appearance", "Appearance defect"),
    ("listing", "Unclear or wrong listing"),
    ("no_reason", "No-reason return"),
    ("quality", "Quality problem"),
    ("accessories", "Missing or wrong accessories"),
    ("transport", "Damaged in transit"),
    ("counterfeit", "Counterfeit"),
]
# Reasons for which the company is at fault: it collects the goods.
COMPANY_FAULT_REASONS = (
    "appearance",
    "listing",
    "quality",
    "accessories",
    "transport",
    "counterfeit",
)
# Reasons needing the product manager's approval before confirmation.
APPROVAL_REASONS = ("appearance", "listing")
# Evidence required per reason (seed 001 / 002).
REQUIRED_EVIDENCE = {
    "appearance": ("photo", "courier"),
    "listing": ("screenshot",),
    "no_reason": (),
    "quality": ("test_report",),
    "accessories": ("photo",),
    "transport": ("photo", "courier"),
    "counterfeit": ("photo",),
}
# RMA states that no longer hold goods against the sale line.
RELEASED_STATES = ("draft", "cancelled", "returned")
OPEN_STATES = (
    "confirmed",
    "received",
    "waiting_return",
    "waiting_replacement",
)


class Rma(models.Model):
    _inherit = "rma"

    return_reason = fields.Selection(
        RETURN_REASONS,
        string="Return Reason",
        tracking=True,
        index=True,
        help="Why the customer returns the goods (退换货原因).",
    )
    requested_remedy = fields.Selection(
        [("refund", "Refund"), ("exchange", "Exchange"), ("repair", "Repair")],
        string="Requested Remedy",
        default="refund",
        tracking=True,
        index=True,
    )
    invoice_id = fields.Many2one(
        "account.move",
        string="Customer Invoice",
        compute="_compute_invoice_id",
        store=True,
        readonly=False,
        index=True,
        tracking=True,
        domain="[('move_type', '=', 'out_invoice'),"
        " ('commercial_partner_id', '=', commercial_partner_id)]",
        help="The customer invoice the returned goods come from; the return "
        "windows count from its date (自发票开具之日算起).",
    )
    invoice_date = fields.Date(
        related="invoice_id.invoice_date", store=True, string="Invoice Date"
    )
    package_state = fields.Selection(
        [
            ("sealed", "Factory-sealed"),
            ("opened", "Opened"),
            ("damaged", "Damaged"),
        ],
        string="Package State",
        tracking=True,
    )
    lot_id = fields.Many2one(
        "stock.lot",
        string="Lot/Serial Number",
        domain="[('product_id', '=', product_id)]",
        index=True,
        tracking=True,
    )
    aftersales_evidence_ids = fields.One2many(
        "aftersales.rma.evidence", "rma_id", string="Evidence"
    )
    aftersales_evidence_count = fields.Integer(
        compute="_compute_aftersales_evidence_count"
    )
    aftersales_verdict_ids = fields.One2many(
        "aftersales.rma.verdict", "rma_id", string="Verdicts", readonly=True
    )
    aftersales_checks_ok = fields.Boolean(
        string="Checks Passed", readonly=True, copy=False
    )
    aftersales_verdict = fields.Selection(
        [
            ("pass", "Accepted"),
            ("warn", "Accepted with warnings"),
            ("fail", "Refused"),
            ("overridden", "Overridden by a manager"),
        ],
        string="Verdict",
        readonly=True,
        copy=False,
        index=True,
    )
    aftersales_checked_date = fields.Datetime(
        string="Checked On", readonly=True, copy=False
    )
    aftersales_verdict_html = fields.Html(
        string="Verdict Summary",
        compute="_compute_aftersales_verdict_html",
        sanitize=True,
    )
    aftersales_resolution = fields.Selection(
        [("refund", "Refund"), ("exchange", "Exchange"), ("repair", "Repair")],
        string="Resolution",
        readonly=True,
        copy=False,
        help="What the checks decided: usually the requested remedy; a second "
        "transit-damage claim on the same line is refunded instead of re-sent.",
    )
    aftersales_approval_required = fields.Boolean(
        string="Approval Required",
        compute="_compute_aftersales_approval_required",
        store=True,
    )
    aftersales_approved_by_id = fields.Many2one(
        "res.users", string="Approved By", readonly=True, copy=False, tracking=True
    )
    aftersales_approved_date = fields.Datetime(
        string="Approved On", readonly=True, copy=False
    )
    aftersales_override_reason = fields.Text(
        string="Override Reason", readonly=True, copy=False, tracking=True
    )
    aftersales_override_by_id = fields.Many2one(
        "res.users", string="Overridden By", readonly=True, copy=False
    )
    aftersales_override_date = fields.Datetime(
        string="Overridden On", readonly=True, copy=False
    )
    aftersales_company_fault = fields.Boolean(
        string="Company at Fault",
        compute="_compute_aftersales_company_fault",
        store=True,
    )
    aftersales_pickup_required = fields.Boolean(
        string="Pickup Required",
        compute="_compute_aftersales_company_fault",
        store=True,
        readonly=False,
        help="The company sends logistics to collect the goods.",
    )
    aftersales_pickup_carrier_id = fields.Many2one(
        related="reception_move_id.picking_id.carrier_id",
        string="Pickup Carrier",
        help="Carrier collecting the goods, as set on the receipt.",
    )
    # Inspection
    aftersales_inspection_state = fields.Selection(
        [("pending", "To Inspect"), ("done", "Inspected")],
        string="Inspection",
        copy=False,
        index=True,
    )
    aftersales_inspection_result = fields.Selection(
        [
            ("stock", "Back to stock"),
            ("quarantine", "Quarantine"),
            ("scrap", "Scrap"),
            ("reject", "Reject and send back"),
        ],
        string="Inspection Result",
        copy=False,
        tracking=True,
    )
    aftersales_condition_grade = fields.Selection(
        [("a", "A - as new"), ("b", "B - light wear"), ("c", "C - used"),
         ("d", "D - defective")],
        string="Condition Grade",
        copy=False,
    )
    aftersales_invoice_returned = fields.Boolean(string="Invoice Returned", copy=False)
    aftersales_package_intact = fields.Boolean(
        string="Outer Package Intact", copy=False
    )
    aftersales_accessories_complete = fields.Boolean(
        string="Accessories and Gifts Complete", copy=False
    )
    aftersales_inspection_note = fields.Text(string="Inspection Note", copy=False)
    aftersales_inspected_by_id = fields.Many2one(
        "res.users", string="Inspected By", readonly=True, copy=False
    )
    aftersales_inspected_date = fields.Datetime(
        string="Inspected On", readonly=True, copy=False
    )
    # Customer contact
    aftersales_last_contact_date = fields.Datetime(
        string="Last Customer Contact", readonly=True, copy=False
    )
    aftersales_next_contact_date = fields.Datetime(
        string="Next Customer Contact", readonly=True, copy=False, index=True
    )
    # Buttons
    can_aftersales_approve = fields.Boolean(compute="_compute_can_aftersales")
    can_aftersales_override = fields.Boolean(compute="_compute_can_aftersales")
    can_aftersales_inspect = fields.Boolean(compute="_compute_can_aftersales")

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("sale_line_id", "order_id")
    def _compute_invoice_id(self):
        for rma in self:
            if rma.invoice_id:
                continue
            lines = rma.sale_line_id or rma.order_id.order_line.filtered(
                lambda sl, rma=rma: sl.product_id == rma.product_id
            )
            invoices = lines.invoice_lines.move_id.filtered(
                lambda m: m.move_type == "out_invoice" and m.state == "posted"
            )
            rma.invoice_id = invoices.sorted(
                lambda m: (m.invoice_date or fields.Date.today(), m.id)
            )[-1:]

    def _compute_aftersales_evidence_count(self):
        data = dict(
            self.env["aftersales.rma.evidence"]._read_group(
                [("rma_id", "in", self.ids)], ["rma_id"], ["__count"]
            )
        )
        for rma in self:
            rma.aftersales_evidence_count = data.get(rma, 0)

    @api.depends("return_reason")
    def _compute_aftersales_approval_required(self):
        for rma in self:
            rma.aftersales_approval_required = rma.return_reason in APPROVAL_REASONS

    @api.depends("return_reason")
    def _compute_aftersales_company_fault(self):
        for rma in self:
            fault = rma.return_reason in COMPANY_FAULT_REASONS
            rma.aftersales_company_fault = fault
            rma.aftersales_pickup_required = fault

    @api.depends("aftersales_verdict_ids")
    def _compute_aftersales_verdict_html(self):
        icons = {"pass": "fa-check text-success", "warn": "fa-exclamation-triangle "
                 "text-warning", "fail": "fa-times text-danger"}
        for rma in self:
            if not rma.aftersales_verdict_ids:
                rma.aftersales_verdict_html = False
                continue
            rule_names = dict(
                rma.aftersales_verdict_ids._fields["rule"]._description_selection(
                    self.env
                )
            )
            rows = Markup("").join(
                Markup('<li><i class="fa %s"/> <b>%s</b>: %s</li>')
                % (icons[v.result], rule_names.get(v.rule, v.rule), v.message)
                for v in rma.aftersales_verdict_ids
            )
            rma.aftersales_verdict_html = Markup(
                '<ul class="list-unstyled mb-0">%s</ul>'
            ) % rows

    @api.depends_context("uid")
    @api.depends("state", "aftersales_approval_required", "aftersales_approved_by_id",
                 "aftersales_inspection_state", "reception_move_id.state")
    def _compute_can_aftersales(self):
        is_manager = self.env.user.has_group(
            "aftersales_service.group_aftersales_manager"
        )
        is_stock = self.env.user.has_group("stock.group_stock_user")
        for rma in self:
            rma.can_aftersales_approve = (
                is_manager
                and rma.state == "draft"
                and rma.aftersales_approval_required
                and not rma.aftersales_approved_by_id
            )
            rma.can_aftersales_override = is_manager and rma.state == "draft"
            rma.can_aftersales_inspect = (
                is_stock
                and rma.state in ("confirmed", "received")
                and rma.aftersales_inspection_state != "done"
                and bool(rma.reception_move_id)
            )

    # ------------------------------------------------------------------
    # Rules
    # ------------------------------------------------------------------
    def _aftersales_is_checked(self):
        """Return RMAs on which the after-sales rules apply: returns of sales."""
        return self.filtered(lambda r: r.sale_line_id or r.order_id)

    def _aftersales_get_sale_line(self):
        self.ensure_one()
        if self.sale_line_id:
            return self.sale_line_id
        return self.order_id.order_line.filtered(
            lambda sl: sl.product_id == self.product_id
        )[:1]

    def _aftersales_today(self):
        """Today in the company's timezone (return windows count in days)."""
        self.ensure_one()
        tz = self.company_id.partner_id.tz or "UTC"
        return fields.Date.context_today(self.with_context(tz=tz))

    def _aftersales_prepare_check_data(self):
        """Collect, in a bounded number of queries, what every rule needs."""
        sale_lines = self.env["sale.order.line"]
        line_by_rma = {}
        for rma in self:
            line_by_rma[rma.id] = rma._aftersales_get_sale_line()
            sale_lines |= line_by_rma[rma.id]
        move_model = self.env["stock.move"]
        delivered = defaultdict(float)
        for line, qty in move_model._read_group(
            [
                ("sale_line_id", "in", sale_lines.ids),
                ("state", "=", "done"),
                ("location_dest_id.usage", "=", "customer"),
            ],
            ["sale_line_id"],
            ["product_qty:sum"],
        ):
            delivered[line.id] += qty
        # Plain stock returns (not through an RMA) give goods back too.
        for line, qty in move_model._read_group(
            [
                ("sale_line_id", "in", sale_lines.ids),
                ("state", "=", "done"),
                ("location_id.usage", "=", "customer"),
                ("rma_receiver_ids", "=", False),
            ],
            ["sale_line_id"],
            ["product_qty:sum"],
        ):
            delivered[line.id] -= qty
        aml_model = self.env["account.move.line"]
        invoiced = defaultdict(float)
        for move_type, sign, extra in (
            ("out_invoice", 1, []),
            ("out_refund", -1, [("rma_id", "=", False)]),
        ):
            for line, qty in aml_model._read_group(
                [
                    ("sale_line_ids", "in", sale_lines.ids),
                    ("parent_state", "=", "posted"),
                    ("move_id.move_type", "=", move_type),
                    ("display_type", "=", "product"),
                ]
                + extra,
                ["sale_line_ids"],
                ["quantity:sum"],
            ):
                invoiced[line.id] += sign * qty
        taken = defaultdict(float)
        for line, qty in self._read_group(
            [
                ("sale_line_id", "in", sale_lines.ids),
                ("state", "not in", RELEASED_STATES),
                ("id", "not in", self.ids),
            ],
            ["sale_line_id"],
            ["product_uom_qty:sum"],
        ):
            taken[line.id] += qty
        # Earlier transit-damage claims per sale line (one free re-send).
        transport_claims = defaultdict(int)
        for line, count in self._read_group(
            [
                ("sale_line_id", "in", sale_lines.ids),
                ("return_reason", "=", "transport"),
                ("state", "not in", ("draft", "cancelled")),
                ("id", "not in", self.ids),
            ],
            ["sale_line_id"],
            ["__count"],
        ):
            transport_claims[line.id] += count
        # Serials: who holds each lot now, and which are already returned.
        lots = self.lot_id
        lot_holder = {}
        returned_lots = set()
        if lots:
            move_lines = self.env["stock.move.line"].search(
                [
                    ("lot_id", "in", lots.ids),
                    ("state", "=", "done"),
                    "|",
                    ("location_dest_id.usage", "=", "customer"),
                    ("location_id.usage", "=", "customer"),
                ],
                order="date desc, id desc",
            )
            for ml in move_lines:
                if ml.lot_id.id in lot_holder:
                    continue
                if ml.location_dest_id.usage == "customer":
                    partner = ml.picking_id.partner_id or ml.move_id.partner_id
                    lot_holder[ml.lot_id.id] = partner.commercial_partner_id
                else:
                    lot_holder[ml.lot_id.id] = self.env["res.partner"]
            returned_lots = {
                lot.id
                for [lot] in self._read_group(
                    [
                        ("lot_id", "in", lots.ids),
                        ("state", "not in", RELEASED_STATES),
                        ("id", "not in", self.ids),
                    ],
                    ["lot_id"],
                )
            }
        evidence = defaultdict(set)
        for rma, kind in self.env["aftersales.rma.evidence"]._read_group(
            [("rma_id", "in", self.ids)], ["rma_id", "kind"]
        ):
            evidence[rma.id].add(kind)
        # Replacement availability per (warehouse, product).
        exchange = self.filtered(lambda r: r.requested_remedy == "exchange")
        available = defaultdict(float)
        incoming = {}
        if exchange:
            warehouses = exchange.warehouse_id
            products = exchange.product_id
            stock_locations = warehouses.lot_stock_id
            for product, location, qty, reserved in self.env[
                "stock.quant"
            ]._read_group(
                [
                    ("product_id", "in", products.ids),
                    ("location_id", "child_of", stock_locations.ids),
                ],
                ["product_id", "location_id"],
                ["quantity:sum", "reserved_quantity:sum"],
            ):
                available[(location.warehouse_id.id, product.id)] += qty - reserved
            for product, location, date in move_model._read_group(
                [
                    ("product_id", "in", products.ids),
                    ("state", "not in", ("draft", "done", "cancel")),
                    ("location_dest_id", "child_of", stock_locations.ids),
                    ("location_id.usage", "not in", ("internal", "transit")),
                ],
                ["product_id", "location_dest_id"],
                ["date:min"],
            ):
                key = (location.warehouse_id.id, product.id)
                if key not in incoming or date < incoming[key]:
                    incoming[key] = date
        return {
            "line_by_rma": line_by_rma,
            "delivered": delivered,
            "invoiced": invoiced,
            "taken": taken,
            "transport_claims": transport_claims,
            "lot_holder": lot_holder,
            "returned_lots": returned_lots,
            "evidence": evidence,
            "available": available,
            "incoming": incoming,
            "batch_taken": defaultdict(float),
            "batch_lots": set(),
            "batch_exchange": defaultdict(float),
        }

    def _aftersales_rule_methods(self):
        """Rules in the order they are shown: (key, method name)."""
        return [
            ("reason", "_aftersales_check_reason"),
            ("invoice", "_aftersales_check_invoice"),
            ("window", "_aftersales_check_window"),
            ("quantity", "_aftersales_check_quantity"),
            ("serial", "_aftersales_check_serial"),
            ("package", "_aftersales_check_package"),
            ("evidence", "_aftersales_check_evidence"),
            ("approval", "_aftersales_check_approval"),
            ("transport", "_aftersales_check_transport"),
            ("stock", "_aftersales_check_stock"),
        ]

    def _aftersales_check_reason(self, data):
        if not self.return_reason:
            return "fail", _("No return reason is given.")
        if not self.requested_remedy:
            return "fail", _("No remedy (refund, exchange, repair) is requested.")
        return "pass", _("Reason and requested remedy are given.")

    def _aftersales_check_invoice(self, data):
        invoice = self.invoice_id
        if not invoice:
            return "fail", _("No customer invoice is linked to this return.")
        if invoice.move_type != "out_invoice":
            return "fail", _("%s is not a customer invoice.", invoice.display_name)
        if invoice.state != "posted":
            return "fail", _("Invoice %s is not posted.", invoice.display_name)
        if invoice.commercial_partner_id != self.partner_id.commercial_partner_id:
            return "fail", _(
                "Invoice %s belongs to another customer.", invoice.display_name
            )
        return "pass", _("Invoice %s is posted.", invoice.display_name)

    def _aftersales_check_window(self, data):
        remedy = self.requested_remedy
        today = self._aftersales_today()
        if remedy == "repair":
            coverage = self.env["aftersales.warranty"]._get_coverage(
                partner=self.partner_id.commercial_partner_id,
                product=self.product_id,
                lot=self.lot_id or None,
                sale_line=data["line_by_rma"][self.id] or None,
                on_date=today,
            )
            if coverage["state"] == "in_warranty":
                return "pass", coverage["reason"]
            return "fail", _("Repair refused: %s", coverage["reason"])
        invoice_date = self.invoice_id.invoice_date
        if not invoice_date:
            return "fail", _("The invoice date is unknown.")
        company = self.company_id
        if remedy == "exchange":
            limit, label = company.aftersales_exchange_days, _("exchange")
        else:
            limit, label = company.aftersales_return_days, _("return")
        days = (today - invoice_date).days
        if days > limit:
            return "fail", _(
                "Day %(days)s after the invoice of %(date)s: the %(label)s window "
                "of %(limit)s days is over.",
                days=days,
                date=invoice_date,
                label=label,
                limit=limit,
            )
        return "pass", _(
            "Day %(days)s after the invoice of %(date)s, within the %(label)s "
            "window of %(limit)s days.",
            days=days,
            date=invoice_date,
            label=label,
            limit=limit,
        )

    def _aftersales_check_quantity(self, data):
        line = data["line_by_rma"][self.id]
        if not line:
            return "fail", _("No sale order line matches product %s.",
                             self.product_id.display_name)
        uom = self.product_id.uom_id
        qty = self.product_uom._compute_quantity(self.product_uom_qty, uom)
        invoiced = line.product_uom._compute_quantity(
            data["invoiced"][line.id], uom
        )
        delivered = data["delivered"][line.id]
        remaining = min(invoiced, delivered) - data["taken"][line.id]
        remaining -= data["batch_taken"][line.id]
        data["batch_taken"][line.id] += qty
        remaining = float_round(remaining, precision_rounding=uom.rounding)
        if float_compare(qty, remaining, precision_rounding=uom.rounding) > 0:
            return "fail", _(
                "%(qty)s %(uom)s asked but only %(remaining)s can be returned "
                "(invoiced %(invoiced)s, delivered %(delivered)s, already "
                "returned or in open returns %(taken)s).",
                qty=qty,
                uom=uom.name,
                remaining=max(remaining, 0.0),
                invoiced=invoiced,
                delivered=delivered,
                taken=data["taken"][line.id],
            )
        return "pass", _(
            "%(qty)s %(uom)s of %(remaining)s returnable.",
            qty=qty,
            uom=uom.name,
            remaining=remaining,
        )

    def _aftersales_check_serial(self, data):
        if not self.lot_id:
            if self.product_id.tracking == "serial":
                return "fail", _("The serial number of the returned unit is missing.")
            return None
        lot = self.lot_id
        holder = data["lot_holder"].get(lot.id)
        if holder != self.partner_id.commercial_partner_id:
            return "fail", _(
                "Serial %(lot)s was not delivered to %(partner)s.",
                lot=lot.name,
                partner=self.partner_id.commercial_partner_id.display_name,
            )
        if lot.id in data["returned_lots"] or lot.id in data["batch_lots"]:
            return "fail", _("Serial %s is already returned.", lot.name)
        data["batch_lots"].add(lot.id)
        return "pass", _("Serial %s was delivered to this customer.", lot.name)

    def _aftersales_check_package(self, data):
        if self.return_reason != "no_reason":
            return None
        if self.package_state != "sealed":
            return "fail", _(
                "A no-reason return needs a factory-sealed package; this one is "
                "%s.",
                dict(self._fields["package_state"]._description_selection(
                    self.env)).get(self.package_state, _("unknown")),
            )
        return "pass", _("Package is factory-sealed.")

    def _aftersales_check_evidence(self, data):
        required = REQUIRED_EVIDENCE.get(self.return_reason) or ()
        if not required:
            return None
        kinds = dict(
            self.env["aftersales.rma.evidence"]._fields["kind"]._description_selection(
                self.env
            )
        )
        missing = [k for k in required if k not in data["evidence"][self.id]]
        if missing:
            return "fail", _(
                "Missing evidence: %s.", ", ".join(kinds[k] for k in missing)
            )
        return "pass", _(
            "Evidence attached: %s.", ", ".join(kinds[k] for k in required)
        )

    def _aftersales_check_approval(self, data):
        if self.return_reason == "quality":
            return "pass", _("The product manager is informed.")
        if not self.aftersales_approval_required:
            return None
        if not self.aftersales_approved_by_id:
            return "fail", _("Waiting for the product manager's approval.")
        return "pass", _(
            "Approved by %(user)s on %(date)s.",
            user=self.aftersales_approved_by_id.name,
            date=self.aftersales_approved_date,
        )

    def _aftersales_check_transport(self, data):
        if self.return_reason != "transport":
            return None
        line = data["line_by_rma"][self.id]
        if data["transport_claims"][line.id if line else 0]:
            return "warn", _(
                "Second transit-damage claim on this order line: refunded "
                "instead of re-sent."
            )
        return "pass", _("First transit-damage claim: one free re-send.")

    def _aftersales_check_stock(self, data):
        if self._aftersales_resolution(data) != "exchange":
            return None
        key = (self.warehouse_id.id, self.product_id.id)
        uom = self.product_id.uom_id
        qty = self.product_uom._compute_quantity(self.product_uom_qty, uom)
        available = data["available"][key] - data["batch_exchange"][key]
        data["batch_exchange"][key] += qty
        if float_compare(qty, available, precision_rounding=uom.rounding) > 0:
            expected = data["incoming"].get(key)
            return "warn", _(
                "Replacement short by %(short)s %(uom)s in %(wh)s; expected: "
                "%(date)s.",
                short=qty - max(available, 0.0),
                uom=uom.name,
                wh=self.warehouse_id.name,
                date=expected and fields.Date.to_string(expected) or _("no incoming"),
            )
        return "pass", _(
            "Replacement available: %(qty)s %(uom)s in %(wh)s.",
            qty=available,
            uom=uom.name,
            wh=self.warehouse_id.name,
        )

    def _aftersales_resolution(self, data):
        if self.return_reason == "transport":
            line = data["line_by_rma"][self.id]
            if data["transport_claims"][line.id if line else 0]:
                return "refund"
            return "exchange"
        return self.requested_remedy

    def _aftersales_run_checks(self):
        """Run every rule on every RMA, store the verdicts; return failures."""
        checked = self._aftersales_is_checked()
        if not checked:
            return {}
        # Rules read invoices, deliveries and stock the agent may not see;
        # nothing typed by the user is used beyond the RMA itself.
        rmas = checked.sudo()
        data = rmas._aftersales_prepare_check_data()
        verdict_vals = []
        failures = {}
        now = fields.Datetime.now()
        for rma in rmas.sorted("id"):
            results = []
            for rule, method in rma._aftersales_rule_methods():
                res = getattr(rma, method)(data)
                if not res:
                    continue
                result, message = res
                results.append(result)
                verdict_vals.append(
                    {
                        "rma_id": rma.id,
                        "company_id": rma.company_id.id,
                        "sequence": len(results),
                        "rule": rule,
                        "result": result,
                        "message": message,
                    }
                )
                if result == "fail":
                    failures.setdefault(rma, []).append(rule)
            if "fail" in results:
                verdict = "overridden" if rma.aftersales_override_reason else "fail"
            else:
                verdict = "warn" if "warn" in results else "pass"
            rma.with_env(self.env).write(
                {
                    "aftersales_checks_ok": "fail" not in results,
                    "aftersales_verdict": verdict,
                    "aftersales_checked_date": now,
                    "aftersales_resolution": rma._aftersales_resolution(data),
                }
            )
        rmas.aftersales_verdict_ids.unlink()
        self.env["aftersales.rma.verdict"].sudo().create(verdict_vals)
        return {rma.with_env(self.env): rules for rma, rules in failures.items()}

    def action_aftersales_check(self):
        """Button: run the rules and show the verdicts without confirming."""
        self._aftersales_run_checks()
        return True

    def _aftersales_failure_message(self, failures):
        rule_names = dict(
            self.env["aftersales.rma.verdict"]._fields["rule"]._description_selection(
                self.env
            )
        )
        lines = []
        for rma, rules in failures.items():
            details = [
                f"{rule_names[v.rule]}: {v.message}"
                for v in rma.aftersales_verdict_ids
                if v.result == "fail"
            ]
            lines.append(
                _(
                    "%(rma)s is refused by the rule(s) %(rules)s:\n%(details)s",
                    rma=rma.display_name,
                    rules=", ".join(rule_names[r] for r in rules),
                    details="\n".join(details),
                )
            )
        return "\n\n".join(lines)

    def action_confirm(self):
        drafts = self.filtered(lambda r: r.state == "draft")
        checked = drafts._aftersales_is_checked()
        if checked:
            failures = checked._aftersales_run_checks()
            blocking = {
                rma: rules
                for rma, rules in failures.items()
                if not rma.aftersales_override_reason
            }
            if blocking and self.env.context.get("aftersales_soft_confirm"):
                # From the sale order wizard: keep refused returns as drafts
                # with their verdicts, confirm the others.
                refused = self.browse([rma.id for rma in blocking])
                for rma in refused:
                    rma.message_post(
                        body=self._aftersales_failure_message({rma: blocking[rma]})
                    )
                self -= refused
                checked -= refused
            elif blocking:
                raise UserError(self._aftersales_failure_message(blocking))
        res = super().action_confirm()
        confirmed = checked.filtered(lambda r: r.state != "draft")
        if confirmed:
            confirmed._aftersales_after_confirm()
        return res

    def _aftersales_after_confirm(self):
        confirmed = self
        confirmed.filtered(lambda r: not r.aftersales_inspection_state).write(
            {"aftersales_inspection_state": "pending"}
        )
        confirmed._aftersales_inform_product_manager()
        confirmed._aftersales_notify_customer(
            "aftersales_returns.mail_template_rma_checked"
        )
        confirmed._aftersales_mark_pickup()

    def _aftersales_inform_product_manager(self):
        quality = self.filtered(lambda r: r.return_reason == "quality")
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        vals = []
        model_id = self.env["ir.model"]._get_id("rma")
        for rma in quality:
            user = rma.product_id.responsible_id or rma.user_id or self.env.user
            vals.append(
                {
                    "res_model_id": model_id,
                    "res_id": rma.id,
                    "activity_type_id": activity_type.id,
                    "user_id": user.id,
                    "summary": _("Quality problem reported on %s",
                                 rma.product_id.display_name),
                }
            )
        if vals:
            self.env["mail.activity"].create(vals)

    def _aftersales_mark_pickup(self):
        for rma in self.filtered("aftersales_pickup_required"):
            picking = rma.sudo().reception_move_id.picking_id
            if not picking:
                continue
            vals = rma._aftersales_prepare_pickup_vals(picking)
            if vals:
                picking.write(vals)

    def _aftersales_prepare_pickup_vals(self, picking):
        """Values arranging the pickup on the receipt: flag, note and the
        company's pickup carrier (never replacing a carrier already set)."""
        self.ensure_one()
        vals = {}
        if not picking.aftersales_pickup_required:
            vals.update(
                {
                    "aftersales_pickup_required": True,
                    "aftersales_pickup_note": _(
                        "Collect from %s: the company is at fault.",
                        self.partner_shipping_id.display_name
                        or self.partner_id.display_name,
                    ),
                }
            )
        carrier = (self.company_id or picking.company_id).aftersales_pickup_carrier_id
        if (
            carrier
            and not picking.carrier_id
            and picking.state not in ("done", "cancel")
        ):
            vals["carrier_id"] = carrier.id
        return vals

    def _create_receipt(self):
        res = super()._create_receipt()
        self._aftersales_mark_pickup()
        return res

    # ------------------------------------------------------------------
    # Approval and override
    # ------------------------------------------------------------------
    def _aftersales_check_manager(self):
        if not self.env.user.has_group("aftersales_service.group_aftersales_manager"):
            raise UserError(
                _(
                    "Only an after-sales manager (product manager) may approve or "
                    "override returns: %s.",
                    ", ".join(self.mapped("display_name")),
                )
            )

    def action_aftersales_approve(self):
        self._aftersales_check_manager()
        for rma in self:
            if rma.state != "draft" or not rma.aftersales_approval_required:
                raise UserError(
                    _("%s does not wait for an approval.", rma.display_name)
                )
        self.write(
            {
                "aftersales_approved_by_id": self.env.uid,
                "aftersales_approved_date": fields.Datetime.now(),
            }
        )
        for rma in self:
            rma.message_post(body=_("Return approved by the product manager."))
        return True

    def action_aftersales_override(self):
        self._aftersales_check_manager()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "aftersales_returns.aftersales_rma_override_action"
        )
        action["context"] = {"active_ids": self.ids, "active_model": "rma"}
        return action

    def _aftersales_override(self, reason):
        self._aftersales_check_manager()
        if not (reason or "").strip():
            raise UserError(_("An override needs a written reason."))
        self.write(
            {
                "aftersales_override_reason": reason,
                "aftersales_override_by_id": self.env.uid,
                "aftersales_override_date": fields.Datetime.now(),
            }
        )
        for rma in self:
            rma.message_post(
                body=Markup("%s<br/>%s") % (
                    _("Rules overridden by %s. Reason:", self.env.user.name),
                    reason,
                )
            )
        self.action_confirm()

    # ------------------------------------------------------------------
    # Refund: fee and compensation lines
    # ------------------------------------------------------------------
    def action_refund(self):
        """Lock the RMAs first so two users never refund the same RMA twice."""
        if not self:
            return super().action_refund()
        self._aftersales_lock()
        todo = self.filtered(lambda r: not r.refund_id)
        return super(Rma, todo).action_refund()

    def _aftersales_lock(self):
        # NO KEY UPDATE: two validations exclude each other, while rows that
        # merely reference the RMA (wizards, verdicts) can still be created.
        try:
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(
                    "SELECT id FROM rma WHERE id IN %s FOR NO KEY UPDATE NOWAIT",
                    (tuple(self.ids),),
                    log_exceptions=False,
                )
        except psycopg2.errors.LockNotAvailable as exc:
            raise UserError(
                _(
                    "%s is being processed by another user right now. Reload "
                    "and try again.",
                    ", ".join(self.mapped("display_name")),
                )
            ) from exc
        self.invalidate_recordset()

    def _aftersales_fee_line_vals(self, refund_line):
        """Extra credit note lines: return fee, counterfeit compensation."""
        self.ensure_one()
        company = self.company_id
        price = refund_line.price_unit * (1 - (refund_line.discount or 0.0) / 100)
        amount = price * refund_line.quantity
        vals = []
        if self.return_reason == "no_reason" and company.aftersales_restocking_fee_pct:
            product = company._aftersales_get_return_fee_product()
            fee = refund_line.currency_id.round(
                amount * company.aftersales_restocking_fee_pct / 100
            )
            vals.append(
                {
                    "product_id": product.id,
                    "name": _(
                        "Return fee %(pct)s%% on %(rma)s",
                        pct=company.aftersales_restocking_fee_pct,
                        rma=self.name,
                    ),
                    "quantity": 1,
                    "price_unit": -fee,
                    "tax_ids": [(6, 0, [])],
                }
            )
        factor = company.aftersales_counterfeit_factor
        if self.return_reason == "counterfeit" and factor:
            product = company._aftersales_get_compensation_product()
            comp = refund_line.currency_id.round(
                amount * company.aftersales_counterfeit_factor
            )
            vals.append(
                {
                    "product_id": product.id,
                    "name": _(
                        "Counterfeit compensation (%(factor)s x price) on %(rma)s",
                        factor=company.aftersales_counterfeit_factor,
                        rma=self.name,
                    ),
                    "quantity": 1,
                    "price_unit": comp,
                    "tax_ids": [(6, 0, [])],
                }
            )
        return vals

    def _action_refund_after_hook(self):
        res = super()._action_refund_after_hook()
        for rma in self:
            extra = rma._aftersales_fee_line_vals(rma.refund_line_id)
            if extra:
                rma.refund_id.sudo().write(
                    {"invoice_line_ids": [(0, 0, vals) for vals in extra]}
                )
        self._aftersales_notify_customer(
            "aftersales_returns.mail_template_rma_refunded"
        )
        return res

    # ------------------------------------------------------------------
    # Inspection outcome
    # ------------------------------------------------------------------
    def _aftersales_move_received(self, location_dest):
        """Move the received goods from the RMA location to location_dest."""
        moves = self.env["stock.move"]
        for rma in self:
            reception = rma.sudo().reception_move_id
            if not reception or reception.state != "done":
                continue
            lot = reception.move_line_ids.lot_id[:1] or rma.lot_id
            move = self.env["stock.move"].sudo().create(
                {
                    "name": _("%s: after inspection", rma.name),
                    "product_id": reception.product_id.id,
                    "product_uom_qty": reception.quantity,
                    "product_uom": reception.product_uom.id,
                    "location_id": reception.location_dest_id.id,
                    "location_dest_id": location_dest.id,
                    "company_id": rma.company_id.id,
                    "origin": rma.name,
                    "move_line_ids": [
                        (
                            0,
                            0,
                            {
                                "product_id": reception.product_id.id,
                                "product_uom_id": reception.product_uom.id,
                                "quantity": reception.quantity,
                                "location_id": reception.location_dest_id.id,
                                "location_dest_id": location_dest.id,
                                "lot_id": lot.id,
                            },
                        )
                    ],
                }
            )
            moves |= move
        if moves:
            moves._action_confirm()
            moves.picked = True
            moves._action_done()
        return moves

    def _aftersales_scrap_received(self):
        scraps = self.env["stock.scrap"]
        for rma in self:
            reception = rma.sudo().reception_move_id
            if not reception or reception.state != "done":
                continue
            scrap = self.env["stock.scrap"].sudo().create(
                {
                    "product_id": reception.product_id.id,
                    "scrap_qty": reception.quantity,
                    "product_uom_id": reception.product_uom.id,
                    "location_id": reception.location_dest_id.id,
                    "lot_id": (reception.move_line_ids.lot_id[:1] or rma.lot_id).id,
                    "company_id": rma.company_id.id,
                    "origin": rma.name,
                }
            )
            scrap.action_validate()
            scraps |= scrap
        return scraps

    def _aftersales_apply_inspection(self, vals):
        """Record an inspection and let its result drive the RMA.

        Runs as the system once the caller has checked the user is warehouse
        staff: the RMA row is locked so only one inspection applies.
        """
        self._aftersales_lock()
        for rma in self:
            if rma.aftersales_inspection_state == "done":
                raise UserError(_("%s has already been inspected.", rma.display_name))
            if rma.state not in ("confirmed", "received"):
                raise UserError(
                    _("%s cannot be inspected in its current state.",
                      rma.display_name)
                )
        result = vals["aftersales_inspection_result"]
        self.write(
            dict(
                vals,
                aftersales_inspection_state="done",
                aftersales_inspected_by_id=self.env.context.get(
                    "aftersales_inspector_uid", self.env.uid
                ),
                aftersales_inspected_date=fields.Datetime.now(),
            )
        )
        for rma in self:
            reception = rma.reception_move_id
            if reception and reception.state != "done":
                reception.quantity = reception.product_uom_qty
                if rma.lot_id and reception.move_line_ids:
                    reception.move_line_ids.lot_id = rma.lot_id
                reception.picked = True
                reception._action_done()
        if result == "stock":
            for wh, rmas in self.grouped("warehouse_id").items():
                rmas._aftersales_move_received(wh.lot_stock_id)
        elif result == "quarantine":
            for company, rmas in self.grouped("company_id").items():
                location = company._aftersales_get_quarantine_location()
                if not location:
                    raise UserError(
                        _("No quarantine location is set for %s.", company.name)
                    )
                rmas._aftersales_move_received(location)
        elif result == "scrap":
            self._aftersales_scrap_received()
        self._aftersales_notify_customer(
            "aftersales_returns.mail_template_rma_inspected"
        )
        if result == "reject":
            for rma in self.filtered("can_be_returned"):
                rma.create_return(
                    fields.Datetime.now(), rma.product_uom_qty, rma.product_uom
                )
            return True
        to_refund = self.filtered(
            lambda r: (r.aftersales_resolution or r.requested_remedy) == "refund"
            and r.can_be_refunded
        )
        to_refund.action_refund()
        for rma in self.filtered(
            lambda r: (r.aftersales_resolution or r.requested_remedy) == "exchange"
            and r.can_be_replaced
        ):
            rma.create_replace(
                fields.Datetime.now(),
                rma.warehouse_id,
                rma.product_id,
                rma.product_uom_qty,
                rma.product_uom,
            )
        return True

    def action_aftersales_inspect(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "aftersales_returns.aftersales_rma_inspection_action"
        )
        action["context"] = {"default_rma_id": self.id}
        return action

    # ------------------------------------------------------------------
    # Keeping the customer informed
    # ------------------------------------------------------------------
    def _aftersales_notify_customer(self, template_xmlid):
        template = self.env.ref(template_xmlid, raise_if_not_found=False)
        for rma in self:
            if template and rma.partner_id:
                rma._add_message_subscribe_partner()
                rma.with_context(aftersales_no_touch=True).message_post_with_source(
                    template,
                    message_type="comment",
                    subtype_xmlid="mail.mt_comment",
                )
        self._aftersales_touch_contact()

    def message_post(self, **kwargs):
        """A public message to the customer counts as a contact."""
        message = super().message_post(**kwargs)
        if (
            message.message_type == "comment"
            and message.subtype_id
            and not message.subtype_id.internal
            and not self.env.context.get("aftersales_no_touch")
        ):
            self._aftersales_touch_contact()
        return message

    def _aftersales_touch_contact(self):
        now = fields.Datetime.now()
        for company, rmas in self.grouped("company_id").items():
            rmas.sudo().write(
                {
                    "aftersales_last_contact_date": now,
                    "aftersales_next_contact_date": now
                    + timedelta(days=company.aftersales_contact_days or 3),
                }
            )

    @api.model
    def _cron_aftersales_contact_reminder(self, limit=500):
        """Activity on open returns whose customer was not contacted lately."""
        now = fields.Datetime.now()
        rmas = self.search(
            [
                ("aftersales_next_contact_date", "<=", now),
                ("state", "in", OPEN_STATES),
            ],
            limit=limit,
        )
        if not rmas:
            return 0
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        model_id = self.env["ir.model"]._get_id("rma")
        self.env["mail.activity"].create(
            [
                {
                    "res_model_id": model_id,
                    "res_id": rma.id,
                    "activity_type_id": activity_type.id,
                    "user_id": (rma.user_id or self.env.ref("base.user_admin")).id,
                    "summary": _("Contact the customer about this return"),
                    "date_deadline": fields.Date.context_today(self),
                }
                for rma in rmas
            ]
        )
        for company, group in rmas.grouped("company_id").items():
            group.write(
                {
                    "aftersales_next_contact_date": now
                    + timedelta(days=company.aftersales_contact_days or 3)
                }
            )
        return len(rmas)

    def _aftersales_portal_verdicts(self):
        """Plain-text verdict list for the portal page."""
        self.ensure_one()
        return [
            (v.result, v.message) for v in self.sudo().aftersales_verdict_ids
        ]
