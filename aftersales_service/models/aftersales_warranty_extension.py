# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date

from .aftersales_warranty import EXTENSION_MAX_MONTHS


class AftersalesWarrantyExtension(models.Model):
    """Extension request (延保): a manager approves, the card's history keeps it."""

    _name = "aftersales.warranty.extension"
    _description = "Warranty Extension Request"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "id desc"

    warranty_id = fields.Many2one(
        "aftersales.warranty",
        string="Warranty Card",
        required=True,
        index=True,
        ondelete="cascade",
        tracking=True,
    )
    company_id = fields.Many2one(
        related="warranty_id.company_id", store=True, index=True
    )
    partner_id = fields.Many2one(related="warranty_id.partner_id", store=True)
    months = fields.Integer(
        string="Months Requested", required=True, default=12, tracking=True
    )
    reason = fields.Text(required=True)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("requested", "Requested"),
            ("approved", "Approved"),
            ("refused", "Refused"),
        ],
        default="draft",
        required=True,
        tracking=True,
        index=True,
    )
    requested_by_id = fields.Many2one(
        "res.users",
        string="Requested By",
        default=lambda self: self.env.user,
        readonly=True,
    )
    approved_by_id = fields.Many2one("res.users", string="Decided By", readonly=True)
    approved_date = fields.Datetime(string="Decision Date", readonly=True)
    new_end_date = fields.Date(
        compute="_compute_new_end_date", string="End Date If Approved"
    )
    can_request = fields.Boolean(compute="_compute_can")
    can_approve = fields.Boolean(compute="_compute_can")

    @api.model
    def _aftersales_guarded_fields(self):
        """Set only by the request, approval and refusal actions."""
        return super()._aftersales_guarded_fields() | {
            "state",
            "requested_by_id",
            "approved_by_id",
            "approved_date",
        }

    @api.depends("warranty_id.end_date", "months")
    def _compute_new_end_date(self):
        for ext in self:
            end = ext.warranty_id.end_date
            ext.new_end_date = end and end + relativedelta(months=ext.months)

    @api.depends("state")
    @api.depends_context("uid")
    def _compute_can(self):
        is_manager = self.env.user.has_group(
            "aftersales_service.group_aftersales_manager"
        )
        for ext in self:
            ext.can_request = ext.state == "draft"
            ext.can_approve = ext.state == "requested" and is_manager

    def _compute_display_name(self):
        for ext in self:
            ext.display_name = _(
                "%(card)s +%(months)s months",
                card=ext.warranty_id.name or "",
                months=ext.months,
            )

    @api.constrains("months")
    def _check_months(self):
        for ext in self:
            if not 1 <= ext.months <= EXTENSION_MAX_MONTHS:
                raise ValidationError(
                    _(
                        "Extension of card %(card)s: the months requested "
                        "(%(months)s) must be between 1 and %(max)s.",
                        card=ext.warranty_id.name,
                        months=ext.months,
                        max=EXTENSION_MAX_MONTHS,
                    )
                )

    def _check_state(self, states, action):
        for ext in self:
            if ext.state not in states:
                raise UserError(
                    _(
                        "Extension request %(ext)s cannot be %(action)s in state "
                        "%(state)s.",
                        ext=ext.display_name,
                        action=action,
                        state=dict(
                            ext._fields["state"]._description_selection(ext.env)
                        )[ext.state],
                    )
                )

    def _check_manager(self):
        if not self.env.user._aftersales_is_manager():
            raise UserError(
                _(
                    "Only an After-Sales manager can decide on the extension "
                    "request(s) %s.",
                    ", ".join(self.mapped("display_name")),
                )
            )

    def action_request(self):
        self._check_state(["draft"], _("requested"))
        self._aftersales_action_write({"state": "requested"})
        for ext in self:
            ext.warranty_id.message_post(
                body=_(
                    "Extension of %(months)s months requested by %(user)s: "
                    "%(reason)s",
                    months=ext.months,
                    user=self.env.user.name,
                    reason=ext.reason,
                )
            )
        return True

    def action_approve(self):
        self._check_manager()
        self._check_state(["requested"], _("approved"))
        self._aftersales_action_write(
            {
                "state": "approved",
                "approved_by_id": self.env.user.id,
                "approved_date": fields.Datetime.now(),
            }
        )
        for ext in self:
            card = ext.warranty_id.sudo()
            old_end = card.end_date
            card._aftersales_action_write(
                {"extension_months": card.extension_months + ext.months}
            )
            card.message_post(
                body=_(
                    "Extension of %(months)s months approved by %(user)s: end "
                    "date %(old)s -> %(new)s. Reason: %(reason)s",
                    months=ext.months,
                    user=self.env.user.name,
                    old=format_date(self.env, old_end),
                    new=format_date(self.env, card.end_date),
                    reason=ext.reason,
                )
            )
        return True

    def action_refuse(self):
        self._check_manager()
        self._check_state(["requested"], _("refused"))
        self._aftersales_action_write(
            {
                "state": "refused",
                "approved_by_id": self.env.user.id,
                "approved_date": fields.Datetime.now(),
            }
        )
        for ext in self:
            ext.warranty_id.message_post(
                body=_(
                    "Extension of %(months)s months refused by %(user)s.",
                    months=ext.months,
                    user=self.env.user.name,
                )
            )
        return True
