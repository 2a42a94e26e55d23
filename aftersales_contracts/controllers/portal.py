# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal


class DistributorReportPortal(CustomerPortal):
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "distributor_report_count" in counters:
            Report = request.env["aftersales.distributor.report"]
            values["distributor_report_count"] = (
                Report.search_count([]) if Report.has_access("read") else 0
            )
        return values

    @http.route(["/my/distributor_reports"], type="http", auth="user", website=True)
    def portal_my_distributor_reports(self, **kw):
        reports = request.env["aftersales.distributor.report"].search([])
        values = self._prepare_portal_layout_values()
        values.update({"reports": reports, "page_name": "distributor_reports"})
        return request.render(
            "aftersales_contracts.portal_my_distributor_reports", values
        )

    @http.route(
        ["/my/distributor_reports/<int:report_id>/submit"],
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_submit_distributor_report(self, report_id, **kw):
        try:
            self._document_check_access("aftersales.distributor.report", report_id)
        except (AccessError, MissingError):
            return request.redirect("/my")
        # access checked above: the portal user owns this report; sudo keeps
        # the user as submitter
        report = request.env["aftersales.distributor.report"].browse(report_id)
        if report.state == "draft":
            report.sudo().action_submit()
        return request.redirect("/my/distributor_reports")
