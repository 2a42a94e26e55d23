# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..tools import format_reader_datetime, reader_tz

MONEY_KINDS = ("refund", "discount")
GOODS_KINDS = ("replacement", "goods", "gift")


class AftersalesCompensation(models.Model):
    """Compensation proposal on a complaint (赔偿方案), carried out on
    approval.

    Nothing is promised to the customer before a manager approves it. On
    approval the suite carries it out (seed 000: 签下处理协议, 通知仓管出货 /
    市场发礼品, 跟踪至满意): a draft credit note for a refund or a discount, a
    delivery for a replacement, goods or a gift, both linked to the
    compensation and the ticket. The customer signs the handling agreement
    (处理协议), which prints with the signature.
    """

    _name = "aftersales.compensation"
    _description = "Complaint Compensation Proposal"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "id desc"

    name = fields.Char(
        string="Reference", copy=False, readonly=True, default="/", index="trigram"
    )
    ticket_id = fields.Many2one(
        "helpdesk.ticket", required=True, index=True, ondelete="cascade"
    )
    partner_id = fields.Many2one(related="ticket_id.partner_id", string="Customer")
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    kind = fields.Selection(
        [
            ("replacement", "Replacement"),
            ("refund", "Refund"),
            ("goods", "Goods"),
            ("gift", "Gift"),
            ("discount", "Discount"),
        ],
        required=True,
        default="replacement",
        tracking=True,
        help="Replacement, refund, goods, gift or "
        "discount. A refund or a discount becomes a draft credit note, "
        "the others a delivery to the customer.",
    )
    amount = fields.Monetary(
        currency_field="currency_id",
        tracking=True,
        help="Amount refunded or granted (credit note); for goods, their value.",
    )
    product_id = fields.Many2one(
        "product.product",
        string="Product",
        domain="[('type', '=', 'consu')]",
        help="What is delivered for a replacement, goods or a gift (default: the "
        "ticket's product for a replacement).",
    )
    quantity = fields.Float(default=1.0, digits="Product Unit of Measure")
    description = fields.Text()
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("to_approve", "To Approve"),
            ("approved", "Approved"),
            ("refused", "Refused"),
        ],
        required=True,
        default="draft",
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
    )
    approved_by_id = fields.Many2one(
        "res.users", string="Approved By", readonly=True, copy=False
    )
    approved_date = fields.Datetime(readonly=True, copy=False)
    refused_by_id = fields.Many2one(
        "res.users", string="Refused By", readonly=True, copy=False
    )
    # What was done, and when
    carried_out_date = fields.Datetime(
        string="Carried Out On", readonly=True, copy=False
    )
    credit_note_id = fields.Many2one(
        "account.move", string="Credit Note", readonly=True, copy=False
    )
    picking_id = fields.Many2one(
        "stock.picking", string="Delivery", readonly=True, copy=False
    )
    credit_note_state = fields.Selection(
        related="credit_note_id.state", string="Credit Note Status", tracking=False
    )
    picking_state = fields.Selection(
        related="picking_id.state", string="Delivery Status", tracking=False
    )
    # The handling agreement (处理协议)
    signature = fields.Image(
        string="Customer's Signature",
        copy=False,
        attachment=True,
        max_width=1024,
        max_height=1024,
    )
    signed_by = fields.Char(copy=False)
    signed_date = fields.Datetime(string="Signed On", copy=False)
    can_approve = fields.Boolean(compute="_compute_can_approve")
    can_sign = fields.Boolean(compute="_compute_can_approve")

    @api.depends("state", "signature")
    @api.depends_context("uid")
    def _compute_can_approve(self):
        is_manager = self.env.user._aftersales_is_manager()
        is_user = self.env.user._aftersales_is_user()
        for rec in self:
            rec.can_approve = is_manager and rec.state == "to_approve"
            rec.can_sign = is_user and rec.state == "approved" and not rec.signature

    @api.model
    def _aftersales_guarded_fields(self):
        """Set by Submit / Approve / Refuse / Sign only: the approval, what was
        carried out and the customer's signature."""
        return super()._aftersales_guarded_fields() | {
            "state",
            "approved_by_id",
            "approved_date",
            "refused_by_id",
            "carried_out_date",
            "credit_note_id",
            "picking_id",
            "signature",
            "signed_by",
            "signed_date",
        }

    @api.model_create_multi
    def create(self, vals_list):
        tickets = self.env["helpdesk.ticket"].browse(
            [v["ticket_id"] for v in vals_list if v.get("ticket_id")]
        )
        tickets.fetch(["company_id"])
        for vals in vals_list:
            ticket = self.env["helpdesk.ticket"].browse(vals.get("ticket_id"))
            if ticket.company_id:
                vals.setdefault("company_id", ticket.company_id.id)
            if vals.get("name", "/") == "/":
                vals["name"] = (
                    self.env["ir.sequence"].next_by_code("aftersales.compensation")
                    or "/"
                )
        return super().create(vals_list)

    def write(self, vals):
        decided = self.filtered(lambda c: c.state != "draft")
        if decided and set(vals) & {
            "kind",
            "amount",
            "ticket_id",
            "company_id",
            "product_id",
            "quantity",
        }:
            raise UserError(
                self.env._(
                    "Compensation for %s is submitted or decided: its kind and "
                    "amount can no longer be changed.",
                    decided[0].ticket_id.display_name,
                )
            )
        return super().write(vals)

    @api.onchange("kind", "ticket_id")
    def _onchange_kind(self):
        if self.kind == "replacement" and not self.product_id and self.ticket_id:
            self.product_id = self.ticket_id.product_id

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def _check_carry_out_values(self):
        """What the approval will carry out must make sense."""
        for rec in self:
            if rec.amount < 0:
                raise UserError(
                    self.env._(
                        "Compensation %(name)s: the amount cannot be negative "
                        "(%(amount)s).",
                        name=rec.name,
                        amount=rec.amount,
                    )
                )
            if rec.kind in MONEY_KINDS and rec.amount <= 0:
                raise UserError(
                    self.env._(
                        "Compensation %s: give the amount refunded or granted.",
                        rec.name,
                    )
                )
            if rec.kind in GOODS_KINDS:
                if not rec.product_id:
                    raise UserError(
                        self.env._(
                            "Compensation %s: choose the product delivered to the "
                            "customer.",
                            rec.name,
                        )
                    )
                if rec.quantity <= 0:
                    raise UserError(
                        self.env._(
                            "Compensation %(name)s: the quantity must be greater "
                            "than 0 (%(qty)s).",
                            name=rec.name,
                            qty=rec.quantity,
                        )
                    )
            if not rec.partner_id:
                raise UserError(
                    self.env._(
                        "Compensation %(name)s: ticket %(ticket)s has no customer.",
                        name=rec.name,
                        ticket=rec.ticket_id.display_name,
                    )
                )

    def action_submit(self):
        for rec in self:
            if rec.state != "draft":
                raise UserError(
                    self.env._("Only a draft compensation can be submitted.")
                )
        self._check_carry_out_values()
        self._aftersales_action_write({"state": "to_approve"})
        return True

    def _check_manager(self):
        self.env.user._aftersales_check_manager(
            self, self.env._("approve or refuse the compensation")
        )

    def action_approve(self):
        """A manager approves: the compensation is carried out at once."""
        self._check_manager()
        if self.filtered(lambda c: c.state != "to_approve"):
            raise UserError(
                self.env._("Only a compensation waiting for approval can be approved.")
            )
        self._check_carry_out_values()
        self._aftersales_action_write(
            {
                "state": "approved",
                "approved_by_id": self.env.user.id,
                "approved_date": fields.Datetime.now(),
            }
        )
        self._aftersales_carry_out()
        return True

    def action_refuse(self):
        self._check_manager()
        if self.filtered(lambda c: c.state not in ("to_approve", "draft")):
            raise UserError(
                self.env._("Only an undecided compensation can be refused.")
            )
        self._aftersales_action_write(
            {"state": "refused", "refused_by_id": self.env.user.id}
        )
        return True

    def action_draft(self):
        if self.filtered(lambda c: c.state != "refused"):
            raise UserError(
                self.env._("Only a refused compensation can be reset to draft.")
            )
        self._aftersales_action_write({"state": "draft", "refused_by_id": False})
        return True

    # ------------------------------------------------------------------
    # Carrying it out
    # ------------------------------------------------------------------
    def _prepare_credit_note_vals(self):
        """Draft credit note of a refund or a discount: one line of the
        amount, no tax (the amount is what the customer gets)."""
        self.ensure_one()
        label = self.env._(
            "%(kind)s for ticket %(ticket)s (%(name)s)",
            kind=dict(self._fields["kind"]._description_selection(self.env))[self.kind],
            ticket=self.ticket_id.display_name,
            name=self.name,
        )
        return {
            "move_type": "out_refund",
            "partner_id": self.partner_id.commercial_partner_id.id,
            "company_id": self.company_id.id,
            "currency_id": self.currency_id.id,
            "invoice_origin": self.ticket_id.number,
            "ref": self.name,
            "aftersales_compensation_id": self.id,
            "aftersales_ticket_id": self.ticket_id.id,
            "invoice_line_ids": [
                fields.Command.create(
                    {
                        "name": label,
                        "quantity": 1.0,
                        "price_unit": self.amount,
                        "tax_ids": [fields.Command.clear()],
                    }
                )
            ],
        }

    def _aftersales_picking_type(self):
        self.ensure_one()
        warehouse = self.env["stock.warehouse"].search(
            [("company_id", "=", self.company_id.id)], limit=1
        )
        if not warehouse.out_type_id:
            raise UserError(
                self.env._(
                    "Company %s has no warehouse delivery type to send the "
                    "compensation from.",
                    self.company_id.display_name,
                )
            )
        return warehouse.out_type_id

    def _prepare_picking_vals(self):
        """Delivery of a replacement, goods or a gift to the customer."""
        self.ensure_one()
        picking_type = self._aftersales_picking_type()
        partner = self.partner_id
        dest = partner.property_stock_customer or self.env.ref(
            "stock.stock_location_customers"
        )
        source = picking_type.default_location_src_id
        return {
            "picking_type_id": picking_type.id,
            "partner_id": partner.id,
            "company_id": self.company_id.id,
            "location_id": source.id,
            "location_dest_id": dest.id,
            "origin": f"{self.ticket_id.number} / {self.name}",
            "aftersales_compensation_id": self.id,
            "aftersales_ticket_id": self.ticket_id.id,
            "move_ids": [
                fields.Command.create(
                    {
                        "name": self.product_id.display_name,
                        "product_id": self.product_id.id,
                        "product_uom_qty": self.quantity,
                        "product_uom": self.product_id.uom_id.id,
                        "location_id": source.id,
                        "location_dest_id": dest.id,
                        "company_id": self.company_id.id,
                    }
                )
            ],
        }

    def _aftersales_carry_out(self):
        """Create the credit note or the delivery of approved compensations.

        Rights: the approving manager may have no accounting or inventory
        rights; the documents are created with ``sudo()`` from the values
        :meth:`_prepare_credit_note_vals` / :meth:`_prepare_picking_vals`
        build from the approved record (checked by
        :meth:`_check_carry_out_values`), never from a client's dict. The
        credit note stays a draft for accounting to post; the delivery waits
        for the warehouse.
        """
        now = fields.Datetime.now()
        for rec in self.filtered(lambda c: c.state == "approved"):
            if rec.credit_note_id or rec.picking_id:
                continue
            vals = {"carried_out_date": now}
            if rec.kind in MONEY_KINDS:
                move = (
                    self.env["account.move"]
                    .sudo()
                    .create(rec._prepare_credit_note_vals())
                )
                vals["credit_note_id"] = move.id
                done = self.env._(
                    "Draft credit note %(move)s of %(amount)s created for %(name)s.",
                    move=move.display_name,
                    amount=rec.amount,
                    name=rec.name,
                )
            else:
                picking = (
                    self.env["stock.picking"].sudo().create(rec._prepare_picking_vals())
                )
                picking.action_confirm()
                vals["picking_id"] = picking.id
                done = self.env._(
                    "Delivery %(picking)s of %(qty)s x %(product)s sent to the "
                    "warehouse for %(name)s.",
                    picking=picking.name,
                    qty=rec.quantity,
                    product=rec.product_id.display_name,
                    name=rec.name,
                )
            rec._aftersales_action_write(vals)
            rec._aftersales_message_post_auto(body=done, subtype_xmlid="mail.mt_note")
            rec.ticket_id._aftersales_message_post_auto(
                body=done, subtype_xmlid="mail.mt_note"
            )
        return True

    def action_view_credit_note(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account.action_move_out_refund_type"
        )
        action.update(
            {
                "res_id": self.credit_note_id.id,
                "view_mode": "form",
                "views": [(False, "form")],
            }
        )
        return action

    def action_view_picking(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "stock.action_picking_tree_all"
        )
        action.update(
            {
                "res_id": self.picking_id.id,
                "view_mode": "form",
                "views": [(False, "form")],
            }
        )
        return action

    # ------------------------------------------------------------------
    # Handling agreement (处理协议)
    # ------------------------------------------------------------------
    def action_open_sign_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Customer Signs the Handling Agreement"),
            "res_model": "aftersales.compensation.sign",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_compensation_id": self.id,
                "default_signed_by": self.partner_id.name,
            },
        }

    def action_sign(self, signature, signed_by):
        """Record the customer's signature of the handling agreement (public
        method, used by the signing wizard)."""
        self.ensure_one()
        if not self.env.user._aftersales_is_user():
            raise AccessError(
                self.env._(
                    "Only after-sales staff record the customer's signature of %s.",
                    self.name,
                )
            )
        if self.state != "approved":
            raise UserError(
                self.env._(
                    "Compensation %s is not approved: the customer signs the "
                    "agreed handling only.",
                    self.name,
                )
            )
        if self.signature:
            raise UserError(
                self.env._("The handling agreement %s is already signed.", self.name)
            )
        if not signature or not (signed_by or "").strip():
            raise UserError(
                self.env._(
                    "Handling agreement %s: the customer's signature and name are "
                    "required.",
                    self.name,
                )
            )
        self._aftersales_action_write(
            {
                "signature": signature,
                "signed_by": signed_by.strip(),
                "signed_date": fields.Datetime.now(),
            }
        )
        self._aftersales_message_post_auto(
            body=self.env._("Handling agreement signed by %s.", signed_by.strip()),
            subtype_xmlid="mail.mt_note",
        )
        return True

    def _aftersales_reader_datetime(self, value):
        """A date and time of the agreement as the customer reads it."""
        self.ensure_one()
        return format_reader_datetime(
            self.env,
            value,
            tz=reader_tz(self.env, self.partner_id, self.company_id),
            partner=self.partner_id,
        )

    def action_print_agreement(self):
        return self.env.ref(
            "aftersales_service.action_report_compensation_agreement"
        ).report_action(self)
