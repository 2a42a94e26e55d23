# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.tools.translate import LazyTranslate

from odoo.addons.aftersales_service.tools import render_coded

from .rma_selections import PACKAGE_STATES

_lt = LazyTranslate(__name__)

RULES = [
    ("reason", "Reason"),
    ("invoice", "Invoice"),
    ("window", "Time window"),
    ("quantity", "Quantity"),
    ("serial", "Serial number"),
    ("package", "Package"),
    ("evidence", "Evidence"),
    ("approval", "Approval"),
    ("transport", "Transit damage"),
    ("stock", "Replacement stock"),
]

# Store facts, render words: each verdict keeps its code and values; the
# sentence is rendered in the reader's language (back office, portal, mail).
VERDICT_MESSAGES = {
    "reason.missing": _lt("No return reason is given."),
    "reason.no_remedy": _lt("No remedy (refund, exchange, repair) is requested."),
    "reason.ok": _lt("Reason and requested remedy are given."),
    "invoice.missing": _lt("No customer invoice is linked to this return."),
    "invoice.not_customer": _lt("%(invoice)s is not a customer invoice."),
    "invoice.draft": _lt("Invoice %(invoice)s is not posted."),
    "invoice.other_customer": _lt("Invoice %(invoice)s belongs to another customer."),
    "invoice.ok": _lt("Invoice %(invoice)s is posted."),
    "window.no_invoice_date": _lt("The invoice date is unknown."),
    "window.return_ok": _lt(
        "Asked on day %(days)s after the invoice of %(invoice_date)s, within the "
        "return window of %(limit)s days."
    ),
    "window.return_over": _lt(
        "Asked on day %(days)s after the invoice of %(invoice_date)s: the return "
        "window of %(limit)s days is over."
    ),
    "window.exchange_ok": _lt(
        "Asked on day %(days)s after the invoice of %(invoice_date)s, within the "
        "exchange window of %(limit)s days."
    ),
    "window.exchange_over": _lt(
        "Asked on day %(days)s after the invoice of %(invoice_date)s: the exchange "
        "window of %(limit)s days is over."
    ),
    "window.warranty_in": _lt("Under warranty until %(end_date)s (card %(card)s)."),
    "window.warranty_out": _lt(
        "Repair refused: the unit is not under warranty on %(request_date)s "
        "(card %(card)s, until %(end_date)s)."
    ),
    "window.warranty_excluded": _lt(
        "Repair refused: the fault is excluded from the warranty (card %(card)s)."
    ),
    "window.warranty_unknown": _lt(
        "Repair refused: no warranty card covers this unit."
    ),
    "quantity.no_line": _lt("No sale order line matches product %(product)s."),
    "quantity.over": _lt(
        "%(qty)s %(uom)s asked but only %(remaining)s can be returned (invoiced "
        "%(invoiced)s, delivered %(delivered)s, already returned or in open "
        "returns %(taken)s)."
    ),
    "quantity.ok": _lt("%(qty)s %(uom)s of %(remaining)s returnable."),
    "serial.missing": _lt("The serial number of the returned unit is missing."),
    "serial.not_delivered": _lt("Serial %(lot)s was not delivered to %(partner)s."),
    "serial.returned": _lt("Serial %(lot)s is already returned."),
    "serial.ok": _lt("Serial %(lot)s was delivered to this customer."),
    "package.unknown": _lt("The state of the package is not given."),
    "package.not_sealed": _lt(
        "This return needs the factory seal unopened; the package is: %(package)s."
    ),
    "package.not_intact": _lt(
        "This return needs the outer package intact, without damage or "
        "crushing; the package is: %(package)s."
    ),
    "package.ok": _lt("The package meets the requirement: %(package)s."),
    "evidence.missing": _lt("Missing evidence: %(kinds)s."),
    "evidence.ok": _lt("Evidence attached: %(kinds)s."),
    "approval.informed": _lt("The product manager is informed."),
    "approval.waiting": _lt("Waiting for the product manager's approval."),
    "approval.ok": _lt("Approved by %(user)s on %(approved_datetime)s."),
    "transport.first": _lt("First transit-damage claim: one free re-send."),
    "transport.second": _lt(
        "Second transit-damage claim on this order line: refunded instead of "
        "re-sent."
    ),
    "stock.short": _lt(
        "Replacement short by %(short)s %(uom)s in %(warehouse)s; expected on "
        "%(expected_date)s."
    ),
    "stock.short_none": _lt(
        "Replacement short by %(short)s %(uom)s in %(warehouse)s; no receipt is "
        "expected."
    ),
    "stock.ok": _lt("Replacement available: %(qty)s %(uom)s in %(warehouse)s."),
}

