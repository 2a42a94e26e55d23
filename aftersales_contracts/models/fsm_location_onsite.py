# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models

ADDRESS_FIELDS = ("street", "street2", "zip", "city", "state_id", "country_id")


class FsmLocation(models.Model):
    _inherit = "fsm.location"

    @api.model
    def _aftersales_for_partner(self, partner):
        """The service location of a customer's site: its own location, its
        primary service location, its company's, else a new location under
        the customer with the site's address (the customer's own contact is
        left as it is)."""
        if not partner:
            return self.browse()
        location = (
            partner.fsm_location_ids[:1]
            or partner.service_location_id
            or partner.commercial_partner_id.service_location_id
        )
        if location:
            return location
        owner = partner.commercial_partner_id
        vals = {
            "name": partner.name or owner.name,
            "owner_id": owner.id,
            "phone": partner.phone or owner.phone,
            "email": partner.email or owner.email,
            "tz": partner.tz or owner.tz,
            "lang": partner.lang or owner.lang,
        }
        for fname in ADDRESS_FIELDS:
            value = partner[fname]
            vals[fname] = value.id if hasattr(value, "id") else value
        location = self.sudo().create(vals).sudo(False)
        partner.sudo().service_location_id = location
        return location
