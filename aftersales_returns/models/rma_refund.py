# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Refund, replacement and the credit note's extra lines.

Fees and compensations are computed on what the customer paid for the item
(tax included): each extra line is a share of the refunded line and carries
the same taxes, so the credit note balances with the invoice.
"""

from odoo import _, api, fields, models
from odoo.exceptions import UserError


def _number(value):
    """10.0 -> '10', 12.5 -> '12.5' (for labels)."""
    return format(value, ".2f").rstrip("0").rstrip(".")


class Rma(models.Model):
    _inherit = "rma"

    aftersales_fee_amount = fields.Monetary(
        string="Fees Kept",
        currency_field="aftersales_currency_id",
        readonly=True,
        copy=False,
        help="Return and inspection fees kept on the credit note, tax included.",
    )
    aftersales_compensation_amount = fields.Monetary(
        string="Compensation",
        currency_field="aftersales_currency_id",
        readonly=True,
        copy=False,
        help="Compensation added to the credit note (counterfeit, logistics), "
        "tax included.",
    )
    aftersales_logistics_refunded = fields.Boolean(
        string="Logistics Refunded", readonly=True, copy=False
    )
    aftersales_currency_id = fields.Many2one(
        related="company_id.currency_id", string="Company Currency"
    )

    @api.model
    def _aftersales_guarded_fields(self):
        return super()._aftersales_guarded_fields() | {
            "aftersales_fee_amount",
            "aftersales_compensation_amount",
            "aftersales_logistics_refunded",
        }

    # ------------------------------------------------------------------
    # Which returns may get money, and when
    # ------------------------------------------------------------------
    def _aftersales_keeps_unit(self):
        """The customer keeps the damaged unit: nothing comes back."""
        self.ensure_one()
        reason = self.reason_id
        return bool(
            reason.aftersales_resend_once and reason.aftersales_damaged_unit == "keep"
        )

    def _aftersales_money_waits_inspection(self):
        """Returns of goods that come back get money only once inspected."""
        self.ensure_one()
        return bool(self._aftersales_is_checked()) and not self._aftersales_keeps_unit()

    def _aftersales_money_gated(self):
        """The money waits: goods came back and are not accepted yet."""
        self.ensure_one()
        return (
            self._aftersales_money_waits_inspection()
            and self.aftersales_inspection_outcome not in ("accepted", "fee")
        )

    @api.depends(
        "aftersales_resolution",
        "reason_id.aftersales_resend_once",
        "aftersales_inspection_outcome",
    )
    def _compute_can_be_replaced(self):
        res = super()._compute_can_be_replaced()
        for rma in self:
            if (
                rma.state == "confirmed"
                and rma.reason_id.aftersales_resend_once
                and rma._aftersales_remedy() == "exchange"
            ):
                # One free re-send goes out at once (破损补寄).
                rma.can_be_replaced = True
            elif rma.can_be_replaced and rma._aftersales_money_gated():
                rma.can_be_replaced = False
        return res

    @api.depends(
        "aftersales_resolution",
        "reason_id.aftersales_damaged_unit",
        "aftersales_inspection_outcome",
    )
    def _compute_can_be_refunded(self):
        res = super()._compute_can_be_refunded()
        for rma in self:
            if (
                not rma.can_be_refunded
                and rma.state == "confirmed"
                and rma._aftersales_remedy() == "refund"
                and rma._aftersales_keeps_unit()
            ):
                rma.can_be_refunded = True
            elif rma.can_be_refunded and rma._aftersales_money_gated():
                rma.can_be_refunded = False
        return res

    @api.depends("aftersales_inspection_outcome")
    def _compute_can_be_returned(self):
        """Sending back while a manager decides would decide for them."""
        res = super()._compute_can_be_returned()
        for rma in self.filtered(
            lambda r: r.aftersales_inspection_outcome == "decision"
        ):
            rma.can_be_returned = False
        return res

    def _create_receipt(self):
        """Nothing to receive when the customer keeps the damaged unit."""
        todo = self.filtered(lambda r: not r._aftersales_keeps_unit())
        if not todo:
            return None
        return super(Rma, todo)._create_receipt()

    def _aftersales_resolve_without_goods(self):
        """At confirmation: the free re-send goes out at once; a second claim
        where the customer keeps the unit is refunded at once."""
        resend = self.filtered(
            lambda r: r.reason_id.aftersales_resend_once
            and r._aftersales_remedy() == "exchange"
            and r.can_be_replaced
            and not r.delivery_move_ids
        )
        resend.sudo()._aftersales_replace()
        refund = self.filtered(
            lambda r: r._aftersales_keeps_unit()
            and r._aftersales_remedy() == "refund"
            and r.can_be_refunded
        )
        if refund:
            refund.sudo().action_refund()
            refund._aftersales_notify_customer(
                "aftersales_returns.mail_template_rma_inspected"
            )

    def _aftersales_replace(self):
        for rma in self:
            rma.create_replace(
                fields.Datetime.now(),
                rma.warehouse_id,
                rma.product_id,
                rma.product_uom_qty,
                rma.product_uom,
            )

    def _aftersales_settle(self):
        """The money step of an accepted return: refund, or replacement."""
        to_refund = self.filtered(
            lambda r: r._aftersales_remedy() == "refund" and r.can_be_refunded
        )
        to_refund.action_refund()
        to_replace = self.filtered(
            lambda r: r._aftersales_remedy() == "exchange"
            and not r.delivery_move_ids
            and r.can_be_replaced
        )
        to_replace.with_context(aftersales_quiet_replacement=True)._aftersales_replace()
        # A re-send that went out before the damaged unit came back.
        sent = self.filtered(
            lambda r: r._aftersales_remedy() == "exchange"
            and r.delivery_move_ids
            and r.state == "received"
        )
        for rma in sent:
            done = all(m.state in ("done", "cancel") for m in rma.delivery_move_ids)
            rma._aftersales_action_write(
                {"state": "replaced" if done else "waiting_replacement"}
            )

    # ------------------------------------------------------------------
    # Refund: one at a time, then the extra lines
    # ------------------------------------------------------------------
    def action_refund(self):
        """Lock the RMAs first so two users never refund the same RMA twice.
        A return of goods is refunded once inspected and accepted."""
        if not self:
            return super().action_refund()
        # A credit note, once made, is never taken away: returns refunded
        # already need no lock (the others are read again under the lock).
        pending = self.filtered(lambda r: not r.refund_id)
        if not pending:
            return super(Rma, pending).action_refund()
        pending._aftersales_lock()
        todo = pending.filtered(lambda r: not r.refund_id)
        blocked = todo.filtered(
            lambda r: r._aftersales_money_waits_inspection()
            and r.aftersales_inspection_outcome not in ("accepted", "fee")
        )
        if blocked:
            raise UserError(
                _(
                    "%s: the goods must be inspected and accepted before any "
                    "credit note is made.",
                    ", ".join(blocked.mapped("display_name")),
                )
            )
        return super(Rma, todo).action_refund()

    def create_replace(self, scheduled_date, warehouse, product, qty, uom):
        """A replacement of returned goods waits for the inspection too,
        except the free re-send (破损补寄)."""
        blocked = self.filtered(
            lambda r: r._aftersales_money_waits_inspection()
            and not r.reason_id.aftersales_resend_once
            and r.aftersales_inspection_outcome not in ("accepted", "fee")
        )
        if blocked:
            raise UserError(
                _(
                    "%s: the goods must be inspected and accepted before a "
                    "replacement is sent.",
                    ", ".join(blocked.mapped("display_name")),
                )
            )
        res = super().create_replace(scheduled_date, warehouse, product, qty, uom)
        if not self.env.context.get("aftersales_quiet_replacement"):
            self._aftersales_notify_customer(
                "aftersales_returns.mail_template_rma_replacement"
            )
        return res

    def _aftersales_lock(self):
        # NO KEY UPDATE: two validations exclude each other, while rows that
        # merely reference the RMA (wizards, verdicts) can still be created.
        # The call that locked the rows passes them on in its context
        # (``aftersales_rma_locked``): the inspection that refunds does not
        # lock and read the return twice.
        locked = set(self.env.context.get("aftersales_rma_locked") or ())
        if locked.issuperset(self.ids):
            return self
        # SKIP LOCKED rather than NOWAIT: a row held by another transaction is
        # left out instead of aborting this one, so no savepoint is needed
        # (one query, not three).
        cr = self.env.cr
        ids = tuple(self.ids)
        cr.execute(
            "SELECT id FROM rma WHERE id IN %s FOR NO KEY UPDATE SKIP LOCKED", (ids,)
        )
        missing = set(ids) - {row[0] for row in cr.fetchall()}
        if missing:
            # held by someone else, unless deleted meanwhile
            cr.execute("SELECT id FROM rma WHERE id IN %s", (tuple(missing),))
            held = self.browse([row[0] for row in cr.fetchall()])
            if held:
                raise UserError(
                    _(
                        "%s is being processed by another user right now. Reload "
                        "and try again.",
                        ", ".join(held.mapped("display_name")),
                    )
                )
        self.invalidate_recordset()
        return self.with_context(aftersales_rma_locked=tuple(locked | set(self.ids)))

    def _aftersales_fee_pcts(self):
        """(pct, label) of every fee kept on this return's refund."""
        self.ensure_one()
        fees = []
        reason = self.reason_id
        if reason.aftersales_fee_pct:
            fees.append(
                (
                    reason.aftersales_fee_pct,
                    _(
                        "Return fee %(pct)s%% on %(rma)s",
                        pct=_number(reason.aftersales_fee_pct),
                        rma=self.name,
                    ),
                )
            )
        if self.aftersales_decision == "fee":
            pct = self.aftersales_decision_fee_pct
        elif self.aftersales_inspection_outcome == "fee":
            pct = reason.aftersales_inspection_fee_pct
        else:
            pct = 0.0
        if pct:
            fees.append(
                (
                    pct,
                    _(
                        "Inspection fee %(pct)s%% on %(rma)s (%(conditions)s)",
                        pct=_number(pct),
                        rma=self.name,
                        conditions=self.aftersales_inspection_failed_text or "-",
                    ),
                )
            )
        return fees

    def _aftersales_share_line_vals(self, line_vals, share, product, name):
        """A credit note line worth ``share`` times the refunded line (given
        by its values), with its taxes and analytic distribution: the same
        share of what the customer paid, tax included."""
        price = line_vals.get("price_unit", 0.0) * (
            1 - (line_vals.get("discount") or 0.0) / 100
        )
        vals = {
            "product_id": product.id,
            "name": name,
            "quantity": 1,
            "price_unit": price * line_vals.get("quantity", 1.0) * share,
            "tax_ids": line_vals.get("tax_ids") or [(6, 0, [])],
        }
        # booked on the analytic accounts of the line it is a share of (and
        # not looked up again, line by line, for the fee product)
        if "analytic_distribution" in line_vals:
            vals["analytic_distribution"] = line_vals["analytic_distribution"]
        return vals

    def _aftersales_logistics_line_vals(self):
        """The shipping the customer paid on the order, refunded once."""
        self.ensure_one()
        order = self.order_id or self._aftersales_get_sale_line().order_id
        if not order:
            return []
        already = self.search_count(
            [
                ("order_id", "=", order.id),
                ("aftersales_logistics_refunded", "=", True),
                ("id", "!=", self.id),
            ]
        )
        if already:
            return []
        vals = []
        for line in order.order_line.filtered(
            lambda sl: sl.is_delivery and sl.qty_invoiced > 0 and sl.price_unit
        ):
            vals.append(
                {
                    "product_id": line.product_id.id,
                    "name": _(
                        "Logistics paid on %(order)s (%(rma)s)",
                        order=order.name,
                        rma=self.name,
                    ),
                    "quantity": line.qty_invoiced,
                    "price_unit": line.price_unit,
                    "discount": line.discount,
                    "tax_ids": [(6, 0, line.tax_id.ids)],
                }
            )
        return vals

    def _aftersales_extra_line_vals(self, line_vals):
        """Extra credit note lines for the refunded line ``line_vals``: the
        fees kept, the compensation, the logistics paid. Each is marked with
        its return and kind."""
        self.ensure_one()
        company = self.company_id
        reason = self.reason_id
        lines = []
        fees = self._aftersales_fee_pcts()
        # the fee product is looked up only when a fee is kept
        fee_product = fees and company._aftersales_get_return_fee_product()
        for pct, label in fees:
            lines.append(
                (
                    "fee",
                    self._aftersales_share_line_vals(
                        line_vals, -pct / 100.0, fee_product, label
                    ),
                )
            )
        factor = reason.aftersales_compensation_factor
        if factor:
            lines.append(
                (
                    "compensation",
                    self._aftersales_share_line_vals(
                        line_vals,
                        factor,
                        company._aftersales_get_compensation_product(),
                        _(
                            "Compensation (%(factor)s x the price paid) on %(rma)s",
                            factor=_number(factor),
                            rma=self.name,
                        ),
                    ),
                )
            )
        if reason.aftersales_refund_logistics:
            lines += [("logistics", v) for v in self._aftersales_logistics_line_vals()]
        return [
            dict(vals, aftersales_extra_rma_id=self.id, aftersales_extra_kind=kind)
            for kind, vals in lines
        ]

    def _action_refund_after_hook(self):
        res = super()._action_refund_after_hook()
        for rma in self:
            extra = rma.refund_id.sudo().invoice_line_ids.filtered(
                lambda line, rma=rma: line.aftersales_extra_rma_id == rma
            )
            if not extra:
                continue
            totals = {"fee": 0.0, "compensation": 0.0, "logistics": 0.0}
            for line in extra:
                totals[line.aftersales_extra_kind] += line.price_total
            rma._aftersales_action_write(
                {
                    "aftersales_fee_amount": -totals["fee"],
                    "aftersales_compensation_amount": totals["compensation"]
                    + totals["logistics"],
                    "aftersales_logistics_refunded": any(
                        line.aftersales_extra_kind == "logistics" for line in extra
                    ),
                }
            )
        return res
