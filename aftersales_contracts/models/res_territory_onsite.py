# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from odoo import api, fields, models

ZONES = [
    ("city", "City"),
    ("suburb", "Suburb / County"),
    ("remote", "Remote"),
]


class ResTerritory(models.Model):
    """A territory (OCA base_territory) is an area a service point must
    serve and the zone that sets the on-site deadline: city (市区), suburb or
    county (郊县), remote (外地)."""

    _inherit = "res.territory"

    aftersales_zone = fields.Selection(
        ZONES,
        string="On-Site Zone",
        default="city",
        help="Sets the on-site deadline of customers in this territory: city "
        "hours (市区), suburb/county hours (郊县) or remote days (外地), per the "
        "governing agreement or the Settings.",
    )
    aftersales_state_ids = fields.Many2many(
        "res.country.state",
        "aftersales_territory_state_rel",
        "territory_id",
        "state_id",
        string="States / Provinces",
        help="Customers whose address is in one of these states or provinces "
        "belong to this territory (type State).",
    )
    aftersales_service_point_ids = fields.Many2many(
        "aftersales.service.point",
        "aftersales_service_point_territory_rel",
        "territory_id",
        "service_point_id",
        string="Service Points",
    )

    # ------------------------------------------------------------------
    # Matching an address
    # ------------------------------------------------------------------
    @staticmethod
    def _aftersales_zip_patterns(zip_codes):
        """ZIP codes of the territory: separated by commas, spaces or new
        lines; an entry ending with ``*`` is a prefix (``3115*``)."""
        return [z for z in re.split(r"[\s,;，；]+", zip_codes or "") if z]

    def _aftersales_zip_matches(self, zip_code):
        self.ensure_one()
        zip_code = (zip_code or "").replace(" ", "")
        if not zip_code:
            return False
        for pattern in self._aftersales_zip_patterns(self.zip_codes):
            if pattern.endswith("*"):
                if zip_code.startswith(pattern[:-1]):
                    return True
            elif zip_code == pattern:
                return True
        return False

    def _aftersales_match_rank(self, partner):
        """How specifically this territory matches an address: 3 by ZIP code,
        2 by state, 1 by country, 0 not at all."""
        self.ensure_one()
        if self.zip_codes and self._aftersales_zip_matches(partner.zip):
            return 3
        if partner.state_id and partner.state_id in self.aftersales_state_ids:
            return 2
        if partner.country_id and partner.country_id in self.country_ids:
            return 1
        return 0

    @api.model
    def _aftersales_match_partner(self, partner, territories=None):
        """The territory of an address (a ``res.partner``): the most specific
        match (ZIP code, then state, then country), the lowest id first."""
        if not partner:
            return self.browse()
        territories = territories if territories is not None else self.search([])
        best, best_rank = self.browse(), 0
        for territory in territories.sorted("id"):
            rank = territory._aftersales_match_rank(partner)
            if rank > best_rank:
                best, best_rank = territory, rank
        return best
