# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

MANAGER_GROUP = "aftersales_service.group_aftersales_manager"


class AftersalesCompensation(models.Model):
    """Compensation proposal on a complaint (赔偿方案).

    Nothing is promised to the customer before a manager approves it.
    """

    _name = "aftersales.compensation"
    _description = "Complaint Compensation Proposal"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "id desc"

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
        help="Replacement (换货), refund (退款), goods (实物), gift (礼品) or "
        "discount (折扣).",
    )
    amount = fields.Monetary(currency_field="currency_id", tracking=True)
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
    can_approve = fields.Boolean(compute="_compute_can_approve")

    @api.depends("state")
    @api.depends_context("uid")
    def _compute_can_approve(self):
        is_manager = self.env.user.has_group(MANAGER_GROUP)
        for rec in self:
            rec.can_approve = is_manager and rec.state == "to_approve"

    @api.model_create_multi
    def create(self, vals_list):
        tickets = self.env["helpdesk.ticket"].browse(
            [v["ticket_id"] for v in vals_list if v.get("ticket_id")]
        )
        tickets.fetch(["company_id"])
        for vals in vals_list:
            vals["state"] = "draft"
            ticket = self.env["helpdesk.ticket"].browse(vals.get("ticket_id"))
            if ticket.company_id:
                vals.setdefault("company_id", ticket.company_id.id)
        return super().create(vals_list)

    def write(self, vals):
        if "state" in vals or "approved_by_id" in vals:
            raise UserError(
                self.env._(
                    "The state of a compensation proposal changes only through "
                    "its buttons."
                )
            )
        decided = self.filtered(lambda c: c.state != "draft")
        if decided and set(vals) & {"kind", "amount", "ticket_id", "company_id"}:
            raise UserError(
                self.env._(
                    "Compensation for %s is submitted or decided: its kind and "
                    "amount can no longer be changed.",
                    decided[0].ticket_id.display_name,
                )
            )
        return super().write(vals)

    def action_submit(self):
        for rec in self:
            if rec.state != "draft":
                raise UserError(
                    self.env._("Only a draft compensation can be submitted.")
                )
        super().write({"state": "to_approve"})
        return True

    def _check_manager(self):
        if not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(
                self.env._(
                    "Only an after-sales manager can approve or refuse the "
                    "compensation for %s.",
                    ", ".join(self.mapped("ticket_id.display_name")),
                )
            )

    def action_approve(self):
        self._check_manager()
        if self.filtered(lambda c: c.state != "to_approve"):
            raise UserError(
                self.env._("Only a compensation waiting for approval can be "
                           "approved.")
            )
        super().write(
            {
                "state": "approved",
                "approved_by_id": self.env.user.id,
                "approved_date": fields.Datetime.now(),
            }
        )
        return True

    def action_refuse(self):
        self._check_manager()
        if self.filtered(lambda c: c.state not in ("to_approve", "draft")):
            raise UserError(
                self.env._("Only an undecided compensation can be refused.")
            )
        super().write({"state": "refused"})
        return True

    def action_draft(self):
        if self.filtered(lambda c: c.state != "refused"):
            raise UserError(
                self.env._("Only a refused compensation can be reset to draft.")
            )
        super().write({"state": "draft"})
        return True
