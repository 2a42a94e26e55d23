# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestWarrantyTour(HttpCase):
    def test_check_warranty_screen(self):
        """An agent types a serial in "Check Warranty" and sees its coverage."""
        product = self.env["product.product"].create(
            {
                "name": "Tour Water Heater",
                "type": "consu",
                "is_storable": True,
                "tracking": "serial",
            }
        )
        lot = self.env["stock.lot"].create(
            {"name": "WH-TOUR-0001", "product_id": product.id}
        )
        partner = self.env["res.partner"].create({"name": "Tour Customer"})
        self.env["aftersales.warranty"].create(
            {
                "partner_id": partner.id,
                "product_id": product.id,
                "lot_id": lot.id,
                "start_date": fields.Date.today(),
                "duration": 12,
            }
        )
        self.start_tour(
            "/odoo/action-aftersales_service.action_aftersales_warranty_check",
            "aftersales_warranty_check_tour",
            login="admin",
        )
