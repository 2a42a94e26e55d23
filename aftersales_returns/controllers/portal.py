# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The customer's side of a return, in the portal.

One choice per line (the remedy, which sets the operation), the reason, the
package state, the serial delivered on the order and the evidence the reason
needs. Everything posted is checked before anything is created: a wrong
number, choice or id answers 400 with the message on the form.
"""

import base64
import math
from collections import defaultdict

from odoo import _, fields, http
from odoo.exceptions import AccessError, MissingError, ValidationError
from odoo.http import request
from odoo.tools import float_compare

from odoo.addons.rma_sale.controllers.rma_portal import PortalRma as RmaPortalRma
from odoo.addons.rma_sale.controllers.sale_portal import (
    CustomerPortal as RmaSaleCustomerPortal,
)

from ..models.rma_selections import PACKAGE_STATES, RELEASED_STATES, REMEDIES

ROW_FIELDS = frozenset(
    {
        "product_id",
        "sale_line_id",
        "quantity",
        "uom_id",
        "picking_id",
        "lot_id",
        "operation_id",
        "reason_id",
        "requested_remedy",
        "package_state",
        "description",
    }
)
MAX_DESCRIPTION = 4000
EVIDENCE_PREFIX = "evidence_"


class RequestRefused(Exception):
    """A portal post that cannot be accepted; the message is for the form."""


def _to_int(value, what):
    if value in (None, "", False):
        return False
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError) as exc:
        raise RequestRefused(
            _("%(what)s is not valid: %(value)s.", what=what, value=value)
        ) from exc
    if number <= 0:
        raise RequestRefused(
            _("%(what)s is not valid: %(value)s.", what=what, value=value)
        )
    return number


def _to_quantity(value):
    if value in (None, ""):
        return 0.0
    try:
        qty = float(str(value).strip().replace(",", "."))
    except (TypeError, ValueError) as exc:
        raise RequestRefused(_("The quantity %s is not a number.", value)) from exc
    if math.isnan(qty) or math.isinf(qty):
        raise RequestRefused(_("The quantity %s is not a number.", value))
    if qty < 0:
        raise RequestRefused(_("The quantity cannot be negative (%s).", value))
    return qty


def _read_upload(upload):
    content = upload.read() if upload else b""
    return content, (upload.filename if upload else "") or ""


class CustomerPortal(RmaSaleCustomerPortal):
    # ------------------------------------------------------------------
    # The request form
    # ------------------------------------------------------------------
    def _aftersales_portal_reasons(self, order):
        return (
            request.env["rma.reason"]
            .sudo()
            .search(
                [
                    ("company_id", "=", order.company_id.id),
                    ("aftersales_portal", "=", True),
                ]
            )
        )

    def _aftersales_allowed_addresses(self, order):
        customer = order.partner_id.commercial_partner_id
        return (
            order.partner_shipping_id
            | customer
            | customer.child_ids.filtered(lambda p: p.type in ("contact", "delivery"))
        )

    def _aftersales_returnable(self, order):
        """{(sale line id, lot id): quantity the customer may still ask}."""
        allowed = defaultdict(float)
        for data in order.get_delivery_rma_data():
            if not data.get("picking"):
                continue
            lot = data.get("lot_id")
            key = (data["sale_line_id"].id, lot.id if lot else False)
            allowed[key] += data["quantity"]
        open_rmas = (
            request.env["rma"]
            .sudo()
            .search(
                [
                    ("order_id", "=", order.id),
                    ("state", "not in", RELEASED_STATES),
                ]
            )
        )
        for rma in open_rmas:
            key = (rma.sale_line_id.id, rma.lot_id.id or False)
            if key in allowed:
                allowed[key] -= rma.product_uom_qty
            elif (rma.sale_line_id.id, False) in allowed:
                allowed[(rma.sale_line_id.id, False)] -= rma.product_uom_qty
        return allowed

    def _aftersales_split_post(self, post):
        """{row: {field: value}} and the custom (non-row) fields; unknown rows
        or fields are refused."""
        rows = defaultdict(dict)
        custom = {}
        for name, value in post.items():
            if "-" not in name:
                if name not in ("csrf_token", "partner_shipping_id"):
                    custom[name] = value
                continue
            row, field_name = name.split("-", 1)
            if not row.isdigit():
                raise RequestRefused(_("The form sent an unknown line (%s).", row))
            if field_name.startswith(EVIDENCE_PREFIX):
                continue
            if field_name not in ROW_FIELDS:
                raise RequestRefused(
                    _("The form sent an unknown field (%s).", field_name)
                )
            rows[row][field_name] = value
        return rows, custom

    def _aftersales_row_line(self, order, vals):
        """The order line, unit, delivery and serial a row refers to."""
        lines = order.order_line
        line_id = _to_int(vals.get("sale_line_id"), _("The order line"))
        line = lines.filtered(lambda sl: sl.id == line_id)
        if line_id and not line:
            raise RequestRefused(_("This order has no line %s.", line_id))
        product_id = _to_int(vals.get("product_id"), _("The product"))
        if not line:
            line = lines.filtered(lambda sl: sl.product_id.id == product_id)[:1]
        if not line or (product_id and product_id != line.product_id.id):
            raise RequestRefused(_("This order has no such product."))
        uom_id = _to_int(vals.get("uom_id"), _("The unit of measure"))
        uom = request.env["uom.uom"].sudo().browse(uom_id or line.product_uom.id)
        if not uom.exists() or uom.category_id != line.product_uom.category_id:
            raise RequestRefused(_("The unit of measure is not valid."))
        delivered = line.move_ids.filtered(
            lambda m: m.state == "done" and m.location_dest_id.usage == "customer"
        )
        picking_id = _to_int(vals.get("picking_id"), _("The delivery"))
        if picking_id and picking_id not in delivered.picking_id.ids:
            raise RequestRefused(_("This delivery is not one of this order."))
        lot_id = _to_int(vals.get("lot_id"), _("The serial number"))
        if lot_id and lot_id not in delivered.move_line_ids.lot_id.ids:
            raise RequestRefused(
                _("This serial number was not delivered on this order.")
            )
        return line, uom, picking_id or delivered.picking_id[:1].id, lot_id or False

    def _aftersales_row_choices(self, line, vals, reasons):
        """The reason, remedy, package and comment of a row."""
        product = line.product_id.display_name
        reason_id = _to_int(vals.get("reason_id"), _("The reason"))
        if reason_id not in reasons.ids:
            raise RequestRefused(_("Choose the reason of the return of %s.", product))
        reason = reasons.browse(reason_id)
        remedy = vals.get("requested_remedy") or ""
        if remedy not in dict(REMEDIES):
            raise RequestRefused(
                _(
                    "Choose what you would like for %s: refund, exchange or " "repair.",
                    product,
                )
            )
        package = vals.get("package_state") or ""
        if package and package not in dict(PACKAGE_STATES):
            raise RequestRefused(_("The package state is not valid."))
        if not package and reason.aftersales_package_required != "any":
            raise RequestRefused(_("Tell us the state of the package of %s.", product))
        description = vals.get("description") or ""
        if len(description) > MAX_DESCRIPTION:
            raise RequestRefused(
                _("The comment is too long (at most %s characters).", MAX_DESCRIPTION)
            )
        return reason, remedy, package, description

    def _aftersales_row_evidence(self, row, kinds, company):
        """The files of a row, each checked (empty, size, type)."""
        evidence = []
        files = request.httprequest.files
        for kind in kinds:
            for upload in files.getlist(f"{row}-{EVIDENCE_PREFIX}{kind.code}"):
                content, filename = _read_upload(upload)
                if not content and not filename:
                    continue  # an empty file input: nothing chosen
                try:
                    request.env["aftersales.rma.evidence"]._aftersales_check_upload(
                        kind, content, filename, company
                    )
                except ValidationError as exc:
                    raise RequestRefused(exc.args[0]) from exc
                evidence.append((kind, filename, content))
        return evidence

    def _aftersales_parse_request(self, order, post):
        """Check every value of the post; return (rows, shipping id, custom
        fields) or raise RequestRefused."""
        rows, custom = self._aftersales_split_post(post)
        shipping_id = _to_int(post.get("partner_shipping_id"), _("The address"))
        if shipping_id and (
            shipping_id not in self._aftersales_allowed_addresses(order).ids
        ):
            raise RequestRefused(
                _("This address does not belong to you: choose one of yours.")
            )
        reasons = self._aftersales_portal_reasons(order)
        kinds = request.env["aftersales.rma.evidence.kind"].sudo().search([])
        returnable = self._aftersales_returnable(order)
        asked = defaultdict(float)
        accepted = []
        for row, vals in rows.items():
            qty = _to_quantity(vals.get("quantity"))
            line, uom, picking_id, lot_id = self._aftersales_row_line(order, vals)
            if not qty:
                continue
            if line.product_id.tracking == "serial" and not lot_id:
                raise RequestRefused(
                    _("Choose the serial number of %s.", line.product_id.display_name)
                )
            reason, remedy, package, description = self._aftersales_row_choices(
                line, vals, reasons
            )
            key = (line.id, lot_id)
            asked[key] += uom._compute_quantity(qty, line.product_uom)
            limit = returnable.get(key, 0.0)
            rounding = line.product_uom.rounding
            if float_compare(asked[key], limit, precision_rounding=rounding) > 0:
                raise RequestRefused(
                    _(
                        "You asked to return %(asked)s of %(product)s, more than "
                        "the %(limit)s delivered and not yet returned.",
                        asked=asked[key],
                        product=line.product_id.display_name,
                        limit=max(limit, 0.0),
                    )
                )
            accepted.append(
                {
                    "row": row,
                    "line": line,
                    "lot_id": lot_id,
                    "qty": qty,
                    "uom": uom,
                    "picking_id": picking_id,
                    "reason": reason,
                    "remedy": remedy,
                    "package": package,
                    "description": description,
                    "evidence": self._aftersales_row_evidence(
                        row, kinds, order.company_id
                    ),
                }
            )
        if not accepted:
            raise RequestRefused(
                _("Enter the quantity to return on at least one line.")
            )
        return accepted, shipping_id, custom

    def _aftersales_request_refused(self, order, access_token, message):
        values = {
            "sale_order": order,
            "page_name": "request_rma",
            "default_url": order.get_portal_url(),
            "token": access_token,
            "partner_id": order.partner_id.id,
            "res_company": order.company_id,
            "aftersales_error": message,
        }
        return request.render("rma_sale.request_rma_single_page", values, status=400)

    @http.route()
    def request_rma(self, order_id, access_token=None, **post):
        try:
            order_sudo = self._document_check_access(
                "sale.order", order_id, access_token=access_token
            )
        except (AccessError, MissingError):
            return request.redirect("/my")
        if order_sudo.state != "sale":
            return request.redirect("/my")
        try:
            rows, shipping_id, custom = self._aftersales_parse_request(order_sudo, post)
        except RequestRefused as exc:
            return self._aftersales_request_refused(
                order_sudo, access_token, exc.args[0]
            )
        operation = order_sudo.company_id._aftersales_get_return_operation()
        clean = dict(custom)
        if shipping_id:
            clean["partner_shipping_id"] = str(shipping_id)
        for index, row in enumerate(rows):
            clean.update(
                {
                    f"{index}-product_id": str(row["line"].product_id.id),
                    f"{index}-sale_line_id": str(row["line"].id),
                    f"{index}-quantity": str(row["qty"]),
                    f"{index}-uom_id": str(row["uom"].id),
                    f"{index}-picking_id": str(row["picking_id"] or ""),
                    f"{index}-operation_id": str(operation.id),
                    f"{index}-reason_id": str(row["reason"].id),
                    f"{index}-requested_remedy": row["remedy"],
                    f"{index}-package_state": row["package"],
                    f"{index}-description": row["description"],
                }
            )
            if row["lot_id"]:
                clean[f"{index}-lot_id"] = str(row["lot_id"])
        before = order_sudo.rma_ids
        response = super().request_rma(order_id, access_token=access_token, **clean)
        order_sudo.invalidate_recordset(["rma_ids"])
        new_rmas = (order_sudo.rma_ids - before).sorted("id")
        self._aftersales_after_request(new_rmas, rows)
        return response

    def _aftersales_after_request(self, new_rmas, rows):
        """Evidence, checks and the returns team for the new requests."""
        if not new_rmas:
            return
        remaining = new_rmas
        vals_list = []
        for row in rows:
            rma = remaining.filtered(
                lambda r, row=row: r.sale_line_id == row["line"]
                and (r.lot_id.id or False) == row["lot_id"]
            )[:1]
            if not rma:
                continue
            remaining -= rma
            for kind, filename, content in row["evidence"]:
                vals_list.append(
                    {
                        "rma_id": rma.id,
                        "kind_id": kind.id,
                        "name": filename,
                        "file_name": filename,
                        "file": base64.b64encode(content),
                    }
                )
        if vals_list:
            self._aftersales_evidence_env().create(vals_list)
        new_rmas = new_rmas.sudo()
        new_rmas._aftersales_run_checks()
        new_rmas._aftersales_route_portal_request()

    def _aftersales_evidence_env(self):
        """Evidence is created as the customer when logged in (record rules
        limit it to their returns); a visitor with the order's link has no
        rights of their own, and the return was just created for that link."""
        model = request.env["aftersales.rma.evidence"]
        if request.env.user._is_public():
            return model.sudo()
        return model

    # ------------------------------------------------------------------
    # Evidence added later, from the return's page
    # ------------------------------------------------------------------
    @http.route(
        ["/my/rmas/<int:rma_id>/evidence"],
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
    )
    def aftersales_rma_add_evidence(self, rma_id, access_token=None, **post):
        try:
            rma_sudo = self._document_check_access("rma", rma_id, access_token)
        except (AccessError, MissingError):
            return request.redirect("/my")
        try:
            kind_id = _to_int(post.get("kind_id"), _("The kind of evidence"))
            kind = request.env["aftersales.rma.evidence.kind"].sudo().browse(kind_id)
            if not kind_id or not kind.exists() or not kind.active:
                raise RequestRefused(_("Choose the kind of evidence."))
            if rma_sudo.state not in ("draft", "confirmed", "received"):
                raise RequestRefused(
                    _("This return is processed: it takes no more evidence.")
                )
            uploads = [f for f in request.httprequest.files.getlist("evidence") if f]
            vals_list = []
            for upload in uploads:
                content, filename = _read_upload(upload)
                if not content and not filename:
                    continue
                try:
                    request.env["aftersales.rma.evidence"]._aftersales_check_upload(
                        kind, content, filename, rma_sudo.company_id
                    )
                except ValidationError as exc:
                    raise RequestRefused(exc.args[0]) from exc
                vals_list.append(
                    {
                        "rma_id": rma_sudo.id,
                        "kind_id": kind.id,
                        "name": filename,
                        "file_name": filename,
                        "file": base64.b64encode(content),
                    }
                )
            if not vals_list:
                raise RequestRefused(_("Choose a file to send."))
        except RequestRefused as exc:
            values = self._rma_get_page_view_values(rma_sudo, access_token)
            values["aftersales_error"] = exc.args[0]
            return request.render("rma.portal_rma_page", values, status=400)
        self._aftersales_evidence_env().create(vals_list)
        if rma_sudo.state == "draft":
            rma_sudo._aftersales_run_checks()
        rma_sudo.message_post(
            body=_("The customer added evidence: %s.", kind.name),
            message_type="comment",
            subtype_xmlid="mail.mt_note",
            author_id=request.env.user.partner_id.id
            if not request.env.user._is_public()
            else rma_sudo.partner_id.id,
        )
        url = rma_sudo.get_portal_url() if access_token else f"/my/rmas/{rma_id}"
        sep = "&" if "?" in url else "?"
        return request.redirect(f"{url}{sep}evidence=sent")


class PortalRma(RmaPortalRma):
    """The returns list: sort and filter parameters are whitelisted."""

    SORTINGS = ("date", "name", "state")

    def _aftersales_filters(self):
        return {
            "all": {"label": _("All"), "domain": []},
            "open": {
                "label": _("In progress"),
                "domain": [
                    (
                        "state",
                        "not in",
                        (
                            "refunded",
                            "returned",
                            "replaced",
                            "finished",
                            "cancelled",
                            "locked",
                        ),
                    )
                ],
            },
            "done": {
                "label": _("Done"),
                "domain": [
                    ("state", "in", ("refunded", "returned", "replaced", "finished"))
                ],
            },
        }

    def _get_filter_domain(self, kw):
        domain = super()._get_filter_domain(kw)
        filters = self._aftersales_filters()
        domain += filters.get(kw.get("filterby") or "all", filters["all"])["domain"]
        return domain

    @http.route()
    def portal_my_rmas(self, page=1, date_begin=None, date_end=None, sortby=None, **kw):
        if sortby not in self.SORTINGS:
            sortby = None
        try:
            for value in (date_begin, date_end):
                if value:
                    fields.Datetime.to_datetime(value)
        except (TypeError, ValueError):
            date_begin = date_end = None
        if "sale_id" in kw and not str(kw["sale_id"]).isdigit():
            kw.pop("sale_id")
        if kw.get("filterby") not in self._aftersales_filters():
            kw.pop("filterby", None)
        kw = {k: v for k, v in kw.items() if k in ("sale_id", "filterby")}
        response = super().portal_my_rmas(
            page=page, date_begin=date_begin, date_end=date_end, sortby=sortby, **kw
        )
        if getattr(response, "qcontext", None) is not None:
            response.qcontext.update(
                {
                    "searchbar_filters": self._aftersales_filters(),
                    "filterby": kw.get("filterby") or "all",
                }
            )
        return response
