# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class HelpdeskTicketStage(models.Model):
    _inherit = "helpdesk.ticket.stage"

    aftersales_pause_sla = fields.Boolean(
        string="Pause SLA",
        help="While a ticket is in this stage (e.g. waiting for the customer) "
        "its SLA clock stops; deadlines are pushed by the time spent here. "
        "Off by default: seed 004 counts plain hours.",
    )
    aftersales_milestone_kind_ids = fields.Many2many(
        "aftersales.milestone.kind",
        string="Entered When",
        help="A ticket of the team moves into this stage when one of these SLA "
        "milestones is met (e.g. 'Customer contacted' -> In Progress).",
    )
