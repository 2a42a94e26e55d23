# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .rma_selections import APPROVAL_REASONS


class Rma(models.Model):
    _inherit = "rma"

    aftersales_approval_required = fields.Boolean(
        string="Approval Required",
        compute="_compute_aftersales_approval_required",
        store=True,
    )
    aftersales_approved_by_id = fields.Many2one(
        "res.users", string="Approved By", readonly=True, copy=False, tracking=True
    )
    aftersales_approved_date = fields.Datetime(
        string="Approved On", readonly=True, copy=False
    )
    aftersales_override_reason = fields.Text(
        string="Override Reason", readonly=True, copy=False, tracking=True
    )
    aftersales_override_by_id = fields.Many2one(
        "res.users", string="Overridden By", readonly=True, copy=False
    )
    aftersales_override_date = fields.Datetime(
        string="Overridden On", readonly=True, copy=False
    )
    can_aftersales_approve = fields.Boolean(compute="_compute_can_aftersales_approval")
    can_aftersales_override = fields.Boolean(
        compute="_compute_can_aftersales_approval"
    )

    @api.depends("return_reason")
    def _compute_aftersales_approval_required(self):
        for rma in self:
            rma.aftersales_approval_required = rma.return_reason in APPROVAL_REASONS


    @api.depends_context("uid")
    @api.depends("state", "aftersales_approval_required", "aftersales_approved_by_id")
    def _compute_can_aftersales_approval(self):
        is_manager = self.env.user.has_group(
            "aftersales_service.group_aftersales_manager"
        )
        for rma in self:
            rma.can_aftersales_approve = (
                is_manager
                and rma.state == "draft"
                and rma.aftersales_approval_required
                and not rma.aftersales_approved_by_id
            )
            rma.can_aftersales_override = is_manager and rma.state == "draft"

    # ------------------------------------------------------------------
    # Approval and override
    # ------------------------------------------------------------------
    def _aftersales_check_manager(self):
        if not self.env.user.has_group("aftersales_service.group_aftersales_manager"):
            raise UserError(
                _(
                    "Only an after-sales manager (product manager) may approve or "
                    "override returns: %s.",
                    ", ".join(self.mapped("display_name")),
                )
            )

    def action_aftersales_approve(self):
        self._aftersales_check_manager()
        for rma in self:
            if rma.state != "draft" or not rma.aftersales_approval_required:
                raise UserError(
                    _("%s does not wait for an approval.", rma.display_name)
                )
        self.write(
            {
                "aftersales_approved_by_id": self.env.uid,
                "aftersales_approved_date": fields.Datetime.now(),
            }
        )
        for rma in self:
            rma.message_post(body=_("Return approved by the product manager."))
        return True

    def action_aftersales_override(self):
        self._aftersales_check_manager()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "aftersales_returns.aftersales_rma_override_action"
        )
        action["context"] = {"active_ids": self.ids, "active_model": "rma"}
        return action

    def _aftersales_override(self, reason):
        self._aftersales_check_manager()
        if not (reason or "").strip():
            raise UserError(_("An override needs a written reason."))
        self.write(
            {
                "aftersales_override_reason": reason,
                "aftersales_override_by_id": self.env.uid,
                "aftersales_override_date": fields.Datetime.now(),
            }
        )
        for rma in self:
            rma.message_post(
                body=Markup("%s<br/>%s") % (
                    _("Rules overridden by %s. Reason:", self.env.user.name),
                    reason,
                )
            )
        self.action_confirm()

