# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import math

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.aftersales_service.tools import cron_batch_size

from .contract_contract_service import MAX_SERVICE_COST

# Overdue visits flagged per call of the daily run (one batch, committed by
# the scheduler before the next).
OVERDUE_BATCH = 200


class AftersalesAgreementVisit(models.Model):
    """A preventive visit (定期上门保养) of a service agreement."""

    _name = "aftersales.agreement.visit"
    _description = "Preventive Visit"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "planned_date, id"

    name = fields.Char(compute="_compute_name", store=True)
    contract_id = fields.Many2one(
        "contract.contract",
        string="Agreement",
        required=True,
        ondelete="cascade",
        index=True,
        domain=[("aftersales_kind", "!=", False)],
    )
    company_id = fields.Many2one(
        related="contract_id.company_id", store=True, index=True
    )
    partner_id = fields.Many2one(
        related="contract_id.partner_id", store=True, index=True, string="Customer"
    )
    unit_id = fields.Many2one(
        "aftersales.agreement.unit",
        string="Unit",
        domain="[('contract_id', '=', contract_id)]",
    )
    site_partner_id = fields.Many2one("res.partner", string="Site")
    planned_date = fields.Date(required=True, index=True, tracking=True)
    state = fields.Selection(
        [("planned", "Planned"), ("done", "Done"), ("cancelled", "Cancelled")],
        default="planned",
        required=True,
        index=True,
        tracking=True,
        readonly=True,
        copy=False,
    )
    date_done = fields.Date(string="Done On", readonly=True, copy=False, index=True)
    year_id = fields.Many2one(
        "aftersales.agreement.year",
        string="Agreement Year",
        compute="_compute_year_id",
        store=True,
        index=True,
    )
    date_arrival = fields.Datetime(
        string="Arrived On Site", copy=False, help="Start of the time on site."
    )
    date_departure = fields.Datetime(
        string="Left the Site", copy=False, help="End of the time on site."
    )
    service_days = fields.Integer(
        compute="_compute_service_days",
        help="Days billed for this visit: a part day counts as a day.",
    )
    travel_cost = fields.Monetary(
        currency_field="currency_id",
        copy=False,
        help="Travel and transport spent, re-billed at cost where the customer "
        "bears them.",
    )
    lodging_cost = fields.Monetary(
        currency_field="currency_id",
        copy=False,
        help="Lodging spent, re-billed at cost where the customer bears it.",
    )
    currency_id = fields.Many2one(related="contract_id.currency_id")
    service_line_ids = fields.Many2many(
        "contract.line",
        compute="_compute_service_line_ids",
        string="Billed Lines",
    )
    is_overdue = fields.Boolean(
        string="Overdue", compute="_compute_is_overdue", search="_search_is_overdue"
    )
    overdue_notified = fields.Boolean(copy=False, readonly=True)
    user_id = fields.Many2one("res.users", string="Technician", tracking=True)
    ticket_id = fields.Many2one(
        "helpdesk.ticket", string="Service Ticket", copy=False, readonly=True
    )
    report = fields.Text(string="Visit Report")
    customer_signature = fields.Binary(copy=False, attachment=True)
    signed_by = fields.Char(copy=False)
    signed_on = fields.Datetime(copy=False)
    can_done = fields.Boolean(compute="_compute_can")
    can_cancel = fields.Boolean(compute="_compute_can")

    @api.model
    def _aftersales_guarded_fields(self):
        return super()._aftersales_guarded_fields() | {
            "state",
            "date_done",
            "overdue_notified",
            "ticket_id",
            "signed_on",
        }

    @api.depends(
        "contract_id.aftersales_year_ids.date_from",
        "contract_id.aftersales_year_ids.date_to",
        "planned_date",
        "date_done",
    )
    def _compute_year_id(self):
        for visit in self:
            day = visit.date_done or visit.planned_date
            visit.year_id = visit.contract_id.aftersales_year_ids.filtered(
                lambda y, d=day: d and y.date_from <= d <= y.date_to
            )[:1]

    @api.depends("date_arrival", "date_departure")
    def _compute_service_days(self):
        Contract = self.env["contract.contract"]
        for visit in self:
            visit.service_days = Contract._aftersales_service_days(
                visit.date_arrival, visit.date_departure
            )

    def _compute_service_line_ids(self):
        lines = (
            self.env["contract.line"]
            .sudo()
            .search(
                [
                    (
                        "aftersales_source_ref",
                        "in",
                        [f"{self._name},{vid}" for vid in self.ids],
                    )
                ]
            )
        )
        for visit in self:
            ref = f"{self._name},{visit.id}"
            visit.service_line_ids = lines.filtered(
                lambda ln, r=ref: ln.aftersales_source_ref == r
            ).sudo(False)

    @api.constrains("date_arrival", "date_departure", "travel_cost", "lodging_cost")
    def _check_time_on_site(self):
        for visit in self:
            if (
                visit.date_arrival
                and visit.date_departure
                and visit.date_departure < visit.date_arrival
            ):
                raise ValidationError(
                    self.env._(
                        "Visit %s: it cannot end before the technician arrives.",
                        visit.name,
                    )
                )
            for cost in (visit.travel_cost, visit.lodging_cost):
                if not (math.isfinite(cost) and 0 <= cost <= MAX_SERVICE_COST):
                    raise ValidationError(
                        self.env._(
                            "Visit %(visit)s: travel and lodging costs must be "
                            "between 0 and %(max)s.",
                            visit=visit.name,
                            max=MAX_SERVICE_COST,
                        )
                    )

    @api.depends("contract_id", "planned_date")
    def _compute_name(self):
        for visit in self:
            contract = visit.contract_id.display_name or ""
            visit.name = f"{contract} - {visit.planned_date or ''}"

    @api.depends("state", "planned_date")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for visit in self:
            visit.is_overdue = (
                visit.state == "planned"
                and visit.planned_date
                and visit.planned_date < today
            )

    def _search_is_overdue(self, operator, value):
        today = fields.Date.context_today(self)
        domain = [("state", "=", "planned"), ("planned_date", "<", today)]
        if (operator == "=") == bool(value):
            return domain
        return ["!", "&"] + domain

    @api.depends("state")
    def _compute_can(self):
        for visit in self:
            visit.can_done = visit.state == "planned"
            visit.can_cancel = visit.state == "planned"

    def action_done(self):
        """The visit was made: the report is written, and the time on site and
        travel are billed to the agreement where its terms say so."""
        for visit in self:
            if not visit.can_done:
                raise UserError(
                    self.env._("Visit %s is not planned any more.", visit.name)
                )
            if not visit.report:
                raise UserError(
                    self.env._("Visit %s needs a report before it is done.", visit.name)
                )
            if visit.contract_id.aftersales_day_rate and not (
                visit.date_arrival and visit.date_departure
            ):
                raise UserError(
                    self.env._(
                        "Visit %(visit)s: agreement %(agreement)s bills the days on "
                        "site; enter when the technician arrived and left.",
                        visit=visit.name,
                        agreement=visit.contract_id.display_name,
                    )
                )
        for visit in self:
            day = (
                fields.Date.context_today(visit, visit.date_departure)
                if visit.date_departure
                else fields.Date.context_today(visit)
            )
            visit._aftersales_action_write({"state": "done", "date_done": day})
            visit._aftersales_bill()
        return True

    def _aftersales_bill(self):
        """Bill the time on site and travel of a done visit (once)."""
        self.ensure_one()
        return self.contract_id._aftersales_bill_service_days(
            self.date_arrival,
            self.date_departure,
            self,
            travel_cost=self.travel_cost,
            lodging_cost=self.lodging_cost,
            unit=self.unit_id,
        )

    def action_cancel(self):
        for visit in self:
            if not visit.can_cancel:
                raise UserError(
                    self.env._("Visit %s is not planned any more.", visit.name)
                )
        self._aftersales_action_write({"state": "cancelled"})
        return True

    def _prepare_ticket_vals(self):
        self.ensure_one()
        return {
            "name": self.env._("Preventive visit %s", self.name),
            "description": self.env._(
                "<p>Preventive visit planned on %s.</p>", self.planned_date
            ),
            "partner_id": (self.site_partner_id or self.partner_id).id,
            "user_id": self.user_id.id,
            "company_id": self.company_id.id,
            "lot_id": self.unit_id.lot_id.id,
            "product_id": self.unit_id.product_id.id,
        }

    def action_create_ticket(self):
        """Each visit can be dispatched as a service ticket."""
        for visit in self.filtered(lambda v: not v.ticket_id):
            ticket = self.env["helpdesk.ticket"].create(visit._prepare_ticket_vals())
            visit._aftersales_action_write({"ticket_id": ticket.id})
        return True

    def write(self, vals):
        if vals.get("customer_signature") and "signed_on" not in vals:
            vals["signed_on"] = fields.Datetime.now()
        if {"date_arrival", "date_departure", "travel_cost", "lodging_cost"} & set(
            vals
        ):
            for visit in self.filtered(lambda v: v.state != "planned"):
                raise UserError(
                    self.env._(
                        "Visit %s is done or cancelled: its time on site and costs "
                        "were billed and do not change.",
                        visit.name,
                    )
                )
        return super().write(vals)

    @api.model
    def _cron_flag_overdue(self, batch_size=None):
        """One activity per overdue visit, for its technician. One batch per
        call; the scheduler commits it and calls again while visits remain
        (ir.cron._notify_progress)."""
        batch_size = batch_size or cron_batch_size(self.env, default=OVERDUE_BATCH)
        domain = [("is_overdue", "=", True), ("overdue_notified", "=", False)]
        visits = self.search(domain, order="id", limit=batch_size)
        for visit in visits:
            visit.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=self.env._("Overdue preventive visit"),
                user_id=visit.user_id.id
                or visit.contract_id.user_id.id
                or self.env.uid,
            )
        visits._aftersales_action_write({"overdue_notified": True})
        remaining = self.search_count(domain) if len(visits) == batch_size else 0
        self.env["ir.cron"]._notify_progress(done=len(visits), remaining=remaining)
        return visits
