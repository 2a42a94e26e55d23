# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from ..models.rma_selections import PACKAGE_STATES, REMEDIES


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

    reason_id = fields.Many2one(
        "rma.reason",
        string="Return Reason",
        domain="[('company_id', 'in', (company_id, False))]",
    )
    company_id = fields.Many2one(related="order_id.company_id")
    requested_remedy = fields.Selection(REMEDIES, default="refund")
    package_state = fields.Selection(PACKAGE_STATES)

    def _prepare_rma_values(self):
        vals = super()._prepare_rma_values()
        vals.update(
            reason_id=self.reason_id.id,
            requested_remedy=self.requested_remedy or "refund",
            package_state=self.package_state,
        )
        return vals
