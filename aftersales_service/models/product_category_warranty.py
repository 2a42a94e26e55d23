# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .aftersales_warranty import DURATION_TYPES


class ProductCategory(models.Model):
    _inherit = "product.category"

    aftersales_warranty = fields.Integer(
        string="Warranty Duration",
        help="Warranty of the products of this category that define none. 0 = use the"
        " parent category, else the company default.",
    )
    aftersales_warranty_type = fields.Selection(
        DURATION_TYPES, string="Warranty Unit", default="month", required=True
    )

    @api.constrains("aftersales_warranty")
    def _check_aftersales_warranty(self):
        for categ in self:
            if categ.aftersales_warranty < 0:
                raise ValidationError(
                    _(
                        "Product category %(categ)s: the warranty duration "
                        "(%(duration)s) cannot be negative.",
                        categ=categ.display_name,
                        duration=categ.aftersales_warranty,
                    )
                )
