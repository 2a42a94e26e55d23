# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class AftersalesWarrantyRegister(models.TransientModel):
    """Back office: register (or, for a manager, correct) the end user of a
    unit sold through a distributor. It only collects the values; the card's
    one registration method checks and applies them."""

    _name = "aftersales.warranty.register"
    _description = "Register Sell-out"

    warranty_id = fields.Many2one(
        "aftersales.warranty", string="Warranty Card", required=True, readonly=True
    )
    lot_id = fields.Many2one(related="warranty_id.lot_id")
    product_id = fields.Many2one(related="warranty_id.product_id")
    distributor_id = fields.Many2one(related="warranty_id.distributor_id")
    distributor_date = fields.Date(related="warranty_id.distributor_date")
    shelf_limit_date = fields.Date(related="warranty_id.shelf_limit_date")
    correction = fields.Boolean(readonly=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="End User",
        help="An existing contact; leave empty to type the end user's name, "
        "phone and address.",
    )
    customer_name = fields.Char(string="End User's Name")
    phone = fields.Char()
    address = fields.Char()
    email = fields.Char()
    sale_date = fields.Date(
        string="Sold to End User On",
        required=True,
        help="The distributor's sale to the end user: the warranty starts then "
        "(never later than the shelf allowance).",
    )
    receipt = fields.Binary(string="Sale Receipt")
    receipt_filename = fields.Char()
    reason = fields.Text(help="Why the registration is corrected (managers).")

    @api.onchange("partner_id")
    def _onchange_partner_id(self):
        if self.partner_id:
            self.customer_name = self.partner_id.name
            self.phone = self.partner_id.phone or self.partner_id.mobile
            self.address = self.partner_id.contact_address_inline
            self.email = self.partner_id.email

    def action_register(self):
        self.ensure_one()
        card = self.env["aftersales.warranty"]._aftersales_register_sellout(
            card=self.warranty_id,
            partner=self.partner_id or None,
            customer_name=self.customer_name,
            phone=self.phone,
            address=self.address,
            email=self.email,
            sale_date=self.sale_date,
            receipt=self.receipt,
            receipt_filename=self.receipt_filename,
            channel="backoffice",
            correction=self.correction,
            reason=self.reason,
        )
        return {"type": "ir.actions.act_window_close", "infos": {"card": card.id}}
