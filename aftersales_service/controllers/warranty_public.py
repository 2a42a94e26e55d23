# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The public warranty check (扫码查保修): no login.

- ``GET /warranty/check/<token>``: the page the card's QR code opens;
- ``GET|POST /warranty/check``: a typed serial and the last four digits of
  the owner's phone; answered only when both match, with one and the same
  answer for "no such serial" and "wrong phone", and limited per network
  address (Settings);
- ``POST /warranty/request``: "request service" on a card found above.

Nothing the visitor types reaches a search except the exact serial (and the
token); the answer never shows the owner.
"""

from odoo import http
from odoo.exceptions import UserError, ValidationError
from odoo.http import request


class AftersalesWarrantyPublic(http.Controller):
    def _address(self):
        return request.httprequest.remote_addr or "?"

    def _render(self, values=None, status=200):
        company = request.env.company
        page = {
            "answer": None,
            "error": None,
            "serial": "",
            "ticket_number": None,
            "hotline": company._aftersales_hotline(),
            "company_name": company.name,
        }
        page.update(values or {})
        response = request.render("aftersales_service.public_warranty_check", page)
        response.status_code = status
        return response

    def _refused(self, serial=""):
        """The one answer to a failed look-up, whichever part was wrong."""
        return self._render({"error": "no_match", "serial": serial})

    def _rate_limited(self):
        return self._render({"error": "rate_limited"}, status=429)

    @http.route(
        ["/warranty/check"],
        type="http",
        auth="public",
        methods=["GET", "POST"],
        website=True,
        sitemap=False,
    )
    def warranty_check(self, serial="", phone="", **kw):
        if request.httprequest.method != "POST":
            return self._render()
        Lookup = request.env["aftersales.warranty.lookup"]
        address = self._address()
        if not Lookup._aftersales_allowed(address):
            return self._rate_limited()
        card = request.env["aftersales.warranty"]._aftersales_public_lookup(
            serial, phone
        )
        Lookup._aftersales_record(address, "lookup", bool(card))
        if not card:
            return self._refused(serial=(serial or "")[:64])
        return self._render({"answer": card._aftersales_public_answer()})

    @http.route(
        ["/warranty/check/<string:token>"],
        type="http",
        auth="public",
        methods=["GET"],
        website=True,
        sitemap=False,
    )
    def warranty_check_token(self, token, **kw):
        card = request.env["aftersales.warranty"]._aftersales_public_card_by_token(
            token
        )
        if not card:
            Lookup = request.env["aftersales.warranty.lookup"]
            address = self._address()
            if not Lookup._aftersales_allowed(address):
                return self._rate_limited()
            Lookup._aftersales_record(address, "lookup", False)
            return self._refused()
        return self._render({"answer": card._aftersales_public_answer()})

    @http.route(
        ["/warranty/request"],
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
        sitemap=False,
    )
    def warranty_request(
        self, token="", name="", phone="", email="", description="", **kw
    ):
        Lookup = request.env["aftersales.warranty.lookup"]
        address = self._address()
        if not Lookup._aftersales_allowed(address):
            return self._rate_limited()
        card = request.env["aftersales.warranty"]._aftersales_public_card_by_token(
            token
        )
        Lookup._aftersales_record(address, "request", bool(card))
        if not card:
            return self._refused()
        answer = card._aftersales_public_answer()
        try:
            ticket = card._aftersales_request_service(name, phone, email, description)
        except (ValidationError, UserError) as err:
            return self._render(
                {
                    "answer": answer,
                    "request_error": err.args[0] if err.args else str(err),
                    "form": {
                        "name": (name or "")[:128],
                        "phone": (phone or "")[:32],
                        "email": (email or "")[:128],
                        "description": (description or "")[:2000],
                    },
                }
            )
        return self._render({"answer": answer, "ticket_number": ticket.number})
