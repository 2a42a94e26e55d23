# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import Counter

from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.aftersales_service.tools import cron_batch_size, run_in_batches

# reports prepared (or flagged) per scheduler call, unless the system
# parameter aftersales_service.cron_batch_size says otherwise
REPORT_BATCH = 200


class AftersalesDistributorReport(models.Model):
    """Monthly repair-quality feedback report of a distributor (维修质量信息反馈单)."""

    _name = "aftersales.distributor.report"
    _description = "Distributor Repair-Quality Report"
    _inherit = ["mail.thread", "mail.activity.mixin", "portal.mixin"]
    _order = "month desc, id desc"

    name = fields.Char(compute="_compute_name", store=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda s: s.env.company
    )
    partner_id = fields.Many2one(
        "res.partner", string="Distributor", required=True, index=True
    )
    contract_id = fields.Many2one(
        "contract.contract",
        string="Agreement",
        required=True,
        index=True,
        domain=[("aftersales_kind", "=", "distributor")],
    )
    month = fields.Date(required=True, index=True, help="First day of the month.")
    due_date = fields.Date(compute="_compute_due_date", store=True, index=True)
    state = fields.Selection(
        [("draft", "To Submit"), ("submitted", "Submitted")],
        default="draft",
        required=True,
        index=True,
        tracking=True,
    )
    submitted_on = fields.Datetime(readonly=True, copy=False)
    submitted_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    line_ids = fields.One2many(
        "aftersales.distributor.report.line", "report_id", string="Repairs"
    )
    distributor_notes = fields.Text(string="Distributor Comments")
    repair_count = fields.Integer(compute="_compute_rates", store=True)
    repeat_count = fields.Integer(
        string="Repeat Repairs", compute="_compute_rates", store=True
    )
    callback_count = fields.Integer(compute="_compute_rates", store=True)
    callback_rate = fields.Float(
        string="Callback Rate (%)", compute="_compute_rates", store=True
    )
    callback_target = fields.Float(
        string="Callback Target (%)",
        related="contract_id.aftersales_callback_target",
    )
    below_target = fields.Boolean(compute="_compute_below_target")
    is_missing = fields.Boolean(
        string="Missing", compute="_compute_is_missing", search="_search_is_missing"
    )
    missing_notified = fields.Boolean(readonly=True, copy=False)

    _sql_constraints = [
        (
            "contract_month_unique",
            "UNIQUE(contract_id, month)",
            "One feedback report per agreement and month.",
        )
    ]

    @api.depends("partner_id", "month")
    def _compute_name(self):
        for rep in self:
            month = rep.month.strftime("%Y-%m") if rep.month else ""
            rep.name = f"{rep.partner_id.display_name or ''} {month}"

    @api.depends("month", "company_id.aftersales_report_due_day")
    def _compute_due_date(self):
        for rep in self:
            if not rep.month:
                rep.due_date = False
                continue
            next_month = rep.month.replace(day=1) + relativedelta(months=1)
            day = max(rep.company_id.aftersales_report_due_day, 1)
            rep.due_date = next_month + relativedelta(day=day)

    @api.depends("line_ids.repeat", "line_ids.callback_done")
    def _compute_rates(self):
        for rep in self:
            count = len(rep.line_ids)
            callbacks = len(rep.line_ids.filtered("callback_done"))
            rep.repair_count = count
            rep.repeat_count = len(rep.line_ids.filtered("repeat"))
            rep.callback_count = callbacks
            rep.callback_rate = 100.0 * callbacks / count if count else 0.0

    @api.depends("callback_rate", "callback_target", "repair_count")
    def _compute_below_target(self):
        for rep in self:
            rep.below_target = bool(
                rep.repair_count and rep.callback_rate < rep.callback_target
            )

    @api.depends("state", "due_date")
    def _compute_is_missing(self):
        today = fields.Date.context_today(self)
        for rep in self:
            rep.is_missing = rep.state == "draft" and rep.due_date < today

    def _search_is_missing(self, operator, value):
        today = fields.Date.context_today(self)
        domain = [("state", "=", "draft"), ("due_date", "<", today)]
        if (operator == "=") == bool(value):
            return domain
        return ["!", "&"] + domain

    def _compute_access_url(self):
        res = super()._compute_access_url()
        for rep in self:
            rep.access_url = f"/my/distributor_reports/{rep.id}"
        return res

    # ------------------------------------------------------------------
    def _prepare_line_vals(self, repairs):
        """Lines from the month's repairs: fault, parts, repeat per serial."""
        per_serial = Counter(r.lot_id.id for r in repairs if r.lot_id)
        return [
            Command.create(
                {
                    "repair_id": repair.id,
                    "lot_id": repair.lot_id.id,
                    "product_id": repair.product_id.id,
                    "fault": repair.aftersales_fault or repair.name,
                    "parts": ", ".join(
                        (
                            repair.move_ids.filtered(
                                lambda m: m.repair_line_type == "add"
                            ).product_id
                            | repair.aftersales_swap_ids.product_id
                        ).mapped("display_name")
                    ),
                    "repeat": bool(repair.lot_id and per_serial[repair.lot_id.id] > 1),
                    "callback_done": repair.aftersales_callback_done,
                }
            )
            for repair in repairs
        ]

    def action_generate_lines(self):
        for rep in self:
            if rep.state != "draft":
                raise UserError(self.env._("Report %s is already submitted.", rep.name))
            month_end = rep.month + relativedelta(months=1)
            repairs = self.env["repair.order"].search(
                [
                    ("aftersales_agreement_id", "=", rep.contract_id.id),
                    ("state", "=", "done"),
                    ("aftersales_closed_date", ">=", rep.month),
                    ("aftersales_closed_date", "<", month_end),
                ]
            )
            rep.line_ids = [Command.clear()] + rep._prepare_line_vals(repairs)
        return True

    def action_submit(self):
        for rep in self:
            if rep.state != "draft":
                raise UserError(self.env._("Report %s is already submitted.", rep.name))
        self.write(
            {
                "state": "submitted",
                "submitted_on": fields.Datetime.now(),
                "submitted_by_id": self.env.uid,
            }
        )
        self.activity_ids.action_feedback(feedback=self.env._("Submitted"))
        return True

    @api.model
    def _cron_distributor_reports(self, today=None, batch_size=None):
        """Prepare last month's reports and flag the ones not submitted in
        time, in batches (``run_in_batches``: one batch per scheduler call,
        committed between them, resumed after a crash; a report exists once
        per agreement and month, a flag once per report, so nothing is done
        twice). Returns the reports created and flagged (called directly,
        every batch runs at once)."""
        today = today or fields.Date.context_today(self)
        batch_size = batch_size or cron_batch_size(self.env, default=REPORT_BATCH)
        month = today.replace(day=1) - relativedelta(months=1)
        month_end = month + relativedelta(months=1, days=-1)
        Contract = self.env["contract.contract"]
        unreported = [
            ("aftersales_kind", "=", "distributor"),
            ("date_start", "<=", month_end),
            "|",
            ("date_end", "=", False),
            ("date_end", ">=", month),
            (
                "id",
                "not in",
                self._search([("month", "=", month)]).subselect("contract_id"),
            ),
        ]
        missing_domain = [("is_missing", "=", True), ("missing_notified", "=", False)]
        done = {"new": self.browse(), "missing": self.browse()}

        def prepare(agreements):
            reports = self.create(
                [
                    self._prepare_report_vals(agreement, month)
                    for agreement in agreements
                ]
            )
            reports.action_generate_lines()
            done["new"] |= reports

        def flag(reports):
            # one activity create per responsible user, not per report
            by_user = reports.grouped(
                lambda rep: rep.contract_id.user_id.id or self.env.uid
            )
            for user_id, of_user in by_user.items():
                of_user.with_context(mail_activity_quick_update=True).activity_schedule(
                    "mail.mail_activity_data_todo",
                    summary=self.env._("Feedback report not submitted"),
                    user_id=user_id,
                )
            reports.write({"missing_notified": True})
            done["missing"] |= reports

        steps = [
            (
                lambda limit: Contract.search(unreported, limit=limit, order="id"),
                prepare,
                lambda: Contract.search_count(unreported),
            ),
            (
                lambda limit: self.search(missing_domain, limit=limit, order="id"),
                flag,
                lambda: self.search_count(missing_domain),
            ),
        ]
        run_in_batches(self.env, steps, batch_size)
        return done["new"], done["missing"]

    @api.model
    def _prepare_report_vals(self, agreement, month):
        return {
            "contract_id": agreement.id,
            "partner_id": agreement.partner_id.commercial_partner_id.id,
            "company_id": agreement.company_id.id,
            "month": month,
        }


class AftersalesDistributorReportLine(models.Model):
    _name = "aftersales.distributor.report.line"
    _description = "Distributor Report Repair Line"

    report_id = fields.Many2one(
        "aftersales.distributor.report", required=True, ondelete="cascade", index=True
    )
    repair_id = fields.Many2one("repair.order", string="Repair")
    lot_id = fields.Many2one("stock.lot", string="Serial")
    product_id = fields.Many2one("product.product", string="Product")
    fault = fields.Char()
    parts = fields.Char(string="Parts Used")
    repeat = fields.Boolean(string="Repeat Repair")
    callback_done = fields.Boolean()
