# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models


class StockWarehouse(models.Model):
    _inherit = "stock.warehouse"

    aftersales_quarantine_loc_id = fields.Many2one(
        "stock.location",
        string="Quarantine Location",
        check_company=True,
        help="Where inspected returns that cannot go back to stock wait; created "
        "with the warehouse.",
    )

    def _get_locations_values(self, vals, code=False):
        res = super()._get_locations_values(vals, code)
        company_id = vals.get(
            "company_id", self.default_get(["company_id"])["company_id"]
        )
        code = (vals.get("code") or code or "").replace(" ", "").upper()
        res["aftersales_quarantine_loc_id"] = {
            "name": _("Quarantine"),
            "active": True,
            "usage": "internal",
            "barcode": self._valid_barcode(code + "QUARANTINE", company_id),
        }
        return res

    @api.model
    def _aftersales_create_quarantine_locations(self):
        """At install: a quarantine location in every existing warehouse."""
        warehouses = self.with_context(active_test=False).search(
            [("aftersales_quarantine_loc_id", "=", False)]
        )
        for warehouse in warehouses:
            warehouse._create_missing_locations({})
        return True

    def _aftersales_get_quarantine_location(self):
        self.ensure_one()
        if not self.aftersales_quarantine_loc_id:
            self.sudo()._create_missing_locations({})
        return self.aftersales_quarantine_loc_id
