# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class AftersalesWarrantyExclusion(models.Model):
    """A cause that is not covered by the warranty (不属保修范围)."""

    _name = "aftersales.warranty.exclusion"
    _description = "Warranty Exclusion"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    description = fields.Text(translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    categ_ids = fields.Many2many(
        "product.category",
        string="Product Categories",
        help="The categories (and their sub-categories) this exclusion applies "
        "to, e.g. consumables for printers only. Empty: every product.",
    )

    _sql_constraints = [
        ("code_unique", "UNIQUE(code)", "The exclusion code must be unique."),
    ]

    @api.model
    def _aftersales_for_product(self, product):
        """The active exclusions that apply to ``product``'s category."""
        exclusions = self.search([])
        categ = product.categ_id
        ancestors = self.env["product.category"]
        while categ:
            ancestors |= categ
            categ = categ.parent_id
        return exclusions.filtered(lambda e: not e.categ_ids or e.categ_ids & ancestors)
