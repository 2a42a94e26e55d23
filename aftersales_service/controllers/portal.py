# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
from urllib.parse import quote

from odoo import _, http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

REGISTER_ROWS = 5
REGISTER_MAX_ROWS = 30


class _Rollback(Exception):
    """Undo a whole batch of registrations when one row is refused."""


class AftersalesWarrantyPortal(CustomerPortal):
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "warranty_count" in counters:
            Warranty = request.env["aftersales.warranty"]
            values["warranty_count"] = (
                Warranty.search_count([]) if Warranty.has_access("read") else 0
            )
        return values

    # ------------------------------------------------------------------
    def _aftersales_distributor(self):
        """The commercial partner of the portal user when it distributes our
        units (flagged distributor, or owner of distributed cards)."""
        commercial = request.env.user.partner_id.commercial_partner_id
        if commercial.sudo().aftersales_is_distributor:
            return commercial
        has_units = request.env["aftersales.warranty"].search_count(
            [("distributor_id", "=", commercial.id)], limit=1
        )
        return commercial if has_units else request.env["res.partner"]

    def _warranty_filters(self, distributor):
        filters = {
            "all": {"label": _("All"), "domain": []},
            "covered": {
                "label": _("In warranty"),
                "domain": [("coverage_state", "=", "in_warranty")],
            },
        }
        if distributor:
            filters.update(
                {
                    "pending": {
                        "label": _("Awaiting registration"),
                        "domain": [
                            ("distributor_id", "=", distributor.id),
                            ("registration_state", "=", "pending"),
                        ],
                    },
                    "registered": {
                        "label": _("Registered to end users"),
                        "domain": [
                            ("distributor_id", "=", distributor.id),
                            ("registration_state", "=", "registered"),
                        ],
                    },
                }
            )
        return filters

    @http.route(
        ["/my/warranties", "/my/warranties/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_warranties(self, page=1, sortby=None, filterby=None, **kw):
        values = self._prepare_portal_layout_values()
        Warranty = request.env["aftersales.warranty"]
        distributor = self._aftersales_distributor()
        sortings = {
            "date": {"label": _("Start Date"), "order": "start_date desc, id desc"},
            "end": {"label": _("End Date"), "order": "end_date desc, id desc"},
            "name": {"label": _("Card Number"), "order": "name"},
        }
        filters = self._warranty_filters(distributor)
        sortby = sortby if sortby in sortings else "date"
        filterby = filterby if filterby in filters else "all"
        domain = filters[filterby]["domain"]
        count = Warranty.search_count(domain)
        pager = portal_pager(
            url="/my/warranties",
            url_args={"sortby": sortby, "filterby": filterby},
            total=count,
            page=page,
            step=self._items_per_page,
        )
        cards = Warranty.search(
            domain,
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
                "searchbar_filters": filters,
                "filterby": filterby,
                "distributor": distributor,
                "registered_count": int(kw.get("registered") or 0),
            }
        )
        return request.render("aftersales_service.portal_my_warranties", values)

    # ------------------------------------------------------------------
    # Sell-out registration by the distributor
    # ------------------------------------------------------------------
    def _register_values(self, distributor, rows, errors=None, done=0):
        pending = request.env["aftersales.warranty"].search(
            [
                ("distributor_id", "=", distributor.id),
                ("registration_state", "=", "pending"),
                ("state", "=", "active"),
                ("lot_id", "!=", False),
            ],
            order="shelf_limit_date, id",
        )
        activity_type = request.env.ref(
            "aftersales_service.mail_activity_type_confirm_sellout",
            raise_if_not_found=False,
        )
        asked = pending.sudo().activity_ids.filtered(
            lambda a: a.activity_type_id == activity_type
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "asked_ids": set(asked.mapped("res_id")),
                "page_name": "warranty_register",
                "distributor": distributor,
                "pending_cards": pending.sudo(),
                "rows": rows,
                "errors": errors or {},
                "done": done,
                "max_rows": REGISTER_MAX_ROWS,
            }
        )
        return values

    def _register_rows_from_form(self, form, files):
        rows = []
        count = min(int(form.get("row_count") or REGISTER_ROWS), REGISTER_MAX_ROWS)
        for i in range(count):
            row = {
                key: (form.get(f"{key}_{i}") or "").strip()
                for key in ("serial", "customer_name", "phone", "address", "sale_date")
            }
            upload = files.get(f"receipt_{i}")
            row["receipt"] = False
            row["receipt_filename"] = False
            if upload and upload.filename:
                data = upload.read()
                row["receipt"] = base64.b64encode(data) if data else False
                row["receipt_filename"] = upload.filename
            rows.append(row)
        return rows

    @http.route(
        ["/my/warranties/register"],
        type="http",
        auth="user",
        methods=["GET", "POST"],
        website=True,
    )
    def portal_register_sellout(self, **post):
        distributor = self._aftersales_distributor()
        if not distributor:
            return request.redirect("/my/warranties")
        if request.httprequest.method != "POST":
            rows_wanted = min(
                max(int(post.get("rows") or REGISTER_ROWS), 1), REGISTER_MAX_ROWS
            )
            rows = [
                {"serial": post.get("serial", "") if i == 0 else ""}
                for i in range(rows_wanted)
            ]
            return request.render(
                "aftersales_service.portal_warranty_register",
                self._register_values(distributor, rows),
            )
        rows = self._register_rows_from_form(post, request.httprequest.files)
        filled = [(i, row) for i, row in enumerate(rows) if row["serial"]]
        errors = {}
        if not filled:
            errors[0] = _("Give at least one serial number.")
        Warranty = request.env["aftersales.warranty"]
        cr = request.env.cr
        done = 0
        try:
            with cr.savepoint():
                for i, row in filled:
                    try:
                        with cr.savepoint():
                            Warranty._aftersales_register_sellout(
                                serial=row["serial"],
                                customer_name=row["customer_name"],
                                phone=row["phone"],
                                address=row["address"],
                                sale_date=row["sale_date"] or False,
                                receipt=row["receipt"],
                                receipt_filename=row["receipt_filename"],
                                channel="portal",
                            )
                            done += 1
                    except (ValidationError, UserError, AccessError) as err:
                        errors[i] = err.args[0] if err.args else str(err)
                if errors:
                    raise _Rollback()
        except _Rollback:
            for row in rows:
                # a file cannot be sent back to the browser: ask for it again
                row["receipt"] = False
            return request.render(
                "aftersales_service.portal_warranty_register",
                self._register_values(distributor, rows, errors=errors),
            )
        return request.redirect(f"/my/warranties?filterby=registered&registered={done}")

    # ------------------------------------------------------------------
    # One card
    # ------------------------------------------------------------------
    @http.route(
        ["/my/warranties/<int:card_id>"], type="http", auth="public", website=True
    )
    def portal_my_warranty(
        self, card_id, access_token=None, report_type=None, download=False, **kw
    ):
        try:
            card = self._document_check_access(
                "aftersales.warranty", card_id, access_token
            )
        except (AccessError, MissingError):
            raise request.not_found() from None
        if report_type in ("html", "pdf", "text"):
            return self._show_report(
                model=card,
                report_type=report_type,
                report_ref="aftersales_service.action_report_aftersales_warranty",
                download=download,
            )
        partner = request.env.user.partner_id
        values = self._get_page_view_values(
            card,
            access_token,
            {
                "warranty": card,
                "page_name": "warranty",
                "answer": card._aftersales_public_answer(),
                "requested_ticket": kw.get("ticket"),
                "request_error": kw.get("request_error"),
                "requester": partner if not request.env.user._is_public() else None,
            },
            "my_warranties_history",
            False,
        )
        return request.render("aftersales_service.portal_my_warranty", values)

    @http.route(
        ["/my/warranties/<int:card_id>/request"],
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_warranty_request_service(self, card_id, **post):
        try:
            card = self._document_check_access("aftersales.warranty", card_id)
        except (AccessError, MissingError):
            raise request.not_found() from None
        partner = request.env.user.partner_id
        try:
            ticket = card._aftersales_request_service(
                post.get("name") or partner.name,
                post.get("phone") or partner.phone or partner.mobile,
                post.get("email") or partner.email,
                post.get("description"),
                partner=partner,
            )
        except (ValidationError, UserError) as err:
            return request.redirect(
                f"/my/warranties/{card.id}?request_error="
                + quote(err.args[0] if err.args else str(err))
            )
        return request.redirect(
            f"/my/warranties/{card.id}?ticket={quote(ticket.number or '')}"
        )
