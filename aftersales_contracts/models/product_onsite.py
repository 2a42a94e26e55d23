# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    aftersales_installed_by_us = fields.Boolean(
        string="Installed by Us",
        help="We install and commission this product at the customer's: delivering it"
        " creates an installation order.",
    )
    aftersales_onsite_fee = fields.Boolean(
        string="On-Site Fee Item",
        help="A service (labour, travel...) the technician may record on a "
        "repair slip; priced by the fee schedule.",
    )
