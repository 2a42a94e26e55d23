# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class AccountMove(models.Model):
    _inherit = "account.move"

    def _post(self, soft=True):
        posted = super()._post(soft=soft)
        if self.env["aftersales.warranty"]._aftersales_skip_generation():
            return posted
        posted_moves = self.filtered(lambda m: m.state == "posted")
        Warranty = self.env["aftersales.warranty"]
        invoices = posted_moves.filtered(lambda m: m.move_type == "out_invoice")
        if invoices:
            Warranty._generate_from_sale_lines(invoices.invoice_line_ids.sale_line_ids)
        refunds = posted_moves.filtered(lambda m: m.move_type == "out_refund")
        if refunds:
            Warranty.sudo()._void_for_refund_lines(
                refunds.invoice_line_ids.filtered("sale_line_ids")
            )
        return posted

    def action_aftersales_check_warranty(self):
        self.ensure_one()
        return self.env["aftersales.warranty.check"]._open_for(invoice=self)
