# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class StockLot(models.Model):
    _inherit = "stock.lot"

    def _aftersales_belongs_to(self, partner, on_date=None):
        """A serial covered by one of the customer's agreements on that date
        belongs to them too (an equipment agreement may cover units we never
        sold them)."""
        belongs = super()._aftersales_belongs_to(partner, on_date=on_date)
        rest = self - belongs
        if not rest or not partner:
            return belongs
        on_date = on_date or fields.Date.context_today(self)
        commercial = partner.commercial_partner_id
        domain = self.env["contract.contract"]._aftersales_unit_domain(rest, on_date)
        domain += [
            "|",
            ("partner_id", "child_of", commercial.id),
            ("site_partner_id", "child_of", commercial.id),
        ]
        units = self.env["aftersales.agreement.unit"].sudo().search(domain)
        return belongs | (rest & units.lot_id)
