# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

PART_POLICIES = [
    ("must_buy", "Must buy (no swap)"),
    ("swap", "Swap old for new"),
    ("free_under_threshold", "Free under the price threshold"),
]


class ProductCategory(models.Model):
    _inherit = "product.category"

    aftersales_part_policy = fields.Selection(
        PART_POLICIES,
        string="Spare Part Policy",
        help="How distributors get spare parts of this category: bought outright, "
        "swapped old for new, or free when cheaper than the threshold in "
        "Settings. Empty: inherited from the parent category, else swap.",
    )


class ProductTemplate(models.Model):
    _inherit = "product.template"

    aftersales_part_policy = fields.Selection(
        PART_POLICIES,
        string="Spare Part Policy",
        help="Overrides the policy of the product category.",
    )


class ProductProduct(models.Model):
    _inherit = "product.product"

    def _aftersales_get_part_policy(self):
        """The spare part policy of a product: its own, else its category's."""
        self.ensure_one()
        if self.aftersales_part_policy:
            return self.aftersales_part_policy
        categ = self.categ_id
        while categ:
            if categ.aftersales_part_policy:
                return categ.aftersales_part_policy
            categ = categ.parent_id
        return "swap"
