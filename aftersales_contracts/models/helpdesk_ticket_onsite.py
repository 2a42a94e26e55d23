# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.exceptions import UserError

from .res_territory_onsite import ZONES


class HelpdeskTicket(models.Model):
    """A ticket's governing agreement is found by serial or by territory
    (the customer's address falls in a territory a distributor's service
    point serves), and the ticket is dispatched to that service point."""

    _inherit = "helpdesk.ticket"

    aftersales_service_point_id = fields.Many2one(
        "aftersales.service.point",
        string="Service Point",
        compute="_compute_aftersales_agreement_id",
        store=True,
        readonly=False,
        index=True,
        help="The service point of the customer's territory; choose one by "
        "hand where none matches.",
    )
    aftersales_territory_id = fields.Many2one(
        "res.territory",
        string="Territory",
        compute="_compute_aftersales_agreement_id",
        store=True,
    )
    aftersales_onsite_zone = fields.Selection(
        ZONES,
        string="On-Site Zone",
        compute="_compute_aftersales_agreement_id",
        store=True,
    )
    aftersales_onsite_order_count = fields.Integer(
        string="On-Site Order Count", compute="_compute_aftersales_onsite_order_count"
    )

    def _aftersales_site_partner(self):
        self.ensure_one()
        return self.fsm_location_id.partner_id or self.partner_id

    @api.depends("lot_id", "aftersales_reported_on", "partner_id", "fsm_location_id")
    def _compute_aftersales_agreement_id(self):
        res = super()._compute_aftersales_agreement_id()
        Contract = self.env["contract.contract"]
        for ticket in self:
            site = ticket._aftersales_site_partner()
            start = ticket.aftersales_reported_on or fields.Datetime.now()
            if not site:
                ticket.aftersales_service_point_id = False
                ticket.aftersales_territory_id = False
                ticket.aftersales_onsite_zone = (
                    ticket.aftersales_agreement_unit_id.zone or False
                )
                continue
            governing = Contract._aftersales_governing(
                site_partner=site,
                called_on=start,
                company=ticket.company_id or self.env.company,
                unit=ticket.aftersales_agreement_unit_id,
                location=ticket.fsm_location_id,
            )
            ticket.aftersales_service_point_id = governing["service_point"]
            ticket.aftersales_territory_id = governing["territory"]
            ticket.aftersales_onsite_zone = governing["zone"]
            if not ticket.aftersales_agreement_id and governing["agreement"]:
                agreement = governing["agreement"]
                ticket.aftersales_agreement_id = agreement
                ticket.aftersales_agreement_deadline = (
                    agreement._aftersales_onsite_deadline(start, governing["zone"])
                )
        return res

    def _compute_aftersales_onsite_order_count(self):
        counts = dict(
            self.env["fsm.order"]._read_group(
                [("ticket_id", "in", self.ids)], ["ticket_id"], ["__count"]
            )
        )
        for ticket in self:
            ticket.aftersales_onsite_order_count = counts.get(ticket, 0)

    # ------------------------------------------------------------------
    # Dispatch (维修指令)
    # ------------------------------------------------------------------
    def _aftersales_check_dispatchable(self):
        for ticket in self:
            if ticket.stage_id.closed:
                raise UserError(
                    self.env._(
                        "Ticket %s is closed: nothing to dispatch.",
                        ticket.display_name,
                    )
                )
            if not ticket.partner_id:
                raise UserError(
                    self.env._(
                        "Ticket %s: give the customer before dispatching a visit.",
                        ticket.display_name,
                    )
                )

    def action_aftersales_open_dispatch(self):
        """Open the dispatch wizard: the service point of the territory, the
        zone and the deadline, before the order is sent."""
        self.ensure_one()
        self._aftersales_check_dispatchable()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Dispatch On-Site Visit"),
            "res_model": "aftersales.onsite.dispatch",
            "view_mode": "form",
            "target": "new",
            "context": {"default_ticket_id": self.id},
        }

    def aftersales_dispatch(self, service_point_id=None, person_id=None, note=None):
        """Public: dispatch an on-site repair order for each ticket, to the
        service point of its territory (or ``service_point_id``; ``False``
        for the maker's own technicians). Returns the ids of the orders."""
        self._aftersales_check_dispatchable()
        vals_list = []
        for ticket in self:
            vals = {"ticket_id": ticket.id, "company_id": ticket.company_id.id}
            if service_point_id is not None:
                vals["aftersales_service_point_id"] = service_point_id or False
            elif ticket.aftersales_service_point_id:
                vals["aftersales_service_point_id"] = (
                    ticket.aftersales_service_point_id.id
                )
            if person_id:
                vals["person_id"] = person_id
            if note:
                vals["todo"] = note
            if ticket.description:
                vals["description"] = ticket.description
            vals_list.append(vals)
        orders = self.env["fsm.order"].create(vals_list)
        for order in orders:
            order.ticket_id.message_post(
                body=Markup(
                    escape(
                        self.env._("On-site order %(order)s dispatched to %(point)s.")
                    )
                )
                % {
                    "order": order._get_html_link(),
                    "point": order.aftersales_service_point_id.name
                    or self.env._("own technicians"),
                },
                message_type="notification",
                subtype_xmlid="mail.mt_note",
            )
        return orders.ids

    def action_aftersales_view_onsite_orders(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "aftersales_contracts.action_aftersales_onsite_order"
        )
        action["domain"] = [("ticket_id", "=", self.id)]
        action["context"] = {"default_ticket_id": self.id}
        if self.aftersales_onsite_order_count == 1:
            action["views"] = [(False, "form")]
            action["res_id"] = self.fsm_order_ids[:1].id
        return action
