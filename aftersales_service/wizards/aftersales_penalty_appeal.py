# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class AftersalesPenaltyAppealWizard(models.TransientModel):
    _name = "aftersales.penalty.appeal.wizard"
    _description = "Appeal or Decide on a Penalty Entry"

    penalty_id = fields.Many2one("aftersales.penalty", required=True)
    mode = fields.Selection(
        [("appeal", "Appeal"), ("decide", "Decide")], default="appeal", required=True
    )
    text = fields.Text(required=True)

    @api.model
    def default_get(self, fields_list):
        res = super().default_get(fields_list)
        if self.env.context.get("active_model") == "aftersales.penalty":
            res["penalty_id"] = self.env.context.get("active_id")
        return res

    def action_appeal(self):
        self.ensure_one()
        self.penalty_id.action_appeal(self.text)
        return {"type": "ir.actions.act_window_close"}

    def action_uphold(self):
        self.ensure_one()
        self.penalty_id.action_appeal_uphold(self.text)
        return {"type": "ir.actions.act_window_close"}

    def action_reject(self):
        self.ensure_one()
        self.penalty_id.action_appeal_reject(self.text)
        return {"type": "ir.actions.act_window_close"}
