# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

MANAGER_GROUP = "aftersales_service.group_aftersales_manager"

# Fields a confirmed (or cancelled) entry never changes through write().
# Everything on a confirmed entry changes only through the actions below.
MAIL_FIELD_PREFIXES = ("message_", "activity_", "website_message")


class AftersalesPenalty(models.Model):
    """Penalty point ledger (扣罚台账).

    One line per incident. A line is proposed in draft (by a complaint
    feedback form, an SLA breach or by hand), confirmed by a manager and then
    never edited nor deleted: a mistake is corrected by :meth:`action_reverse`,
    which books a counter-entry.
    """

    _name = "aftersales.penalty"
    _description = "Penalty Points Entry"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"

    name = fields.Char(
        string="Reference", copy=False, readonly=True, default="/", index="trigram"
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible Person",
        required=True,
        index=True,
        tracking=True,
        help="The person found responsible.",
    )
    ticket_id = fields.Many2one(
        "helpdesk.ticket", string="Ticket", index=True, tracking=True
    )
    team_id = fields.Many2one(
        "helpdesk.ticket.team",
        string="Team",
        index=True,
        help="The ticket's team when the entry was proposed.",
    )
    feedback_id = fields.Many2one(
        "aftersales.complaint.feedback", string="Complaint Feedback", index=True
    )
    date = fields.Date(
        required=True,
        index=True,
        tracking=True,
        default=fields.Date.context_today,
    )
    points = fields.Integer(
        tracking=True,
        help="Points docked. For a normal case the Settings value is applied "
        "on confirmation; a serious case needs points set by a manager.",
    )
    points_set_by_manager = fields.Boolean(
        readonly=True,
        copy=False,
        help="A manager set the points of this serious case.",
    )
    reason = fields.Text(required=True, tracking=True)
    severity = fields.Selection(
        [("normal", "Normal"), ("serious", "Serious")],
        required=True,
        default="normal",
        tracking=True,
        help="A serious case is handled separately: its points are "
        "set by a manager.",
    )
    state = fields.Selection(
        [("draft", "Draft"), ("confirmed", "Confirmed"), ("cancelled", "Cancelled")],
        required=True,
        default="draft",
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    origin = fields.Char(
        index=True,
        copy=False,
        help="Technical key of the event that proposed this entry (e.g. an SLA "
        "breach), so that it is proposed only once.",
    )
    confirmed_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    confirmed_date = fields.Datetime(readonly=True, copy=False)
    reversed_entry_id = fields.Many2one(
        "aftersales.penalty",
        string="Reversal of",
        readonly=True,
        copy=False,
        index=True,
        help="The entry this counter-entry reverses.",
    )
    reversal_entry_ids = fields.One2many(
        "aftersales.penalty", "reversed_entry_id", string="Reversed by"
    )
    is_reversed = fields.Boolean(
        string="Reversed", compute="_compute_is_reversed", store=True
    )
    reversal_reason = fields.Text(readonly=True, copy=False)
    appeal_state = fields.Selection(
        [
            ("none", "No appeal"),
            ("pending", "Pending"),
            ("upheld", "Upheld"),
            ("rejected", "Rejected"),
        ],
        required=True,
        default="none",
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
    )
    appeal_text = fields.Text(readonly=True, copy=False, tracking=True)
    appeal_date = fields.Datetime(readonly=True, copy=False)
    appeal_decision = fields.Text(readonly=True, copy=False, tracking=True)
    appeal_decided_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    can_confirm = fields.Boolean(compute="_compute_can")
    can_reverse = fields.Boolean(compute="_compute_can")
    can_appeal = fields.Boolean(compute="_compute_can")
    can_decide_appeal = fields.Boolean(compute="_compute_can")

    _sql_constraints = [
        (
            "normal_points_positive",
            "CHECK(reversed_entry_id IS NOT NULL OR points >= 0)",
            "Penalty points cannot be negative, except on a reversal.",
        ),
    ]

    def init(self):
        # The scoreboard reads confirmed points per company, month and person.
        self.env.cr.execute(
            """
            CREATE INDEX IF NOT EXISTS aftersales_penalty_score_idx
            ON aftersales_penalty (
                company_id, (date_trunc('month', "date"::timestamp)::date), user_id
            ) INCLUDE (points)
            WHERE state = 'confirmed'
            """
        )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("reversal_entry_ids")
    def _compute_is_reversed(self):
        for entry in self:
            entry.is_reversed = bool(entry.reversal_entry_ids)

    @api.depends("state", "is_reversed", "appeal_state", "user_id", "severity")
    @api.depends_context("uid")
    def _compute_can(self):
        is_manager = self.env.user.has_group(MANAGER_GROUP)
        for entry in self:
            confirmed = entry.state == "confirmed"
            reversible = (
                confirmed and not entry.is_reversed and not entry.reversed_entry_id
            )
            entry.can_confirm = is_manager and entry.state == "draft"
            entry.can_reverse = is_manager and reversible
            entry.can_appeal = (
                reversible
                and entry.appeal_state == "none"
                and entry.user_id == self.env.user
            )
            entry.can_decide_appeal = (
                is_manager and reversible and entry.appeal_state == "pending"
            )

    @api.depends("name", "user_id", "points")
    def _compute_display_name(self):
        for entry in self:
            user = entry.user_id.name or ""
            entry.display_name = f"{entry.name or '/'} - {user} ({entry.points})"

    # ------------------------------------------------------------------
    # CRUD guards
    # ------------------------------------------------------------------
    @api.model
    def _aftersales_guarded_fields(self):
        """Set by the ledger's actions only: confirmation, reversal, appeal
        and the SLA proposals (whose ``origin`` is reserved to the cron, so a
        hand-made entry cannot pre-empt the real proposal)."""
        return super()._aftersales_guarded_fields() | {
            "state",
            "confirmed_by_id",
            "confirmed_date",
            "points_set_by_manager",
            "reversed_entry_id",
            "reversal_reason",
            "is_reversed",
            "appeal_state",
            "appeal_text",
            "appeal_date",
            "appeal_decision",
            "appeal_decided_by_id",
            "origin",
        }

    def _is_manager(self):
        return self.env.su or self.env.user.has_group(MANAGER_GROUP)

    @api.model
    def _business_fields(self, vals):
        return [fname for fname in vals if not fname.startswith(MAIL_FIELD_PREFIXES)]

    @api.model_create_multi
    def create(self, vals_list):
        company_points = {}
        tickets = self.env["helpdesk.ticket"].browse(
            [vals["ticket_id"] for vals in vals_list if vals.get("ticket_id")]
        )
        tickets.fetch(["team_id", "company_id"])
        for vals in vals_list:
            if vals.get("state", "draft") != "draft":
                raise UserError(
                    self.env._(
                        "A penalty entry is always created as a draft; it is "
                        "confirmed by a manager with the Confirm button."
                    )
                )
            ticket = self.env["helpdesk.ticket"].browse(vals.get("ticket_id"))
            if ticket:
                vals.setdefault("team_id", ticket.team_id.id)
                vals.setdefault("company_id", ticket.company_id.id)
            company = self.env["res.company"].browse(
                vals.get("company_id") or self.env.company.id
            )
            if "points" not in vals:
                if company.id not in company_points:
                    company_points[company.id] = company.aftersales_penalty_points
                vals["points"] = company_points[company.id]
            elif vals.get("severity") == "serious" and self._is_manager():
                vals["points_set_by_manager"] = True
        unnamed = [vals for vals in vals_list if vals.get("name", "/") == "/"]
        for vals, name in zip(unnamed, self._next_names(len(unnamed)), strict=True):
            vals["name"] = name
        return super().create(vals_list)

    @api.model
    def _next_names(self, count):
        """Draw ``count`` references in one query (batch proposals)."""
        if not count:
            return []
        sequence = (
            self.env["ir.sequence"]
            .sudo()
            .search(
                [
                    ("code", "=", "aftersales.penalty"),
                    ("company_id", "in", [self.env.company.id, False]),
                ],
                order="company_id",
                limit=1,
            )
        )
        if not sequence:
            return ["/"] * count
        if sequence.implementation != "standard" or sequence.use_date_range:
            return [sequence._next() for __ in range(count)]
        self.env.cr.execute(
            "SELECT nextval(%s) FROM generate_series(1, %s)",
            ["ir_sequence_%03d" % sequence.id, count],
        )
        return [sequence.get_next_char(row[0]) for row in self.env.cr.fetchall()]

    def write(self, vals):
        business = self._business_fields(vals)
        if business:
            if "state" in business:
                raise UserError(
                    self.env._(
                        "The state of a penalty entry changes only through its "
                        "buttons (Confirm, Cancel, Reverse)."
                    )
                )
            locked = self.filtered(lambda e: e.state != "draft")
            if locked:
                raise UserError(
                    self.env._(
                        "Penalty entry %(entry)s is %(state)s: it can no longer be "
                        "edited (%(fields)s). Reverse it instead.",
                        entry=locked[0].name,
                        state=dict(
                            self._fields["state"]._description_selection(self.env)
                        )[locked[0].state],
                        fields=", ".join(business),
                    )
                )
            if not self._is_manager():
                raise AccessError(
                    self.env._(
                        "Only after-sales managers can edit penalty entries " "(%s).",
                        ", ".join(self.mapped("name")),
                    )
                )
            if "points" in vals:
                vals = dict(vals, points_set_by_manager=True)
        return super().write(vals)

    def _write_internal(self, vals):
        """Write through the guarded business actions only (not RPC-callable)."""
        return super().write(vals)

    def unlink(self):
        self.check_access("unlink")
        locked = self.filtered(lambda e: e.state == "confirmed")
        if locked:
            raise UserError(
                self.env._(
                    "Penalty entry %s is confirmed: it can never be deleted, "
                    "only reversed.",
                    locked[0].name,
                )
            )
        return super().unlink()

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def _check_manager(self, what):
        if not self._is_manager():
            raise AccessError(
                self.env._(
                    "Only after-sales managers can %(what)s penalty entries "
                    "(%(entries)s).",
                    what=what,
                    entries=", ".join(self.mapped("name")),
                )
            )

    def _lock_rows(self):
        """Serialise concurrent actions on the same entries."""
        if self.ids:
            self.env.cr.execute(
                "SELECT id FROM aftersales_penalty WHERE id IN %s FOR UPDATE",
                [tuple(self.ids)],
            )
            self.invalidate_recordset()

    def _prepare_confirm_vals(self):
        self.ensure_one()
        vals = {
            "state": "confirmed",
            "confirmed_by_id": self.env.user.id,
            "confirmed_date": fields.Datetime.now(),
        }
        if self.severity == "normal":
            vals["points"] = self.company_id.aftersales_penalty_points
        return vals

    def action_confirm(self):
        """Confirm draft entries (managers only). Idempotent: an entry already
        confirmed is left as it is, so a double click books it once."""
        self._check_manager(self.env._("confirm"))
        self._lock_rows()
        for entry in self:
            if entry.state == "confirmed":
                continue
            if entry.state != "draft":
                raise UserError(
                    self.env._(
                        "Penalty entry %s is cancelled and cannot be confirmed.",
                        entry.name,
                    )
                )
            if entry.severity == "serious" and (
                not entry.points_set_by_manager or entry.points <= 0
            ):
                raise UserError(
                    self.env._(
                        "Penalty entry %s is a serious case: a manager must set "
                        "its points before it is confirmed.",
                        entry.name,
                    )
                )
            entry._write_internal(entry._prepare_confirm_vals())
            entry._aftersales_message_post_auto(
                body=self.env._(
                    "Confirmed: %(points)s point(s) docked from %(user)s.",
                    points=entry.points,
                    user=entry.user_id.name,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_cancel(self):
        """Drop a draft proposal (managers only)."""
        self._check_manager(self.env._("cancel"))
        confirmed = self.filtered(lambda e: e.state == "confirmed")
        if confirmed:
            raise UserError(
                self.env._(
                    "Penalty entry %s is confirmed: reverse it instead of "
                    "cancelling it.",
                    confirmed[0].name,
                )
            )
        self.filtered(lambda e: e.state == "draft")._write_internal(
            {"state": "cancelled"}
        )
        return True

    def _prepare_reversal_vals(self, reason):
        self.ensure_one()
        return {
            "user_id": self.user_id.id,
            "ticket_id": self.ticket_id.id,
            "team_id": self.team_id.id,
            "feedback_id": self.feedback_id.id,
            # same date: the month's score is restored
            "date": self.date,
            "points": -self.points,
            "severity": self.severity,
            "company_id": self.company_id.id,
            "reason": self.env._(
                "Reversal of %(entry)s: %(reason)s", entry=self.name, reason=reason
            ),
        }

    def action_reverse(self, reason=None):
        """Book a counter-entry for confirmed entries (managers only).

        Without a reason, opens the wizard asking for one.
        """
        self._check_manager(self.env._("reverse"))
        if not reason:
            action = self.env["ir.actions.act_window"]._for_xml_id(
                "aftersales_service.action_aftersales_penalty_reverse_wizard"
            )
            action["context"] = {"active_ids": self.ids, "active_model": self._name}
            return action
        self._reverse(reason)
        return True

    def _reverse(self, reason):
        """Book the counter-entries and return them."""
        self._check_manager(self.env._("reverse"))
        if not (reason or "").strip():
            raise UserError(
                self.env._(
                    "Give the reason for reversing %s.", ", ".join(self.mapped("name"))
                )
            )
        self._lock_rows()
        counters = self.browse()
        for entry in self:
            if entry.state != "confirmed" or entry.reversed_entry_id:
                raise UserError(
                    self.env._(
                        "Penalty entry %s is not a confirmed entry and cannot be "
                        "reversed.",
                        entry.name,
                    )
                )
            if entry.is_reversed:
                raise UserError(
                    self.env._("Penalty entry %s is already reversed.", entry.name)
                )
            vals = entry._prepare_reversal_vals(reason)
            points = vals.pop("points")
            counter = self.create(dict(vals, points=0))
            counter._write_internal(
                {
                    "points": points,
                    "reversed_entry_id": entry.id,
                    "state": "confirmed",
                    "confirmed_by_id": self.env.user.id,
                    "confirmed_date": fields.Datetime.now(),
                }
            )
            entry._write_internal({"reversal_reason": reason})
            entry._aftersales_message_post_auto(
                body=self.env._(
                    "Reversed by %(counter)s: %(reason)s",
                    counter=counter.name,
                    reason=reason,
                ),
                subtype_xmlid="mail.mt_note",
            )
            counters |= counter
        return counters

    # Appeal -------------------------------------------------------------
    def action_open_appeal_wizard(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "aftersales_service.action_aftersales_penalty_appeal_wizard"
        )
        action["context"] = {"active_id": self.id, "active_model": self._name}
        return action

    def action_appeal(self, text):
        """The responsible person appeals a confirmed entry, once."""
        self.ensure_one()
        if not (text or "").strip():
            raise UserError(self.env._("Explain your appeal of %s.", self.name))
        if self.user_id != self.env.user:
            raise AccessError(
                self.env._(
                    "Only %(user)s can appeal penalty entry %(entry)s.",
                    user=self.user_id.name,
                    entry=self.name,
                )
            )
        if self.appeal_state != "none":
            raise UserError(
                self.env._(
                    "Penalty entry %s was already appealed: an entry can be "
                    "appealed only once.",
                    self.name,
                )
            )
        if self.state != "confirmed" or self.is_reversed or self.reversed_entry_id:
            raise UserError(
                self.env._(
                    "Only a confirmed, unreversed entry can be appealed (%s).",
                    self.name,
                )
            )
        self._write_internal(
            {
                "appeal_state": "pending",
                "appeal_text": text,
                "appeal_date": fields.Datetime.now(),
            }
        )
        decider = self.confirmed_by_id
        if decider and not decider._is_superuser():
            self._aftersales_activity_schedule_auto(
                "mail.mail_activity_data_todo",
                user_id=decider.id,
                summary=self.env._("Decide the appeal of %s", self.name),
            )
        return True

    def _decide_appeal(self, upheld, decision):
        self.ensure_one()
        self._check_manager(self.env._("decide appeals on"))
        if self.appeal_state != "pending":
            raise UserError(
                self.env._("Penalty entry %s has no pending appeal.", self.name)
            )
        if not (decision or "").strip():
            raise UserError(
                self.env._("Write the decision on the appeal of %s.", self.name)
            )
        self._write_internal(
            {
                "appeal_state": "upheld" if upheld else "rejected",
                "appeal_decision": decision,
                "appeal_decided_by_id": self.env.user.id,
            }
        )
        self.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref("mail.mail_activity_data_todo")
        ).action_feedback(feedback=decision)
        if upheld:
            self._reverse(self.env._("Appeal upheld: %s", decision))
        return True

    def action_appeal_uphold(self, decision):
        return self._decide_appeal(True, decision)

    def action_appeal_reject(self, decision):
        return self._decide_appeal(False, decision)

    # SLA breach proposals --------------------------------------------------
    @api.model
    def _propose_for_sla_breach(self, breaches):
        """Propose draft entries for SLA breaches, in one create.

        :param breaches: iterable of ``(ticket, user, reason, origin)`` (origin
            optional): one draft entry per item whose origin was not proposed
            before. Returns the new entries.
        """
        items = []
        for breach in breaches:
            ticket, user, reason = breach[:3]
            origin = breach[3] if len(breach) > 3 else False
            if user:
                items.append((ticket, user, reason, origin))
        origins = [item[3] for item in items if item[3]]
        done = set()
        if origins:
            done = set(self.sudo().search([("origin", "in", origins)]).mapped("origin"))
        vals_list = []
        for ticket, user, reason, origin in items:
            if origin and origin in done:
                continue
            if origin:
                done.add(origin)
            vals_list.append(
                self._prepare_sla_breach_vals(ticket, user, reason, origin)
            )
        return self._aftersales_action_create(vals_list)

    @api.model
    def _prepare_sla_breach_vals(self, ticket, user, reason, origin):
        return {
            "user_id": user.id,
            "ticket_id": ticket.id,
            "team_id": ticket.team_id.id,
            "company_id": ticket.company_id.id or self.env.company.id,
            "reason": reason,
            "severity": "normal",
            "origin": origin,
        }
