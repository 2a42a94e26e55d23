# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class AftersalesPenaltyReverseWizard(models.TransientModel):
    _name = "aftersales.penalty.reverse.wizard"
    _description = "Reverse Penalty Entries"

    penalty_ids = fields.Many2many("aftersales.penalty", string="Entries")
    reason = fields.Text(required=True)

    @api.model
    def default_get(self, fields_list):
        res = super().default_get(fields_list)
        if self.env.context.get("active_model") == "aftersales.penalty":
            res["penalty_ids"] = [
                fields.Command.set(self.env.context.get("active_ids") or [])
            ]
        return res

    def action_reverse(self):
        self.ensure_one()
        self.penalty_ids.action_reverse(reason=self.reason)
        return {"type": "ir.actions.act_window_close"}
