# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

#: bounds of the on-site numbers: (field, minimum, maximum)
ONSITE_BOUNDS = (
    ("aftersales_city_response_hours", 0.5, 720.0),
    ("aftersales_suburb_response_hours", 0.5, 720.0),
    ("aftersales_local_response_hours", 0.5, 720.0),
    ("aftersales_remote_response_days", 1, 60),
    ("aftersales_onsite_warning_hours", 0.0, 72.0),
)


class ResCompany(models.Model):
    _inherit = "res.company"

    aftersales_warranty_start = fields.Selection(
        selection_add=[("installation", "Installation date")],
        ondelete={"installation": "set default"},
    )
    aftersales_onsite_manager_id = fields.Many2one(
        "res.users",
        string="Maker's After-Sales Manager",
        help="Told at once of major faults and accidents, of late on-site visits "
        "and of changes in a service point's staff. Empty: "
        "the SLA escalation fallback of the service desk.",
    )
    aftersales_onsite_warning_hours = fields.Float(
        string="Warn Service Point Before (h)",
        default=2.0,
        help="The service point is reminded this many hours before an on-site "
        "deadline when nobody has checked in yet (0: no reminder).",
    )

    def _aftersales_onsite_manager(self):
        """The user told of on-site escalations, major faults and staff
        changes."""
        self.ensure_one()
        return (
            self.aftersales_onsite_manager_id or self.aftersales_sla_escalation_user_id
        )

    @api.model
    def _aftersales_bounded_fields(self):
        return dict(
            super()._aftersales_bounded_fields(),
            **{name: (low, high) for name, low, high in ONSITE_BOUNDS},
        )


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    aftersales_onsite_manager_id = fields.Many2one(
        related="company_id.aftersales_onsite_manager_id", readonly=False
    )
    aftersales_onsite_warning_hours = fields.Float(
        related="company_id.aftersales_onsite_warning_hours", readonly=False
    )
