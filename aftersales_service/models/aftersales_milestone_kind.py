# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class AftersalesMilestoneKind(models.Model):
    """The kinds of SLA milestones, as records a stage can refer to ("this
    stage is entered when the customer was contacted"). One record per value
    of ``aftersales.ticket.milestone.kind``; an addon adding a kind adds its
    record too."""

    _name = "aftersales.milestone.kind"
    _description = "SLA Milestone Kind"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, index=True)
    sequence = fields.Integer(default=10)

    _sql_constraints = [
        ("code_uniq", "unique(code)", "Each milestone kind exists once."),
    ]

    @api.model
    def _stage_for(self, stages, code):
        """The first of ``stages`` entered when milestone ``code`` is met."""
        return stages.filtered(
            lambda s: code in s.aftersales_milestone_kind_ids.mapped("code")
        )[:1]
