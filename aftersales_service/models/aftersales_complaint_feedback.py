# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

MANAGER_GROUP = "aftersales_service.group_aftersales_manager"


class AftersalesComplaintFeedback(models.Model):
    """Complaint feedback form (投诉(问题)反馈表).

    Names the stage at fault and the responsible person, or records that no
    person is at fault and the department head's decision. Confirming a form
    with a negligent person proposes a draft penalty entry.
    """

    _name = "aftersales.complaint.feedback"
    _description = "Complaint Feedback Form"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "id desc"

    name = fields.Char(
        string="Reference", copy=False, readonly=True, default="/", index="trigram"
    )
    ticket_id = fields.Many2one(
        "helpdesk.ticket", required=True, index=True, tracking=True
    )
    partner_id = fields.Many2one(related="ticket_id.partner_id", string="Customer")
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    complaint_summary = fields.Text(
        string="Complaint", help="What the customer complained about."
    )
    investigation_result = fields.Text(
        tracking=True, help="What the investigation found."
    )
    fault_stage = fields.Selection(
        [
            ("reception", "Reception"),
            ("diagnosis", "Diagnosis"),
            ("repair", "Repair"),
            ("logistics", "Logistics"),
            ("sales", "Sales"),
            ("product", "Product"),
            ("system", "System / Other"),
        ],
        string="Stage at Fault",
        tracking=True,
        help="The stage of the service where the problem arose.",
    )
    no_person_at_fault = fields.Boolean(
        string="No Person at Fault",
        tracking=True,
        help="No responsible person could be found (e.g. system fault, lost "
        "data): the department head decides.",
    )
    no_person_reason = fields.Selection(
        [
            ("system_fault", "System fault"),
            ("data_loss", "Data loss"),
            ("other", "Other"),
        ],
        string="Why No Person",
    )
    responsible_user_id = fields.Many2one(
        "res.users",
        string="Responsible Person",
        tracking=True,
        help="The person responsible; they carry out the fix.",
    )
    negligence = fields.Boolean(
        string="Negligence Confirmed",
        tracking=True,
        help="The responsible person was negligent: a penalty is proposed.",
    )
    severity = fields.Selection(
        [("normal", "Normal"), ("serious", "Serious")],
        default="normal",
        required=True,
        tracking=True,
    )
    corrective_action = fields.Text(help="The fix the responsible person carries out.")
    head_decision = fields.Text(string="Department Head's Decision", tracking=True)
    head_id = fields.Many2one(
        "res.users", string="Department Head", readonly=True, copy=False
    )
    state = fields.Selection(
        [("draft", "Draft"), ("confirmed", "Confirmed")],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
    )
    confirmed_date = fields.Datetime(readonly=True, copy=False)
    confirmed_by_id = fields.Many2one(
        "res.users", string="Confirmed By", readonly=True, copy=False
    )
    penalty_id = fields.Many2one(
        "aftersales.penalty", string="Penalty", readonly=True, copy=False
    )

    @api.model
    def _aftersales_guarded_fields(self):
        """Set by Confirm / Reset only: a form decides penalties."""
        return super()._aftersales_guarded_fields() | {
            "state",
            "confirmed_date",
            "confirmed_by_id",
            "head_id",
            "penalty_id",
        }

    @api.onchange("no_person_at_fault")
    def _onchange_no_person_at_fault(self):
        if self.no_person_at_fault:
            self.responsible_user_id = False
            self.negligence = False

    @api.model_create_multi
    def create(self, vals_list):
        tickets = self.env["helpdesk.ticket"].browse(
            [v["ticket_id"] for v in vals_list if v.get("ticket_id")]
        )
        tickets.fetch(["company_id"])
        for vals in vals_list:
            ticket = self.env["helpdesk.ticket"].browse(vals.get("ticket_id"))
            if ticket.company_id:
                vals.setdefault("company_id", ticket.company_id.id)
            if vals.get("name", "/") == "/":
                vals["name"] = (
                    self.env["ir.sequence"].next_by_code(
                        "aftersales.complaint.feedback"
                    )
                    or "/"
                )
        return super().create(vals_list)

    def write(self, vals):
        confirmed = self.filtered(lambda f: f.state == "confirmed")
        protected = {
            "ticket_id",
            "fault_stage",
            "no_person_at_fault",
            "responsible_user_id",
            "negligence",
            "severity",
            "head_decision",
        }
        if confirmed and protected & set(vals):
            raise UserError(
                self.env._(
                    "Complaint feedback form %s is confirmed: its findings can no "
                    "longer be changed.",
                    confirmed[0].name,
                )
            )
        return super().write(vals)

    def _check_confirmable(self):
        self.ensure_one()
        if not self.fault_stage:
            raise UserError(
                self.env._("Feedback form %s: name the stage at fault.", self.name)
            )
        if self.no_person_at_fault:
            if not (self.head_decision or "").strip():
                raise UserError(
                    self.env._(
                        "Feedback form %s names no responsible person: the "
                        "department head's decision is required.",
                        self.name,
                    )
                )
            if not self.env.user.has_group(MANAGER_GROUP):
                raise AccessError(
                    self.env._(
                        "Feedback form %s names no responsible person: only the "
                        "department head (an after-sales manager) can confirm it.",
                        self.name,
                    )
                )
        elif self.responsible_user_id == self.env.user:
            raise AccessError(
                self.env._(
                    "Feedback form %s names you as the responsible person: "
                    "someone else (your head or a manager) confirms it.",
                    self.name,
                )
            )
        elif not self.responsible_user_id:
            raise UserError(
                self.env._(
                    "Feedback form %s: name the responsible person, or tick "
                    "'No Person at Fault' and record the head's decision.",
                    self.name,
                )
            )

    def _prepare_penalty_vals(self):
        self.ensure_one()
        return {
            "user_id": self.responsible_user_id.id,
            "ticket_id": self.ticket_id.id,
            "company_id": self.company_id.id,
            "feedback_id": self.id,
            "severity": self.severity,
            "reason": self.env._(
                "Complaint %(ticket)s, stage %(stage)s: %(result)s",
                ticket=self.ticket_id.display_name,
                stage=dict(
                    self._fields["fault_stage"]._description_selection(self.env)
                ).get(self.fault_stage),
                result=self.investigation_result or "",
            ),
        }

    def action_confirm(self):
        for form in self:
            if form.state == "confirmed":
                continue
            form._check_confirmable()
            vals = {
                "state": "confirmed",
                "confirmed_date": fields.Datetime.now(),
                "confirmed_by_id": self.env.uid,
            }
            if form.no_person_at_fault:
                vals["head_id"] = self.env.user.id
            elif form.negligence and not form.penalty_id:
                penalty_vals = form._prepare_penalty_vals()
                if penalty_vals["severity"] == "serious":
                    # a manager sets the points of a serious case
                    penalty_vals["points"] = 0
                penalty = self.env["aftersales.penalty"].create(penalty_vals)
                vals["penalty_id"] = penalty.id
            form._aftersales_action_write(vals)
            if form.responsible_user_id and not form.no_person_at_fault:
                # the responsible person carries out the fix
                form._aftersales_activity_schedule_auto(
                    "mail.mail_activity_data_todo",
                    user_id=form.responsible_user_id.id,
                    summary=self.env._("Carry out the fix of %s", form.name),
                    note=form.corrective_action or form.investigation_result,
                )
        return True

    def action_draft(self):
        if not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(
                self.env._("Only an after-sales manager can reopen a feedback form.")
            )
        if self.penalty_id.filtered(lambda p: p.state == "confirmed"):
            raise UserError(
                self.env._(
                    "The penalty of this feedback form is confirmed: reverse it "
                    "before reopening the form."
                )
            )
        self.penalty_id.filtered(lambda p: p.state == "draft").action_cancel()
        self._aftersales_action_write(
            {
                "state": "draft",
                "penalty_id": False,
                "confirmed_by_id": False,
                "confirmed_date": False,
                "head_id": False,
            }
        )
        return True

    def action_print(self):
        return self.env.ref(
            "aftersales_service.action_report_complaint_feedback"
        ).report_action(self)
