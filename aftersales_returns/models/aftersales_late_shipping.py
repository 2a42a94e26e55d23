# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Late shipping compensation (seed 002, 发货时间承诺): an item shipped after
the promised date earns 5% of its amount (at least 1, at most 30, Settings).

The suite proposes it by itself, when the delivery is validated or, for an
item still not shipped, by a daily job; an after-sales user turns the
proposal into a draft credit note (or a manager dismisses it in writing).
"""

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.aftersales_service.tools import cron_batch_size


class AftersalesLateShipping(models.Model):
    _name = "aftersales.late.shipping"
    _description = "Late Shipping Compensation"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "id desc"
    _rec_name = "sale_line_id"

    company_id = fields.Many2one(
        "res.company", required=True, index=True, readonly=True
    )
    order_id = fields.Many2one(
        "sale.order", string="Sale Order", required=True, index=True, readonly=True
    )
    sale_line_id = fields.Many2one(
        "sale.order.line",
        string="Order Line",
        required=True,
        index=True,
        readonly=True,
        ondelete="cascade",
    )
    partner_id = fields.Many2one(
        related="order_id.partner_id", store=True, string="Customer"
    )
    product_id = fields.Many2one(related="sale_line_id.product_id", store=True)
    currency_id = fields.Many2one(related="order_id.currency_id")
    promised_date = fields.Datetime(readonly=True, string="Promised Shipping")
    shipped_date = fields.Datetime(
        readonly=True,
        string="Shipped On",
        help="Empty while the item is still not shipped.",
    )
    item_amount = fields.Monetary(
        readonly=True,
        help="What the customer pays for the " "item, tax included.",
    )
    amount = fields.Monetary(readonly=True, string="Compensation", tracking=True)
    state = fields.Selection(
        [
            ("proposed", "Proposed"),
            ("credited", "Credited"),
            ("dismissed", "Dismissed"),
        ],
        default="proposed",
        required=True,
        readonly=True,
        index=True,
        tracking=True,
    )
    credit_note_id = fields.Many2one("account.move", readonly=True, copy=False)
    note = fields.Text(help="Why the compensation is dismissed, if it is.")
    decided_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    decided_date = fields.Datetime(readonly=True, copy=False)

    _sql_constraints = [
        (
            "sale_line_uniq",
            "unique(sale_line_id)",
            "An order line is compensated for late shipping once.",
        ),
    ]

    @api.model
    def _aftersales_guarded_fields(self):
        return super()._aftersales_guarded_fields() | {
            "company_id",
            "order_id",
            "sale_line_id",
            "promised_date",
            "shipped_date",
            "item_amount",
            "amount",
            "state",
            "credit_note_id",
            "decided_by_id",
            "decided_date",
        }

    # ------------------------------------------------------------------
    # Proposals
    # ------------------------------------------------------------------
    @api.model
    def _aftersales_amount(self, line):
        """(item amount tax included, compensation): pct of it, clamped."""
        company = line.order_id.company_id
        currency = line.order_id.currency_id
        item = line.price_total
        amount = item * company.aftersales_late_shipping_pct / 100
        amount = min(
            max(amount, company.aftersales_late_shipping_min),
            company.aftersales_late_shipping_max,
        )
        return currency.round(item), currency.round(amount)

    @api.model
    def _aftersales_propose(self, lines_shipped):
        """Create the proposals for ``{sale line: shipped datetime or False}``,
        skipping lines that already have one. A fixed number of queries."""
        if not lines_shipped:
            return self.browse()
        lines = self.env["sale.order.line"].union(*lines_shipped)
        existing = set(
            self.sudo()
            .search([("sale_line_id", "in", lines.ids)])
            .mapped("sale_line_id")
            .ids
        )
        vals_list = []
        for line, shipped in lines_shipped.items():
            if line.id in existing:
                continue
            item, amount = self._aftersales_amount(line)
            if amount <= 0:
                continue
            vals_list.append(
                {
                    "company_id": line.order_id.company_id.id,
                    "order_id": line.order_id.id,
                    "sale_line_id": line.id,
                    "promised_date": line.aftersales_promised_date,
                    "shipped_date": shipped or False,
                    "item_amount": item,
                    "amount": amount,
                }
            )
        proposals = self.sudo()._aftersales_action_create(vals_list)
        for proposal in proposals:
            user = proposal.order_id.user_id
            if user:
                proposal._aftersales_activity_schedule_auto(
                    "mail.mail_activity_data_todo",
                    user_id=user.id,
                    summary=_("Late shipping: credit the customer"),
                )
        lines.sudo().write({"aftersales_ship_checked": True})
        return proposals

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def _aftersales_check_open(self):
        for proposal in self:
            if proposal.state != "proposed":
                raise UserError(_("%s is already decided.", proposal.display_name))

    def _prepare_credit_note_vals(self):
        self.ensure_one()
        order = self.order_id
        line = self.sale_line_id
        taxes = line.tax_id
        price = self.amount
        if taxes:
            # The compensation is what the customer gets, tax included: the
            # line carries the item's taxes and totals exactly that.
            details = taxes._get_tax_details(
                self.amount,
                1.0,
                precision_rounding=self.currency_id.rounding,
                rounding_method="round_globally",
                special_mode="total_included",
            )
            price = details["total_excluded"] + sum(
                td["tax_amount"]
                for td in details["taxes_data"]
                if td["tax"].price_include
            )
        product = self.company_id._aftersales_get_compensation_product()
        return {
            "move_type": "out_refund",
            "company_id": self.company_id.id,
            "partner_id": order.partner_invoice_id.id,
            "currency_id": order.currency_id.id,
            "fiscal_position_id": order.fiscal_position_id.id,
            "invoice_origin": order.name,
            "invoice_user_id": order.user_id.id,
            "invoice_line_ids": [
                (
                    0,
                    0,
                    {
                        "product_id": product.id,
                        "name": _(
                            "Late shipping compensation for %(order)s: %(product)s",
                            order=order.name,
                            product=line.product_id.display_name,
                        ),
                        "quantity": 1,
                        "price_unit": price,
                        "tax_ids": [(6, 0, taxes.ids)],
                    },
                )
            ],
        }

    def action_credit(self):
        """Turn the proposals into draft credit notes (as rma does, the system
        creates them for the agent: the amount comes from the policy)."""
        if not self.env.user._aftersales_is_user():
            raise UserError(
                _(
                    "Only after-sales staff may credit late shipping: %s.",
                    ", ".join(self.mapped("display_name")),
                )
            )
        self._aftersales_check_open()
        refunds = self.env["account.move"]
        for proposal in self:
            refund = (
                self.env["account.move"]
                .sudo()
                .create(proposal._prepare_credit_note_vals())
            )
            proposal.sudo()._aftersales_action_write(
                {
                    "state": "credited",
                    "credit_note_id": refund.id,
                    "decided_by_id": self.env.uid,
                    "decided_date": fields.Datetime.now(),
                }
            )
            proposal.order_id.sudo().message_post(
                body=_(
                    "Late shipping compensation credit note %(refund)s (draft) "
                    "created for %(product)s.",
                    refund=refund.display_name,
                    product=proposal.product_id.display_name,
                ),
                author_id=self.env.user.partner_id.id,
            )
            proposal.activity_ids.sudo().action_feedback(feedback=_("Credited."))
            refunds |= refund
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account.action_move_out_refund_type"
        )
        if len(refunds) == 1:
            action.update(res_id=refunds.id, views=[(False, "form")], view_mode="form")
        else:
            action["domain"] = [("id", "in", refunds.ids)]
        return action

    def action_dismiss(self):
        self.env.user._aftersales_check_manager(self, _("dismiss"))
        self._aftersales_check_open()
        missing = self.filtered(lambda p: not (p.note or "").strip())
        if missing:
            raise UserError(
                _(
                    "Write why the compensation is dismissed: %s.",
                    ", ".join(missing.mapped("display_name")),
                )
            )
        self._aftersales_action_write(
            {
                "state": "dismissed",
                "decided_by_id": self.env.uid,
                "decided_date": fields.Datetime.now(),
            }
        )
        self.activity_ids.sudo().action_feedback(feedback=_("Dismissed."))
        return True

    @api.model
    def _cron_aftersales_detect(self, limit=None):
        """Items not shipped by their promised date, or shipped late before
        the delivery hook saw them: one proposal each. In batches."""
        limit = limit or cron_batch_size(self.env, default=500)
        now = fields.Datetime.now()
        domain = [
            ("aftersales_ship_checked", "=", False),
            ("aftersales_promised_date", "!=", False),
            ("aftersales_promised_date", "<", now),
            ("order_id.state", "=", "sale"),
        ]
        lines = self.env["sale.order.line"].search(domain, limit=limit, order="id")
        if not lines:
            return 0
        shipped_on = lines._aftersales_last_shipping_dates()
        late = {}
        on_time = self.env["sale.order.line"]
        for line in lines:
            shipped = shipped_on.get(line.id)
            delivered = line.qty_delivered >= line.product_uom_qty
            if delivered and shipped and shipped <= line.aftersales_promised_date:
                on_time |= line
            else:
                late[line] = shipped if delivered else False
        self._aftersales_propose(late)
        on_time.sudo().write({"aftersales_ship_checked": True})
        remaining = self.env["sale.order.line"].search_count(domain)
        self.env["ir.cron"]._notify_progress(done=len(lines), remaining=remaining)
        return len(lines)
