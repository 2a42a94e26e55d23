# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from ..models.rma_selections import RETURN_REASONS


class SaleOrderRmaWizard(models.TransientModel):
    _inherit = "sale.order.rma.wizard"

    def create_and_open_rma(self):
        """Refused returns stay in draft with their verdicts instead of
        cancelling the whole request."""
        return super(
            SaleOrderRmaWizard, self.with_context(aftersales_soft_confirm=True)
        ).create_and_open_rma()


class SaleOrderLineRmaWizard(models.TransientModel):
    _inherit = "sale.order.line.rma.wizard"

    return_reason = fields.Selection(RETURN_REASONS, string="Return Reason")
    requested_remedy = fields.Selection(
        [("refund", "Refund"), ("exchange", "Exchange"), ("repair", "Repair")],
        default="refund",
    )
    package_state = fields.Selection(
        [("sealed", "Factory-sealed"), ("opened", "Opened"), ("damaged", "Damaged")],
    )

    def _prepare_rma_values(self):
        vals = super()._prepare_rma_values()
        vals.update(
            return_reason=self.return_reason,
            requested_remedy=self.requested_remedy or "refund",
            package_state=self.package_state,
        )
        return vals
