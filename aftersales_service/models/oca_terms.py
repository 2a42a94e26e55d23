# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""helpdesk_mgmt's Python code terms a user meets, in the user's language
(helpdesk_mgmt ships no zh_CN; see aftersales_service.tools.oca_terms)."""

from odoo import models

from ..tools import oca_term, translate_reasons

ADDON = "aftersales_service"


class HelpdeskTicketTeamOcaTerms(models.Model):
    _inherit = "helpdesk.ticket.team"

    def _retrieve_dashboard(self):
        """The dashboard tiles "Open Tickets" and "Open Tickets without team"."""
        tiles = super()._retrieve_dashboard()
        for tile in tiles:
            if tile.get("name"):
                tile["name"] = oca_term(self.env, ADDON, str(tile["name"]))
        return tiles


class HelpdeskTicketOcaTerms(models.Model):
    _inherit = "helpdesk.ticket"

    def _message_get_suggested_recipients(self):
        """The reason ("Customer", "Customer Email") of a suggested recipient."""
        return translate_reasons(
            self, ADDON, super()._message_get_suggested_recipients()
        )
