# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class AftersalesCallback(models.Model):
    """A callback (回访) after a completed dispatch order counts against the
    service point's target (回访量不得低于当月维修数量的__%)."""

    _inherit = "aftersales.callback"

    fsm_order_id = fields.Many2one(
        "fsm.order",
        string="Dispatch Order",
        index=True,
        domain="[('ticket_id', '=', ticket_id), "
        "('aftersales_finished_on', '!=', False)]",
    )
    service_point_id = fields.Many2one(
        related="fsm_order_id.aftersales_service_point_id", store=True, index=True
    )

    @api.model
    def _aftersales_guarded_fields(self):
        """The order a callback follows credits its service point (its
        callback target) and lets the point's members record it: set when the
        callback is planned or recorded from the order, never by hand."""
        return super()._aftersales_guarded_fields() | {"fsm_order_id"}

    @api.model_create_multi
    def create(self, vals_list):
        Order = self.env["fsm.order"]
        for vals in vals_list:
            if vals.get("fsm_order_id") and not vals.get("ticket_id"):
                vals["ticket_id"] = Order.browse(vals["fsm_order_id"]).ticket_id.id
            elif vals.get("ticket_id") and "fsm_order_id" not in vals:
                vals["fsm_order_id"] = Order.search(
                    [
                        ("ticket_id", "=", vals["ticket_id"]),
                        ("aftersales_finished_on", "!=", False),
                    ],
                    order="aftersales_finished_on desc, id desc",
                    limit=1,
                ).id
        return super().create(vals_list)

    def _aftersales_check_caller(self):
        """A member of the service point the order was dispatched to records
        the callback of its completed order (from the portal)."""
        partner = self.env.user.partner_id
        point = self.fsm_order_id.sudo().aftersales_service_point_id
        if point and partner in point.member_partner_ids:
            return
        return super()._aftersales_check_caller()

    def _aftersales_onsite_callback(self, order):
        """The planned callback of the order's ticket (planned now when the
        closing planned none), tied to the order."""
        callback = self.search(
            [("ticket_id", "=", order.ticket_id.id), ("state", "=", "planned")],
            order="due_date, id",
            limit=1,
        )
        if not callback:
            callback = self._aftersales_action_create(
                [{"ticket_id": order.ticket_id.id, "fsm_order_id": order.id}]
            )
        elif callback.fsm_order_id != order:
            callback._aftersales_action_write({"fsm_order_id": order.id})
        return callback

    @api.constrains("fsm_order_id", "ticket_id")
    def _check_fsm_order(self):
        for callback in self.filtered("fsm_order_id"):
            order = callback.fsm_order_id
            if (
                order.ticket_id != callback.ticket_id
                or not order.aftersales_finished_on
            ):
                raise ValidationError(
                    self.env._(
                        "Callback of ticket %(ticket)s: order %(order)s is not a "
                        "completed order of this ticket.",
                        ticket=callback.ticket_id.display_name,
                        order=order.name,
                    )
                )
