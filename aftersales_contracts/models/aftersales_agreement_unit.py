# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class AftersalesAgreementUnit(models.Model):
    """A unit covered by a service agreement (保修设备附表)."""

    _name = "aftersales.agreement.unit"
    _description = "Agreement Covered Unit"
    _order = "contract_id, sequence, id"

    sequence = fields.Integer(default=10)
    contract_id = fields.Many2one(
        "contract.contract",
        string="Agreement",
        required=True,
        ondelete="cascade",
        index=True,
    )
    company_id = fields.Many2one(
        related="contract_id.company_id", store=True, index=True
    )
    aftersales_kind = fields.Selection(
        related="contract_id.aftersales_kind", store=True, index=True
    )
    partner_id = fields.Many2one(
        related="contract_id.partner_id", store=True, index=True, string="Customer"
    )
    code = fields.Char()
    product_id = fields.Many2one("product.product", string="Product", index=True)
    brand = fields.Char()
    model = fields.Char()
    lot_id = fields.Many2one(
        "stock.lot",
        string="Lot/Serial Number",
        index=True,
        domain="[('product_id', '=?', product_id)]",
    )
    quantity = fields.Float(default=1.0)
    site_partner_id = fields.Many2one(
        "res.partner",
        string="Site Address",
        help="Where the unit is used.",
    )
    zone = fields.Selection(
        [("city", "City"), ("suburb", "Suburb / County"), ("remote", "Remote")],
        default="city",
        required=True,
        help="Sets the response time: city, suburb or remote.",
    )
    contact_id = fields.Many2one(
        "res.partner", string="Contact", help="Contact person at the site."
    )
    date_start = fields.Date(related="contract_id.date_start")
    date_end = fields.Date(related="contract_id.date_end")
    active = fields.Boolean(related="contract_id.active")

    @api.depends("product_id", "lot_id", "contract_id")
    def _compute_display_name(self):
        for unit in self:
            unit.display_name = " / ".join(
                x
                for x in (
                    unit.contract_id.display_name,
                    unit.product_id.display_name,
                    unit.lot_id.name,
                )
                if x
            )

    def _prepare_renewal_vals(self):
        self.ensure_one()
        return {
            "sequence": self.sequence,
            "code": self.code,
            "product_id": self.product_id.id,
            "brand": self.brand,
            "model": self.model,
            "lot_id": self.lot_id.id,
            "quantity": self.quantity,
            "site_partner_id": self.site_partner_id.id,
            "zone": self.zone,
            "contact_id": self.contact_id.id,
        }

    def _response_deadline(self, start):
        """Deadline of an on-site response from ``start`` (a datetime)."""
        self.ensure_one()
        contract = self.contract_id
        if self.zone == "remote":
            return start + timedelta(days=contract.aftersales_remote_days)
        if self.zone == "suburb":
            hours = contract.aftersales_suburb_hours
        elif contract.aftersales_kind == "software":
            hours = contract.aftersales_local_hours
        else:
            hours = contract.aftersales_city_hours
        return start + timedelta(hours=hours)

    @api.constrains("lot_id", "contract_id")
    def _check_unique_active_serial(self):
        """A serial is covered by one active agreement of each kind at a time."""
        units = self.filtered(
            lambda u: u.lot_id and u.contract_id.aftersales_kind and u.active
        )
        if not units:
            return
        others = self.search(
            [
                ("lot_id", "in", units.lot_id.ids),
                ("contract_id.active", "=", True),
                ("contract_id.aftersales_kind", "!=", False),
            ]
        )
        far = date.max
        for unit in units:
            contract = unit.contract_id
            for other in others:
                oc = other.contract_id
                if (
                    other.lot_id != unit.lot_id
                    or oc == contract
                    or oc.aftersales_kind != contract.aftersales_kind
                ):
                    continue
                if contract.date_start <= (oc.date_end or far) and oc.date_start <= (
                    contract.date_end or far
                ):
                    raise ValidationError(
                        self.env._(
                            "Serial %(serial)s is already covered by agreement "
                            "%(other)s: it cannot also be covered by agreement "
                            "%(agreement)s of the same kind over an overlapping "
                            "period.",
                            serial=unit.lot_id.name,
                            other=oc.display_name,
                            agreement=contract.display_name,
                        )
                    )
