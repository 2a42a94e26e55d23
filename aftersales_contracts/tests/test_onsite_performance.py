# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date
from unittest.mock import patch

from freezegun import freeze_time

from odoo import Command
from odoo.tests import tagged

from .common_onsite import AftersalesOnsiteCommon

# What the on-site look-up adds to a ticket's creation on a cold record cache
# (as each JSON-RPC request starts), beside the same creation without it. The
# territories' and service points' matching data are cached per worker
# (ormcache): what is left is the site's service location (one query, none
# when the ticket has its location already) and the agreement of a matching
# service point (its dates decide, one query).
LOOKUP_UNMATCHED = 1  # the site's location: no territory matches
LOOKUP_MATCHED = 2  # the site's location, the service point's agreement
LOOKUP_LOCATED = 1  # the ticket's location is known: the agreement only
# The whole creation (as an after-sales user, a matching address): 30 queries
# before the matching data were cached (every territory and service point
# searched and read on each creation, the look-up then cost 7).
CREATE_MATCHED = 24
NOW = "2026-03-02 08:00:00"


def _no_governing(self, **kwargs):
    """``_aftersales_governing`` without its look-up (the baseline)."""
    return {
        "agreement": self.browse(),
        "unit": kwargs.get("unit") or self.env["aftersales.agreement.unit"],
        "service_point": self.env["aftersales.service.point"],
        "territory": self.env["res.territory"],
        "zone": "city",
    }


