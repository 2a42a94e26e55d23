# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


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

    @api.depends("contract_id", "planned_date")
    def _compute_name(self):
        for visit in self:
            visit.name = "%s - %s" % (
                visit.contract_id.display_name or "",
                visit.planned_date or "",
            )

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
        for visit in self:
            if not visit.can_done:
                raise UserError(
                    self.env._("Visit %s is not planned any more.", visit.name)
                )
            if not visit.report:
                raise UserError(
                    self.env._("Visit %s needs a report before it is done.", visit.name)
                )
        self.write({"state": "done"})

    def action_cancel(self):
        for visit in self:
            if not visit.can_cancel:
                raise UserError(
                    self.env._("Visit %s is not planned any more.", visit.name)
                )
        self.write({"state": "cancelled"})

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
            visit.ticket_id = self.env["helpdesk.ticket"].create(
                visit._prepare_ticket_vals()
            )
        return True

    def write(self, vals):
        if vals.get("customer_signature") and "signed_on" not in vals:
            vals["signed_on"] = fields.Datetime.now()
        return super().write(vals)

    @api.model
    def _cron_flag_overdue(self):
        """One activity per overdue visit, for its technician."""
        visits = self.search(
            [("is_overdue", "=", True), ("overdue_notified", "=", False)]
        )
        for visit in visits:
            visit.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=self.env._("Overdue preventive visit"),
                user_id=visit.user_id.id
                or visit.contract_id.user_id.id
                or self.env.uid,
            )
        visits.write({"overdue_notified": True})
        return visits
