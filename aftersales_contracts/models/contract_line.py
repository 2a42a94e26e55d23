# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from .contract_contract_fee import FEE_KINDS


class ContractLine(models.Model):
    """Fee lines of agreements carry what made them: the kind of fee and, for
    service days and costs, the visit or dispatch order billed (once)."""

    _inherit = "contract.line"

    aftersales_fee_kind = fields.Selection(
        FEE_KINDS, string="After-Sales Fee", readonly=True, copy=False, index=True
    )
    aftersales_source_ref = fields.Char(
        string="Billed For",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The record this line bills (model,id), billed once.",
    )

    @api.model
    def _aftersales_guarded_fields(self):
        return super()._aftersales_guarded_fields() | {
            "aftersales_fee_kind",
            "aftersales_source_ref",
        }
