# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class AftersalesAgreementVisit(models.Model):
    """A preventive visit is dispatched as an on-site order; signing its slip
    marks the visit done."""

    _inherit = "aftersales.agreement.visit"

    fsm_order_ids = fields.One2many(
        "fsm.order", "aftersales_visit_id", string="Dispatch Orders"
    )
    fsm_order_id = fields.Many2one(
        "fsm.order", string="Dispatch Order", compute="_compute_fsm_order_id"
    )

    @api.depends("fsm_order_ids")
    def _compute_fsm_order_id(self):
        for visit in self:
            visit.fsm_order_id = visit.fsm_order_ids.sorted("id")[-1:]

    def action_aftersales_dispatch(self):
        """Dispatch the visit to the service point of the site (or the
        maker's own technicians)."""
        vals_list = []
        for visit in self:
            if visit.state != "planned":
                raise UserError(
                    self.env._("Visit %s is not planned any more.", visit.name)
                )
            if visit.fsm_order_ids.filtered(lambda o: not o.is_closed):
                raise UserError(
                    self.env._("Visit %s is already dispatched.", visit.name)
                )
            vals = {
                "aftersales_visit_id": visit.id,
                "company_id": visit.company_id.id,
                "scheduled_date_start": fields.Datetime.to_datetime(visit.planned_date),
            }
            person = (
                self.env["fsm.person"].search(
                    [("partner_id", "=", visit.user_id.partner_id.id)], limit=1
                )
                if visit.user_id
                else False
            )
            if person:
                vals["person_id"] = person.id
            vals_list.append(vals)
        orders = self.env["fsm.order"].create(vals_list)
        if len(orders) == 1:
            return {
                "type": "ir.actions.act_window",
                "res_model": "fsm.order",
                "res_id": orders.id,
                "view_mode": "form",
                "views": [(False, "form")],
            }
        return True
