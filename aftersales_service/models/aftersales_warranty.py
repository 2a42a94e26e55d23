# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models


class AftersalesWarranty(models.Model):
    """Warranty card (保修卡): one record per unit sold.

    One card per lot/serial for tracked products, one per sale order line
    otherwise. The single question "is this unit covered, by what, until when,
    and why not?" is answered by :meth:`_get_coverage`, which tickets, repairs,
    RMAs and agreements all call.
    """

    _name = "aftersales.warranty"
    _description = "Warranty Card"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "start_date desc, id desc"

    name = fields.Char(
        string="Card Number",
        required=True,
        copy=False,
        readonly=True,
        index="trigram",
        default=lambda self: _("New"),
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, index=True, tracking=True
    )
    product_id = fields.Many2one(
        "product.product", required=True, index=True, tracking=True
    )
    lot_id = fields.Many2one(
        "stock.lot", string="Lot/Serial Number", index=True, tracking=True
    )
    sale_line_id = fields.Many2one("sale.order.line", index=True)
    sale_order_id = fields.Many2one(
        related="sale_line_id.order_id", store=True, index=True
    )
    start_date = fields.Date(required=True, tracking=True)
    end_date = fields.Date(required=True, tracking=True, index=True)
    state = fields.Selection(
        [("active", "Active"), ("void", "Void")],
        default="active",
        required=True,
        tracking=True,
        index=True,
    )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", _("New")) == _("New"):
                vals["name"] = self.env["ir.sequence"].next_by_code(
                    "aftersales.warranty"
                ) or _("New")
        return super().create(vals_list)

    # ------------------------------------------------------------------
    # Coverage: the one place that answers "is this unit covered?"
    # ------------------------------------------------------------------
    @api.model
    def _get_coverage(
        self,
        partner=None,
        product=None,
        lot=None,
        sale_line=None,
        on_date=None,
        excluded=False,
    ):
        """Return a dict describing the warranty coverage of one unit.

        Keys: ``state`` (``in_warranty``, ``out_of_warranty``, ``excluded``,
        ``unknown``), ``warranty`` (the card, possibly empty), ``end_date``
        and ``reason`` (a translated sentence for the agent).
        """
        on_date = on_date or fields.Date.context_today(self)
        card = self._find_card(partner=partner, product=product, lot=lot,
                               sale_line=sale_line)
        if not card:
            return {
                "state": "unknown",
                "warranty": card,
                "end_date": False,
                "reason": _("No warranty card found for this unit."),
            }
        if card.state == "void":
            return {
                "state": "out_of_warranty",
                "warranty": card,
                "end_date": card.end_date,
                "reason": _("Warranty card %s was voided.", card.name),
            }
        if not (card.start_date <= on_date <= card.end_date):
            return {
                "state": "out_of_warranty",
                "warranty": card,
                "end_date": card.end_date,
                "reason": _("Warranty ended on %s.", card.end_date),
            }
        if excluded:
            return {
                "state": "excluded",
                "warranty": card,
                "end_date": card.end_date,
                "reason": _("The fault is excluded from the warranty."),
            }
        return {
            "state": "in_warranty",
            "warranty": card,
            "end_date": card.end_date,
            "reason": _("In warranty until %s.", card.end_date),
        }

    @api.model
    def _find_card(self, partner=None, product=None, lot=None, sale_line=None):
        """The most relevant card for a unit (active cards first)."""
        domain = []
        if lot:
            domain = [("lot_id", "=", lot.id)]
        elif sale_line:
            domain = [("sale_line_id", "=", sale_line.id)]
        elif partner and product:
            domain = [
                ("partner_id", "child_of", partner.commercial_partner_id.id),
                ("product_id", "=", product.id),
            ]
        else:
            return self.browse()
        cards = self.search(domain, order="end_date desc, id desc")
        return cards.filtered(lambda c: c.state == "active")[:1] or cards[:1]
