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
