# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import float_compare

from .rma_selections import PACKAGE_STATES, REMEDIES


def _company_today(env, company=None):
    company = company or env.company
    tz = company.partner_id.tz or "UTC"
    return fields.Date.context_today(env["rma"].with_context(tz=tz))


class Rma(models.Model):
    _inherit = "rma"

    reason_id = fields.Many2one(
        tracking=True,
        index=True,
        domain="[('company_id', 'in', (company_id, False))]",
        help="Why the customer returns the goods; the reason carries "
        "the policy: pickup, approval, evidence, package, fee, window.",
    )
    return_reason = fields.Char(
        string="Reason Code",
        compute="_compute_return_reason",
        inverse="_inverse_return_reason",
        search="_search_return_reason",
        help="Code of the return reason, for integrations (e.g. no_reason, "
        "quality): writing it sets the reason of that code.",
    )
    requested_remedy = fields.Selection(
        REMEDIES,
        default="refund",
        tracking=True,
        index=True,
    )
    aftersales_request_date = fields.Date(
        string="Requested On",
        default=lambda self: _company_today(self.env),
        copy=False,
        index=True,
        help="The day the customer asked, in the company's timezone: the return "
        "and exchange windows are measured on this day.",
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
        "windows count from its date.",
    )
    invoice_date = fields.Date(
        related="invoice_id.invoice_date", store=True, string="Invoice Date"
    )
    package_state = fields.Selection(
        PACKAGE_STATES,
        tracking=True,
        help="The state of the package when the customer asks: factory seal "
        "unopened, opened with the outer package intact, or outer package "
        "damaged or crushed.",
    )
    lot_id = fields.Many2one(tracking=True, index=True)
    aftersales_evidence_ids = fields.One2many(
        "aftersales.rma.evidence", "rma_id", string="Evidence"
    )
    aftersales_evidence_count = fields.Integer(
        compute="_compute_aftersales_evidence_count"
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

    # ------------------------------------------------------------------
    # Fields only actions may set (aftersales_service guard)
    # ------------------------------------------------------------------
    @api.model
    def _aftersales_guarded_fields(self):
        return super()._aftersales_guarded_fields() | {"aftersales_request_date"}

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("reason_id.aftersales_code")
    def _compute_return_reason(self):
        for rma in self:
            rma.return_reason = rma.reason_id.aftersales_code or False

    def _inverse_return_reason(self):
        reasons = (
            self.env["rma.reason"]
            .sudo()
            .search(
                [("aftersales_code", "in", list(set(self.mapped("return_reason"))))]
            )
        )
        for rma in self:
            if not rma.return_reason:
                rma.reason_id = False
                continue
            company = rma.company_id or self.env.company
            match = reasons.filtered(
                lambda r, rma=rma, company=company: r.aftersales_code
                == rma.return_reason
                and r.company_id == company
            )[:1]
            if not match:
                raise ValidationError(
                    _(
                        "%(rma)s: no return reason has the code %(code)s in "
                        "%(company)s.",
                        rma=rma.display_name,
                        code=rma.return_reason,
                        company=company.name,
                    )
                )
            rma.reason_id = match

    @api.model_create_multi
    def create(self, vals_list):
        """A reason code sent with the values becomes the reason itself, for
        all the returns of the call in one search (the inverse of a field not
        stored runs record by record); a code without a reason is left to the
        inverse, which refuses it."""
        vals_list = [dict(vals) for vals in vals_list]
        coded = [vals for vals in vals_list if vals.get("return_reason")]
        if coded:
            reasons = (
                self.env["rma.reason"]
                .sudo()
                .search_fetch(
                    [("aftersales_code", "in", [v["return_reason"] for v in coded])],
                    ["aftersales_code", "company_id"],
                )
            )
            by_key = {}
            for reason in reasons:
                by_key.setdefault(
                    (reason.aftersales_code, reason.company_id.id), reason
                )
            for vals in coded:
                company_id = vals.get("company_id") or self.env.company.id
                reason = by_key.get((vals["return_reason"], company_id))
                if reason:
                    vals["reason_id"] = reason.id
                    del vals["return_reason"]
        # OCA gives a return without team the first team, looked up once per
        # return: once for the call here.
        teamless = [vals for vals in vals_list if not vals.get("team_id")]
        if len(teamless) > 1:
            team = self.env["rma.team"].search([], limit=1)
            if team:
                for vals in teamless:
                    vals["team_id"] = team.id
        return super().create(vals_list)

    def _search_return_reason(self, operator, value):
        return [("reason_id.aftersales_code", operator, value)]

    @api.depends("sale_line_id", "order_id")
    def _compute_invoice_id(self):
        lines_by_rma = {}
        for rma in self:
            if rma.invoice_id:
                continue
            lines_by_rma[rma] = rma.sale_line_id or rma.order_id.order_line.filtered(
                lambda sl, rma=rma: sl.product_id == rma.product_id
            )
        if not lines_by_rma:
            return
        # the posted customer invoices of all the lines, in one read
        all_lines = self.env["sale.order.line"].union(*lines_by_rma.values())
        moves_by_line = defaultdict(set)
        if all_lines:
            for line, move in self.env["account.move.line"]._read_group(
                [
                    ("sale_line_ids", "in", all_lines.ids),
                    ("move_id.move_type", "=", "out_invoice"),
                    ("parent_state", "=", "posted"),
                ],
                ["sale_line_ids", "move_id"],
            ):
                moves_by_line[line.id].add(move.id)
        Move = self.env["account.move"]
        for rma, lines in lines_by_rma.items():
            invoices = Move.browse(
                sorted({move for line in lines.ids for move in moves_by_line[line]})
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

    @api.depends("reason_id.aftersales_company_fault")
    def _compute_aftersales_company_fault(self):
        for rma in self:
            fault = rma.reason_id.aftersales_company_fault
            rma.aftersales_company_fault = fault
            rma.aftersales_pickup_required = fault

    @api.depends(
        "product_id", "product_uom_qty", "warehouse_id", "move_id", "sale_line_id"
    )
    def _compute_domain_lot_id(self):
        """A returned serial is one delivered on the sale line (rma_lot offers
        the serials in our stock, which fits replacements, not returns)."""
        sale_rmas = self.filtered(lambda r: r.sale_line_id or r.move_id)
        for rma in sale_rmas:
            moves = rma.move_id or rma.sale_line_id.move_ids
            lines = moves.move_line_ids.filtered(
                lambda ml: ml.state == "done"
                and ml.lot_id
                and ml.location_dest_id.usage == "customer"
            )
            rma.domain_lot_id = [("id", "in", lines.lot_id.ids)]
        return super(Rma, self - sale_rmas)._compute_domain_lot_id()

    @api.model
    def _aftersales_choices(self, fname):
        """(value, label) of a selection field, in the reader's language: the
        portal offers the same list as the back office."""
        return self._fields[fname]._description_selection(self.env)

    # ------------------------------------------------------------------
    # Constraints: what a client may not send
    # ------------------------------------------------------------------
    @api.constrains("product_uom_qty")
    def _check_aftersales_quantity(self):
        for rma in self:
            rounding = rma.product_uom.rounding or 0.01
            if (
                float_compare(rma.product_uom_qty, 0.0, precision_rounding=rounding)
                <= 0
            ):
                raise ValidationError(
                    _(
                        "%(rma)s: the quantity to return must be more than 0 (got "
                        "%(qty)s).",
                        rma=rma.display_name,
                        qty=rma.product_uom_qty,
                    )
                )

    @api.constrains("partner_id", "partner_shipping_id", "partner_invoice_id")
    def _check_aftersales_partners(self):
        """The shipping and invoice addresses belong to the customer: nobody
        sends another customer's goods or address through a return."""
        for rma in self:
            customer = rma.partner_id.commercial_partner_id
            for fname in ("partner_shipping_id", "partner_invoice_id"):
                partner = rma[fname]
                if partner and customer and partner.commercial_partner_id != customer:
                    raise ValidationError(
                        _(
                            "%(rma)s: %(field)s %(partner)s does not belong to the "
                            "customer %(customer)s.",
                            rma=rma.display_name,
                            field=rma._fields[fname]._description_string(self.env),
                            partner=partner.display_name,
                            customer=customer.display_name,
                        )
                    )

    # ------------------------------------------------------------------
    # What an agent reads of a processed return (read only)
    # ------------------------------------------------------------------
    def _aftersales_pickings(self):
        return (
            self.reception_move_id.picking_id
            | self.delivery_move_ids.picking_id
            | self.aftersales_after_picking_id
        )

    def action_aftersales_view_transfers(self):
        self.ensure_one()
        module = "aftersales_returns"
        pickings = self.sudo()._aftersales_pickings()
        action = {
            "type": "ir.actions.act_window",
            "name": _("Transfers of %s", self.name),
            "res_model": "stock.picking",
            "view_mode": "list,form",
            "views": [
                (
                    self.env.ref(f"{module}.stock_picking_view_list_aftersales").id,
                    "list",
                ),
                (
                    self.env.ref(f"{module}.stock_picking_view_form_aftersales").id,
                    "form",
                ),
            ],
            "domain": [("id", "in", pickings.ids)],
            "context": {"create": False, "edit": False, "delete": False},
        }
        return action

    def action_aftersales_view_credit_note(self):
        self.ensure_one()
        module = "aftersales_returns"
        return {
            "type": "ir.actions.act_window",
            "name": _("Credit Note of %s", self.name),
            "res_model": "account.move",
            "view_mode": "form",
            "views": [
                (self.env.ref(f"{module}.account_move_view_form_aftersales").id, "form")
            ],
            "res_id": self.sudo().refund_id.id,
            "context": {"create": False, "edit": False, "delete": False},
        }

    # ------------------------------------------------------------------
    # Pickup by the company when it is at fault
    # ------------------------------------------------------------------
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
