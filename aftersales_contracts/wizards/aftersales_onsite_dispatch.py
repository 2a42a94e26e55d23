# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from odoo.addons.aftersales_service.tools import format_reader_datetime


class AftersalesOnsiteDispatch(models.TransientModel):
    """Dispatch a ticket's on-site visit: the service point of the customer's
    territory is proposed (chosen by hand where none matches), and the zone
    and deadline are shown before the order is sent."""

    _name = "aftersales.onsite.dispatch"
    _description = "Dispatch On-Site Visit"

    ticket_id = fields.Many2one("helpdesk.ticket", required=True, readonly=True)
    partner_id = fields.Many2one(related="ticket_id.partner_id", string="Customer")
    lot_id = fields.Many2one(related="ticket_id.lot_id")
    service_point_id = fields.Many2one(
        "aftersales.service.point",
        string="Service Point",
        compute="_compute_service_point_id",
        store=True,
        readonly=False,
        help="Proposed from the territory of the customer's address. Empty: "
        "the maker's own technicians.",
    )
    proposed_service_point_id = fields.Many2one(
        related="ticket_id.aftersales_service_point_id",
        string="Territory's Service Point",
    )
    territory_id = fields.Many2one(related="ticket_id.aftersales_territory_id")
    zone = fields.Selection(related="ticket_id.aftersales_onsite_zone")
    agreement_id = fields.Many2one(
        "contract.contract", compute="_compute_preview", string="Agreement"
    )
    deadline = fields.Datetime(compute="_compute_preview")
    deadline_display = fields.Char(compute="_compute_preview", string="On Site By")
    person_id = fields.Many2one(
        "fsm.person",
        string="Technician",
        domain="[('id', 'in', technician_ids)]",
    )
    technician_ids = fields.Many2many(
        "fsm.person", compute="_compute_technician_ids", string="Technicians"
    )
    note = fields.Html(string="Instructions")

    @api.depends("ticket_id")
    def _compute_service_point_id(self):
        for wizard in self:
            wizard.service_point_id = wizard.ticket_id.aftersales_service_point_id

    @api.depends("service_point_id")
    def _compute_technician_ids(self):
        for wizard in self:
            point = wizard.service_point_id
            wizard.technician_ids = point.technician_ids | point.lead_id

    @api.depends("ticket_id", "service_point_id")
    def _compute_preview(self):
        for wizard in self:
            ticket = wizard.ticket_id
            agreement = (
                ticket.aftersales_agreement_unit_id.contract_id
                or wizard.service_point_id.contract_id
                or ticket.aftersales_agreement_id
            )
            start = ticket.aftersales_reported_on or fields.Datetime.now()
            deadline = agreement._aftersales_onsite_deadline(
                start,
                ticket.aftersales_onsite_zone or "city",
                company=ticket.company_id,
            )
            wizard.agreement_id = agreement
            wizard.deadline = deadline
            wizard.deadline_display = format_reader_datetime(
                self.env, deadline, partner=self.env.user.partner_id
            )

    def action_dispatch(self):
        self.ensure_one()
        order_ids = self.ticket_id.aftersales_dispatch(
            service_point_id=self.service_point_id.id or False,
            person_id=self.person_id.id or None,
            note=self.note or None,
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "fsm.order",
            "res_id": order_ids[0],
            "view_mode": "form",
            "views": [(False, "form")],
        }
