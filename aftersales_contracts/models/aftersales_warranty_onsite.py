# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class AftersalesWarranty(models.Model):
    """Warranty from the installation date (Settings: Warranty Starts On =
    Installation date): a product we install starts its card when its
    installation order is signed; other products start on delivery. The
    basis plugs into the start-basis hook of aftersales_service
    (``_aftersales_start_date_<basis>``); ``_delivered_units`` keeps only
    the serials already installed, each with its installation date."""

    _inherit = "aftersales.warranty"

    start_basis = fields.Selection(
        selection_add=[("installation", "Installation date")],
        ondelete={"installation": "set default"},
    )

    @api.model
    def _aftersales_installed_on(self, sale_line):
        """{lot or False: date} of the signed installation orders of a line."""
        orders = (
            self.env["fsm.order"]
            .sudo()
            .search(
                [
                    ("aftersales_sale_line_id", "=", sale_line.id),
                    ("aftersales_finished_on", "!=", False),
                ]
            )
        )
        return {
            order.aftersales_lot_id or False: fields.Date.context_today(
                self, order.aftersales_finished_on
            )
            for order in orders
        }

    @api.model
    def _aftersales_installation_basis(self, sale_line):
        return (
            sale_line.company_id.aftersales_warranty_start == "installation"
            and sale_line.product_id.aftersales_installed_by_us
        )

    @api.model
    def _delivered_units(self, sale_line):
        units = super()._delivered_units(sale_line)
        if (
            self._aftersales_installation_basis(sale_line)
            and sale_line.product_id.tracking != "none"
        ):
            installed = self._aftersales_installed_on(sale_line)
            units = {
                lot: (qty, installed[lot])
                for lot, (qty, _done) in units.items()
                if lot in installed
            }
        return units

    @api.model
    def _aftersales_start_date_installation(self, sale_line, delivery_date):
        if self._aftersales_installation_basis(sale_line):
            if sale_line.product_id.tracking != "none":
                return delivery_date  # the lot's installation date
            dates = list(self._aftersales_installed_on(sale_line).values())
            return min(dates) if dates else False
        if not delivery_date:
            dates = [d for _q, d in self._delivered_units(sale_line).values() if d]
            delivery_date = min(dates) if dates else False
        return delivery_date
