# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, time, timedelta

import pytz
from markupsafe import escape

from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.aftersales_service.tools import (
    action_scope,
    cron_batch_size,
    format_reader_datetime,
    in_action_scope,
    reader_tz,
)

from .res_territory_onsite import ZONES

ONSITE_STATES = [
    ("dispatched", "Dispatched"),
    ("accepted", "Accepted"),
    ("on_site", "On Site"),
    ("done", "Completed"),
    ("cancelled", "Cancelled"),
]

#: type of order created from each source
KIND_TYPE_XMLID = {
    "repair": "aftersales_contracts.fsm_order_type_aftersales_repair",
    "preventive": "aftersales_contracts.fsm_order_type_aftersales_preventive",
    "installation": "aftersales_contracts.fsm_order_type_aftersales_installation",
}


class FsmOrder(models.Model):
    """A dispatch order (维修指令) on an OCA field-service order.

    The deadline is set at dispatch from the zone of the customer's site under
    the governing agreement (or the Settings); acceptance, arrival on site
    (the check-in instant, server time) and completion are recorded by their
    actions only, and an arrival after the deadline marks the order late.
    """

    _inherit = "fsm.order"

    aftersales_visit_kind = fields.Selection(
        related="type.aftersales_visit_kind", store=True, index=True
    )
    aftersales_service_point_id = fields.Many2one(
        "aftersales.service.point",
        string="Service Point",
        index=True,
        tracking=True,
        help="The distributor's service point the order is dispatched to "
        "(found by the territory of the site; chosen by hand where none "
        "matches). Empty: the maker's own technicians.",
    )
    aftersales_distributor_id = fields.Many2one(
        related="aftersales_service_point_id.distributor_id", store=True, index=True
    )
    aftersales_agreement_id = fields.Many2one(
        "contract.contract",
        string="Governing Agreement",
        index=True,
        readonly=True,
        help="The agreement whose terms govern this visit: the one covering the "
        "serial, else the distributor agreement of the service point serving "
        "the site's territory.",
    )
    aftersales_agreement_unit_id = fields.Many2one(
        "aftersales.agreement.unit", string="Covered Unit", readonly=True
    )
    aftersales_zone = fields.Selection(
        ZONES,
        string="Zone",
        readonly=True,
        help="Zone of the site that set the deadline.",
    )
    aftersales_customer_id = fields.Many2one(
        "res.partner",
        string="Customer",
        index=True,
        help="The customer served (the ticket's customer, else the owner of "
        "the location).",
    )
    aftersales_lot_id = fields.Many2one("stock.lot", string="Serial Number", index=True)
    aftersales_product_id = fields.Many2one("product.product", string="Product")
    aftersales_called_on = fields.Datetime(
        string="Called On",
        readonly=True,
        copy=False,
        help="When the customer called, the delivery was done (installation) "
        "or the visit was dispatched: the deadline counts from here.",
    )
    aftersales_deadline = fields.Datetime(
        string="On-Site Deadline",
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
    )
    aftersales_accepted_on = fields.Datetime(
        string="Accepted On", readonly=True, copy=False
    )
    aftersales_accepted_by_id = fields.Many2one(
        "res.users", string="Accepted By", readonly=True, copy=False
    )
    aftersales_arrived_on = fields.Datetime(
        string="Arrived On Site",
        readonly=True,
        copy=False,
        index=True,
        help="The check-in instant (server time), never typed in.",
    )
    aftersales_arrived_by_id = fields.Many2one(
        "res.users", string="Checked In By", readonly=True, copy=False
    )
    aftersales_finished_on = fields.Datetime(
        string="Completed On", readonly=True, copy=False, index=True
    )
    aftersales_late = fields.Boolean(
        string="Late",
        readonly=True,
        copy=False,
        index=True,
        help="Arrived on site after the deadline.",
    )
    aftersales_hours_to_site = fields.Float(
        string="Hours to Site",
        readonly=True,
        copy=False,
        help="From the call to the arrival on site.",
    )
    aftersales_warned = fields.Boolean(
        string="Reminder Sent", readonly=True, copy=False
    )
    aftersales_escalated = fields.Boolean(string="Escalated", readonly=True, copy=False)
    aftersales_state = fields.Selection(
        ONSITE_STATES,
        string="On-Site Status",
        compute="_compute_aftersales_state",
        store=True,
        index=True,
    )
    aftersales_overdue = fields.Boolean(
        string="Overdue",
        compute="_compute_aftersales_overdue",
        search="_search_aftersales_overdue",
        help="Deadline passed and nobody checked in.",
    )
    aftersales_visit_id = fields.Many2one(
        "aftersales.agreement.visit", string="Preventive Visit", index=True, copy=False
    )
    aftersales_sale_line_id = fields.Many2one(
        "sale.order.line", string="Sale Line", index=True, copy=False
    )
    can_aftersales_accept = fields.Boolean(compute="_compute_can_aftersales")
    can_aftersales_check_in = fields.Boolean(compute="_compute_can_aftersales")
    can_aftersales_complete = fields.Boolean(compute="_compute_can_aftersales")

    # ------------------------------------------------------------------
    # Guarded fields: only the dispatch, accept, check-in, sign and complete
    # actions set them, whatever the caller (technician, agent, RPC, sudo).
    # ------------------------------------------------------------------
    @api.model
    def _aftersales_guarded_fields(self):
        return super()._aftersales_guarded_fields() | {
            "aftersales_agreement_id",
            "aftersales_agreement_unit_id",
            "aftersales_zone",
            "aftersales_called_on",
            "aftersales_deadline",
            "aftersales_accepted_on",
            "aftersales_accepted_by_id",
            "aftersales_arrived_on",
            "aftersales_arrived_by_id",
            "aftersales_finished_on",
            "aftersales_late",
            "aftersales_hours_to_site",
            "aftersales_warned",
            "aftersales_escalated",
            "aftersales_state",
            "signature",
            "signed_by",
            "signed_on",
        }

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends(
        "stage_id",
        "aftersales_accepted_on",
        "aftersales_arrived_on",
        "aftersales_finished_on",
    )
    def _compute_aftersales_state(self):
        cancelled = self.env.ref(
            "fieldservice.fsm_stage_cancelled", raise_if_not_found=False
        )
        for order in self:
            if order.aftersales_finished_on:
                order.aftersales_state = "done"
            elif order.stage_id == cancelled or order.stage_id.is_closed:
                order.aftersales_state = "cancelled"
            elif order.aftersales_arrived_on:
                order.aftersales_state = "on_site"
            elif order.aftersales_accepted_on:
                order.aftersales_state = "accepted"
            else:
                order.aftersales_state = "dispatched"

    @api.depends("aftersales_deadline", "aftersales_arrived_on", "stage_id")
    def _compute_aftersales_overdue(self):
        now = fields.Datetime.now()
        for order in self:
            order.aftersales_overdue = bool(
                order.aftersales_deadline
                and not order.aftersales_arrived_on
                and not order.is_closed
                and order.aftersales_deadline < now
            )

    def _search_aftersales_overdue(self, operator, value):
        domain = [
            ("aftersales_deadline", "<", fields.Datetime.now()),
            ("aftersales_arrived_on", "=", False),
            ("stage_id.is_closed", "=", False),
        ]
        if (operator == "=") == bool(value):
            return domain
        return ["!", "&", "&"] + domain

    @api.depends("aftersales_state")
    def _compute_can_aftersales(self):
        for order in self:
            state = order.aftersales_state
            order.can_aftersales_accept = state == "dispatched"
            order.can_aftersales_check_in = state in ("dispatched", "accepted")
            order.can_aftersales_complete = state == "on_site"

    # ------------------------------------------------------------------
    # Dispatch: values set by the server when the order is created
    # ------------------------------------------------------------------
    def _aftersales_stage(self, key):
        return self.env.ref(f"aftersales_contracts.fsm_stage_aftersales_{key}")

    @api.model
    def _aftersales_deadline_for_visit(self, visit, company):
        """A preventive visit is due by the end of its planned day (in the
        company's timezone)."""
        tz = pytz.timezone(reader_tz(self.env, company=company))
        end = tz.localize(datetime.combine(visit.planned_date, time(23, 59)))
        return end.astimezone(pytz.utc).replace(tzinfo=None)

    @api.model
    def _aftersales_prepare_dispatch(self, vals):
        """Fill the values the server decides at dispatch: customer, unit,
        location, governing agreement, service point, zone and deadline."""
        Ticket = self.env["helpdesk.ticket"]
        ticket = Ticket.browse(vals.get("ticket_id"))
        visit = self.env["aftersales.agreement.visit"].browse(
            vals.get("aftersales_visit_id")
        )
        sale_line = self.env["sale.order.line"].browse(
            vals.get("aftersales_sale_line_id")
        )
        company = (
            self.env["res.company"].browse(vals.get("company_id"))
            or ticket.company_id
            or visit.company_id
            or self.env.company
        )
        vals.setdefault("company_id", company.id)
        lot = self.env["stock.lot"].browse(vals.get("aftersales_lot_id")) or (
            ticket.lot_id or visit.unit_id.lot_id
        )
        product = self.env["product.product"].browse(
            vals.get("aftersales_product_id")
        ) or (
            lot.product_id
            or ticket.product_id
            or visit.unit_id.product_id
            or sale_line.product_id
        )
        customer = self.env["res.partner"].browse(vals.get("aftersales_customer_id"))
        customer = customer or ticket.partner_id or visit.partner_id
        location = self.env["fsm.location"].browse(vals.get("location_id"))
        if not location:
            site = (
                ticket.fsm_location_id.partner_id or visit.site_partner_id or customer
            )
            location = self.env["fsm.location"]._aftersales_for_partner(site)
            vals["location_id"] = location.id
        customer = customer or location.owner_id
        site_partner = location.partner_id
        if ticket and not ticket.fsm_location_id:
            ticket.sudo().fsm_location_id = location
        called_on = (
            ticket.aftersales_reported_on
            if ticket and ticket.aftersales_reported_on
            else fields.Datetime.now()
        )
        on_date = fields.Date.context_today(self, called_on)
        governing = self.env["contract.contract"]._aftersales_governing(
            lot=lot,
            site_partner=site_partner,
            on_date=on_date,
            company=company,
            location=location,
        )
        if "aftersales_service_point_id" in vals:
            point = self.env["aftersales.service.point"].browse(
                vals["aftersales_service_point_id"]
            )
        else:
            point = governing["service_point"]
            vals["aftersales_service_point_id"] = point.id
        agreement = governing["agreement"]
        if not governing["unit"]:
            agreement = point.contract_id or agreement
        if governing["territory"] and not location.territory_id:
            location.sudo().territory_id = governing["territory"]
        zone = governing["zone"]
        if visit:
            deadline = self._aftersales_deadline_for_visit(visit, company)
        else:
            deadline = agreement._aftersales_onsite_deadline(
                called_on, zone, company=company
            )
        kind = (
            "repair"
            if ticket
            else "preventive"
            if visit
            else "installation"
            if sale_line
            else "repair"
        )
        if not vals.get("type"):
            vals["type"] = self.env.ref(KIND_TYPE_XMLID[kind]).id
        vals.update(
            {
                "aftersales_customer_id": customer.id,
                "aftersales_lot_id": lot.id,
                "aftersales_product_id": product.id,
                "aftersales_agreement_id": agreement.id,
                "aftersales_agreement_unit_id": governing["unit"].id,
                "aftersales_zone": zone,
                "aftersales_called_on": called_on,
                "aftersales_deadline": deadline,
            }
        )
        vals.setdefault("request_late", deadline)
        return vals

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._aftersales_prepare_dispatch(vals)
        with action_scope():
            orders = super().create(vals_list)
        for order in orders.filtered("aftersales_service_point_id"):
            order._aftersales_notify_dispatch()
        return orders

    def _aftersales_notify_dispatch(self):
        """Tell the service point of its new dispatch order (维修指令)."""
        self.ensure_one()
        point = self.aftersales_service_point_id
        recipients = point.partner_id | point.lead_id.partner_id
        reader = point.partner_id
        body = self.env._(
            "Dispatch order %(order)s for %(customer)s: be on site by %(deadline)s.",
            order=self.name,
            customer=self.aftersales_customer_id.display_name or "-",
            deadline=format_reader_datetime(
                self.env, self.aftersales_deadline, partner=reader
            ),
        )
        self.message_subscribe(partner_ids=recipients.ids)
        self._aftersales_message_post_auto(
            body=escape(body),
            partner_ids=recipients.ids,
            message_type="notification",
            subtype_xmlid="mail.mt_comment",
        )

    # ------------------------------------------------------------------
    # Stages only the actions move to
    # ------------------------------------------------------------------
    def _aftersales_measured_stages(self):
        return (
            self._aftersales_stage("accepted")
            | self._aftersales_stage("on_site")
            | self.env.ref("fieldservice.fsm_stage_completed")
        )

    def write(self, vals):
        if (
            vals.get("stage_id")
            and not in_action_scope()
            and self.env.uid != SUPERUSER_ID
        ):
            stage = self.env["fsm.stage"].browse(vals["stage_id"])
            if stage in self._aftersales_measured_stages():
                raise UserError(
                    self.env._(
                        "Order %(order)s: the stage '%(stage)s' is reached with "
                        "its button (Accept, Check In, Complete), not set by "
                        "hand.",
                        order=", ".join(self.mapped("name")),
                        stage=stage.name,
                    )
                )
        return super().write(vals)

    # ------------------------------------------------------------------
    # The technician's actions
    # ------------------------------------------------------------------
    def _aftersales_check_open(self):
        for order in self:
            if order.is_closed:
                raise UserError(self.env._("Order %s is already closed.", order.name))

    def _aftersales_user_person(self):
        """The field-service worker of the current user, if any."""
        return (
            self.env["fsm.person"]
            .sudo()
            .search([("partner_id", "=", self.env.user.partner_id.id)], limit=1)
        )

    def action_aftersales_accept(self):
        """The service point accepts the dispatch order."""
        self._aftersales_check_open()
        now = fields.Datetime.now()
        person = self._aftersales_user_person()
        for order in self:
            if order.aftersales_accepted_on:
                raise UserError(
                    self.env._(
                        "Order %(order)s was already accepted by %(user)s.",
                        order=order.name,
                        user=order.aftersales_accepted_by_id.name,
                    )
                )
            vals = {
                "aftersales_accepted_on": now,
                "aftersales_accepted_by_id": self.env.uid,
                "stage_id": self._aftersales_stage("accepted").id,
            }
            if person and not order.person_id:
                vals["person_id"] = person.id
            order._aftersales_action_write(vals)
        return True

    def action_aftersales_check_in(self):
        """The technician is on site: the arrival is this instant (server
        time); after the deadline the order is late."""
        self._aftersales_check_open()
        now = fields.Datetime.now()
        person = self._aftersales_user_person()
        for order in self:
            if order.aftersales_arrived_on:
                raise UserError(
                    self.env._(
                        "Order %(order)s: the arrival was already recorded at "
                        "%(time)s.",
                        order=order.name,
                        time=format_reader_datetime(
                            self.env, order.aftersales_arrived_on
                        ),
                    )
                )
            late = bool(order.aftersales_deadline and now > order.aftersales_deadline)
            start = order.aftersales_called_on or order.create_date
            vals = {
                "aftersales_arrived_on": now,
                "aftersales_arrived_by_id": self.env.uid,
                "aftersales_late": late,
                "aftersales_hours_to_site": (now - start).total_seconds() / 3600.0,
                "date_start": now,
                "stage_id": self._aftersales_stage("on_site").id,
            }
            if not order.aftersales_accepted_on:
                vals.update(
                    aftersales_accepted_on=now, aftersales_accepted_by_id=self.env.uid
                )
            if person and not order.person_id:
                vals["person_id"] = person.id
            order._aftersales_action_write(vals)
            order._aftersales_log_arrival()
        return True

    def _aftersales_log_arrival(self):
        self.ensure_one()
        when = format_reader_datetime(self.env, self.aftersales_arrived_on)
        if self.aftersales_late:
            minutes = int(
                (self.aftersales_arrived_on - self.aftersales_deadline).total_seconds()
                // 60
            )
            body = self.env._(
                "Checked in on site at %(time)s: late by %(minutes)s minute(s).",
                time=when,
                minutes=minutes,
            )
        else:
            body = self.env._("Checked in on site at %(time)s: on time.", time=when)
        self._aftersales_message_post_auto(
            body=escape(body), message_type="notification", subtype_xmlid="mail.mt_note"
        )

    # ------------------------------------------------------------------
    # Scheduled job: warn before the deadline, escalate after it
    # ------------------------------------------------------------------
    @api.model
    def _aftersales_warn_domain(self, company, now):
        lead = timedelta(hours=company.aftersales_onsite_warning_hours)
        return [
            ("company_id", "=", company.id),
            ("aftersales_deadline", ">", now),
            ("aftersales_deadline", "<=", now + lead),
            ("aftersales_arrived_on", "=", False),
            ("aftersales_warned", "=", False),
            ("stage_id.is_closed", "=", False),
        ]

    @api.model
    def _aftersales_escalate_domain(self, now):
        return [
            ("aftersales_deadline", "<", now),
            ("aftersales_escalated", "=", False),
            ("stage_id.is_closed", "=", False),
            "|",
            ("aftersales_arrived_on", "=", False),
            ("aftersales_late", "=", True),
        ]

    @api.model
    def _cron_aftersales_onsite_deadlines(self, batch_size=None):
        """One batch of warnings (before the deadline, to the service point)
        and escalations (after it, to the maker's after-sales manager); the
        scheduler runs the job again while some remain
        (``ir.cron._notify_progress``)."""
        batch_size = batch_size or cron_batch_size(self.env, default=200)
        now = fields.Datetime.now()
        done = 0
        remaining = 0
        companies = (
            self.env["res.company"]
            .sudo()
            .search([("aftersales_onsite_warning_hours", ">", 0)])
        )
        for company in companies:
            domain = self._aftersales_warn_domain(company, now)
            if done < batch_size:
                batch = self.search(
                    domain, limit=batch_size - done, order="aftersales_deadline, id"
                )
                batch._aftersales_warn()
                done += len(batch)
            remaining += self.search_count(domain)
        domain = self._aftersales_escalate_domain(now)
        if done < batch_size:
            batch = self.search(
                domain, limit=batch_size - done, order="aftersales_deadline, id"
            )
            batch._aftersales_escalate()
            done += len(batch)
        remaining += self.search_count(domain)
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)
        return done, remaining

    def _aftersales_warn(self):
        """Remind the service point (its contact, lead and the assigned
        technician), in their own timezone."""
        for order in self:
            point = order.aftersales_service_point_id
            recipients = (
                point.partner_id | point.lead_id.partner_id | order.person_id.partner_id
            )
            reader = point.partner_id or order.person_id.partner_id
            body = self.env._(
                "Reminder: order %(order)s must be on site by %(deadline)s "
                "(%(customer)s).",
                order=order.name,
                deadline=format_reader_datetime(
                    self.env, order.aftersales_deadline, partner=reader or None
                ),
                customer=order.aftersales_customer_id.display_name or "-",
            )
            order._aftersales_message_post_auto(
                body=escape(body),
                partner_ids=recipients.ids,
                message_type="notification",
                subtype_xmlid="mail.mt_comment",
            )
        self._aftersales_action_write({"aftersales_warned": True})

    def _aftersales_escalate(self):
        """One activity per late order for the maker's after-sales manager
        (created in one batch) and a note on each order."""
        activity_type = self.env.ref("mail.mail_activity_data_warning")
        model_id = self.env["ir.model"]._get_id("fsm.order")
        vals_list = []
        bodies = {}
        for order in self:
            manager = order.company_id._aftersales_onsite_manager()
            point = order.aftersales_service_point_id
            text = self.env._(
                "On-site deadline missed: order %(order)s (%(point)s) was due on "
                "site by %(deadline)s; escalated to %(manager)s.",
                order=order.name,
                point=point.name or self.env._("own technicians"),
                deadline=format_reader_datetime(
                    self.env,
                    order.aftersales_deadline,
                    partner=manager.partner_id or None,
                ),
                manager=manager.name or "-",
            )
            bodies[order.id] = escape(text)
            if manager:
                vals_list.append(
                    {
                        "res_model_id": model_id,
                        "res_id": order.id,
                        "activity_type_id": activity_type.id,
                        "user_id": manager.id,
                        "summary": self.env._("Late on-site visit %s", order.name),
                        "date_deadline": fields.Date.context_today(self),
                    }
                )
        if vals_list:
            self.env["mail.activity"].sudo().with_context(
                mail_activity_quick_update=True
            ).create(vals_list)
        self.sudo()._message_log_batch(bodies=bodies)
        self._aftersales_action_write({"aftersales_escalated": True})
