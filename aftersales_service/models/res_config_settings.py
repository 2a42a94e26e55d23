# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    aftersales_warranty_months = fields.Integer(
        related="company_id.aftersales_warranty_months", readonly=False
    )
    aftersales_warranty_start = fields.Selection(
        related="company_id.aftersales_warranty_start", readonly=False
    )

    # --- Service desk ---
    aftersales_default_team_id = fields.Many2one(
        related="company_id.aftersales_default_team_id", readonly=False
    )
    aftersales_assignment_method = fields.Selection(
        related="company_id.aftersales_assignment_method", readonly=False
    )
    aftersales_contact_hours = fields.Float(
        related="company_id.aftersales_contact_hours", readonly=False
    )
    aftersales_solution_hours = fields.Float(
        related="company_id.aftersales_solution_hours", readonly=False
    )
    aftersales_escalation_hours = fields.Float(
        related="company_id.aftersales_escalation_hours", readonly=False
    )
    aftersales_decision_hours = fields.Float(
        related="company_id.aftersales_decision_hours", readonly=False
    )
    aftersales_relay_hours = fields.Float(
        related="company_id.aftersales_relay_hours", readonly=False
    )
    aftersales_sla_warning_hours = fields.Float(
        related="company_id.aftersales_sla_warning_hours", readonly=False
    )
    aftersales_sla_escalation_user_id = fields.Many2one(
        related="company_id.aftersales_sla_escalation_user_id", readonly=False
    )
    aftersales_callback_delay_days = fields.Integer(
        related="company_id.aftersales_callback_delay_days", readonly=False
    )
    aftersales_callback_target_rate = fields.Float(
        related="company_id.aftersales_callback_target_rate", readonly=False
    )
    aftersales_penalty_points = fields.Integer(
        related="company_id.aftersales_penalty_points", readonly=False
    )
    aftersales_score_start = fields.Integer(
        related="company_id.aftersales_score_start", readonly=False
    )
