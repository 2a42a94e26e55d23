# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    aftersales_agreement_id = fields.Many2one(
        "contract.contract",
        string="Agreement",
        compute="_compute_aftersales_agreement_id",
        store=True,
        index=True,
    )
    aftersales_agreement_unit_id = fields.Many2one(
        "aftersales.agreement.unit",
        string="Covered Unit",
        compute="_compute_aftersales_agreement_id",
        store=True,
    )
    aftersales_agreement_deadline = fields.Datetime(
        string="Agreement Response Deadline",
        compute="_compute_aftersales_agreement_id",
        store=True,
    )
    aftersales_fault_covered = fields.Boolean(
        string="Fault Covered by Agreement",
        compute="_compute_aftersales_fault_covered",
    )

    @api.depends("lot_id", "aftersales_reported_on")
    def _compute_aftersales_agreement_id(self):
        Contract = self.env["contract.contract"]
        Unit = self.env["aftersales.agreement.unit"]
        for ticket in self:
            start = ticket.aftersales_reported_on or fields.Datetime.now()
            # the date in the user's time zone is read for a serial only
            unit = (
                Contract._aftersales_find_unit(
                    ticket.lot_id,
                    on_date=fields.Date.context_today(ticket, start),
                )
                if ticket.lot_id
                else Unit
            )
            ticket.aftersales_agreement_unit_id = unit
            ticket.aftersales_agreement_id = unit.contract_id
            ticket.aftersales_agreement_deadline = (
                unit._response_deadline(start) if unit else False
            )

    @api.depends("aftersales_agreement_id", "aftersales_exclusion_id")
    def _compute_aftersales_fault_covered(self):
        for ticket in self:
            ticket.aftersales_fault_covered = bool(
                ticket.aftersales_agreement_id and not ticket.aftersales_exclusion_id
            )
