# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64

from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from odoo.addons.rma_sale.controllers.sale_portal import (
    CustomerPortal as RmaSaleCustomerPortal,
)

MAX_PHOTO_SIZE = 10 * 1024 * 1024


class CustomerPortal(RmaSaleCustomerPortal):
    @http.route()
    def request_rma(self, order_id, access_token=None, **post):
        """Add reason, package state and photos to the portal return request."""
        try:
            self._document_check_access(
                "sale.order", order_id, access_token=access_token
            )
        except (AccessError, MissingError):
            return request.redirect("/my")
        photos = {}
        for name in list(post):
            if name.endswith("-aftersales_photo"):
                row = name.split("-", 1)[0]
                files = request.httprequest.files.getlist(name)
                photos[row] = [f for f in files if f and f.filename]
                post.pop(name)
        rma_model = request.env["rma"].sudo()
        last = rma_model.search([], order="id desc", limit=1).id or 0
        response = super().request_rma(order_id, access_token=access_token, **post)
        new_rmas = rma_model.search(
            [("order_id", "=", order_id), ("id", ">", last)]
        )
        if new_rmas:
            new_rmas._aftersales_run_checks()
        for row, files in photos.items():
            sale_line_id = post.get(f"{row}-sale_line_id")
            product_id = post.get(f"{row}-product_id")
            rma = new_rmas.filtered(
                lambda r, sl=sale_line_id, p=product_id: (
                    sl and r.sale_line_id.id == int(sl)
                )
                or (not sl and p and r.product_id.id == int(p))
            )[:1]
            if not rma:
                continue
            vals = []
            for upload in files:
                content = upload.read()
                if not content or len(content) > MAX_PHOTO_SIZE:
                    continue
                vals.append(
                    {
                        "rma_id": rma.id,
                        "kind": "photo",
                        "name": upload.filename,
                        "file_name": upload.filename,
                        "file": base64.b64encode(content),
                    }
                )
            if vals:
                # As the customer: record rules limit evidence to their RMAs.
                request.env["aftersales.rma.evidence"].create(vals)
                rma._aftersales_run_checks()
        return response
