# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class AftersalesPartSwap(models.Model):
    """Parts issued from a dispatch order (以旧换新) know their order."""

    _inherit = "aftersales.part.swap"

    fsm_order_id = fields.Many2one(
        "fsm.order", string="Dispatch Order", index=True, readonly=True, copy=False
    )
    issued_from = fields.Selection(
        selection_add=[("dispatch", "Dispatch order")],
    )

    @api.depends("fsm_order_id")
    def _compute_issued_from(self):
        res = super()._compute_issued_from()
        for swap in self.filtered("fsm_order_id"):
            swap.issued_from = "dispatch"
        return res

    @api.model
    def _aftersales_guarded_fields(self):
        return super()._aftersales_guarded_fields() | {"fsm_order_id"}

    @api.model
    def _aftersales_issue_for_order(self, order, line):
        """Issue to the service point's distributor the new part one line of
        a completed dispatch order used; the old part is expected back."""
        point = order.aftersales_service_point_id
        # create (through _issue) applies the whole policy: stock move, cost,
        # due date
        return self._issue(
            point.distributor_id,
            line.product_id,
            quantity=line.quantity,
            contract=point.contract_id,
            date=fields.Date.context_today(self, order.aftersales_finished_on),
            fsm_order_id=order.id,
        )
