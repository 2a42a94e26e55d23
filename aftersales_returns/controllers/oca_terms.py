# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The portal's return list in the customer's language: rma builds its sort
options with Python code terms it has no Chinese for."""

from odoo import http
from odoo.http import request

from odoo.addons.aftersales_service.tools import relabel
from odoo.addons.rma.controllers.main import PortalRma


class AftersalesRmaPortalTerms(PortalRma):
    @http.route()
    def portal_my_rmas(self, *args, **kwargs):
        response = super().portal_my_rmas(*args, **kwargs)
        qcontext = getattr(response, "qcontext", None) or {}
        relabel(
            request.env,
            "aftersales_returns",
            qcontext.get("searchbar_sortings"),
            oca_module="rma",
        )
        return response
