# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


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

    _sql_constraints = [
        ("code_unique", "UNIQUE(code)", "The exclusion code must be unique."),
    ]
