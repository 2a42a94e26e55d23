# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    aftersales_return_days = fields.Integer(
        related="company_id.aftersales_return_days", readonly=False
    )
    aftersales_exchange_days = fields.Integer(
        related="company_id.aftersales_exchange_days", readonly=False
    )
    aftersales_return_fee_product_id = fields.Many2one(
        related="company_id.aftersales_return_fee_product_id", readonly=False
    )
    aftersales_compensation_product_id = fields.Many2one(
        related="company_id.aftersales_compensation_product_id", readonly=False
    )
    aftersales_late_shipping_pct = fields.Float(
        related="company_id.aftersales_late_shipping_pct", readonly=False
    )
    aftersales_late_shipping_min = fields.Float(
        related="company_id.aftersales_late_shipping_min", readonly=False
    )
    aftersales_late_shipping_max = fields.Float(
        related="company_id.aftersales_late_shipping_max", readonly=False
    )
    aftersales_ship_within_days = fields.Integer(
        related="company_id.aftersales_ship_within_days", readonly=False
    )
    aftersales_contact_days = fields.Integer(
        related="company_id.aftersales_contact_days", readonly=False
    )
    aftersales_pickup_carrier_id = fields.Many2one(
        related="company_id.aftersales_pickup_carrier_id", readonly=False
    )
    aftersales_evidence_max_mb = fields.Integer(
        related="company_id.aftersales_evidence_max_mb", readonly=False
    )
    aftersales_return_operation_id = fields.Many2one(
        related="company_id.aftersales_return_operation_id", readonly=False
    )
    aftersales_return_user_id = fields.Many2one(
        related="company_id.aftersales_return_user_id", readonly=False
    )
