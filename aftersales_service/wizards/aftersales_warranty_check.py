# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, _, api, fields, models
from odoo.tools.translate import LazyTranslate

from ..models.aftersales_warranty import COVERAGE_STATES
from ..tools import render_coded

_lt = LazyTranslate(__name__)

BANNERS = {
    "empty": _lt(
        "Type or scan a serial number, or choose a customer, an order or an " "invoice."
    ),
    "not_found": _lt(
        "Serial %(serial)s: not found. We have no warranty card for a unit "
        "with this serial number."
    ),
    "no_cards": _lt("No warranty card matches this customer, order or invoice."),
    "several": _lt(
        "%(count)s units: %(covered)s in warranty, %(excluded)s excluded or "
        "pending, %(not_covered)s not covered."
    ),
}
BANNER_TITLES = {
    "in_warranty": _lt("In warranty"),
    "excluded": _lt("Excluded from the warranty"),
    "pending": _lt("In warranty, registration pending"),
    "out_of_warranty": _lt("Out of warranty"),
    "unknown": _lt("Not covered for this customer"),
    "not_found": _lt("Not found"),
    "empty": _lt("Check a warranty"),
    "several": _lt("Several units"),
}


class AftersalesWarrantyCheck(models.TransientModel):
    """One screen answering "is this unit in warranty, until when, why not?".

    The answer is one banner (green: covered, orange: excluded or registration
    pending, red: not covered or not found) with the reason in full, and the
    matching units below. Typing a serial and Enter (or a scanner's Enter)
    runs the check; an unknown serial is answered in the banner.
    """

    _name = "aftersales.warranty.check"
    _description = "Check Warranty"

    serial = fields.Char(string="Serial Number")
    partner_id = fields.Many2one("res.partner", string="Customer")
    sale_order_id = fields.Many2one("sale.order", string="Sale Order")
    invoice_id = fields.Many2one(
        "account.move",
        string="Invoice",
        domain="[('move_type', '=', 'out_invoice'), ('state', '=', 'posted')]",
    )
    on_date = fields.Date(
        required=True,
        default=fields.Date.context_today,
        help="Reference date: the day the fault was reported.",
    )
    line_ids = fields.One2many(
        "aftersales.warranty.check.line", "check_id", string="Units"
    )
    result_state = fields.Selection(
        [
            ("info", "Nothing checked yet"),
            ("success", "Covered"),
            ("warning", "Excluded or pending"),
            ("danger", "Not covered"),
        ],
        default="info",
        readonly=True,
    )
    result_title = fields.Char(readonly=True)
    result_message = fields.Text(readonly=True)

    @api.model
    def _open_for(self, partner=None, sale_order=None, invoice=None, lot=None):
        wizard = self.create(
            {
                "partner_id": partner.id if partner else False,
                "sale_order_id": sale_order.id if sale_order else False,
                "invoice_id": invoice.id if invoice else False,
                "serial": lot.name if lot else False,
            }
        )
        wizard._fill_lines()
        return wizard._reopen()

    def _reopen(self):
        return {
            "type": "ir.actions.act_window",
            "name": _("Check Warranty"),
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }

    def action_check(self):
        self.ensure_one()
        self._fill_lines()
        return self._reopen()

    @api.onchange("serial", "partner_id", "sale_order_id", "invoice_id", "on_date")
    def _onchange_check(self):
        """Enter in the serial field (or a scanner) runs the check."""
        self._fill_lines()

    # ------------------------------------------------------------------
    def _find_cards(self):
        """(cards, problem): the cards matching the agent's input, or the
        banner code saying why there are none."""
        Warranty = self.env["aftersales.warranty"]
        domain = []
        serial = (self.serial or "").strip()
        if serial:
            domain.append(("lot_name", "=", serial))
            if not Warranty.search_count(domain, limit=1):
                return Warranty, ("not_found", {"serial": serial})
        if self.partner_id and not serial:
            domain.append(
                ("partner_id", "child_of", self.partner_id.commercial_partner_id.id)
            )
        if self.sale_order_id:
            domain.append(("sale_order_id", "=", self.sale_order_id.id))
        if self.invoice_id:
            sale_lines = self.invoice_id.invoice_line_ids.sale_line_ids
            domain.append(("sale_line_id", "in", sale_lines.ids))
        if not domain:
            return Warranty, ("empty", {})
        cards = Warranty.search(domain, order="partner_id, product_id, lot_id, id")
        if not cards:
            return cards, ("no_cards", {})
        return cards, None

    def _line_coverage(self, card):
        """A serial's current card answers through ``_get_coverage`` (the
        customer's serial check, agreements); other cards by their dates."""
        Warranty = self.env["aftersales.warranty"]
        if self.serial and card.lot_id:
            current = Warranty._find_card(lot=card.lot_id)
            if current == card:
                return Warranty._get_coverage(
                    partner=self.partner_id or None,
                    lot=card.lot_id,
                    on_date=self.on_date,
                )
        return Warranty._coverage_of_card(card, on_date=self.on_date)

    def _prepare_line_vals(self, card):
        coverage = self._line_coverage(card)
        return {
            "warranty_id": card.id,
            "state": coverage["state"],
            "end_date": coverage["end_date"],
            "reason_code": coverage["reason_code"],
            "reason_values": coverage["reason_values"],
            "registration_pending": coverage["registration_pending"]
            or coverage["reason_code"] in ("pending", "pending_expired"),
        }

    def _fill_lines(self):
        self.ensure_one()
        cards, problem = self._find_cards()
        line_vals = [self._prepare_line_vals(card) for card in cards]
        commands = [Command.clear()] + [Command.create(vals) for vals in line_vals]
        self.line_ids = commands
        self.update(self._banner(line_vals, problem))

    def _banner(self, line_vals, problem):
        env = self.env
        if problem:
            code, values = problem
            state = "info" if code == "empty" else "danger"
            title_code = "empty" if code == "empty" else "not_found"
            return {
                "result_state": state,
                "result_title": render_coded(env, BANNER_TITLES, title_code),
                "result_message": render_coded(env, BANNERS, code, values),
            }
        Warranty = env["aftersales.warranty"]
        if len(line_vals) == 1:
            vals = line_vals[0]
            state = vals["state"]
            title = (
                "pending"
                if (state == "in_warranty" and vals["registration_pending"])
                else state
            )
            color = {
                "in_warranty": "success",
                "excluded": "warning",
                "pending": "warning",
            }.get(title, "danger")
            return {
                "result_state": color,
                "result_title": render_coded(env, BANNER_TITLES, title),
                "result_message": Warranty._render_reason(
                    vals["reason_code"], vals["reason_values"]
                ),
            }
        covered = [v for v in line_vals if v["state"] == "in_warranty"]
        pending = [v for v in covered if v["registration_pending"]]
        excluded = [v for v in line_vals if v["state"] == "excluded"]
        not_covered = len(line_vals) - len(covered) - len(excluded)
        if not_covered == len(line_vals):
            color = "danger"
        elif len(covered) == len(line_vals) and not pending:
            color = "success"
        else:
            color = "warning"
        return {
            "result_state": color,
            "result_title": render_coded(env, BANNER_TITLES, "several"),
            "result_message": render_coded(
                env,
                BANNERS,
                "several",
                {
                    "count": len(line_vals),
                    "covered": len(covered) - len(pending),
                    "excluded": len(excluded) + len(pending),
                    "not_covered": not_covered,
                },
            ),
        }