# What the customer reads in the portal: the verdicts they can act on.
CUSTOMER_CODES = frozenset(
    {
        "reason.missing",
        "window.return_ok",
        "window.return_over",
        "window.exchange_ok",
        "window.exchange_over",
        "window.warranty_in",
        "window.warranty_out",
        "window.warranty_excluded",
        "window.warranty_unknown",
        "quantity.over",
        "serial.missing",
        "serial.not_delivered",
        "serial.returned",
        "package.unknown",
        "package.not_sealed",
        "package.not_intact",
        "package.ok",
        "evidence.missing",
        "evidence.ok",
        "transport.first",
        "transport.second",
    }
)


class AftersalesRmaVerdict(models.Model):
    """One rule's verdict on one RMA: the rule, its outcome and its values.
    The sentence is rendered in the reader's language."""

    _name = "aftersales.rma.verdict"
    _description = "Return Rule Verdict"
    _order = "rma_id, sequence, id"

    rma_id = fields.Many2one("rma", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one("res.company", index=True)
    sequence = fields.Integer()
    rule = fields.Selection(RULES, required=True)
    result = fields.Selection(
        [("pass", "Passed"), ("warn", "Warning"), ("fail", "Failed")],
        required=True,
    )
    code = fields.Char(required=True)
    values = fields.Json()
    customer_visible = fields.Boolean(
        compute="_compute_customer_visible",
        help="Shown to the customer in the portal.",
    )
    message = fields.Char(compute="_compute_message")

    @api.depends("code")
    def _compute_customer_visible(self):
        for verdict in self:
            verdict.customer_visible = verdict.code in CUSTOMER_CODES

    @api.depends("code", "values")
    @api.depends_context("lang")
    def _compute_message(self):
        lang = self.env.lang or "en_US"
        for verdict in self:
            verdict.message = verdict._aftersales_render(lang)

    def _aftersales_render(self, lang=None, partner=None):
        """The sentence of this verdict in ``lang``."""
        self.ensure_one()
        lang = lang or self.env.lang or "en_US"
        env = self.with_context(lang=lang).env
        values = dict(self.values or {})
        if "package" in values:
            labels = dict(PACKAGE_STATES)
            state_field = env["rma"]._fields["package_state"]
            labels = dict(state_field._description_selection(env)) or labels
            values["package"] = labels.get(values["package"]) or render_coded(
                env, VERDICT_MESSAGES, "package.unknown", lang=lang
            )
        if "kind_ids" in values:
            kinds = (
                env["aftersales.rma.evidence.kind"]
                .sudo()
                .browse(values.pop("kind_ids"))
                .exists()
            )
            values["kinds"] = ", ".join(kinds.with_context(lang=lang).mapped("name"))
        if "uom_id" in values:
            uom = env["uom.uom"].sudo().browse(values.pop("uom_id")).exists()
            values["uom"] = uom.with_context(lang=lang).name or ""
        for key, value in values.items():
            if isinstance(value, float) and value.is_integer():
                values[key] = int(value)
        tz = partner.tz if partner else None
        return render_coded(env, VERDICT_MESSAGES, self.code, values, lang, tz=tz)
