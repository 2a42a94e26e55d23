# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request

from odoo.addons.helpdesk_mgmt.controllers.main import HelpdeskTicketController
from odoo.addons.portal.controllers.portal import CustomerPortal

_logger = logging.getLogger(__name__)


class AftersalesTicketPortal(CustomerPortal):
    @http.route(
        ["/my/ticket/<int:ticket_id>/confirm"],
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
    )
    def portal_ticket_confirm(self, ticket_id, access_token=None, note=None, **kw):
        """The customer confirms that their need is met (闭环).

        Access is checked by ``_document_check_access`` (own ticket or valid
        token); the sudo write only sets the confirmation fields, with the
        customer's note as plain text.
        """
        try:
            ticket_sudo = self._document_check_access(
                "helpdesk.ticket", ticket_id, access_token=access_token
            )
        except (AccessError, MissingError):
            return request.redirect("/my")
        if not ticket_sudo.customer_confirmed and not ticket_sudo.stage_id.closed:
            try:
                ticket_sudo._aftersales_record_confirmation(
                    "portal", note=(note or "")[:2000], user=request.env.user
                )
            except UserError as error:
                # the page shows the ticket as it is (e.g. confirmed meanwhile)
                _logger.info("portal confirmation refused: %s: %s", ticket_sudo, error)
        url = f"/my/ticket/{ticket_sudo.id}"
        if access_token:
            url += f"?access_token={access_token}"
        return request.redirect(url)


class AftersalesTicketClose(HelpdeskTicketController):
    @http.route()
    def support_ticket_close(self, **kw):
        """Closing from the portal is the customer's own confirmation: record
        it (channel portal) for a ticket the user may read, then close."""
        try:
            ticket = request.env["helpdesk.ticket"].browse(int(kw.get("ticket_id")))
            ticket.check_access("read")
        except (AccessError, MissingError, TypeError, ValueError):
            return request.redirect("/my")
        stage = (
            request.env["helpdesk.ticket.stage"]
            .sudo()
            .browse(int(kw.get("stage_id") or 0))
        )
        ticket_sudo = ticket.sudo()
        if (
            stage.exists()
            and stage.close_from_portal
            and not ticket_sudo.customer_confirmed
            and not ticket_sudo.stage_id.closed
        ):
            ticket_sudo._aftersales_record_confirmation("portal", user=request.env.user)
        return super().support_ticket_close(**kw)
