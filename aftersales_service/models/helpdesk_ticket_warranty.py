# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..tools import GIVEN_ON_CREATE
from .aftersales_warranty import COVERAGE_STATES


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    product_id = fields.Many2one("product.product", string="Product", index=True)
    lot_id = fields.Many2one(
        "stock.lot",
        string="Lot/Serial Number",
        index=True,
        domain="[('product_id', '=?', product_id)]",
    )
    sale_order_id = fields.Many2one("sale.order", string="Sale Order", index=True)
    aftersales_exclusion_id = fields.Many2one(
        "aftersales.warranty.exclusion",
        string="Warranty Exclusion",
        tracking=True,
        help="Cause of the fault that the warranty does not cover.",
    )
    aftersales_user_caused = fields.Boolean(
        string="Caused by the User",
        tracking=True,
        help="In warranty but caused by the user: the repair is charged at cost.",
    )
    warranty_id = fields.Many2one(
        "aftersales.warranty",
        string="Warranty Card",
        compute="_compute_warranty",
        index=True,
        **GIVEN_ON_CREATE,
    )
    warranty_state = fields.Selection(
        COVERAGE_STATES,
        compute="_compute_warranty",
        tracking=True,
        index=True,
        **GIVEN_ON_CREATE,
    )
    # the warranty decision: given to create when the new ticket names no
    # unit (see ``create``), computed otherwise
    warranty_end_date = fields.Date(compute="_compute_warranty", **GIVEN_ON_CREATE)
    warranty_reason_code = fields.Char(compute="_compute_warranty", **GIVEN_ON_CREATE)
    warranty_reason_values = fields.Json(compute="_compute_warranty", **GIVEN_ON_CREATE)
    warranty_reason = fields.Char(compute="_compute_warranty_reason")
    aftersales_registration_pending = fields.Boolean(
        string="Registration Pending",
        compute="_compute_warranty",
        index=True,
        **GIVEN_ON_CREATE,
        help="The serial is still registered to the distributor we sold it to: "
        "the request is accepted and the distributor is asked to register the "
        "sale to this customer.",
    )
    aftersales_reported_on = fields.Datetime(
        string="Reported On",
        default=fields.Datetime.now,
        help="When the customer reported the fault: the reference date of the "
        "warranty decision (and of an agreement's response time).",
    )
    repair_ids = fields.One2many(
        "repair.order", "ticket_id", string="Repairs", groups="stock.group_stock_user"
    )
    repair_count = fields.Integer(
        compute="_compute_repair_count", groups="stock.group_stock_user"
    )

    _WARRANTY_FIELDS = (
        "warranty_id",
        "warranty_state",
        "warranty_end_date",
        "warranty_reason_code",
        "warranty_reason_values",
        "aftersales_registration_pending",
    )

    def _aftersales_reference_date(self):
        """The day the fault was reported (in the user's timezone)."""
        self.ensure_one()
        return fields.Date.context_today(
            self, self.aftersales_reported_on or fields.Datetime.now()
        )

    @api.depends(
        "partner_id",
        "product_id",
        "lot_id",
        "sale_order_id",
        "aftersales_exclusion_id",
        "aftersales_reported_on",
    )
    def _compute_warranty(self):
        Warranty = self.env["aftersales.warranty"]
        for ticket in self:
            sale_line = self.env["sale.order.line"]
            if ticket.sale_order_id and not ticket.lot_id:
                sale_line = ticket.sale_order_id.order_line.filtered(
                    lambda sl, t=ticket: not t.product_id
                    or sl.product_id == t.product_id
                )[:1]
            known_unit = ticket.lot_id or sale_line
            if not (known_unit or ticket.partner_id and ticket.product_id):
                ticket.update(
                    self._aftersales_warranty_vals(self._aftersales_need_unit())
                )
                continue
            coverage = Warranty._get_coverage(
                partner=ticket.partner_id or None,
                product=ticket.product_id or None,
                lot=ticket.lot_id or None,
                sale_line=sale_line or None,
                on_date=ticket._aftersales_reference_date(),
                excluded=ticket.aftersales_exclusion_id,
            )
            ticket.update(self._aftersales_warranty_vals(coverage))

    @api.model
    def _aftersales_need_unit(self):
        """The decision on a ticket naming no unit: unknown until it does."""
        return self.env["aftersales.warranty"]._coverage_result(
            "unknown", "need_unit", {}
        )

    @api.model
    def _aftersales_warranty_vals(self, coverage):
        """The ticket's warranty fields from a coverage decision."""
        return {
            "warranty_id": coverage["warranty"].id,
            "warranty_state": coverage["state"],
            "warranty_end_date": coverage["end_date"],
            "warranty_reason_code": coverage["reason_code"],
            "warranty_reason_values": coverage["reason_values"],
            "aftersales_registration_pending": coverage["registration_pending"],
        }

    @api.model
    def _aftersales_precompute_create_vals(self, vals):
        """First link of the hook (see helpdesk_ticket.py, whose override
        calls this one): a new ticket naming no unit (no serial, sale order
        nor product, in ``vals`` or as a default) is inserted with its
        decision, "unknown: name the unit"; the ORM computes nothing for it."""
        unit_fields = ("lot_id", "sale_order_id", "product_id")
        context = self.env.context
        if any(vals.get(f) or context.get(f"default_{f}") for f in unit_fields):
            return vals
        if set(self._WARRANTY_FIELDS).intersection(vals):
            return vals
        vals.update(self._aftersales_warranty_vals(self._aftersales_need_unit()))
        return vals

    @api.depends("warranty_reason_code", "warranty_reason_values")
    @api.depends_context("lang")
    def _compute_warranty_reason(self):
        Warranty = self.env["aftersales.warranty"]
        for ticket in self:
            ticket.warranty_reason = (
                Warranty._render_reason(
                    ticket.warranty_reason_code, ticket.warranty_reason_values
                )
                if ticket.warranty_reason_code
                else False
            )

    def _aftersales_refresh_warranty(self):
        """Recompute the warranty decision (after a sell-out registration)."""
        for fname in self._WARRANTY_FIELDS:
            self.env.add_to_compute(self._fields[fname], self)
        self._recompute_recordset(list(self._WARRANTY_FIELDS))
        return True

    def _compute_repair_count(self):
        groups = self.env["repair.order"]._read_group(
            [("ticket_id", "in", self.ids)], ["ticket_id"], ["__count"]
        )
        counts = {ticket.id: count for ticket, count in groups}
        for ticket in self:
            ticket.repair_count = counts.get(ticket.id, 0)

    @api.onchange("lot_id")
    def _onchange_lot_id_warranty(self):
        if self.lot_id:
            self.product_id = self.lot_id.product_id

    @api.onchange("sale_order_id")
    def _onchange_sale_order_id_warranty(self):
        if self.sale_order_id and not self.partner_id:
            self.partner_id = self.sale_order_id.partner_id

    @api.constrains("lot_id", "partner_id")
    def _check_lot_sold_to_partner(self):
        for ticket in self.filtered(lambda t: t.lot_id and t.partner_id):
            if not ticket._aftersales_lot_is_known():
                raise ValidationError(
                    _(
                        "Ticket %(ticket)s: serial %(serial)s was not sold to "
                        "customer %(customer)s (not delivered, registered or "
                        "covered for them).",
                        ticket=ticket.display_name,
                        serial=ticket.lot_id.name,
                        customer=ticket.partner_id.commercial_partner_id.display_name,
                    )
                )

    def _aftersales_lot_is_known(self):
        """Whether the ticket's serial belongs to its customer: the one serial
        check of ``stock.lot`` (delivered, registered at sell-out, or covered
        by their agreement), or a unit still registered to the distributor we
        sold it to (accepted, registration pending)."""
        self.ensure_one()
        if self.lot_id._aftersales_belongs_to(
            self.partner_id, self._aftersales_reference_date()
        ):
            return True
        return bool(self.lot_id._aftersales_pending_sellout())

    @api.model_create_multi
    def create(self, vals_list):
        tickets = super().create(vals_list)
        tickets._aftersales_ask_distributors()
        return tickets

    def write(self, vals):
        res = super().write(vals)
        if {"lot_id", "partner_id"} & set(vals):
            self._aftersales_ask_distributors()
        return res

    def _aftersales_ask_distributors(self):
        for ticket in self.filtered("aftersales_registration_pending"):
            ticket.warranty_id._aftersales_ask_distributor(ticket)

    def _prepare_repair_vals(self):
        """Values of the repair order created from this ticket (hook)."""
        self.ensure_one()
        return {
            "ticket_id": self.id,
            "partner_id": self.partner_id.id,
            "product_id": self.product_id.id,
            "lot_id": self.lot_id.id,
            "company_id": self.company_id.id,
            "aftersales_reported_on": self.aftersales_reported_on,
            "aftersales_exclusion_id": self.aftersales_exclusion_id.id,
            "aftersales_user_caused": self.aftersales_user_caused,
            "internal_notes": self.description,
        }

    def action_create_repair(self):
        self.ensure_one()
        repair = self.env["repair.order"].create(self._prepare_repair_vals())
        self.message_post(
            body=_("Repair order %s created from this ticket.", repair._get_html_link())
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "repair.order",
            "res_id": repair.id,
            "view_mode": "form",
        }

    def action_view_repairs(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "repair.action_repair_order_tree"
        )
        action["domain"] = [("ticket_id", "=", self.id)]
        action["context"] = {"default_ticket_id": self.id}
        return action

    def action_aftersales_check_warranty(self):
        self.ensure_one()
        return self.env["aftersales.warranty.check"]._open_for(
            partner=self.partner_id, lot=self.lot_id, sale_order=self.sale_order_id
        )
