# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import escape

from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.aftersales_service.tools import GIVEN_ON_CREATE, action_scope

RESPONSIBILITIES = [
    ("product", "Product (design or manufacturing)"),
    ("service_point", "Service point (installation or repair)"),
    ("user", "User (use against the manual)"),
    ("third_party", "Third party or transport"),
    ("undetermined", "Undetermined"),
]


class AftersalesMajorFault(models.Model):
    """A major fault or accident (重大故障和发生事故), reported at once to the
    maker's after-sales manager, who investigates it (调查和技术鉴定) and
    records the technical finding and the responsibility."""

    _name = "aftersales.major.fault"
    _description = "Major Fault or Accident"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "reported_on desc, id desc"

    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/"
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda s: s.env.company
    )
    kind = fields.Selection(
        [("fault", "Major fault"), ("accident", "Accident")],
        required=True,
        default="fault",
        tracking=True,
    )
    ticket_id = fields.Many2one("helpdesk.ticket", string="Ticket", index=True)
    fsm_order_id = fields.Many2one("fsm.order", string="Dispatch Order", index=True)
    service_point_id = fields.Many2one(
        "aftersales.service.point",
        string="Service Point",
        compute="_compute_unit",
        store=True,
        index=True,
    )
    partner_id = fields.Many2one(
        "res.partner", string="Customer", compute="_compute_unit", store=True
    )
    lot_id = fields.Many2one(
        "stock.lot", string="Serial Number", compute="_compute_unit", store=True
    )
    product_id = fields.Many2one(
        "product.product", string="Product", compute="_compute_unit", store=True
    )
    description = fields.Text(
        string="What Happened", required=True, help="Facts as reported."
    )
    reported_by_id = fields.Many2one("res.users", string="Reported By", readonly=True)
    reported_on = fields.Datetime(readonly=True, index=True)
    manager_id = fields.Many2one(
        "res.users", string="Notified Manager", readonly=True, tracking=True
    )
    state = fields.Selection(
        [
            ("reported", "Reported"),
            ("investigating", "Under Investigation"),
            ("concluded", "Concluded"),
        ],
        default="reported",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
    )
    finding = fields.Text(
        string="Technical Finding",
        tracking=True,
        help="Result of the investigation and technical appraisal.",
    )
    responsibility = fields.Selection(
        RESPONSIBILITIES, tracking=True, help="Who is responsible for the fault."
    )
    concluded_by_id = fields.Many2one("res.users", readonly=True)
    concluded_on = fields.Datetime(readonly=True)
    can_investigate = fields.Boolean(compute="_compute_can")
    can_conclude = fields.Boolean(compute="_compute_can")

    @api.model
    def _aftersales_guarded_fields(self):
        return super()._aftersales_guarded_fields() | {
            "state",
            "reported_by_id",
            "reported_on",
            "manager_id",
            "concluded_by_id",
            "concluded_on",
        }

    @api.depends("ticket_id", "fsm_order_id")
    def _compute_unit(self):
        for fault in self:
            order = fault.fsm_order_id
            ticket = fault.ticket_id or order.ticket_id
            fault.service_point_id = order.aftersales_service_point_id
            fault.partner_id = order.aftersales_customer_id or ticket.partner_id
            fault.lot_id = order.aftersales_lot_id or ticket.lot_id
            fault.product_id = order.aftersales_product_id or ticket.product_id

    @api.depends_context("uid")
    @api.depends("state")
    def _compute_can(self):
        is_manager = self.env.user._aftersales_is_manager()
        for fault in self:
            fault.can_investigate = is_manager and fault.state == "reported"
            fault.can_conclude = is_manager and fault.state != "concluded"

    @api.model_create_multi
    def create(self, vals_list):
        now = fields.Datetime.now()
        for vals in vals_list:
            if vals.get("fsm_order_id") and not vals.get("ticket_id"):
                vals["ticket_id"] = (
                    self.env["fsm.order"].browse(vals["fsm_order_id"]).ticket_id.id
                )
            if vals.get("name", "/") == "/":
                vals["name"] = (
                    self.env["ir.sequence"]
                    .sudo()
                    .next_by_code("aftersales.major.fault")
                    or "/"
                )
            vals.update(reported_by_id=self.env.uid, reported_on=now)
        with action_scope():
            faults = super().create(vals_list)
        faults._aftersales_notify_manager()
        return faults

    def _aftersales_notify_manager(self):
        """At once (迅速通知甲方): an activity for the maker's after-sales
        manager and a note on the ticket and the order."""
        for fault in self:
            manager = fault.company_id._aftersales_onsite_manager()
            kind = dict(self._fields["kind"]._description_selection(self.env))[
                fault.kind
            ]
            summary = self.env._(
                "%(kind)s reported: %(ref)s", kind=kind, ref=fault.name
            )
            if manager:
                fault._aftersales_action_write({"manager_id": manager.id})
                fault.message_subscribe(partner_ids=manager.partner_id.ids)
                fault._aftersales_activity_schedule_auto(
                    "mail.mail_activity_data_warning",
                    user_id=manager.id,
                    summary=summary,
                    note=escape(fault.description),
                )
            body = escape(
                self.env._(
                    "%(kind)s %(ref)s reported by %(user)s: %(what)s",
                    kind=kind,
                    ref=fault.name,
                    user=fault.reported_by_id.name,
                    what=fault.description,
                )
            )
            for record in (fault.ticket_id | fault.fsm_order_id.ticket_id).sudo():
                record._aftersales_message_post_auto(
                    body=body, message_type="notification", subtype_xmlid="mail.mt_note"
                )
            if fault.fsm_order_id:
                fault.fsm_order_id.sudo()._aftersales_message_post_auto(
                    body=body, message_type="notification", subtype_xmlid="mail.mt_note"
                )

    def action_investigate(self):
        self.env.user._aftersales_check_manager(self, self.env._("investigate"))
        for fault in self:
            if fault.state != "reported":
                raise UserError(
                    self.env._("%s is already under investigation.", fault.name)
                )
        self._aftersales_action_write({"state": "investigating"})
        return True

    def action_conclude(self):
        """Close the investigation with its finding and responsibility."""
        self.env.user._aftersales_check_manager(self, self.env._("conclude"))
        for fault in self:
            if fault.state == "concluded":
                raise UserError(self.env._("%s is already concluded.", fault.name))
            if not (fault.finding and fault.responsibility):
                raise UserError(
                    self.env._(
                        "%s: record the technical finding and the responsibility "
                        "before concluding.",
                        fault.name,
                    )
                )
        self._aftersales_action_write(
            {
                "state": "concluded",
                "concluded_by_id": self.env.uid,
                "concluded_on": fields.Datetime.now(),
            }
        )
        self.activity_ids.action_feedback(feedback=self.env._("Concluded"))
        return True


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    aftersales_major_fault_ids = fields.One2many(
        "aftersales.major.fault", "ticket_id", string="Major Faults"
    )
    aftersales_is_major_fault = fields.Boolean(
        string="Major Fault",
        compute="_compute_aftersales_is_major_fault",
        index=True,
        **GIVEN_ON_CREATE,  # given to create (_aftersales_precompute_create_vals)
    )

    @api.depends("aftersales_major_fault_ids")
    def _compute_aftersales_is_major_fault(self):
        for ticket in self:
            ticket.aftersales_is_major_fault = bool(ticket.aftersales_major_fault_ids)

    @api.model
    def _aftersales_precompute_create_vals(self, vals):
        vals = super()._aftersales_precompute_create_vals(vals)
        if "aftersales_major_fault_ids" not in vals:
            vals["aftersales_is_major_fault"] = False
        return vals

    def action_aftersales_report_major_fault(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Report Major Fault"),
            "res_model": "aftersales.major.fault",
            "view_mode": "form",
            "target": "new",
            "context": {"default_ticket_id": self.id},
        }


class FsmOrder(models.Model):
    _inherit = "fsm.order"

    aftersales_major_fault_ids = fields.One2many(
        "aftersales.major.fault", "fsm_order_id", string="Major Faults"
    )
    aftersales_is_major_fault = fields.Boolean(
        string="Major Fault",
        compute="_compute_aftersales_is_major_fault",
        store=True,
        index=True,
    )

    @api.depends("aftersales_major_fault_ids")
    def _compute_aftersales_is_major_fault(self):
        for order in self:
            order.aftersales_is_major_fault = bool(order.aftersales_major_fault_ids)

    def action_aftersales_report_major_fault(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Report Major Fault"),
            "res_model": "aftersales.major.fault",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_fsm_order_id": self.id,
                "default_ticket_id": self.ticket_id.id,
            },
        }