class AftersalesWarrantyCheckLine(models.TransientModel):
    _name = "aftersales.warranty.check.line"
    _description = "Check Warranty: Unit"

    check_id = fields.Many2one(
        "aftersales.warranty.check", required=True, ondelete="cascade"
    )
    warranty_id = fields.Many2one("aftersales.warranty", string="Warranty Card")
    partner_id = fields.Many2one(related="warranty_id.partner_id")
    product_id = fields.Many2one(related="warranty_id.product_id")
    lot_id = fields.Many2one(related="warranty_id.lot_id")
    quantity = fields.Float(related="warranty_id.quantity")
    sale_order_id = fields.Many2one(related="warranty_id.sale_order_id")
    start_date = fields.Date(related="warranty_id.start_date")
    registration_state = fields.Selection(related="warranty_id.registration_state")
    state = fields.Selection(COVERAGE_STATES, string="Coverage")
    end_date = fields.Date(string="Until")
    reason_code = fields.Char()
    reason_values = fields.Json()
    registration_pending = fields.Boolean()
    reason = fields.Char(compute="_compute_reason")

    @api.depends("reason_code", "reason_values")
    @api.depends_context("lang")
    def _compute_reason(self):
        Warranty = self.env["aftersales.warranty"]
        for line in self:
            line.reason = (
                Warranty._render_reason(line.reason_code, line.reason_values)
                if line.reason_code
                else False
            )
