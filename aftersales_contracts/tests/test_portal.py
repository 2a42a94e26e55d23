# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re
from datetime import date

from odoo.tests import HttpCase, new_test_user, tagged

from .common import AftersalesContractsCommon


@tagged("post_install", "-at_install")
class TestDistributorPortal(AftersalesContractsCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal_user = new_test_user(
            cls.env,
            login="dist_li",
            password="dist_li_pwd",
            groups="base.group_portal",
            partner_id=cls.distributor.id,
        )
        Report = cls.env["aftersales.distributor.report"]
        cls.report = Report.create(
            {
                "contract_id": cls.dist_agreement.id,
                "partner_id": cls.distributor.id,
                "month": date(2026, 4, 1),
            }
        )
        other = cls._make_agreement(
            cls.distributor2, "distributor", date(2026, 1, 1), date(2026, 12, 31), []
        )
        cls.other_report = Report.create(
            {
                "contract_id": other.id,
                "partner_id": cls.distributor2.id,
                "month": date(2026, 4, 1),
            }
        )

    def test_portal_lists_own_reports_and_submits(self):
        self.authenticate("dist_li", "dist_li_pwd")
        page = self.url_open("/my/distributor_reports")
        self.assertEqual(page.status_code, 200)
        self.assertIn("2026-04", page.text)
        self.assertEqual(page.text.count("o_submit_report"), 1)
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        # someone else's report: refused, unchanged
        self.url_open(
            f"/my/distributor_reports/{self.other_report.id}/submit",
            data={"csrf_token": token},
        )
        self.assertEqual(self.other_report.state, "draft")
        resp = self.url_open(
            f"/my/distributor_reports/{self.report.id}/submit",
            data={"csrf_token": token},
        )
        self.assertEqual(resp.status_code, 200)
        self.assertEqual(self.report.state, "submitted")
        self.assertEqual(self.report.submitted_by_id, self.portal_user)
