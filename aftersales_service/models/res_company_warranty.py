# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

# (field, minimum, maximum) of the warranty policy numbers
WARRANTY_BOUNDS = (
    ("aftersales_warranty_months", 1, 120),
    ("aftersales_shelf_allowance_days", 0, 365),
    ("aftersales_public_check_limit", 1, 1000),
    ("aftersales_public_check_window", 1, 1440),
)


class ResCompany(models.Model):
    _inherit = "res.company"

    aftersales_shelf_allowance_days = fields.Integer(
        string="Shelf Allowance (days)",
        default=90,
        help="A unit sold to a distributor is covered from our sale plus this "
        "allowance until its end user is registered; a unit registered later "
        "never starts its warranty later than this. Default 90 days, the "
        "allowance customary under the three-guarantees rules for a unit "
        "without a purchase receipt.",
    )
    aftersales_service_hotline = fields.Char(
        string="Service Hotline",
        help="Printed on the warranty card and shown on the public warranty "
        "check. Empty: the company's phone.",
    )
    aftersales_public_check_limit = fields.Integer(
        string="Public Check: Look-ups per Address",
        default=10,
        help="Look-ups of a typed serial (and service requests) allowed from one "
        "network address within the window below, so the public warranty check "
        "cannot be used to list serials.",
    )
    aftersales_public_check_window = fields.Integer(
        string="Public Check: Window (minutes)",
        default=60,
        help="Length of the window of the look-up limit, in minutes.",
    )

    def _aftersales_hotline(self):
        self.ensure_one()
        return self.aftersales_service_hotline or self.phone or ""

    @api.model
    def _aftersales_bounded_fields(self):
        return dict(
            super()._aftersales_bounded_fields(),
            **{fname: (low, high) for fname, low, high in WARRANTY_BOUNDS},
        )
