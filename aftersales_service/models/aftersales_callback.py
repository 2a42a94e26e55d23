# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class AftersalesCallback(models.Model):
    """Follow-up call (回访) after a ticket is closed."""

    _name = "aftersales.callback"
    _description = "Ticket Callback"
    _order = "date desc, id desc"

    ticket_id = fields.Many2one(
        "helpdesk.ticket", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(
        related="ticket_id.company_id", store=True, index=True
    )
    team_id = fields.Many2one(related="ticket_id.team_id", store=True, index=True)
    partner_id = fields.Many2one(related="ticket_id.partner_id", store=True)
    user_id = fields.Many2one(
        "res.users",
        string="Called By",
        required=True,
        default=lambda self: self.env.user,
    )
    date = fields.Datetime(required=True, default=fields.Datetime.now)
    outcome = fields.Selection(
        [
            ("satisfied", "Satisfied"),
            ("partly", "Partly satisfied"),
            ("not_satisfied", "Not satisfied"),
            ("unreachable", "Unreachable"),
        ],
        required=True,
    )
    rating = fields.Selection(
        [("1", "1"), ("2", "2"), ("3", "3"), ("4", "4"), ("5", "5")],
        help="Customer's satisfaction from 1 (very poor) to 5 (excellent).",
    )
    note = fields.Text()

    @api.constrains("outcome", "rating")
    def _check_rating(self):
        for callback in self:
            if callback.outcome != "unreachable" and not callback.rating:
                raise UserError(
                    self.env._(
                        "Callback of ticket %s: give the customer's 1-5 rating.",
                        callback.ticket_id.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        callbacks = super().create(vals_list)
        for callback in callbacks:
            ticket = callback.ticket_id
            if not ticket.stage_id.closed:
                raise UserError(
                    self.env._(
                        "Ticket %s is not closed: the callback comes after "
                        "closing.",
                        ticket.display_name,
                    )
                )
            outcome = dict(
                self._fields["outcome"]._description_selection(self.env)
            )[callback.outcome]
            if callback.outcome != "unreachable":
                ticket.activity_ids.filtered(
                    lambda a: a.activity_type_id
                    == self.env.ref("aftersales_service.mail_activity_type_callback")
                ).action_feedback(feedback=outcome)
            ticket.message_post(
                body=self.env._(
                    "Callback: %(outcome)s, rating %(rating)s. %(note)s",
                    outcome=outcome,
                    rating=callback.rating or "-",
                    note=callback.note or "",
                ),
            )
            if callback.outcome == "not_satisfied":
                ticket._aftersales_reopen()
        return callbacks

    def action_save(self):
        return {"type": "ir.actions.act_window_close"}
