# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..models.aftersales_warranty import COVERAGE_STATES


class AftersalesWarrantyCheck(models.TransientModel):
    """One screen answering "is this unit in warranty, until when, why not?"."""

    _name = "aftersales.warranty.check"
    _description = "Check Warranty"

    serial = fields.Char(string="Serial Number", help="Serial number (序列号).")
    partner_id = fields.Many2one("res.partner", string="Customer")
    sale_order_id = fields.Many2one("sale.order", string="Sale Order")
    invoice_id = fields.Many2one(
        "account.move",
        string="Invoice",
        domain="[('move_type', '=', 'out_invoice'), ('state', '=', 'posted')]",
    )
    on_date = fields.Date(
        string="On Date", required=True, default=fields.Date.context_today
    )
    line_ids = fields.One2many(
        "aftersales.warranty.check.line", "check_id", string="Units"
    )

    @api.model
    def _open_for(self, partner=None, sale_order=None, invoice=None, lot=None):
        wizard = self.create(
            {
                "partner_id": partner.id if partner else False,
                "sale_order_id": sale_order.id if sale_order else False,
                "invoice_id": invoice.id if invoice else False,
                "serial": lot.name if lot else False,
            }
        )
        wizard._fill_lines()
        return wizard._reopen()

    def _reopen(self):
        return {
            "type": "ir.actions.act_window",
            "name": _("Check Warranty"),
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }

    def action_check(self):
        self.ensure_one()
        self._fill_lines()
        return self._reopen()

    def _find_cards(self):
        """Cards matching the agent's input; raise on inconsistent input."""
        Warranty = self.env["aftersales.warranty"]
        domain = []
        if self.serial:
            serial = self.serial.strip()
            domain.append(("lot_name", "=", serial))
            if not Warranty.search_count(domain):
                raise UserError(
                    _("No warranty card exists for serial number %s.", serial)
                )
            if self.partner_id:
                commercial = self.partner_id.commercial_partner_id
                sold = Warranty.search_count(
                    domain + [("partner_id", "child_of", commercial.id)]
                )
                if not sold:
                    raise UserError(
                        _(
                            "Serial %(serial)s was not sold to customer "
                            "%(customer)s.",
                            serial=serial,
                            customer=commercial.display_name,
                        )
                    )
        if self.partner_id:
            domain.append(
                ("partner_id", "child_of", self.partner_id.commercial_partner_id.id)
            )
        if self.sale_order_id:
            domain.append(("sale_order_id", "=", self.sale_order_id.id))
        if self.invoice_id:
            sale_lines = self.invoice_id.invoice_line_ids.sale_line_ids
            domain.append(("sale_line_id", "in", sale_lines.ids))
        if not domain:
            raise UserError(
                _("Type a serial number or choose a customer, an order or an invoice.")
            )
        return Warranty.search(domain, order="partner_id, product_id, lot_id, id")

    def _prepare_line_vals(self, card):
        coverage = card._coverage_of_card(card, on_date=self.on_date)
        return {
            "check_id": self.id,
            "warranty_id": card.id,
            "state": coverage["state"],
            "end_date": coverage["end_date"],
            "reason": coverage["reason"],
        }

    def _fill_lines(self):
        self.ensure_one()
        cards = self._find_cards()
        self.line_ids.unlink()
        self.env["aftersales.warranty.check.line"].create(
            [self._prepare_line_vals(card) for card in cards]
        )


class AftersalesWarrantyCheckLine(models.TransientModel):
    _name = "aftersales.warranty.check.line"
    _description = "Check Warranty: Unit"

    check_id = fields.Many2one(
        "aftersales.warranty.check", required=True, ondelete="cascade"
    )
    warranty_id = fields.Many2one("aftersales.warranty", string="Warranty Card")
    partner_id = fields.Many2one(related="warranty_id.partner_id")
    product_id = fields.Many2one(related="warranty_id.product_id")
    lot_id = fields.Many2one(related="warranty_id.lot_id")
    quantity = fields.Float(related="warranty_id.quantity")
    sale_order_id = fields.Many2one(related="warranty_id.sale_order_id")
    start_date = fields.Date(related="warranty_id.start_date")
    state = fields.Selection(COVERAGE_STATES, string="Coverage")
    end_date = fields.Date(string="Until")
    reason = fields.Char()
