# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class AftersalesPartSwap(models.Model):
    """Parts issued from a dispatch order (以旧换新) know their order."""

    _inherit = "aftersales.part.swap"

    fsm_order_id = fields.Many2one(
        "fsm.order", string="Dispatch Order", index=True, readonly=True, copy=False
    )

    @api.model
    def _aftersales_issue_for_order(self, order, line):
        """Issue to the service point's distributor the new part one line of
        a completed dispatch order used; the old part is expected back."""
        point = order.aftersales_service_point_id
        # TODO(lead): once issue 12 makes create apply the whole policy (stock
        # move, cost, due date), create with {partner_id, contract_id,
        # product_id, quantity, fsm_order_id} instead of calling _issue.
        swap = self._issue(
            point.distributor_id,
            line.product_id,
            quantity=line.quantity,
            contract=point.contract_id,
            date=fields.Date.context_today(self, order.aftersales_finished_on),
        )
        swap.fsm_order_id = order
        return swap
