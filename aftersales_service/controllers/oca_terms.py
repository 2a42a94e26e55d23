# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The portal's ticket list in the customer's language: helpdesk_mgmt builds
its sort, filter, group-by and search options with Python code terms it has no
Chinese for (see aftersales_service.tools.oca_terms)."""

from odoo import http
from odoo.http import request

from odoo.addons.helpdesk_mgmt.controllers.myaccount import CustomerPortalHelpdesk

from ..tools import relabel

ADDON = "aftersales_service"


class AftersalesHelpdeskPortalTerms(CustomerPortalHelpdesk):
    def _ticket_get_searchbar_sortings(self):
        return relabel(request.env, ADDON, super()._ticket_get_searchbar_sortings())

    def _ticket_get_searchbar_groupby(self):
        return relabel(request.env, ADDON, super()._ticket_get_searchbar_groupby())

    def _ticket_get_searchbar_inputs(self):
        return relabel(request.env, ADDON, super()._ticket_get_searchbar_inputs())

    @http.route()
    def portal_my_tickets(self, *args, **kwargs):
        response = super().portal_my_tickets(*args, **kwargs)
        qcontext = getattr(response, "qcontext", None) or {}
        if "searchbar_filters" in qcontext:
            # the stages are records (translated); "All" is a code term
            relabel(
                request.env, ADDON, {"all": qcontext["searchbar_filters"].get("all")}
            )
        return response
