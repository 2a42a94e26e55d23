# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import datetime

from odoo import fields, models


class StockLot(models.Model):
    _inherit = "stock.lot"

    aftersales_warranty_count = fields.Integer(
        compute="_compute_aftersales_warranty_count",
        groups="aftersales_service.group_aftersales_user",
    )

    def _compute_aftersales_warranty_count(self):
        groups = self.env["aftersales.warranty"]._read_group(
            [("lot_id", "in", self.ids)], ["lot_id"], ["__count"]
        )
        counts = {lot.id: count for lot, count in groups}
        for lot in self:
            lot.aftersales_warranty_count = counts.get(lot.id, 0)

    def action_view_aftersales_warranties(self):
        return self.env["aftersales.warranty"]._action_view(
            [("lot_id", "in", self.ids)]
        )

    # ------------------------------------------------------------------
    # The one serial check of the suite
    # ------------------------------------------------------------------
    def _aftersales_belongs_to(self, partner, on_date=None):
        """The serials of ``self`` that belong to ``partner``'s commercial
        entity on ``on_date`` (default today): delivered to it (its last
        delivery to or from a customer went to that entity), or registered to
        it at sell-out, or on an active warranty card of its own.
        ``aftersales_contracts`` adds the serials covered by its agreements.

        Tickets, repairs, the check wizard, returns and agreements all ask
        this question here; the answer is read as superuser (who bought what
        is not the caller's to hide) but only for these serials.
        """
        if not self or not partner:
            return self.browse()
        commercial = partner.commercial_partner_id
        on_date = on_date or fields.Date.context_today(self)
        belongs = self._aftersales_delivered_to(commercial, on_date)
        belongs |= self._aftersales_carded_to(commercial, on_date)
        return self & belongs

    def _aftersales_pending_sellout(self):
        """The serials of ``self`` still registered to the distributor we sold
        them to (sell-out not registered yet). A request from an end user on
        such a serial is accepted and marked "registration pending"."""
        if not self:
            return self.browse()
        cards = (
            self.env["aftersales.warranty"]
            .sudo()
            .search(
                [
                    ("lot_id", "in", self.ids),
                    ("state", "=", "active"),
                    ("registration_state", "=", "pending"),
                ]
            )
        )
        return self & cards.lot_id

    def _aftersales_delivered_to(self, commercial, on_date):
        until = datetime.datetime.combine(
            on_date + datetime.timedelta(days=1), datetime.time.min
        )
        move_lines = (
            self.env["stock.move.line"]
            .sudo()
            .search(
                [
                    ("lot_id", "in", self.ids),
                    ("state", "=", "done"),
                    ("date", "<", until),
                    "|",
                    ("location_dest_id.usage", "=", "customer"),
                    ("location_id.usage", "=", "customer"),
                ],
                order="date desc, id desc",
            )
        )
        holder = {}
        for ml in move_lines:
            if ml.lot_id.id in holder:
                continue
            if ml.location_dest_id.usage == "customer":
                partner = ml.picking_id.partner_id or ml.move_id.partner_id
                holder[ml.lot_id.id] = partner.commercial_partner_id
            else:
                holder[ml.lot_id.id] = self.env["res.partner"]
        return self.filtered(lambda lot: holder.get(lot.id) == commercial)

    def _aftersales_carded_to(self, commercial, on_date):
        cards = (
            self.env["aftersales.warranty"]
            .sudo()
            .search(
                [
                    ("lot_id", "in", self.ids),
                    ("state", "=", "active"),
                    ("partner_id", "child_of", commercial.id),
                ]
            )
        )
        cards = cards.filtered(
            lambda c: c.registration_state != "registered"
            or not c.sellout_date
            or c.sellout_date <= on_date
        )
        return cards.lot_id.sudo(False)