@tagged("post_install", "-at_install")
class TestOnsitePerformance(AftersalesOnsiteCommon):
    """The on-site look-up on ticket creation costs a fixed, small number of
    queries on a cold cache, and answers as before: the matching data cached
    per worker follow every change of a territory, a service point or a
    country's territory."""

    def _request_env(self, user=None):
        """An environment as a JSON-RPC request starts one: the user's
        context (no test flags), an empty record cache."""
        user = user or self.user
        return self.env(user=user, context=user.context_get())

    def _vals(self, partner, **vals):
        return dict(
            {
                "name": "Heater does not ignite",
                "description": "<p>E4</p>",
                "partner_id": partner.id if partner else False,
            },
            **vals,
        )

    def _cold_create_count(self, vals, lookup=True):
        """Queries of one creation (flushed) on a cold record cache; the
        worker's caches warm (one creation before)."""
        env = self._request_env()
        Ticket = env["helpdesk.ticket"]
        Contract = type(env["contract.contract"])
        with patch.object(
            Contract,
            "_aftersales_governing",
            Contract._aftersales_governing if lookup else _no_governing,
        ):
            # the first creation warms the worker's caches (access rules of
            # the records it reads...) on a cold record cache as well
            env.flush_all()
            env.invalidate_all()
            Ticket.create(dict(vals))
            env.flush_all()
            env.invalidate_all()
            before = env.cr.sql_log_count
            ticket = Ticket.create(dict(vals))
            env.flush_all()
            count = env.cr.sql_log_count - before
        env.invalidate_all()
        return count, ticket

    def _lookup_cost(self, vals):
        with_lookup, ticket = self._cold_create_count(vals)
        without, _ticket = self._cold_create_count(vals, lookup=False)
        return with_lookup - without, with_lookup, ticket

    # ------------------------------------------------------------------
    @freeze_time(NOW)
    def test_cold_create_lookup_cost(self):
        cost, total, ticket = self._lookup_cost(self._vals(self.city_customer))
        self.assertEqual(ticket.aftersales_territory_id, self.t_city)
        self.assertEqual(ticket.aftersales_service_point_id, self.point)
        self.assertEqual(ticket.aftersales_agreement_id, self.dist_agreement)
        self.assertEqual(cost, LOOKUP_MATCHED)
        self.assertEqual(total, CREATE_MATCHED)

        cost, _total, ticket = self._lookup_cost(self._vals(self.far_customer))
        self.assertFalse(ticket.aftersales_territory_id)
        self.assertFalse(ticket.aftersales_service_point_id)
        self.assertEqual(cost, LOOKUP_UNMATCHED)

        location = self.env["fsm.location"].create(
            {
                "name": "Mrs Lin's flat",
                "owner_id": self.city_customer.id,
                "zip": "610012",
                "territory_id": self.t_county.id,
            }
        )
        vals = self._vals(self.city_customer, fsm_location_id=location.id)
        cost, _total, ticket = self._lookup_cost(vals)
        # the location's territory wins over the address
        self.assertEqual(ticket.aftersales_territory_id, self.t_county)
        self.assertEqual(ticket.aftersales_onsite_zone, "suburb")
        self.assertEqual(ticket.aftersales_service_point_id, self.point)
        self.assertEqual(cost, LOOKUP_LOCATED)

    @freeze_time(NOW)
    def test_cold_create_without_site_or_territory(self):
        cost, _total, ticket = self._lookup_cost(self._vals(False))
        self.assertEqual(cost, 0)
        self.assertFalse(ticket.aftersales_territory_id)
        # without any territory no address is looked up at all
        self.env["res.territory"].search([]).unlink()
        cost, _total, ticket = self._lookup_cost(self._vals(self.city_customer))
        self.assertEqual(cost, 0)
        self.assertFalse(ticket.aftersales_territory_id)
        self.assertEqual(ticket.aftersales_onsite_zone, "city")

    # ------------------------------------------------------------------
    @freeze_time(NOW)
    def test_matching_data_follow_changes(self):
        Ticket = self._request_env()["helpdesk.ticket"]
        Territory = self.env["res.territory"]
        self.assertFalse(
            Ticket.create(self._vals(self.far_customer)).aftersales_territory_id
        )
        # a new territory covering the address
        far = Territory.create(
            {
                "name": "Far",
                "type": "zip",
                "zip_codes": "9999*",
                "aftersales_zone": "remote",
            }
        )
        ticket = Ticket.create(self._vals(self.far_customer))
        self.assertEqual(ticket.aftersales_territory_id, far)
        self.assertEqual(ticket.aftersales_onsite_zone, "remote")
        self.assertFalse(ticket.aftersales_service_point_id)
        # a service point takes it on (from the territory's side)
        far.aftersales_service_point_ids = [Command.link(self.point.id)]
        ticket = Ticket.create(self._vals(self.far_customer))
        self.assertEqual(ticket.aftersales_service_point_id, self.point)
        # its ZIP codes change: the address is out again
        far.zip_codes = "8888*"
        self.assertFalse(
            Ticket.create(self._vals(self.far_customer)).aftersales_territory_id
        )
        # by country: a country joins the territory (from the country's side)
        country = self.env.ref("base.cn")
        self.far_customer.country_id = country
        country.territory_id = far
        ticket = Ticket.create(self._vals(self.far_customer))
        self.assertEqual(ticket.aftersales_territory_id, far)
        # the service point archived: it serves no more
        self.point.active = False
        ticket = Ticket.create(self._vals(self.city_customer))
        self.assertEqual(ticket.aftersales_territory_id, self.t_city)
        self.assertFalse(ticket.aftersales_service_point_id)
        self.point.active = True
        # the agreement's dates are read when asked, not cached
        self.dist_agreement.date_end = date(2026, 1, 31)
        ticket = Ticket.create(self._vals(self.city_customer))
        self.assertFalse(ticket.aftersales_service_point_id)
        # a territory deleted
        country.territory_id = False
        far.unlink()
        self.assertFalse(
            Ticket.create(self._vals(self.far_customer)).aftersales_territory_id
        )

    @freeze_time(NOW)
    def test_service_point_of_the_ticket_company_only(self):
        other = self.env["res.company"].create({"name": "Other Maker"})
        self.point.company_id = other
        ticket = self._request_env()["helpdesk.ticket"].create(
            self._vals(self.city_customer)
        )
        self.assertEqual(ticket.aftersales_territory_id, self.t_city)
        self.assertFalse(ticket.aftersales_service_point_id)
