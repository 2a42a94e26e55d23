# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The return's status is set by its actions only.

``rma.state`` joins the suite's guarded fields (aftersales_service guard):
nobody writes "refunded" or "replaced" by hand over RPC. Every OCA path that
moves a return on (buttons, wizards, stock moves, credit notes) runs as an
action here.
"""

from odoo import api, models

from odoo.addons.aftersales_service.tools import action_scope

RMA_ACTIONS = (
    "action_confirm",
    "action_finish",
    "action_cancel",
    "action_draft",
    "action_lock",
    "action_unlock",
    "action_refund",
    "action_refund_without_invoice",
    "extract_quantity",
    "create_return",
    "create_replace",
    "update_received_state_on_reception",
    "update_received_state",
    "update_replaced_state",
    "update_returned_state",
    "_action_refund_after_hook",
)


def _in_scope(name):
    def method(self, *args, **kwargs):
        with action_scope():
            return getattr(super(Rma, self), name)(*args, **kwargs)

    method.__name__ = name
    return method


class Rma(models.Model):
    _inherit = "rma"

    @api.model
    def _aftersales_guarded_fields(self):
        return super()._aftersales_guarded_fields() | {"state"}

    locals().update({name: _in_scope(name) for name in RMA_ACTIONS})


class RmaFinalizationWizard(models.TransientModel):
    _inherit = "rma.finalization.wizard"

    def action_finish(self):
        with action_scope():
            return super().action_finish()


class StockMove(models.Model):
    _inherit = "stock.move"

    def unlink(self):
        with action_scope():
            return super().unlink()

    def _action_cancel(self):
        with action_scope():
            return super()._action_cancel()


class AccountMove(models.Model):
    _inherit = "account.move"

    def unlink(self):
        with action_scope():
            return super().unlink()
