# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class ProductProduct(models.Model):
    _inherit = "product.product"

    def _aftersales_warranty_duration(self, company=None):
        """(duration, unit) of this product's warranty.

        The product's own warranty (OCA product_warranty), else the nearest
        category's, else the company default in months. 0 means "not set".
        """
        self.ensure_one()
        if self.warranty > 0:
            return self.warranty, self.warranty_type or "month"
        categ = self.categ_id
        while categ:
            if categ.aftersales_warranty > 0:
                return categ.aftersales_warranty, categ.aftersales_warranty_type
            categ = categ.parent_id
        company = company or self.env.company
        return company.aftersales_warranty_months, "month"
