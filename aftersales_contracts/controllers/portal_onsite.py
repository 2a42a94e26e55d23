# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from urllib.parse import quote

from odoo import _, http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request

from odoo.addons.aftersales_service.tools import format_reader_datetime
from odoo.addons.portal.controllers.portal import CustomerPortal


class OnsitePortal(CustomerPortal):
    """The service point's side of a dispatch order, on the technician's
    phone or tablet: accept, check in, record the work, parts and fees, the
    customer signs the repair slip; callbacks and major faults."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "onsite_order_count" in counters:
            Order = request.env["fsm.order"]
            values["onsite_order_count"] = (
                Order.search_count(self._aftersales_onsite_domain())
                if Order.has_access("read")
                else 0
            )
        return values

    def _aftersales_onsite_domain(self):
        partner = request.env.user.partner_id
        return [
            ("aftersales_called_on", "!=", False),
            ("aftersales_service_point_id.member_partner_ids", "in", partner.ids),
        ]

    def _aftersales_order(self, order_id):
        """The order, if the user is a member of its service point (the read
        rule of portal users says the same); as sudo for the actions, which
        still record the user."""
        self._document_check_access("fsm.order", order_id)
        # sudo, not the superuser: the actions record who acted, and the
        # guarded fields stay guarded
        order_sudo = request.env["fsm.order"].browse(order_id).sudo()
        partner = request.env.user.partner_id
        if partner not in order_sudo.aftersales_service_point_id.member_partner_ids:
            raise AccessError(_("This order is not dispatched to your service point."))
        return order_sudo

    def _aftersales_format_time(self, value):
        """A time in the reader's timezone (the company's settings are read
        by the server: a portal user may not read the company's contact)."""
        env = request.env(su=True)
        return format_reader_datetime(
            env, value, partner=request.env.user.partner_id, lang=request.env.lang
        )

    def _aftersales_back(self, order_id, error=None, message=None):
        url = f"/my/onsite/{order_id}"
        if error:
            url += "?error=" + quote(error)
        elif message:
            url += "?message=" + quote(message)
        return request.redirect(url)

    def _aftersales_run(self, order_id, action, message=None):
        try:
            order = self._aftersales_order(order_id)
        except (AccessError, MissingError):
            return request.redirect("/my/onsite")
        try:
            with request.env.cr.savepoint():
                action(order)
        except (UserError, ValidationError) as err:
            return self._aftersales_back(order_id, error=str(err.args[0]))
        return self._aftersales_back(order_id, message=message)

    # ------------------------------------------------------------------
    @http.route(["/my/onsite"], type="http", auth="user", website=True)
    def portal_my_onsite_orders(self, **kw):
        Order = request.env["fsm.order"]
        orders = Order.search(
            self._aftersales_onsite_domain(),
            order="aftersales_finished_on desc nulls first, aftersales_deadline",
            limit=200,
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "orders": orders.sudo(),
                "page_name": "onsite_orders",
                "format_time": self._aftersales_format_time,
            }
        )
        return request.render("aftersales_contracts.portal_my_onsite_orders", values)

    @http.route(["/my/onsite/<int:order_id>"], type="http", auth="user", website=True)
    def portal_my_onsite_order(self, order_id, error=None, message=None, **kw):
        try:
            order = self._aftersales_order(order_id)
        except (AccessError, MissingError):
            return request.redirect("/my/onsite")
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "order": order,
                "page_name": "onsite_order",
                "error": error,
                "message": message,
                "products": order._aftersales_portal_products(),
                "exclusions": request.env["aftersales.warranty.exclusion"]
                .sudo()
                .search([]),
                "callback_outcomes": request.env["aftersales.callback"]
                ._fields["outcome"]
                ._description_selection(request.env),
                "format_time": self._aftersales_format_time,
            }
        )
        return request.render("aftersales_contracts.portal_my_onsite_order", values)

    @http.route(
        ["/my/onsite/<int:order_id>/accept"],
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_onsite_accept(self, order_id, **kw):
        return self._aftersales_run(
            order_id, lambda o: o.action_aftersales_accept(), _("Order accepted.")
        )

    @http.route(
        ["/my/onsite/<int:order_id>/checkin"],
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_onsite_check_in(self, order_id, **kw):
        return self._aftersales_run(
            order_id,
            lambda o: o.action_aftersales_check_in(),
            _("Arrival on site recorded."),
        )

    @http.route(
        ["/my/onsite/<int:order_id>/work"],
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_onsite_work(
        self,
        order_id,
        resolution="",
        exclusion_id="",
        user_caused="",
        travel_cost="",
        lodging_cost="",
        **kw,
    ):
        def save(order):
            order._aftersales_check_open()
            exclusion = (
                request.env["aftersales.warranty.exclusion"]
                .sudo()
                .browse(
                    int(exclusion_id) if exclusion_id and exclusion_id.isdigit() else []
                )
                .exists()
            )
            vals = {
                "resolution": resolution.strip(),
                "aftersales_exclusion_id": exclusion.id,
                "aftersales_user_caused": bool(user_caused),
            }
            for fname, raw in (
                ("aftersales_travel_cost", travel_cost),
                ("aftersales_lodging_cost", lodging_cost),
            ):
                try:
                    amount = float(raw or 0.0)
                except ValueError as err:
                    raise UserError(_("Give the costs as numbers.")) from err
                if amount < 0:
                    raise UserError(_("Costs cannot be negative."))
                vals[fname] = amount
            order.write(vals)

        return self._aftersales_run(order_id, save, _("Work recorded."))

    @http.route(
        ["/my/onsite/<int:order_id>/line/add"],
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_onsite_add_line(self, order_id, product_id="", quantity="1", **kw):
        def add(order):
            allowed = order._aftersales_portal_products()
            product = allowed.filtered(lambda p: str(p.id) == product_id)
            if not product:
                raise UserError(_("Choose a part or a service from the list."))
            try:
                qty = float(quantity or 1)
            except ValueError as err:
                raise UserError(_("Give the quantity as a number.")) from err
            request.env["aftersales.onsite.line"].sudo().create(
                {"order_id": order.id, "product_id": product.id, "quantity": qty}
            )

        return self._aftersales_run(order_id, add)

    @http.route(
        ["/my/onsite/<int:order_id>/line/<int:line_id>/remove"],
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_onsite_remove_line(self, order_id, line_id, **kw):
        def remove(order):
            order.aftersales_line_ids.filtered(lambda li: li.id == line_id).unlink()

        return self._aftersales_run(order_id, remove)

    @http.route(["/my/onsite/<int:order_id>/sign"], type="json", auth="user")
    def portal_onsite_sign(self, order_id, name=None, signature=None):
        """The customer signs the repair slip and the order is completed."""
        try:
            order = self._aftersales_order(order_id)
        except (AccessError, MissingError):
            return {"error": _("Invalid order.")}
        try:
            with request.env.cr.savepoint():
                order._aftersales_sign_and_complete(name, signature)
        except (UserError, ValidationError) as err:
            return {"error": str(err.args[0])}
        return {
            "force_refresh": True,
            "redirect_url": f"/my/onsite/{order_id}?message="
            + quote(_("Repair slip signed: the order is completed.")),
        }

    @http.route(
        ["/my/onsite/<int:order_id>/callback"],
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_onsite_callback(self, order_id, outcome="", rating="", note="", **kw):
        def record(order):
            if not order.aftersales_finished_on or not order.ticket_id:
                raise UserError(_("A callback follows a completed repair."))
            outcomes = dict(
                request.env["aftersales.callback"]._fields["outcome"].selection
            )
            if outcome not in outcomes:
                raise UserError(_("Choose the outcome of the call."))
            request.env["aftersales.callback"].sudo().create(
                {
                    "fsm_order_id": order.id,
                    "ticket_id": order.ticket_id.id,
                    "outcome": outcome,
                    "rating": rating if rating in ("1", "2", "3", "4", "5") else False,
                    "note": note,
                }
            )

        return self._aftersales_run(order_id, record, _("Callback recorded."))

    @http.route(
        ["/my/onsite/<int:order_id>/major_fault"],
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_onsite_major_fault(self, order_id, kind="fault", description="", **kw):
        def report(order):
            if not description.strip():
                raise UserError(_("Describe what happened."))
            request.env["aftersales.major.fault"].sudo().create(
                {
                    "fsm_order_id": order.id,
                    "company_id": order.company_id.id,
                    "kind": "accident" if kind == "accident" else "fault",
                    "description": description.strip(),
                }
            )

        return self._aftersales_run(
            order_id, report, _("Major fault reported to the maker.")
        )

    @http.route(["/my/onsite/<int:order_id>/slip"], type="http", auth="user")
    def portal_onsite_slip(self, order_id, **kw):
        try:
            order = self._aftersales_order(order_id)
        except (AccessError, MissingError):
            return request.redirect("/my/onsite")
        return self._show_report(
            model=order,
            report_type="pdf",
            report_ref="aftersales_contracts.action_report_aftersales_repair_slip",
            download=True,
        )
