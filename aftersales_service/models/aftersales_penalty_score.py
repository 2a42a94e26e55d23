# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models, tools


class AftersalesPenaltyScore(models.Model):
    """Scoreboard (考核得分): per person, company and month, the starting
    score from Settings minus the confirmed penalty points (reversals
    included, so a reversed entry restores the score)."""

    _name = "aftersales.penalty.score"
    _description = "Penalty Scoreboard"
    _auto = False
    _order = "month desc, score asc, user_id"
    _rec_name = "user_id"
    _depends = {
        "aftersales.penalty": ["user_id", "company_id", "date", "points", "state"],
        "res.company": ["aftersales_score_start"],
    }

    user_id = fields.Many2one("res.users", string="Person", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    month = fields.Date(readonly=True)
    penalty_points = fields.Integer(string="Points Docked", readonly=True)
    incident_count = fields.Integer(
        string="Incidents",
        readonly=True,
        help="Confirmed entries that were not reversed.",
    )
    start_score = fields.Integer(readonly=True, aggregator="avg")
    score = fields.Integer(readonly=True, aggregator="avg")
    team_id = fields.Many2one(
        "helpdesk.ticket.team",
        string="Team",
        compute="_compute_team_id",
        search="_search_team_id",
        help="Helpdesk team the person belongs to.",
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            """
            CREATE OR REPLACE VIEW aftersales_penalty_score AS (
                SELECT
                    min(p.id) AS id,
                    p.user_id AS user_id,
                    p.company_id AS company_id,
                    date_trunc('month', p."date"::timestamp)::date AS month,
                    sum(p.points)::integer AS penalty_points,
                    (count(*) FILTER (WHERE p.points > 0)
                     - count(*) FILTER (WHERE p.points < 0))::integer
                        AS incident_count,
                    max(c.aftersales_score_start)::integer AS start_score,
                    (max(c.aftersales_score_start) - sum(p.points))::integer
                        AS score
                FROM aftersales_penalty p
                JOIN res_company c ON c.id = p.company_id
                WHERE p.state = 'confirmed'
                GROUP BY
                    p.company_id,
                    date_trunc('month', p."date"::timestamp)::date,
                    p.user_id
            )
            """
        )

    @api.depends("user_id")
    def _compute_team_id(self):
        teams = self.env["helpdesk.ticket.team"].search(
            [("user_ids", "in", self.user_id.ids)]
        )
        for row in self:
            row.team_id = teams.filtered(lambda t, u=row.user_id: u in t.user_ids)[:1]

    def _search_team_id(self, operator, value):
        team_domain = [("id", operator, value)]
        if operator in ("ilike", "not ilike", "=like", "like"):
            team_domain = [("name", operator, value)]
        teams = self.env["helpdesk.ticket.team"].search(team_domain)
        return [("user_id", "in", teams.user_ids.ids)]
