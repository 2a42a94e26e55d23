# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


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
    aftersales_callback_done = fields.Boolean(string="Callback Done")
    aftersales_fault = fields.Char(string="Fault")
    aftersales_closed_date = fields.Date(
        string="Closed On", copy=False, readonly=True, index=True
    )
    aftersales_settlement_id = fields.Many2one(
        "aftersales.agreement.settlement",
        string="Settlement",
        copy=False,
        readonly=True,
        index="btree_not_null",
        help="The distributor settlement that paid this in-warranty repair.",
    )
    aftersales_settlement_bill_id = fields.Many2one(
        related="aftersales_settlement_id.bill_id", string="Settlement Bill"
    )
    aftersales_swap_ids = fields.One2many(
        "aftersales.part.swap", "repair_id", string="Parts Swapped"
    )
    aftersales_swap_count = fields.Integer(compute="_compute_aftersales_swap_count")
    can_aftersales_issue_part = fields.Boolean(
        compute="_compute_can_aftersales_issue_part"
    )

    @api.model
    def _aftersales_guarded_fields(self):
        return super()._aftersales_guarded_fields() | {
            "aftersales_closed_date",
            "aftersales_settlement_id",
        }

    @api.depends("aftersales_swap_ids")
    def _compute_aftersales_swap_count(self):
        for repair in self:
            repair.aftersales_swap_count = len(repair.aftersales_swap_ids)

    @api.depends("aftersales_distributor_id", "state")
    def _compute_can_aftersales_issue_part(self):
        for repair in self:
            repair.can_aftersales_issue_part = bool(
                repair.aftersales_distributor_id and repair.state != "cancel"
            )

    def action_aftersales_issue_part(self):
        """Issue a spare part to the repair's distributor against the old one
        (以旧换新): the swap form, with the repair, distributor and agreement."""
        self.ensure_one()
        if not self.can_aftersales_issue_part:
            raise UserError(
                self.env._(
                    "Repair %s is not settled under a distributor agreement: no "
                    "part is swapped for it.",
                    self.name,
                )
            )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Issue Part"),
            "res_model": "aftersales.part.swap",
            "view_mode": "form",
            "views": [
                (
                    self.env.ref(
                        "aftersales_contracts.aftersales_part_swap_view_form_issue"
                    ).id,
                    "form",
                )
            ],
            "target": "new",
            "context": {
                "default_repair_id": self.id,
                "default_partner_id": self.aftersales_distributor_id.id,
                "default_contract_id": self.aftersales_agreement_id.id,
                "default_company_id": self.company_id.id,
            },
        }

    def action_aftersales_view_swaps(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "aftersales_contracts.action_aftersales_part_swap"
        )
        action["domain"] = [("repair_id", "=", self.id)]
        action["context"] = {"default_repair_id": self.id}
        return action

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
