# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    aftersales_renewal_notice_days = fields.Integer(
        string="Renewal Reminder (days before end)",
        default=30,
        help="An agreement's renewal is prepared this many days before it ends.",
    )
    aftersales_software_fee_single_pct = fields.Float(
        string="Software Maintenance, Single-User (% of price)",
        default=15.0,
        help="Yearly maintenance fee of a single-user licence, as a percentage of "
        "the software price.",
    )
    aftersales_software_fee_network_pct = fields.Float(
        string="Software Maintenance, Network (% of price)",
        default=20.0,
        help="Yearly maintenance fee of a network licence, as a percentage of the "
        "software price.",
    )
    aftersales_late_fee_per_day_pct = fields.Float(
        string="Late Payment Surcharge (% per day)",
        default=0.2,
        digits=(16, 4),
        help="Surcharge per day on the overdue part of an agreement invoice. The "
        "template's figure 2 is read as 2 per thousand of the overdue part per "
        "day, i.e. 0.2 % per day; each overdue day is charged once. Default of "
        "new agreements.",
    )
    aftersales_city_response_hours = fields.Float(
        string="City Response (hours)",
        default=24.0,
        help="Default on-site response time in the city.",
    )
    aftersales_suburb_response_hours = fields.Float(
        string="Suburb Response (hours)",
        default=48.0,
        help="Default on-site response time in suburbs and counties.",
    )
    aftersales_local_response_hours = fields.Float(
        string="Local Response (hours)",
        default=24.0,
        help="Default response time for local software customers.",
    )
    aftersales_remote_response_days = fields.Integer(
        string="Remote Response (days)",
        default=3,
        help="Default response time for remote customers.",
    )
    aftersales_min_visits_per_year = fields.Integer(
        string="Preventive Visits per Year",
        default=4,
        help="Default minimum number of preventive visits per year.",
    )
    aftersales_repair_fund_pct = fields.Float(
        string="Repair Fund (% of settled sales)",
        default=2.0,
        help="Share of a distributor's yearly settled sales returned as repair "
        "fund.",
    )
    aftersales_report_due_day = fields.Integer(
        string="Feedback Report Due Day",
        default=5,
        help="Day of the next month by which a distributor returns its monthly "
        "repair-quality feedback report.",
    )
    aftersales_callback_target_pct = fields.Float(
        string="Distributor Callback Target (%)",
        default=30.0,
        help="Default minimum callbacks as a percentage of the month's repairs.",
    )
    aftersales_free_part_threshold = fields.Monetary(
        string="Free Parts Under (price)",
        default=10.0,
        currency_field="currency_id",
        help="Parts whose sales price is under this amount are supplied free.",
    )
    aftersales_swap_return_days = fields.Integer(
        string="Old Part Return (days)",
        default=30,
        help="Days a distributor has to return the old part of a swap before it "
        "buys the new part at cost.",
    )
    aftersales_initial_stock_pct = fields.Float(
        string="Initial Parts Stock (% of sales)",
        default=5.0,
        help="Default initial parts stock of a distributor as a percentage of its "
        "sales of the covered products.",
    )
    aftersales_initial_stock_months = fields.Integer(
        string="Initial Stock Sales Period (months)",
        default=3,
        help="Months of sales the initial parts stock is computed on.",
    )
    aftersales_visit_shortfall_days = fields.Integer(
        string="Visit Shortfall Warning (days before the year ends)",
        default=30,
        help="An agreement year ending within this many days with fewer "
        "preventive visits done than its minimum gets an activity.",
    )

    @api.constrains(
        "aftersales_late_fee_per_day_pct", "aftersales_visit_shortfall_days"
    )
    def _check_aftersales_money_settings(self):
        for company in self:
            if not 0 <= company.aftersales_late_fee_per_day_pct <= 10:
                raise ValidationError(
                    self.env._(
                        "%s: the late payment surcharge must be between 0 and 10 %% "
                        "per day.",
                        company.display_name,
                    )
                )
            if not 0 <= company.aftersales_visit_shortfall_days <= 366:
                raise ValidationError(
                    self.env._(
                        "%s: the visit shortfall warning must be between 0 and 366 "
                        "days before the end of the year.",
                        company.display_name,
                    )
                )
