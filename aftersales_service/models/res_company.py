# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models, tools
from odoo.exceptions import ValidationError

# The prefetch group of the suite's Settings columns on the company: reading
# the company's name, currency or partner (what every record of Odoo does)
# does not read the suite's policy numbers with it, and reading one policy
# number reads them all.
SETTINGS_PREFETCH = "aftersales_settings"

# Settings bounds. Each addon lists its fields in ``_aftersales_bounded_fields``
# (field name -> a kind below, or an explicit ``(minimum, maximum)``); the one
# constraint below checks them all and names the field and the bound.
# kind -> (minimum, maximum, minimum allowed)
AFTERSALES_BOUNDS = {
    "hours": (0, 8760, False),  # more than 0, at most a year
    "days": (0, 3650, True),
    "points": (1, 1000, True),
    "percent": (0, 100, True),
    "factor": (1, 100, True),
}


class ResCompany(models.Model):
    _inherit = "res.company"

    aftersales_warranty_months = fields.Integer(
        string="Default Warranty (months)",
        default=12,
        help="Warranty duration used when neither the product nor its category "
        "defines one.",
    )
    aftersales_warranty_start = fields.Selection(
        selection=[
            ("invoice", "Customer invoice date"),
            ("delivery", "Delivery date"),
            ("order", "Order date"),
        ],
        string="Warranty Starts On",
        default="invoice",
        required=True,
        help="Which date of the sale starts the warranty of each unit sold.",
    )

    # --- Service desk (首问负责制, SLA chain, callbacks) ---
    aftersales_default_team_id = fields.Many2one(
        "helpdesk.ticket.team",
        string="After-Sales Team",
        help="Team that receives the requests logged by any employee.",
    )
    aftersales_assignment_method = fields.Selection(
        selection=[
            ("first_responder", "First responder if agent, else balanced"),
            ("balanced", "Balanced by open tickets"),
        ],
        string="Assignment Method",
        default="first_responder",
        required=True,
        help="How a handed-over ticket is assigned inside the team. Users marked "
        "unavailable are skipped.",
    )
    aftersales_contact_hours = fields.Float(
        string="Contact Customer Within (h)",
        default=4.0,
        help="Hours from receipt of the request to the first contact with the "
        "customer, on the team's clock.",
    )
    aftersales_solution_hours = fields.Float(
        string="Propose Solution Within (h)",
        default=24.0,
        help="Hours from receipt of the request to a solution for a simple "
        "issue, on the team's clock.",
    )
    aftersales_escalation_hours = fields.Float(
        string="Escalate Within (h)",
        default=24.0,
        help="Hours from receipt of the request to its escalation to the "
        "department head, on the team's clock.",
    )
    aftersales_decision_hours = fields.Float(
        string="Head Decides Within (h)",
        default=24.0,
        help="Hours from the escalation to the department head's decision, on "
        "the team's clock.",
    )
    aftersales_relay_hours = fields.Float(
        string="Relay Decision Within (h)",
        default=24.0,
        help="Hours from the decision to relaying it to the customer and the "
        "implementer, on the team's clock.",
    )
    aftersales_sla_warning_hours = fields.Float(
        string="Warn Before Deadline (h)",
        default=1.0,
        help="The responsible user gets an activity this many hours before a deadline.",
    )
    aftersales_sla_escalation_user_id = fields.Many2one(
        "res.users",
        string="Escalation Fallback",
        help="Receives breach escalations when the team has no team leader.",
    )
    aftersales_callback_delay_days = fields.Integer(
        string="Callback After (days)",
        default=3,
        help="Days after closing when the callback is due.",
    )
    aftersales_callback_target_rate = fields.Float(
        string="Callback Target (%)",
        default=80.0,
        help="Callbacks must reach at least this share of the month's closed "
        "tickets.",
    )
    aftersales_penalty_points = fields.Integer(
        string="Penalty Points per Incident",
        default=3,
        help="Points docked from the responsible person for each confirmed "
        "negligence. Serious cases are set by a manager.",
    )
    aftersales_score_start = fields.Integer(
        string="Starting Score",
        default=100,
        help="Monthly score each person starts from before penalty points "
        "are deducted.",
    )

    # ------------------------------------------------------------------
    # Reading the policy numbers
    # ------------------------------------------------------------------
    def _setup_fields(self):
        res = super()._setup_fields()
        for field in self._fields.values():
            if (
                field.store
                and field.prefetch is True
                and (field._module or "").startswith("aftersales_")
            ):
                field.prefetch = SETTINGS_PREFETCH
        return res

    @api.model
    def _aftersales_sla_hours_fields(self):
        """The Settings fields with the hours of the SLA milestones."""
        rules = self.env["helpdesk.ticket"]._aftersales_milestone_rules()
        return tuple(sorted({rule[0] for rule in rules.values()}))

    @api.model
    @tools.ormcache("company_id")
    def _aftersales_sla_hours_cached(self, company_id):
        company = self.sudo().browse(company_id)
        return {fname: company[fname] for fname in self._aftersales_sla_hours_fields()}

    def _aftersales_sla_hours(self):
        """Settings field -> hours of the SLA milestones of this company
        (cached: read on every ticket created or moved along its chain)."""
        self.ensure_one()
        return self._aftersales_sla_hours_cached(self.id)

    def write(self, vals):
        res = super().write(vals)
        if set(vals).intersection(self._aftersales_sla_hours_fields()):
            self.env.registry.clear_cache()
        return res

    # ------------------------------------------------------------------
    # Settings bounds (one helper for every addon)
    # ------------------------------------------------------------------
    @api.model
    def _aftersales_bounded_fields(self):
        """Field name -> kind of bound (see ``AFTERSALES_BOUNDS``): hours > 0,
        days >= 0, points >= 1, percentages in [0, 100], factors >= 1.

        Other addons extend it::

            def _aftersales_bounded_fields(self):
                return dict(super()._aftersales_bounded_fields(),
                            aftersales_return_days="days")
        """
        return {
            "aftersales_contact_hours": "hours",
            "aftersales_solution_hours": "hours",
            "aftersales_escalation_hours": "hours",
            "aftersales_decision_hours": "hours",
            "aftersales_relay_hours": "hours",
            "aftersales_sla_warning_hours": "hours",
            "aftersales_callback_delay_days": "days",
            "aftersales_callback_target_rate": "percent",
            "aftersales_penalty_points": "points",
            "aftersales_score_start": "points",
        }

    @api.model
    def _aftersales_bound(self, kind):
        """(minimum, maximum, minimum allowed) of a kind or an explicit pair."""
        if isinstance(kind, tuple | list):
            return kind[0], kind[1], True
        return AFTERSALES_BOUNDS[kind]

    @api.model
    def _aftersales_bound_message(self, kind):
        if isinstance(kind, tuple | list):
            return self.env._("between %(low)s and %(high)s", low=kind[0], high=kind[1])
        _low, high, _incl = AFTERSALES_BOUNDS[kind]
        return {
            "hours": self.env._("greater than 0 and at most %s", high),
            "days": self.env._("0 or more and at most %s", high),
            "points": self.env._("at least 1 and at most %s", high),
            "percent": self.env._("between 0 and 100"),
            "factor": self.env._("at least 1 and at most %s", high),
        }[kind]

    @api.constrains(lambda self: list(self._aftersales_bounded_fields()))
    def _check_aftersales_bounds(self):
        bounded = self._aftersales_bounded_fields()
        for company in self:
            for fname, kind in bounded.items():
                low, high, low_allowed = self._aftersales_bound(kind)
                value = company[fname] or 0
                if not (value >= low if low_allowed else value > low) or value > high:
                    field = self._fields[fname]
                    raise ValidationError(
                        self.env._(
                            "Settings of %(company)s: '%(field)s' must be "
                            "%(bound)s (you entered %(value)s).",
                            company=company.display_name,
                            field=field._description_string(self.env),
                            bound=self._aftersales_bound_message(kind),
                            value=value,
                        )
                    )
