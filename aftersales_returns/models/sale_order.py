# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, fields, models
from odoo.exceptions import UserError


class SaleOrder(models.Model):
    _inherit = "sale.order"

    aftersales_late_credit_note_id = fields.Many2one(
        "account.move",
        string="Late Shipping Credit Note",
        readonly=True,
        copy=False,
    )

    def _aftersales_late_shipping_amount(self):
        """Compensation for late shipping: pct of the amount, clamped."""
        self.ensure_one()
        company = self.company_id
        amount = self.amount_total * company.aftersales_late_shipping_pct / 100
        amount = min(
            max(amount, company.aftersales_late_shipping_min),
            company.aftersales_late_shipping_max,
        )
        return self.currency_id.round(amount)

    def _aftersales_prepare_late_shipping_refund_vals(self):
        self.ensure_one()
        product = self.company_id._aftersales_get_compensation_product()
        return {
            "move_type": "out_refund",
            "company_id": self.company_id.id,
            "partner_id": self.partner_invoice_id.id,
            "currency_id": self.currency_id.id,
            "invoice_origin": self.name,
            "invoice_user_id": self.user_id.id,
            "invoice_line_ids": [
                (
                    0,
                    0,
                    {
                        "product_id": product.id,
                        "name": _(
                            "Late shipping compensation for %s", self.name
                        ),
                        "quantity": 1,
                        "price_unit": self._aftersales_late_shipping_amount(),
                        "tax_ids": [(6, 0, [])],
                    },
                )
            ],
        }

    def action_aftersales_late_shipping_compensation(self):
        """Credit note compensating a late shipment (5 %, min 1, max 30)."""
        if not self.env.user.has_group("aftersales_service.group_aftersales_user"):
            raise UserError(
                _("Only after-sales staff may compensate late shipping: %s.",
                  ", ".join(self.mapped("name")))
            )
        refunds = self.env["account.move"]
        for order in self:
            if order.state != "sale":
                raise UserError(
                    _("Order %s is not confirmed: no late shipping compensation.",
                      order.name)
                )
            if order.aftersales_late_credit_note_id:
                raise UserError(
                    _("Order %s was already compensated for late shipping.",
                      order.name)
                )
            # Like rma's refunds: the amount comes from the company policy, so
            # the credit note is created by the system for the agent.
            refund = (
                self.env["account.move"]
                .sudo()
                .create(order._aftersales_prepare_late_shipping_refund_vals())
                .sudo(False)
            )
            order.sudo().aftersales_late_credit_note_id = refund
            order.sudo().message_post(
                body=_("Late shipping compensation credit note %s created.",
                       refund.display_name),
                author_id=self.env.user.partner_id.id,
            )
            refunds |= refund
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account.action_move_out_refund_type"
        )
        action.update(res_id=refunds[:1].id, views=[(False, "form")],
                      view_mode="form")
        return action
