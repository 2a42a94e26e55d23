# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    aftersales_warranty_months = fields.Integer(
        string="Default Warranty (months)",
        default=12,
        help="Warranty duration used when neither the product nor its category "
        "defines one (保修期).",
    )
    aftersales_warranty_start = fields.Selection(
        selection=[
            ("invoice", "Customer invoice date"),
            ("delivery", "Delivery date"),
            ("order", "Order date"),
        ],
        string="Warranty Starts On",
        default="invoice",
        required=True,
        help="Which date of the sale starts the warranty of each unit sold "
        "(自售出之日起).",
    )

    # --- Service desk (首问负责制, SLA chain, callbacks) ---
    aftersales_default_team_id = fields.Many2one(
        "helpdesk.ticket.team",
        string="After-Sales Team",
        help="Team that receives the requests logged by any employee "
        "(售后服务部客服组).",
    )
    aftersales_assignment_method = fields.Selection(
        selection=[
            ("first_responder", "First responder if agent, else balanced"),
            ("balanced", "Balanced by open tickets"),
        ],
        string="Assignment Method",
        default="first_responder",
        required=True,
        help="How a handed-over ticket is assigned inside the team. Users marked "
        "unavailable are skipped.",
    )
    aftersales_contact_hours = fields.Float(
        string="Contact Customer Within (h)",
        default=4.0,
        help="Working hours from receipt to first contact with the customer "
        "(4小时内与用户联系).",
    )
    aftersales_solution_hours = fields.Float(
        string="Propose Solution Within (h)",
        default=24.0,
        help="Working hours from contact to a solution for a simple issue "
        "(24小时内回复处理方案).",
    )
    aftersales_escalation_hours = fields.Float(
        string="Escalate Within (h)",
        default=24.0,
        help="Working hours from contact to escalation to the department head "
        "(24小时内反馈到部门负责人).",
    )
    aftersales_decision_hours = fields.Float(
        string="Head Decides Within (h)",
        default=24.0,
        help="Working hours for the department head to decide "
        "(部门负责人24小时内给出处理意见).",
    )
    aftersales_relay_hours = fields.Float(
        string="Relay Decision Within (h)",
        default=24.0,
        help="Working hours to relay the decision to the customer and the "
        "implementer (24小时内回复采购方和实施人员).",
    )
    aftersales_sla_warning_hours = fields.Float(
        string="Warn Before Deadline (h)",
        default=1.0,
        help="The responsible user gets an activity this many hours before a "
        "deadline.",
    )
    aftersales_sla_escalation_user_id = fields.Many2one(
        "res.users",
        string="Escalation Fallback",
        help="Receives breach escalations when the team has no team leader.",
    )
    aftersales_callback_delay_days = fields.Integer(
        string="Callback After (days)",
        default=3,
        help="Days after closing when the callback (回访) is due.",
    )
    aftersales_callback_target_rate = fields.Float(
        string="Callback Target (%)",
        default=80.0,
        help="Callbacks must reach at least this share of the month's closed "
        "tickets (回访率).",
    )
    aftersales_penalty_points = fields.Integer(
        string="Penalty Points per Incident",
        default=3,
        help="Points docked from the responsible person for each confirmed "
        "negligence (扣罚分数). Serious cases are set by a manager.",
    )
    aftersales_score_start = fields.Integer(
        string="Starting Score",
        default=100,
        help="Monthly score each person starts from before penalty points "
        "are deducted (考核基础分).",
    )
