# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    aftersales_is_distributor = fields.Boolean(
        string="Distributor",
        help="A reseller: the units we sell it are carded to it until it "
        "registers their end users at sell-out (portal, back office or "
        "JSON-RPC).",
    )
    aftersales_distributed_count = fields.Integer(
        string="Units Distributed",
        compute="_compute_aftersales_distributed_count",
        groups="aftersales_service.group_aftersales_user",
    )

    def _compute_aftersales_distributed_count(self):
        groups = self.env["aftersales.warranty"]._read_group(
            [("distributor_id", "in", self.commercial_partner_id.ids)],
            ["distributor_id"],
            ["__count"],
        )
        counts = {partner.id: count for partner, count in groups}
        for partner in self:
            partner.aftersales_distributed_count = counts.get(
                partner.commercial_partner_id.id, 0
            )

    def action_view_aftersales_distributed(self):
        self.ensure_one()
        action = self.env["aftersales.warranty"]._action_view(
            [("distributor_id", "=", self.commercial_partner_id.id)]
        )
        action["context"] = {"search_default_group_registration": 1}
        return action
