# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

OUTCOMES = [
    ("satisfied", "Satisfied"),
    ("partly", "Partly satisfied"),
    ("not_satisfied", "Not satisfied"),
    ("unreachable", "Unreachable"),
]


class AftersalesCallback(models.Model):
    """Follow-up call (回访) after a ticket is closed: planned when the ticket
    closes (due after the delay of Settings), recorded once by the agent who
    calls (Record Callback). "Not satisfied" reopens the ticket; "unreachable"
    plans another call for the next day."""

    _name = "aftersales.callback"
    _description = "Ticket Callback"
    _order = "due_date, id"
    _rec_name = "ticket_id"

    ticket_id = fields.Many2one(
        "helpdesk.ticket", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="ticket_id.company_id", store=True, index=True)
    team_id = fields.Many2one(related="ticket_id.team_id", store=True, index=True)
    partner_id = fields.Many2one(related="ticket_id.partner_id", store=True)
    partner_phone = fields.Char(related="ticket_id.partner_phone")
    state = fields.Selection(
        [("planned", "To Call"), ("done", "Recorded")],
        default="planned",
        required=True,
        index=True,
    )
    due_date = fields.Date(
        string="Due On",
        required=True,
        index=True,
        default=fields.Date.context_today,
    )
    planned_user_id = fields.Many2one(
        "res.users",
        string="Assigned To",
        index=True,
        default=lambda self: self.env.user,
        help="Agent who should make the call.",
    )
    user_id = fields.Many2one("res.users", string="Called By", index=True)
    date = fields.Datetime(string="Called On")
    outcome = fields.Selection(OUTCOMES)
    rating = fields.Selection(
        [("1", "1"), ("2", "2"), ("3", "3"), ("4", "4"), ("5", "5")],
        help="Customer's satisfaction from 1 (very poor) to 5 (excellent).",
    )
    note = fields.Text(help="What the customer said.")
    is_overdue = fields.Boolean(compute="_compute_is_overdue")
    can_record = fields.Boolean(compute="_compute_is_overdue")

    @api.model
    def _aftersales_guarded_fields(self):
        """The result of the call is set once, by Record Callback: who
        called, when, what the customer said."""
        return super()._aftersales_guarded_fields() | {
            "state",
            "user_id",
            "date",
            "outcome",
            "rating",
            "note",
        }

    @api.depends_context("uid")
    @api.depends("state", "due_date")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for callback in self:
            callback.is_overdue = (
                callback.state == "planned" and callback.due_date < today
            )
            callback.can_record = (
                callback.state == "planned"
                and callback.ticket_id._aftersales_is_agent(self.env.user)
            )

    def write(self, vals):
        if "ticket_id" in vals and any(
            c.ticket_id.id != vals["ticket_id"] for c in self
        ):
            raise UserError(
                self.env._("A callback stays on the ticket it was planned for.")
            )
        return super().write(vals)

    @api.model_create_multi
    def create(self, vals_list):
        callbacks = super().create(vals_list)
        for callback in callbacks:
            if not callback.ticket_id.stage_id.closed:
                raise UserError(
                    self.env._(
                        "Ticket %s is not closed: the callback comes after closing.",
                        callback.ticket_id.display_name,
                    )
                )
        return callbacks

    # ------------------------------------------------------------------
    # Recording the call
    # ------------------------------------------------------------------
    def action_open_record_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Record Callback"),
            "res_model": "aftersales.callback.record",
            "view_mode": "form",
            "target": "new",
            "context": {"default_callback_id": self.id},
        }

    def action_record(self, outcome, rating=False, note=False):
        """Record the result of this planned call (public method, also used
        by the Record Callback wizard). Refused once recorded."""
        self.ensure_one()
        ticket = self.ticket_id
        if self.state != "planned":
            raise UserError(
                self.env._(
                    "The callback of ticket %s is already recorded.",
                    ticket.display_name,
                )
            )
        ticket._aftersales_check_agent()
        if not ticket.stage_id.closed:
            raise UserError(
                self.env._(
                    "Ticket %s is not closed: the callback comes after closing.",
                    ticket.display_name,
                )
            )
        outcomes = dict(self._fields["outcome"]._description_selection(self.env))
        if outcome not in outcomes:
            raise UserError(
                self.env._(
                    "Callback of ticket %s: choose the outcome of the call.",
                    ticket.display_name,
                )
            )
        rating = rating or False
        if outcome != "unreachable" and rating not in ("1", "2", "3", "4", "5"):
            raise UserError(
                self.env._(
                    "Callback of ticket %s: give the customer's 1-5 rating.",
                    ticket.display_name,
                )
            )
        self._aftersales_action_write(
            {
                "state": "done",
                "user_id": self.env.uid,
                "date": fields.Datetime.now(),
                "outcome": outcome,
                "rating": rating if outcome != "unreachable" else False,
                "note": note or False,
            }
        )
        callback_type = self.env.ref(
            "aftersales_service.mail_activity_type_callback", raise_if_not_found=False
        )
        activities = ticket.activity_ids.filtered(
            lambda a: a.activity_type_id == callback_type
        )
        ticket._aftersales_message_post_auto(
            body=self.env._(
                "Callback by %(user)s: %(outcome)s, rating %(rating)s. %(note)s",
                user=self.env.user.name,
                outcome=outcomes[outcome],
                rating=self.rating or "-",
                note=self.note or "",
            ),
            subtype_xmlid="mail.mt_note",
        )
        if outcome == "unreachable":
            # try again tomorrow, same agent
            self.sudo().create(
                {
                    "ticket_id": ticket.id,
                    "due_date": fields.Date.context_today(self) + timedelta(days=1),
                    "planned_user_id": self.planned_user_id.id,
                }
            )
            activities.write(
                {"date_deadline": fields.Date.context_today(self) + timedelta(days=1)}
            )
        else:
            activities.sudo().action_feedback(feedback=outcomes[outcome])
        if outcome == "not_satisfied":
            ticket._aftersales_reopen()
        return True
