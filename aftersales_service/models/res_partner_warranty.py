# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    aftersales_warranty_count = fields.Integer(
        compute="_compute_aftersales_warranty_count",
        groups="aftersales_service.group_aftersales_user",
    )

    def _compute_aftersales_warranty_count(self):
        groups = self.env["aftersales.warranty"]._read_group(
            [("partner_id", "child_of", self.commercial_partner_id.ids)],
            ["partner_id"],
            ["__count"],
        )
        counts = {}
        for partner, count in groups:
            commercial = partner.commercial_partner_id
            counts[commercial.id] = counts.get(commercial.id, 0) + count
        for partner in self:
            partner.aftersales_warranty_count = counts.get(
                partner.commercial_partner_id.id, 0
            )

    def action_view_aftersales_warranties(self):
        self.ensure_one()
        return self.env["aftersales.warranty"]._action_view(
            [("partner_id", "child_of", self.commercial_partner_id.id)]
        )

    def action_aftersales_check_warranty(self):
        self.ensure_one()
        return self.env["aftersales.warranty.check"]._open_for(partner=self)
