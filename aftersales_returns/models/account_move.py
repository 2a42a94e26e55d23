# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class AccountMove(models.Model):
    _inherit = "account.move"

    def _post(self, soft=True):
        posted = super()._post(soft=soft)
        refunds = posted.filtered(lambda m: m.move_type == "out_refund")
        if refunds:
            rmas = refunds.sudo().invoice_line_ids.rma_id
            # Said when it is true: the credit note is issued now.
            rmas._aftersales_notify_customer(
                "aftersales_returns.mail_template_rma_refunded"
            )
        return posted
