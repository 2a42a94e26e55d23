# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    aftersales_renewal_notice_days = fields.Integer(
        related="company_id.aftersales_renewal_notice_days", readonly=False
    )
    aftersales_software_fee_single_pct = fields.Float(
        related="company_id.aftersales_software_fee_single_pct", readonly=False
    )
    aftersales_software_fee_network_pct = fields.Float(
        related="company_id.aftersales_software_fee_network_pct", readonly=False
    )
    aftersales_late_fee_per_day_pct = fields.Float(
        related="company_id.aftersales_late_fee_per_day_pct", readonly=False
    )
    aftersales_city_response_hours = fields.Float(
        related="company_id.aftersales_city_response_hours", readonly=False
    )
    aftersales_suburb_response_hours = fields.Float(
        related="company_id.aftersales_suburb_response_hours", readonly=False
    )
    aftersales_local_response_hours = fields.Float(
        related="company_id.aftersales_local_response_hours", readonly=False
    )
    aftersales_remote_response_days = fields.Integer(
        related="company_id.aftersales_remote_response_days", readonly=False
    )
    aftersales_min_visits_per_year = fields.Integer(
        related="company_id.aftersales_min_visits_per_year", readonly=False
    )
    aftersales_repair_fund_pct = fields.Float(
        related="company_id.aftersales_repair_fund_pct", readonly=False
    )
    aftersales_report_due_day = fields.Integer(
        related="company_id.aftersales_report_due_day", readonly=False
    )
    aftersales_callback_target_pct = fields.Float(
        related="company_id.aftersales_callback_target_pct", readonly=False
    )
    aftersales_free_part_threshold = fields.Monetary(
        related="company_id.aftersales_free_part_threshold",
        readonly=False,
        currency_field="currency_id",
    )
    aftersales_swap_return_days = fields.Integer(
        related="company_id.aftersales_swap_return_days", readonly=False
    )
    aftersales_initial_stock_pct = fields.Float(
        related="company_id.aftersales_initial_stock_pct", readonly=False
    )
    aftersales_initial_stock_months = fields.Integer(
        related="company_id.aftersales_initial_stock_months", readonly=False
    )
    aftersales_visit_shortfall_days = fields.Integer(
        related="company_id.aftersales_visit_shortfall_days", readonly=False
    )
