# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class AccountMove(models.Model):
    _inherit = "account.move"

    @api.model_create_multi
    def create(self, vals_list):
        """A credit note made for returns carries, beside each returned line,
        the fees and compensations of that return (rma_refund.py)."""

        def rma_lines(vals):
            if vals.get("move_type") != "out_refund":
                return []
            return [
                command[2]
                for command in vals.get("invoice_line_ids") or []
                if isinstance(command, list | tuple)
                and len(command) == 3
                and command[0] == 0
                and command[2].get("rma_id")
            ]

        # the returns of every credit note of the call, read together
        rma_ids = [line["rma_id"] for vals in vals_list for line in rma_lines(vals)]
        rmas = {rma.id: rma for rma in self.env["rma"].browse(dict.fromkeys(rma_ids))}
        for vals in vals_list:
            lines = rma_lines(vals)
            if not lines:
                continue
            commands = vals.get("invoice_line_ids") or []
            extra = []
            for line_vals in lines:
                rma = rmas[line_vals["rma_id"]]
                extra += [
                    (0, 0, line) for line in rma._aftersales_extra_line_vals(line_vals)
                ]
            if extra:
                vals["invoice_line_ids"] = list(commands) + extra
        return super().create(vals_list)

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


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    aftersales_extra_rma_id = fields.Many2one(
        "rma",
        string="Fee or Compensation of",
        index="btree_not_null",
        copy=False,
        help="The return whose fee, compensation or logistics this line is.",
    )
    aftersales_extra_kind = fields.Selection(
        [
            ("fee", "Fee kept"),
            ("compensation", "Compensation"),
            ("logistics", "Logistics refunded"),
        ],
        string="Return Line Kind",
        copy=False,
    )
