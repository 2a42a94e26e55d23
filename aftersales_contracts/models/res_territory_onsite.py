# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from odoo import api, fields, models, tools

ZONES = [
    ("city", "City"),
    ("suburb", "Suburb / County"),
    ("remote", "Remote"),
]


class ResTerritory(models.Model):
    """A territory (OCA base_territory) is an area a service point must
    serve and the zone that sets the on-site deadline: city (市区), suburb or
    county (郊县), remote (外地)."""

    # the matching data is cached: any change of a territory clears it
    _name = "res.territory"
    _inherit = ["res.territory", "aftersales.cache.mixin"]

    aftersales_zone = fields.Selection(
        ZONES,
        string="On-Site Zone",
        default="city",
        help="Sets the on-site deadline of customers in this territory: city "
        "hours, suburb/county hours or remote days, per the "
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

    # ------------------------------------------------------------------
    # What the matcher reads, once per worker (every ticket looks it up)
    # ------------------------------------------------------------------
    @api.model
    @tools.ormcache()
    def _aftersales_matching_data(self):
        """Every territory as the matcher reads it, lowest id first: tuples
        ``(id, zone, zip patterns, state ids, country ids)``. Reference data
        read by the server whoever asks (the ids only: a caller browses the
        territory it keeps); cleared when a territory, or a country's
        territory, changes."""
        territories = (
            self.sudo()
            .with_context(active_test=False, prefetch_fields=False)
            .search_fetch(
                [],
                ["zip_codes", "aftersales_zone", "aftersales_state_ids", "country_ids"],
                order="id",
            )
        )
        return tuple(
            (
                territory.id,
                territory.aftersales_zone,
                tuple(self._aftersales_zip_patterns(territory.zip_codes)),
                frozenset(territory.aftersales_state_ids.ids),
                frozenset(territory.country_ids.ids),
            )
            for territory in territories
        )

    @api.model
    def _aftersales_zone_of(self, territory_id):
        """The on-site zone of a territory (from the matching data)."""
        for row in self._aftersales_matching_data():
            if row[0] == territory_id:
                return row[1]
        return False

    @staticmethod
    def _aftersales_rank_of(row, zip_code, state_id, country_id):
        """``_aftersales_match_rank`` on the matching data of a territory."""
        _id, _zone, patterns, state_ids, country_ids = row
        if patterns and zip_code:
            for pattern in patterns:
                if pattern.endswith("*"):
                    if zip_code.startswith(pattern[:-1]):
                        return 3
                elif zip_code == pattern:
                    return 3
        if state_id and state_id in state_ids:
            return 2
        if country_id and country_id in country_ids:
            return 1
        return 0

    @api.model
    def _aftersales_match_partner(self, partner, territories=None):
        """The territory of an address (a ``res.partner``): the most specific
        match (ZIP code, then state, then country), the lowest id first.
        ``territories``: the candidates (default: every territory)."""
        if not partner:
            return self.browse()
        rows = self._aftersales_matching_data()
        if territories is not None:
            rows = [row for row in rows if row[0] in set(territories.ids)]
        if not rows:
            return self.browse()
        zip_code = (partner.zip or "").replace(" ", "")
        state_id, country_id = partner.state_id.id, partner.country_id.id
        best, best_rank = False, 0
        for row in rows:
            rank = self._aftersales_rank_of(row, zip_code, state_id, country_id)
            if rank > best_rank:
                best, best_rank = row[0], rank
        return self.browse(best or [])


class ResCountry(models.Model):
    """A country belongs to a territory through its ``territory_id``
    (the territory's ``country_ids``): the matching data follows it."""

    _name = "res.country"
    _inherit = ["res.country", "aftersales.cache.mixin"]
    _aftersales_cache_fields = frozenset({"territory_id"})
