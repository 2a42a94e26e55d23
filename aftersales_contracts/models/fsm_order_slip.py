# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import binascii

from markupsafe import escape

from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import html2plaintext, is_html_empty
from odoo.tools.translate import LazyTranslate

from odoo.addons.aftersales_service.models.aftersales_warranty import COVERAGE_STATES
from odoo.addons.aftersales_service.tools import (
    action_scope,
    format_reader_datetime,
    in_action_scope,
    render_coded,
)

_lt = LazyTranslate(__name__)

#: the warranty decision printed on the repair slip, rendered for the reader
DECISIONS = {
    "free": _lt("In warranty until %(end_date)s: free of charge."),
    "cost": _lt(
        "In warranty until %(end_date)s, but caused by the user: parts at cost."
    ),
    "excluded": _lt(
        "In warranty until %(end_date)s, but the fault is excluded from the "
        "warranty (%(exclusion)s): standard fee schedule."
    ),
    "out_of_warranty": _lt(
        "Out of warranty (ended %(end_date)s): standard fee schedule."
    ),
    "unknown": _lt("No warranty card found for this unit: standard fee schedule."),
}

#: fields a completed order keeps as signed
LOCKED_FIELDS = {
    "resolution",
    "aftersales_exclusion_id",
    "aftersales_user_caused",
    "aftersales_lot_id",
    "aftersales_product_id",
    "aftersales_customer_id",
    "aftersales_service_point_id",
    "aftersales_travel_cost",
    "aftersales_lodging_cost",
    "aftersales_line_ids",
}


