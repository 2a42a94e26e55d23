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
        "accepted.",
    )
    aftersales_exchange_days = fields.Integer(
        string="Exchange Window (days)",
        default=15,
        help="Days from the customer invoice date within which an exchange is "
        "accepted.",
    )
    aftersales_return_fee_product_id = fields.Many2one(
        "product.product",
        string="Return Fee Product",
        help="Service product of the separate fee lines deducted on the credit "
        "note.",
    )
    aftersales_compensation_product_id = fields.Many2one(
        "product.product",
        string="Compensation Product",
        help="Service product of the compensation lines (counterfeit, late "
        "shipping) added to credit notes.",
    )
    aftersales_late_shipping_pct = fields.Float(
        string="Late Shipping Compensation (%)",
        default=5.0,
        help="Share of the late item's amount (tax included) credited when it "
        "ships after the promised date.",
    )
    aftersales_late_shipping_min = fields.Float(
        string="Late Shipping Compensation Minimum",
        default=1.0,
    )
    aftersales_late_shipping_max = fields.Float(
        string="Late Shipping Compensation Maximum",
        default=30.0,
    )
    aftersales_ship_within_days = fields.Integer(
        string="Ship Within (days)",
        default=2,
        help="Promised shipping time after the order when the order has no "
        "delivery date and the product no customer lead time; 0 promises "
        "nothing.",
    )
    aftersales_contact_days = fields.Integer(
        string="Customer Contact Interval (days)",
        default=3,
        help="An activity is created on an open return when the customer has "
        "not been contacted for this many days (at least every 3-5 days).",
    )
    aftersales_pickup_carrier_id = fields.Many2one(
        "delivery.carrier",
        string="Pickup Carrier",
        help="Carrier the company sends to collect the goods when it is at "
        "fault; set on the return receipt.",
    )
    aftersales_evidence_max_mb = fields.Integer(
        string="Evidence File Limit (MB)",
        default=10,
        help="Largest photo or document a customer may upload as evidence.",
    )
    aftersales_return_operation_id = fields.Many2one(
        "rma.operation",
        string="Return Operation",
        help="Operation of the returns customers request: the remedy they "
        "choose (refund, exchange, repair) decides the rest.",
    )
    aftersales_return_user_id = fields.Many2one(
        "res.users",
        string="Returns Responsible",
        domain=[("share", "=", False)],
        help="Responsible of a portal return when its team has no leader.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        self.env["rma.reason"]._aftersales_create_company_reasons(companies)
        return companies

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
        "aftersales_return_days",
        "aftersales_exchange_days",
        "aftersales_ship_within_days",
        "aftersales_evidence_max_mb",
    )
    def _check_aftersales_return_numbers(self):
        bounds = {
            "aftersales_return_days": (0, 365),
            "aftersales_exchange_days": (0, 365),
            "aftersales_ship_within_days": (0, 90),
            "aftersales_evidence_max_mb": (1, 50),
        }
        for company in self:
            for fname, (low, high) in bounds.items():
                if not low <= company[fname] <= high:
                    raise ValidationError(
                        _(
                            "Company %(company)s: %(field)s must be between "
                            "%(low)s and %(high)s (got %(value)s).",
                            company=company.name,
                            field=self._fields[fname]._description_string(self.env),
                            low=low,
                            high=high,
                            value=company[fname],
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
                or not 0 <= company.aftersales_late_shipping_pct <= 100
                or company.aftersales_late_shipping_max
                < company.aftersales_late_shipping_min
            ):
                raise ValidationError(
                    _(
                        "Company %s: the late shipping compensation needs a "
                        "rate between 0 and 100%% and a maximum not below the "
                        "minimum.",
                        company.name,
                    )
                )

    def _aftersales_xmlid_product(self, xmlid):
        """The product of ``xmlid``: a cached look-up, without env.ref's
        existence query on every credit note line."""
        product_id = self.env["ir.model.data"]._xmlid_to_res_id(xmlid)
        return self.env["product.product"].browse(product_id)

    def _aftersales_get_return_fee_product(self):
        self.ensure_one()
        return self.aftersales_return_fee_product_id or self._aftersales_xmlid_product(
            "aftersales_returns.product_return_fee"
        )

    def _aftersales_get_compensation_product(self):
        self.ensure_one()
        return (
            self.aftersales_compensation_product_id
            or self._aftersales_xmlid_product("aftersales_returns.product_compensation")
        )

    def _aftersales_get_return_operation(self):
        self.ensure_one()
        return self.aftersales_return_operation_id or self.env.ref(
            "aftersales_returns.rma_operation_checked_return"
        )

    @api.model
    def _aftersales_returns_install(self):
        """At install: the seed's reasons in every company, a quarantine
        location in every warehouse, and only sales made from now on checked
        for late shipping."""
        companies = self.sudo().search([])
        self.env["rma.reason"]._aftersales_create_company_reasons(
            companies - self.env.ref("base.main_company")
        )
        self.env["stock.warehouse"].sudo()._aftersales_create_quarantine_locations()
        self.env.cr.execute(
            "UPDATE sale_order_line SET aftersales_ship_checked = TRUE "
            "WHERE aftersales_ship_checked IS NOT TRUE"
        )
        for company in companies.filtered(
            lambda c: not c.aftersales_return_operation_id
        ):
            company.aftersales_return_operation_id = self.env.ref(
                "aftersales_returns.rma_operation_checked_return"
            )
        return True
