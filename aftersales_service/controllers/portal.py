# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager


class AftersalesWarrantyPortal(CustomerPortal):
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "warranty_count" in counters:
            Warranty = request.env["aftersales.warranty"]
            values["warranty_count"] = (
                Warranty.search_count([])
                if Warranty.has_access("read")
                else 0
            )
        return values

    @http.route(
        ["/my/warranties", "/my/warranties/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_warranties(self, page=1, sortby=None, **kw):
        values = self._prepare_portal_layout_values()
        Warranty = request.env["aftersales.warranty"]
        sortings = {
            "date": {"label": _("Start Date"), "order": "start_date desc, id desc"},
            "end": {"label": _("End Date"), "order": "end_date desc, id desc"},
            "name": {"label": _("Card Number"), "order": "name"},
        }
        sortby = sortby if sortby in sortings else "date"
        count = Warranty.search_count([])
        pager = portal_pager(
            url="/my/warranties",
            url_args={"sortby": sortby},
            total=count,
            page=page,
            step=self._items_per_page,
        )
        cards = Warranty.search(
            [],
            order=sortings[sortby]["order"],
            limit=self._items_per_page,
            offset=pager["offset"],
        )
        values.update(
            {
                # rules already applied by the search: sudo only to render
                "warranties": cards.sudo(),
                "page_name": "warranty",
                "pager": pager,
                "default_url": "/my/warranties",
                "searchbar_sortings": sortings,
                "sortby": sortby,
            }
        )
        return request.render("aftersales_service.portal_my_warranties", values)

    @http.route(
        ["/my/warranties/<int:card_id>"], type="http", auth="public", website=True
    )
    def portal_my_warranty(self, card_id, access_token=None, **kw):
        try:
            card = self._document_check_access(
                "aftersales.warranty", card_id, access_token
            )
        except (AccessError, MissingError):
            raise request.not_found() from None
        values = self._get_page_view_values(
            card, access_token, {"warranty": card, "page_name": "warranty"},
            "my_warranties_history", False,
        )
        return request.render("aftersales_service.portal_my_warranty", values)
