# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""rma's and rma_sale's Python code terms a user meets, in the user's language
(rma ships 5 Chinese strings; see aftersales_service.tools.oca_terms)."""

from odoo import models

from odoo.addons.aftersales_service.tools import oca_term, translate_reasons

ADDON = "aftersales_returns"


def _retitle(env, action, source):
    """The window title of an action, whatever rma's own zh_CN made of it."""
    if isinstance(action, dict):
        action["name"] = oca_term(env, ADDON, source)
    return action


class RmaOcaTerms(models.Model):
    _inherit = "rma"

    def action_create_receipt(self):
        """Window title "Receipt"."""
        return _retitle(self.env, super().action_create_receipt(), "Receipt")

    def action_view_refund(self):
        """Window title "Refund" of the credit note smart button."""
        return _retitle(self.env, super().action_view_refund(), "Refund")

    def _message_get_suggested_recipients(self):
        """The reason "Customer" of a suggested recipient."""
        return translate_reasons(
            self, ADDON, super()._message_get_suggested_recipients(), "rma"
        )


class SaleOrderOcaTerms(models.Model):
    _inherit = "sale.order"

    def action_create_rma(self):
        """Window title "Create RMA" of the order's return wizard."""
        return _retitle(self.env, super().action_create_rma(), "Create RMA")
