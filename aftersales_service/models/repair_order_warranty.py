# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from .aftersales_warranty import COVERAGE_STATES


class RepairOrder(models.Model):
    _inherit = "repair.order"

    ticket_id = fields.Many2one(
        "helpdesk.ticket", string="Ticket", index=True, copy=False
    )
    aftersales_exclusion_id = fields.Many2one(
        "aftersales.warranty.exclusion",
        string="Warranty Exclusion",
        tracking=True,
        help="Cause of the fault that the warranty does not cover.",
    )
    aftersales_user_caused = fields.Boolean(
        string="Caused by the User",
        tracking=True,
        help="In warranty but caused by the user: parts are charged at cost.",
    )
    aftersales_warranty_id = fields.Many2one(
        "aftersales.warranty",
        string="Warranty Card",
        compute="_compute_aftersales_warranty",
        store=True,
    )
    aftersales_warranty_state = fields.Selection(
        COVERAGE_STATES,
        string="Warranty State",
        compute="_compute_aftersales_warranty",
        store=True,
        tracking=True,
    )
    aftersales_warranty_reason_code = fields.Char(
        compute="_compute_aftersales_warranty", store=True
    )
    aftersales_warranty_reason_values = fields.Json(
        compute="_compute_aftersales_warranty", store=True
    )
    aftersales_warranty_reason = fields.Char(
        string="Warranty Decision", compute="_compute_aftersales_warranty_reason"
    )
    aftersales_registration_pending = fields.Boolean(
        string="Registration Pending",
        compute="_compute_aftersales_warranty",
        store=True,
        help="The serial is still registered to the distributor we sold it to.",
    )
    aftersales_reported_on = fields.Datetime(
        string="Reported On",
        default=fields.Datetime.now,
        copy=False,
        help="When the fault was reported (the ticket's date for a repair made "
        "from a ticket): the reference date of the warranty decision.",
    )
    aftersales_fee_policy = fields.Selection(
        [
            ("free", "Free (in warranty)"),
            ("cost", "Cost fee (caused by the user)"),
            ("standard", "Standard price"),
        ],
        string="Fee Schedule",
        compute="_compute_aftersales_fee_policy",
        store=True,
        help="In warranty (by its card or an agreement) and not excluded: free; "
        "in warranty but caused by the user: cost fee; out of "
        "warranty or excluded: standard price.",
    )
    # The warranty decision comes from the card, not from a checkbox.
    under_warranty = fields.Boolean(
        compute="_compute_under_warranty", store=True, readonly=True
    )

    _WARRANTY_FIELDS = (
        "aftersales_warranty_id",
        "aftersales_warranty_state",
        "aftersales_warranty_reason_code",
        "aftersales_warranty_reason_values",
        "aftersales_registration_pending",
    )

    @api.depends(
        "partner_id",
        "product_id",
        "lot_id",
        "aftersales_exclusion_id",
        "aftersales_reported_on",
    )
    def _compute_aftersales_warranty(self):
        Warranty = self.env["aftersales.warranty"]
        for repair in self:
            if not (repair.lot_id or repair.partner_id and repair.product_id):
                repair.aftersales_warranty_id = False
                repair.aftersales_warranty_state = "unknown"
                repair.aftersales_warranty_reason_code = False
                repair.aftersales_warranty_reason_values = False
                repair.aftersales_registration_pending = False
                continue
            coverage = Warranty._get_coverage(
                partner=repair.partner_id or None,
                product=repair.product_id or None,
                lot=repair.lot_id or None,
                on_date=fields.Date.context_today(
                    repair, repair.aftersales_reported_on or fields.Datetime.now()
                ),
                excluded=repair.aftersales_exclusion_id,
            )
            repair.aftersales_warranty_id = coverage["warranty"]
            repair.aftersales_warranty_state = coverage["state"]
            repair.aftersales_warranty_reason_code = coverage["reason_code"]
            repair.aftersales_warranty_reason_values = coverage["reason_values"]
            repair.aftersales_registration_pending = coverage["registration_pending"]

    @api.depends("aftersales_warranty_reason_code", "aftersales_warranty_reason_values")
    @api.depends_context("lang")
    def _compute_aftersales_warranty_reason(self):
        Warranty = self.env["aftersales.warranty"]
        for repair in self:
            repair.aftersales_warranty_reason = (
                Warranty._render_reason(
                    repair.aftersales_warranty_reason_code,
                    repair.aftersales_warranty_reason_values,
                )
                if repair.aftersales_warranty_reason_code
                else False
            )

    def _aftersales_refresh_warranty(self):
        """Recompute the warranty decision (after a sell-out registration)."""
        for fname in self._WARRANTY_FIELDS:
            self.env.add_to_compute(self._fields[fname], self)
        self._recompute_recordset(list(self._WARRANTY_FIELDS))
        self._aftersales_apply_fee_schedule()
        return True

    @api.depends("aftersales_warranty_state", "aftersales_user_caused")
    def _compute_aftersales_fee_policy(self):
        for repair in self:
            if repair.aftersales_warranty_state != "in_warranty":
                repair.aftersales_fee_policy = "standard"
            elif repair.aftersales_user_caused:
                repair.aftersales_fee_policy = "cost"
            else:
                repair.aftersales_fee_policy = "free"

    @api.depends("aftersales_warranty_state")
    def _compute_under_warranty(self):
        for repair in self:
            repair.under_warranty = repair.aftersales_warranty_state == "in_warranty"

    def _aftersales_part_price(self, move):
        """Unit price of a part per the fee schedule (hook)."""
        policy = self.aftersales_fee_policy
        if policy == "free":
            return 0.0
        if policy == "cost":
            return move.product_id.standard_price
        return None

    def _aftersales_apply_fee_schedule(self):
        for repair in self:
            for move in repair.move_ids.filtered(
                lambda m: m.repair_line_type == "add" and m.sale_line_id
            ):
                price = repair._aftersales_part_price(move)
                if price is None:
                    move.sale_line_id._compute_price_unit()
                else:
                    move.sale_line_id.write(
                        {"price_unit": price, "technical_price_unit": price}
                    )

    def _update_sale_order_line_price(self):
        res = super()._update_sale_order_line_price()
        self._aftersales_apply_fee_schedule()
        return res

    def write(self, vals):
        res = super().write(vals)
        if {"aftersales_exclusion_id", "aftersales_user_caused", "lot_id"} & set(vals):
            self._aftersales_apply_fee_schedule()
        return res
