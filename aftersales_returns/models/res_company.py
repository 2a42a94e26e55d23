# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    aftersales_return_days = fields.Integer(
        string="Return Window (days)",
        default=7,
        help="Days from the customer invoice date within which a return is "
        "accepted (退货).",
    )
    aftersales_exchange_days = fields.Integer(
        string="Exchange Window (days)",
        default=15,
        help="Days from the customer invoice date within which an exchange is "
        "accepted (换货).",
    )
    aftersales_restocking_fee_pct = fields.Float(
        string="No-Reason Return Fee (%)",
        default=10.0,
        help="Share of the price kept on a no-reason return.",
    )

    aftersales_return_fee_product_id = fields.Many2one(
        "product.product",
        string="Return Fee Product",
        help="Service product of the separate fee line deducted on the credit "
        "note of a no-reason return (退货手续费).",
    )
    aftersales_compensation_product_id = fields.Many2one(
        "product.product",
        string="Compensation Product",
        help="Service product of the compensation lines (counterfeit, late "
        "shipping) added to credit notes (赔付).",
    )
    aftersales_counterfeit_factor = fields.Float(
        string="Counterfeit Compensation Factor",
        default=2.0,
        help="A counterfeit is refunded plus this many times its price (假一赔三).",
    )
    aftersales_late_shipping_pct = fields.Float(
        string="Late Shipping Compensation (%)",
        default=5.0,
        help="Share of the order amount credited when shipping is late.",
    )
    aftersales_late_shipping_min = fields.Float(
        string="Late Shipping Compensation Minimum",
        default=1.0,
    )
    aftersales_late_shipping_max = fields.Float(
        string="Late Shipping Compensation Maximum",
        default=30.0,
    )
    aftersales_contact_days = fields.Integer(
        string="Customer Contact Interval (days)",
        default=3,
        help="An activity is created on an open return when the customer has "
        "not been contacted for this many days (at least every 3-5 days).",
    )
    aftersales_quarantine_location_id = fields.Many2one(
        "stock.location",
        string="Quarantine Location",
        help="Where inspected returns that cannot go back to stock wait.",
    )
    aftersales_pickup_carrier_id = fields.Many2one(
        "delivery.carrier",
        string="Pickup Carrier",
        help="Carrier the company sends to collect the goods when it is at "
        "fault; set on the return receipt (公司安排物流取件).",
    )

    @api.constrains("aftersales_contact_days")
    def _check_aftersales_contact_days(self):
        for company in self:
            if not 3 <= company.aftersales_contact_days <= 5:
                raise ValidationError(
                    _(
                        "Company %s: the customer contact interval must be "
                        "between 3 and 5 days.",
                        company.name,
                    )
                )

    @api.constrains(
        "aftersales_late_shipping_min",
        "aftersales_late_shipping_max",
        "aftersales_late_shipping_pct",
    )
    def _check_aftersales_late_shipping(self):
        for company in self:
            if (
                company.aftersales_late_shipping_min < 0
                or company.aftersales_late_shipping_pct < 0
                or company.aftersales_late_shipping_max
                < company.aftersales_late_shipping_min
            ):
                raise ValidationError(
                    _(
                        "Company %s: the late shipping compensation needs a "
                        "positive rate and a maximum not below the minimum.",
                        company.name,
                    )
                )

    def _aftersales_get_return_fee_product(self):
        self.ensure_one()
        return self.aftersales_return_fee_product_id or self.env.ref(
            "aftersales_returns.product_return_fee"
        )

    def _aftersales_get_compensation_product(self):
        self.ensure_one()
        return self.aftersales_compensation_product_id or self.env.ref(
            "aftersales_returns.product_compensation"
        )

    def _aftersales_get_quarantine_location(self):
        self.ensure_one()
        location = self.aftersales_quarantine_location_id
        if not location:
            location = self.env.ref(
                "aftersales_returns.stock_location_quarantine",
                raise_if_not_found=False,
            )
            if location and location.company_id not in (self, location.browse()):
                location = location.browse()
        return location
