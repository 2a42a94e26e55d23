# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import psycopg2

from odoo import _, models
from odoo.exceptions import UserError


class Rma(models.Model):
    _inherit = "rma"

    # ------------------------------------------------------------------
    # Refund: fee and compensation lines
    # ------------------------------------------------------------------
    def action_refund(self):
        """Lock the RMAs first so two users never refund the same RMA twice."""
        if not self:
            return super().action_refund()
        self._aftersales_lock()
        todo = self.filtered(lambda r: not r.refund_id)
        return super(Rma, todo).action_refund()

    def _aftersales_lock(self):
        # NO KEY UPDATE: two validations exclude each other, while rows that
        # merely reference the RMA (wizards, verdicts) can still be created.
        try:
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(
                    "SELECT id FROM rma WHERE id IN %s FOR NO KEY UPDATE NOWAIT",
                    (tuple(self.ids),),
                    log_exceptions=False,
                )
        except psycopg2.errors.LockNotAvailable as exc:
            raise UserError(
                _(
                    "%s is being processed by another user right now. Reload "
                    "and try again.",
                    ", ".join(self.mapped("display_name")),
                )
            ) from exc
        self.invalidate_recordset()

    def _aftersales_fee_line_vals(self, refund_line):
        """Extra credit note lines: return fee, counterfeit compensation."""
        self.ensure_one()
        company = self.company_id
        price = refund_line.price_unit * (1 - (refund_line.discount or 0.0) / 100)
        amount = price * refund_line.quantity
        vals = []
        if self.return_reason == "no_reason" and company.aftersales_restocking_fee_pct:
            product = company._aftersales_get_return_fee_product()
            fee = refund_line.currency_id.round(
                amount * company.aftersales_restocking_fee_pct / 100
            )
            vals.append(
                {
                    "product_id": product.id,
                    "name": _(
                        "Return fee %(pct)s%% on %(rma)s",
                        pct=company.aftersales_restocking_fee_pct,
                        rma=self.name,
                    ),
                    "quantity": 1,
                    "price_unit": -fee,
                    "tax_ids": [(6, 0, [])],
                }
            )
        factor = company.aftersales_counterfeit_factor
        if self.return_reason == "counterfeit" and factor:
            product = company._aftersales_get_compensation_product()
            comp = refund_line.currency_id.round(
                amount * company.aftersales_counterfeit_factor
            )
            vals.append(
                {
                    "product_id": product.id,
                    "name": _(
                        "Counterfeit compensation (%(factor)s x price) on %(rma)s",
                        factor=company.aftersales_counterfeit_factor,
                        rma=self.name,
                    ),
                    "quantity": 1,
                    "price_unit": comp,
                    "tax_ids": [(6, 0, [])],
                }
            )
        return vals

    def _action_refund_after_hook(self):
        res = super()._action_refund_after_hook()
        for rma in self:
            extra = rma._aftersales_fee_line_vals(rma.refund_line_id)
            if extra:
                rma.refund_id.sudo().write(
                    {"invoice_line_ids": [(0, 0, vals) for vals in extra]}
                )
        self._aftersales_notify_customer(
            "aftersales_returns.mail_template_rma_refunded"
        )
        return res

