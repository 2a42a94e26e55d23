# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    aftersales_packing_list = fields.Text(
        string="Packing List",
        help="Accessories and gifts in the box, one per line; checked "
        "when a return is inspected.",
    )
