# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class HelpdeskTicketStage(models.Model):
    _inherit = "helpdesk.ticket.stage"

    aftersales_pause_sla = fields.Boolean(
        string="Pause SLA",
        help="While a ticket is in this stage (e.g. waiting for the customer) "
        "its SLA clock stops; deadlines are pushed by the paused working time.",
    )
