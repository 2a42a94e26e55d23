# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The After-Sales overview: the screen an agent starts the day with.

One kanban of tiles (the app's root action), grouped by section. Two kinds:

- a *team* tile per helpdesk team (created with the team): its open tickets,
  the ones whose next milestone is breached or due today, and those waiting
  for the hand-over, each number one click away from its list;
- a *count* tile: a model, a domain and an action; the number of records the
  reader may see, and a click to the list. Other addons add their tiles as
  data records, e.g. aftersales_returns::

      <record id="overview_tile_rma_to_approve" model="aftersales.overview.tile">
          <field name="name">Returns to approve</field>
          <field name="section">returns</field>
          <field name="res_model">rma</field>
          <field name="domain">[('state', '=', 'draft')]</field>
          <field name="action_xmlid">aftersales_returns.aftersales_rma_action</field>
      </record>

  (with ``section = fields.Selection(selection_add=[("returns", "Returns")])``
  on the model if they want their own column).
"""

import datetime

import pytz
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools.safe_eval import datetime as safe_datetime
from odoo.tools.safe_eval import safe_eval

SECTIONS = [
    ("desk", "Tickets"),
    ("followup", "Callbacks"),
    ("quality", "Complaints and Penalties"),
]


class AftersalesOverviewTile(models.Model):
    _name = "aftersales.overview.tile"
    _description = "After-Sales Overview Tile"
    _order = "section, sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    section = fields.Selection(SECTIONS, required=True, default="desk")
    kind = fields.Selection(
        [("team", "Team"), ("count", "Count")], required=True, default="count"
    )
    team_id = fields.Many2one("helpdesk.ticket.team", index=True, ondelete="cascade")
    company_id = fields.Many2one(related="team_id.company_id", store=True)
    res_model = fields.Char(string="Model")
    domain = fields.Char(
        default="[]",
        help="Records counted (evaluated with uid, user, today, now, "
        "datetime and relativedelta).",
    )
    action_xmlid = fields.Char(string="Action")
    color = fields.Selection(
        [
            ("info", "Info"),
            ("warning", "Warning"),
            ("danger", "Danger"),
            ("success", "Success"),
        ],
        default="info",
    )
    group_ids = fields.Many2many(
        "res.groups",
        string="Shown To",
        help="Empty: every after-sales user.",
    )
    count = fields.Integer(compute="_compute_counts")
    open_count = fields.Integer(string="Open", compute="_compute_counts")
    breached_count = fields.Integer(string="Breached", compute="_compute_counts")
    due_today_count = fields.Integer(string="Due Today", compute="_compute_counts")
    handover_count = fields.Integer(
        string="Awaiting Hand-over", compute="_compute_counts"
    )

    @api.constrains("kind", "res_model", "domain")
    def _check_tile_domain(self):
        """A count tile names an existing model and a domain that searches:
        a wrong one fails when it is loaded, not on the overview."""
        for tile in self.filtered(lambda t: t.kind == "count"):
            if tile.res_model not in self.env:
                raise ValidationError(
                    self.env._(
                        "Overview tile %(tile)s: unknown model %(model)s.",
                        tile=tile.name,
                        model=tile.res_model,
                    )
                )
            try:
                with self.env.cr.savepoint():
                    self.env[tile.res_model].sudo().search_count(
                        tile._tile_domain(), limit=1
                    )
            except Exception as err:
                raise ValidationError(
                    self.env._(
                        "Overview tile %(tile)s: its domain does not search "
                        "(%(error)s).",
                        tile=tile.name,
                        error=err,
                    )
                ) from err

    # ------------------------------------------------------------------
    # Domains
    # ------------------------------------------------------------------
    def _eval_context(self):
        user = self.env.user
        tz = pytz.timezone(user.tz or "UTC")
        local_now = datetime.datetime.now(tz)
        today = local_now.date()
        return {
            "uid": user.id,
            "user": user,
            "today": today,
            "now": fields.Datetime.now(),
            "datetime": safe_datetime,
            "relativedelta": relativedelta,
        }

    def _tile_domain(self):
        self.ensure_one()
        return safe_eval(self.domain or "[]", self._eval_context())

    @api.model
    def _end_of_today(self):
        """Midnight at the end of the reader's day, in UTC (naive)."""
        tz = pytz.timezone(self.env.user.tz or "UTC")
        local_now = datetime.datetime.now(tz)
        end = tz.localize(
            datetime.datetime.combine(
                local_now.date() + datetime.timedelta(days=1), datetime.time()
            )
        )
        return end.astimezone(pytz.utc).replace(tzinfo=None)

    @api.model
    def _team_domains(self):
        """Name -> domain on open tickets of a team tile's numbers."""
        now = fields.Datetime.now()
        return {
            "open": [],
            "breached": [("sla_deadline", "<", now), ("sla_paused", "=", False)],
            "due_today": [
                ("sla_deadline", ">=", now),
                ("sla_deadline", "<", self._end_of_today()),
            ],
            "handover": [("handover_accepted_by", "=", False)],
        }

    def _compute_counts(self):
        Ticket = self.env["helpdesk.ticket"]
        teams = self.filtered(lambda t: t.kind == "team").team_id
        by_metric = {}
        if teams:
            base = [("team_id", "in", teams.ids), ("stage_id.closed", "=", False)]
            for metric, domain in self._team_domains().items():
                by_metric[metric] = dict(
                    Ticket._read_group(base + domain, ["team_id"], ["__count"])
                )
        for tile in self:
            tile.count = tile.open_count = tile.breached_count = 0
            tile.due_today_count = tile.handover_count = 0
            if tile.kind == "team":
                tile.open_count = by_metric.get("open", {}).get(tile.team_id, 0)
                tile.breached_count = by_metric.get("breached", {}).get(tile.team_id, 0)
                tile.due_today_count = by_metric.get("due_today", {}).get(
                    tile.team_id, 0
                )
                tile.handover_count = by_metric.get("handover", {}).get(tile.team_id, 0)
                tile.count = tile.open_count
            elif tile.res_model in self.env:
                Model = self.env[tile.res_model]
                if Model.has_access("read"):
                    tile.count = Model.search_count(tile._tile_domain())

    # ------------------------------------------------------------------
    # Team tiles follow the teams
    # ------------------------------------------------------------------
    @api.model
    def _sync_team_tiles(self):
        """One team tile per team (called at install and when a team is
        created)."""
        Team = self.env["helpdesk.ticket.team"].sudo().with_context(active_test=False)
        existing = (
            self.sudo()
            .with_context(active_test=False)
            .search([("kind", "=", "team")])
            .team_id
        )
        missing = Team.search([("id", "not in", existing.ids)])
        return self.sudo().create(
            [
                {
                    "name": team.name,
                    "kind": "team",
                    "section": "desk",
                    "team_id": team.id,
                    "sequence": 1,
                }
                for team in missing
            ]
        )

    # ------------------------------------------------------------------
    # Clicks
    # ------------------------------------------------------------------
    def _action(self, xmlid, name, domain):
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action["name"] = name
        action["domain"] = domain
        action["context"] = {}
        return action

    def action_open(self):
        self.ensure_one()
        if self.kind == "team":
            return self._open_team("open")
        return self._action(self.action_xmlid or "", self.name, self._tile_domain())

    def _open_team(self, metric):
        self.ensure_one()
        labels = {
            "open": self.env._("Open tickets"),
            "breached": self.env._("Breached"),
            "due_today": self.env._("Due today"),
            "handover": self.env._("Awaiting hand-over"),
        }
        domain = [
            ("team_id", "=", self.team_id.id),
            ("stage_id.closed", "=", False),
        ] + self._team_domains()[metric]
        return self._action(
            "aftersales_service.helpdesk_ticket_action_desk",
            f"{self.team_id.name}: {labels[metric]}",
            domain,
        )

    def action_open_breached(self):
        return self._open_team("breached")

    def action_open_due_today(self):
        return self._open_team("due_today")

    def action_open_handover(self):
        return self._open_team("handover")


class HelpdeskTicketTeam(models.Model):
    _inherit = "helpdesk.ticket.team"

    @api.model_create_multi
    def create(self, vals_list):
        teams = super().create(vals_list)
        self.env["aftersales.overview.tile"]._sync_team_tiles()
        return teams

    def write(self, vals):
        res = super().write(vals)
        if "name" in vals:
            tiles = (
                self.env["aftersales.overview.tile"]
                .sudo()
                .search([("team_id", "in", self.ids)])
            )
            for tile in tiles:
                tile.name = tile.team_id.name
        return res
