# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The portal's contract list in the customer's language: contract builds its
sort options with Python code terms it has no Chinese for."""

from odoo import http
from odoo.http import request

from odoo.addons.aftersales_service.tools import relabel
from odoo.addons.contract.controllers.main import PortalContract


class AftersalesContractPortalTerms(PortalContract):
    @http.route()
    def portal_my_contracts(self, *args, **kwargs):
        response = super().portal_my_contracts(*args, **kwargs)
        qcontext = getattr(response, "qcontext", None) or {}
        relabel(
            request.env,
            "aftersales_contracts",
            qcontext.get("searchbar_sortings"),
            oca_module="contract",
        )
        return response
