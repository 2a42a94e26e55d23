# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, models
from odoo.exceptions import ValidationError


class ProductTemplate(models.Model):
    _inherit = "product.template"

    @api.constrains("warranty")
    def _check_aftersales_warranty(self):
        for template in self:
            if template.warranty < 0:
                raise ValidationError(
                    _(
                        "Product %(product)s: the warranty duration (%(duration)s) "
                        "cannot be negative.",
                        product=template.display_name,
                        duration=template.warranty,
                    )
                )
