# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class RepairOrder(models.Model):
    _inherit = "repair.order"

    aftersales_agreement_id = fields.Many2one(
        "contract.contract",
        string="Agreement",
        compute="_compute_aftersales_agreement_id",
        store=True,
        readonly=False,
        index=True,
        domain=[("aftersales_kind", "!=", False)],
        help="The service agreement covering this serial, or the distributor "
        "agreement this repair is settled under.",
    )
    aftersales_distributor_id = fields.Many2one(
        "res.partner",
        string="Distributor",
        compute="_compute_aftersales_distributor_id",
        store=True,
        index=True,
    )
    aftersales_agreement_deadline = fields.Datetime(
        string="Agreement Response Deadline",
        compute="_compute_aftersales_agreement_deadline",
    )
    aftersales_onsite = fields.Boolean(string="On-Site Visit")
    aftersales_callback_done = fields.Boolean(string="Callback Done")
    aftersales_fault = fields.Char(string="Fault")
    aftersales_closed_date = fields.Date(
        string="Closed On", copy=False, readonly=True, index=True
    )
    aftersales_settlement_bill_id = fields.Many2one(
        "account.move", string="Settlement Bill", copy=False, readonly=True, index=True
    )

    @api.depends("lot_id")
    def _compute_aftersales_agreement_id(self):
        Contract = self.env["contract.contract"]
        for repair in self:
            if repair.lot_id and not repair.aftersales_agreement_id:
                repair.aftersales_agreement_id = Contract._aftersales_find_agreement(
                    repair.lot_id
                )

    @api.depends("aftersales_agreement_id")
    def _compute_aftersales_distributor_id(self):
        for repair in self:
            agreement = repair.aftersales_agreement_id
            repair.aftersales_distributor_id = (
                agreement.partner_id.commercial_partner_id
                if agreement.aftersales_kind == "distributor"
                else False
            )

    @api.depends("aftersales_agreement_id", "lot_id", "create_date")
    def _compute_aftersales_agreement_deadline(self):
        for repair in self:
            unit = repair.aftersales_agreement_id.aftersales_unit_ids.filtered(
                lambda u, r=repair: u.lot_id == r.lot_id
            )[:1]
            repair.aftersales_agreement_deadline = (
                unit._response_deadline(repair.create_date or fields.Datetime.now())
                if unit
                else False
            )

    def write(self, vals):
        if vals.get("state") == "done":
            vals.setdefault("aftersales_closed_date", fields.Date.context_today(self))
        return super().write(vals)