class FsmOrder(models.Model):
    """The repair slip (维修单) of a dispatch order: the work, parts and fees
    by the fee schedule of the warranty decision, the customer's signature,
    and the completion that needs it."""

    _inherit = "fsm.order"

    aftersales_exclusion_id = fields.Many2one(
        "aftersales.warranty.exclusion",
        string="Warranty Exclusion",
        tracking=True,
        help="Cause of the fault the warranty does not cover, found on site.",
    )
    aftersales_user_caused = fields.Boolean(
        string="Caused by the User",
        tracking=True,
        help="In warranty but caused by the user: parts at cost.",
    )
    aftersales_warranty_id = fields.Many2one(
        "aftersales.warranty",
        string="Warranty Card",
        compute="_compute_aftersales_warranty",
        store=True,
    )
    aftersales_warranty_state = fields.Selection(
        COVERAGE_STATES,
        string="Warranty",
        compute="_compute_aftersales_warranty",
        store=True,
    )
    aftersales_warranty_end_date = fields.Date(
        string="Warranty Ends", compute="_compute_aftersales_warranty", store=True
    )
    aftersales_fee_policy = fields.Selection(
        [
            ("free", "Free (in warranty)"),
            ("cost", "Cost fee (caused by the user)"),
            ("standard", "Standard price"),
        ],
        string="Fee Schedule",
        compute="_compute_aftersales_warranty",
        store=True,
    )
    aftersales_warranty_decision = fields.Char(
        string="Warranty Decision", compute="_compute_aftersales_warranty_decision"
    )
    aftersales_line_ids = fields.One2many(
        "aftersales.onsite.line", "order_id", string="Parts and Services"
    )
    aftersales_currency_id = fields.Many2one(related="company_id.currency_id")
    aftersales_amount_total = fields.Monetary(
        string="Customer Pays",
        compute="_compute_aftersales_amount_total",
        store=True,
        currency_field="aftersales_currency_id",
    )
    aftersales_travel_cost = fields.Monetary(
        string="Travel Cost",
        currency_field="aftersales_currency_id",
        help="Travel and transport re-billed at cost under a software or "
        "equipment agreement.",
    )
    aftersales_lodging_cost = fields.Monetary(
        string="Lodging Cost",
        currency_field="aftersales_currency_id",
        help="Board and lodging re-billed at cost.",
    )
    aftersales_slip_number = fields.Char(
        string="Repair Slip No.", readonly=True, copy=False, index=True
    )
    aftersales_callback_ids = fields.One2many(
        "aftersales.callback", "fsm_order_id", string="Callbacks"
    )
    aftersales_callback_done = fields.Boolean(
        string="Called Back",
        compute="_compute_aftersales_callback_done",
        store=True,
        index=True,
    )

    @api.model
    def _aftersales_guarded_fields(self):
        return super()._aftersales_guarded_fields() | {
            "aftersales_slip_number",
            "aftersales_warranty_id",
            "aftersales_warranty_state",
            "aftersales_warranty_end_date",
            "aftersales_fee_policy",
            "aftersales_amount_total",
            "aftersales_callback_done",
        }

    # ------------------------------------------------------------------
    # Warranty decision and fee schedule
    # ------------------------------------------------------------------
    @api.depends(
        "aftersales_lot_id",
        "aftersales_product_id",
        "aftersales_customer_id",
        "aftersales_exclusion_id",
        "aftersales_user_caused",
        "aftersales_called_on",
    )
    def _compute_aftersales_warranty(self):
        Warranty = self.env["aftersales.warranty"]
        for order in self:
            if not (order.aftersales_lot_id or order.aftersales_product_id):
                coverage = {"state": "unknown", "warranty": Warranty, "end_date": False}
            else:
                coverage = Warranty._get_coverage(
                    partner=order.aftersales_customer_id or None,
                    product=order.aftersales_product_id or None,
                    lot=order.aftersales_lot_id or None,
                    on_date=fields.Date.context_today(
                        order, order.aftersales_called_on or fields.Datetime.now()
                    ),
                    excluded=order.aftersales_exclusion_id,
                )
            state = coverage["state"]
            if state != "in_warranty":
                policy = "standard"
            elif order.aftersales_user_caused:
                policy = "cost"
            else:
                policy = "free"
            order.aftersales_warranty_id = coverage["warranty"]
            order.aftersales_warranty_state = state
            order.aftersales_warranty_end_date = coverage["end_date"]
            order.aftersales_fee_policy = policy

    def _aftersales_decision_code(self):
        self.ensure_one()
        state = self.aftersales_warranty_state or "unknown"
        if state == "in_warranty":
            return self.aftersales_fee_policy
        return state

    @api.depends_context("lang")
    @api.depends("aftersales_warranty_state", "aftersales_fee_policy")
    def _compute_aftersales_warranty_decision(self):
        for order in self:
            order.aftersales_warranty_decision = render_coded(
                self.env,
                DECISIONS,
                order._aftersales_decision_code(),
                {
                    "end_date": order.aftersales_warranty_end_date
                    and fields.Date.to_string(order.aftersales_warranty_end_date),
                    "exclusion": order.aftersales_exclusion_id.display_name or "",
                },
            )

    @api.depends("aftersales_line_ids.price_subtotal")
    def _compute_aftersales_amount_total(self):
        for order in self:
            order.aftersales_amount_total = sum(
                order.aftersales_line_ids.mapped("price_subtotal")
            )

    @api.depends("aftersales_callback_ids.outcome")
    def _compute_aftersales_callback_done(self):
        for order in self:
            order.aftersales_callback_done = bool(
                order.aftersales_callback_ids.filtered(
                    lambda c: c.outcome and c.outcome != "unreachable"
                )
            )

    # ------------------------------------------------------------------
    @api.model
    def _aftersales_prepare_dispatch(self, vals):
        vals = super()._aftersales_prepare_dispatch(vals)
        ticket = self.env["helpdesk.ticket"].browse(vals.get("ticket_id"))
        if ticket:
            vals.setdefault(
                "aftersales_exclusion_id", ticket.aftersales_exclusion_id.id
            )
            vals.setdefault("aftersales_user_caused", ticket.aftersales_user_caused)
        return vals

    def write(self, vals):
        locked = LOCKED_FIELDS & set(vals)
        if locked and not in_action_scope() and self.env.uid != SUPERUSER_ID:
            closed = self.filtered("aftersales_finished_on")
            if closed:
                raise UserError(
                    self.env._(
                        "Order %s is completed: its signed repair slip cannot change.",
                        closed[0].name,
                    )
                )
        return super().write(vals)

    # ------------------------------------------------------------------
    # Signature (the customer signs the repair slip on the technician's
    # phone or tablet)
    # ------------------------------------------------------------------
    def _aftersales_check_can_sign(self):
        for order in self:
            order._aftersales_check_open()
            if not order.aftersales_arrived_on:
                raise UserError(
                    self.env._(
                        "Order %s: check in on site before the customer signs.",
                        order.name,
                    )
                )
            if is_html_empty(order.resolution):
                raise UserError(
                    self.env._(
                        "Order %s: record the work done before the customer "
                        "signs the repair slip.",
                        order.name,
                    )
                )

    def _aftersales_sign(self, name, signature):
        """Store the customer's signature (base64 image) on the slip."""
        self.ensure_one()
        self._aftersales_check_can_sign()
        if not (name or "").strip():
            raise UserError(
                self.env._("Order %s: give the name of who signs.", self.name)
            )
        if not signature:
            raise UserError(
                self.env._("Order %s: the signature is missing.", self.name)
            )
        try:
            raw = base64.b64decode(signature, validate=True)
        except (binascii.Error, ValueError, TypeError) as err:
            raise UserError(
                self.env._("Order %s: the signature is not an image.", self.name)
            ) from err
        self._aftersales_action_write(
            {
                "signature": signature,
                "signed_by": name.strip(),
                "signed_on": fields.Datetime.now(),
            }
        )
        self._aftersales_message_post_auto(
            body=escape(self.env._("Repair slip signed by %s.", self.signed_by)),
            attachments=[("signature.png", raw)],
            message_type="notification",
            subtype_xmlid="mail.mt_note",
        )
        return True

    def _aftersales_sign_and_complete(self, name, signature):
        """The portal's last step: sign, then complete."""
        self.ensure_one()
        self._aftersales_check_can_sign()
        self._aftersales_sign(name, signature)
        return self.action_complete()

    # ------------------------------------------------------------------
    # Completion (refused without the customer's signature)
    # ------------------------------------------------------------------
    def _aftersales_check_can_complete(self):
        for order in self:
            order._aftersales_check_can_sign()
            if not order.signature:
                raise UserError(
                    self.env._(
                        "Order %s cannot be completed: the customer has not "
                        "signed the repair slip.",
                        order.name,
                    )
                )

    def action_complete(self):
        self._aftersales_check_can_complete()
        now = fields.Datetime.now()
        res = True
        for order in self:
            with action_scope():
                order.write(
                    {
                        "aftersales_finished_on": now,
                        "date_end": now,
                        "aftersales_slip_number": self.env["ir.sequence"]
                        .sudo()
                        .next_by_code("aftersales.repair.slip"),
                    }
                )
                order._aftersales_after_complete()
                res = super(FsmOrder, order).action_complete()
        return res

    def _aftersales_after_complete(self):
        """What a signed completion sets off: parts issued under swap, service
        days on the agreement's invoice, the customer's confirmation on the
        ticket, the preventive visit done, the warranty from the installation
        date."""
        self.ensure_one()
        self._aftersales_issue_parts()
        self._aftersales_bill_service_days()
        self._aftersales_confirm_ticket()
        self._aftersales_close_visit()
        self._aftersales_start_installation_warranty()
        self._aftersales_message_post_auto(
            body=escape(
                self.env._(
                    "Completed at %(time)s; repair slip %(slip)s signed by %(name)s.",
                    time=format_reader_datetime(self.env, self.aftersales_finished_on),
                    slip=self.aftersales_slip_number,
                    name=self.signed_by,
                )
            ),
            message_type="notification",
            subtype_xmlid="mail.mt_note",
        )

    def _aftersales_issue_parts(self):
        """Parts a distributor's technician used are issued to the
        distributor under swap (以旧换新): the old part is expected back."""
        point = self.aftersales_service_point_id
        if not point:
            return
        Swap = self.env["aftersales.part.swap"].sudo()
        for line in self.aftersales_line_ids.filtered(
            lambda li: li.kind == "part" and not li.swap_id
        ):
            if line.product_id._aftersales_get_part_policy() == "must_buy":
                continue
            swap = Swap._aftersales_issue_for_order(self, line)
            line.sudo()._aftersales_action_write({"swap_id": swap.id})

    def _aftersales_bill_service_days(self):
        """Days on site (a part day counts as a day) and the travel and
        lodging re-billed on the agreement's next invoice."""
        agreement = self.aftersales_agreement_id
        if agreement.aftersales_kind not in ("software", "equipment"):
            return
        if self.aftersales_visit_id:
            # a preventive visit bills its own time on site (copied from this
            # order when the visit is closed): once, not twice
            return
        agreement.sudo()._aftersales_bill_service_days(
            self.aftersales_arrived_on,
            self.aftersales_finished_on,
            self,
            travel_cost=self.aftersales_travel_cost,
            lodging_cost=self.aftersales_lodging_cost,
        )

    def _aftersales_confirm_ticket(self):
        """The signed slip is the customer's confirmation that the repair is
        done: once every order of the ticket is closed, it is recorded on the
        ticket and its agent is asked to close it (闭环)."""
        ticket = self.ticket_id.sudo()
        if not ticket or ticket.stage_id.closed:
            return
        others = ticket.fsm_order_ids - self
        if any(not o.is_closed for o in others):
            return
        if not ticket.customer_confirmed and hasattr(
            ticket, "_aftersales_record_confirmation"
        ):
            ticket._aftersales_record_confirmation(
                "visit",
                note=self.env._(
                    "Repair slip %(slip)s signed by %(name)s.",
                    slip=self.aftersales_slip_number,
                    name=self.signed_by,
                ),
                user=self.env.user,
            )
        ticket._aftersales_message_post_auto(
            body=escape(
                self.env._(
                    "On-site order %(order)s completed; repair slip %(slip)s "
                    "signed by %(name)s.",
                    order=self.name,
                    slip=self.aftersales_slip_number,
                    name=self.signed_by,
                )
            ),
            message_type="notification",
            subtype_xmlid="mail.mt_note",
        )
        if ticket.user_id:
            ticket._aftersales_activity_schedule_auto(
                "mail.mail_activity_data_todo",
                user_id=ticket.user_id.id,
                summary=self.env._("Close the ticket: on-site repair signed"),
            )

    def _aftersales_close_visit(self):
        visit = self.aftersales_visit_id.sudo()
        if not visit or visit.state != "planned":
            return
        visit._aftersales_action_write(
            {
                "report": html2plaintext(self.resolution or "") or self.name,
                "customer_signature": self.signature,
                "signed_by": self.signed_by,
                "date_arrival": self.aftersales_arrived_on,
                "date_departure": self.aftersales_finished_on,
                "travel_cost": self.aftersales_travel_cost,
                "lodging_cost": self.aftersales_lodging_cost,
            }
        )
        visit.action_done()

    def _aftersales_start_installation_warranty(self):
        """Installation done: the warranty cards of the sale line are created
        (from the installation date where the Settings say so)."""
        if (
            self.aftersales_visit_kind != "installation"
            or not self.aftersales_sale_line_id
        ):
            return
        self.env["aftersales.warranty"].sudo()._generate_from_sale_lines(
            self.aftersales_sale_line_id
        )

    # ------------------------------------------------------------------
    def _aftersales_format_time(self, value):
        """A time as the customer reads it (their timezone, else the
        company's), for the repair slip."""
        self.ensure_one()
        return format_reader_datetime(
            self.env, value, partner=self.aftersales_customer_id or None
        )

    @api.model
    def _aftersales_portal_products(self):
        """What a technician may record on a slip: spare parts (a part policy
        on the product or its category) and on-site fee items."""
        return (
            self.env["product.product"]
            .sudo()
            .search(
                [
                    ("sale_ok", "=", True),
                    "|",
                    "|",
                    ("aftersales_onsite_fee", "=", True),
                    ("aftersales_part_policy", "!=", False),
                    ("categ_id.aftersales_part_policy", "!=", False),
                ],
                order="name",
                limit=200,
            )
        )

    def _get_report_base_filename(self):
        self.ensure_one()
        return self.env._(
            "Repair Slip %s",
            (self.aftersales_slip_number or self.name).replace("/", "-"),
        )

    def action_aftersales_print_slip(self):
        return self.env.ref(
            "aftersales_contracts.action_report_aftersales_repair_slip"
        ).report_action(self)


class FsmOrderSignWizard(models.TransientModel):
    """The OCA signature wizard signs through the guarded action."""

    _inherit = "fsm.order.sign.wizard"

    def action_sign(self):
        self.ensure_one()
        self.order_id._aftersales_check_can_sign()
        with action_scope():
            return super().action_sign()
