# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models, tools


class AftersalesCallbackReport(models.Model):
    """One row per closed ticket: was it called back? The average of
    ``callback_rate`` over a team and month is the callback rate (callbacks
    done / tickets closed); ``target_rate`` is the company's target."""

    _name = "aftersales.callback.report"
    _description = "Callback Rate Analysis"
    _auto = False
    _order = "closed_date desc"

    ticket_id = fields.Many2one("helpdesk.ticket", readonly=True)
    team_id = fields.Many2one("helpdesk.ticket.team", readonly=True)
    user_id = fields.Many2one("res.users", string="Agent", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    closed_date = fields.Datetime(readonly=True)
    closed_count = fields.Integer(string="Tickets Closed", readonly=True)
    callback_count = fields.Integer(string="Callbacks Done", readonly=True)
    callback_rate = fields.Float(
        string="Callback Rate (%)", readonly=True, aggregator="avg"
    )
    target_rate = fields.Float(string="Target (%)", readonly=True, aggregator="avg")

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            f"""
            CREATE OR REPLACE VIEW {self._table} AS (
                SELECT t.id AS id,
                       t.id AS ticket_id,
                       t.team_id AS team_id,
                       t.user_id AS user_id,
                       t.company_id AS company_id,
                       t.closed_date AS closed_date,
                       1 AS closed_count,
                       CASE WHEN t.callback_done THEN 1 ELSE 0 END
                           AS callback_count,
                       CASE WHEN t.callback_done THEN 100.0 ELSE 0.0 END
                           AS callback_rate,
                       COALESCE(c.aftersales_callback_target_rate, 0.0)
                           AS target_rate
                  FROM helpdesk_ticket t
                  JOIN helpdesk_ticket_stage s ON s.id = t.stage_id
                  JOIN res_company c ON c.id = t.company_id
                 WHERE s.closed AND t.closed_date IS NOT NULL
            )
            """
        )

    def action_open_ticket(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "helpdesk.ticket",
            "res_id": self.ticket_id.id,
            "view_mode": "form",
        }
