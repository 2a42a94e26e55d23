# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Approval by the product manager, override of the rules, and the manager's
written decision when an inspection fails a condition."""

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .rma_selections import DECISIONS


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
    aftersales_waiting_approval = fields.Boolean(
        string="Waiting for Approval",
        compute="_compute_aftersales_waiting_approval",
        store=True,
        index=True,
        help="A draft return whose reason needs the product manager's approval, "
        "not given yet.",
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
    # The manager's written decision after a failed receipt check
    aftersales_decision = fields.Selection(
        DECISIONS, string="Decision", readonly=True, copy=False, tracking=True
    )
    aftersales_decision_fee_pct = fields.Float(
        string="Decided Fee (%)", readonly=True, copy=False, digits=(5, 2)
    )
    aftersales_decision_note = fields.Text(
        string="Decision Note", readonly=True, copy=False
    )
    aftersales_decided_by_id = fields.Many2one(
        "res.users", string="Decided By", readonly=True, copy=False
    )
    aftersales_decided_date = fields.Datetime(
        string="Decided On", readonly=True, copy=False
    )
    can_aftersales_approve = fields.Boolean(compute="_compute_can_aftersales_approval")
    can_aftersales_override = fields.Boolean(compute="_compute_can_aftersales_approval")
    can_aftersales_decide = fields.Boolean(compute="_compute_can_aftersales_approval")

    @api.model
    def _aftersales_guarded_fields(self):
        return super()._aftersales_guarded_fields() | {
            "aftersales_approved_by_id",
            "aftersales_approved_date",
            "aftersales_override_reason",
            "aftersales_override_by_id",
            "aftersales_override_date",
            "aftersales_decision",
            "aftersales_decision_fee_pct",
            "aftersales_decision_note",
            "aftersales_decided_by_id",
            "aftersales_decided_date",
        }

    @api.depends("reason_id.aftersales_approval")
    def _compute_aftersales_approval_required(self):
        for rma in self:
            rma.aftersales_approval_required = (
                rma.reason_id.aftersales_approval == "approve"
            )

    @api.depends(
        "state",
        "aftersales_approval_required",
        "aftersales_approved_by_id",
        "aftersales_override_reason",
    )
    def _compute_aftersales_waiting_approval(self):
        for rma in self:
            rma.aftersales_waiting_approval = (
                rma.state == "draft"
                and rma.aftersales_approval_required
                and not rma.aftersales_approved_by_id
                and not rma.aftersales_override_reason
            )

    @api.depends_context("uid")
    @api.depends(
        "state",
        "aftersales_approval_required",
        "aftersales_approved_by_id",
        "aftersales_inspection_outcome",
    )
    def _compute_can_aftersales_approval(self):
        is_manager = self.env.user._aftersales_is_manager()
        for rma in self:
            rma.can_aftersales_approve = (
                is_manager
                and rma.state == "draft"
                and rma.aftersales_approval_required
                and not rma.aftersales_approved_by_id
            )
            rma.can_aftersales_override = is_manager and rma.state == "draft"
            rma.can_aftersales_decide = (
                is_manager and rma.aftersales_inspection_outcome == "decision"
            )

    # ------------------------------------------------------------------
    # Approval and override
    # ------------------------------------------------------------------
    def action_aftersales_approve(self):
        self.env.user._aftersales_check_manager(self, _("approve"))
        for rma in self:
            if rma.state != "draft" or not rma.aftersales_approval_required:
                raise UserError(
                    _("%s does not wait for an approval.", rma.display_name)
                )
        self._aftersales_action_write(
            {
                "aftersales_approved_by_id": self.env.uid,
                "aftersales_approved_date": fields.Datetime.now(),
            }
        )
        for rma in self:
            rma.message_post(body=_("Return approved by the product manager."))
        return True

    def action_aftersales_override(self):
        self.env.user._aftersales_check_manager(self, _("override the rules of"))
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "aftersales_returns.aftersales_rma_override_action"
        )
        action["context"] = {"active_ids": self.ids, "active_model": "rma"}
        return action

    def _aftersales_override(self, reason):
        self.env.user._aftersales_check_manager(self, _("override the rules of"))
        if not (reason or "").strip():
            raise UserError(_("An override needs a written reason."))
        self._aftersales_action_write(
            {
                "aftersales_override_reason": reason,
                "aftersales_override_by_id": self.env.uid,
                "aftersales_override_date": fields.Datetime.now(),
            }
        )
        for rma in self:
            rma.message_post(
                body=Markup("%s<br/>%s")
                % (
                    _("Rules overridden by %s. Reason:", self.env.user.name),
                    reason,
                )
            )
        self.action_confirm()

    # ------------------------------------------------------------------
    # Manager's written decision after a failed receipt check
    # ------------------------------------------------------------------
    def action_aftersales_decide(self):
        self.env.user._aftersales_check_manager(self, _("decide on"))
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "aftersales_returns.aftersales_rma_decision_action"
        )
        action["context"] = {"default_rma_ids": self.ids}
        return action

    def _aftersales_decide(self, decision, note, fee_pct=0.0):
        """Record the manager's decision, then let the money (or the send
        back) follow. Public through the decision wizard."""
        self.env.user._aftersales_check_manager(self, _("decide on"))
        if not (note or "").strip():
            raise UserError(_("A decision needs a written note."))
        if decision not in dict(DECISIONS):
            raise UserError(_("Unknown decision %s.", decision))
        if decision == "fee" and not 0.0 < fee_pct <= 100.0:
            raise UserError(
                _(
                    "The fee must be more than 0%% and at most 100%% (got %s%%).",
                    fee_pct,
                )
            )
        self._aftersales_lock()
        for rma in self:
            if rma.aftersales_inspection_outcome != "decision":
                raise UserError(_("%s does not wait for a decision.", rma.display_name))
        self._aftersales_action_write(
            {
                "aftersales_decision": decision,
                "aftersales_decision_fee_pct": fee_pct if decision == "fee" else 0.0,
                "aftersales_decision_note": note,
                "aftersales_decided_by_id": self.env.uid,
                "aftersales_decided_date": fields.Datetime.now(),
            }
        )
        labels = dict(
            self._fields["aftersales_decision"]._description_selection(self.env)
        )
        for rma in self:
            rma.message_post(
                body=Markup("%s<br/>%s")
                % (
                    _(
                        "Decision of %(user)s: %(decision)s.",
                        user=self.env.user.name,
                        decision=labels[decision],
                    ),
                    note,
                )
            )
        self._aftersales_apply_decision(decision)
        return True
