# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The return rules of seed 001/002, read from the return reason's policy.

Each rule is one ``_aftersales_check_<rule>`` method returning ``(result,
code, values)`` or ``None`` when it does not apply; ``_aftersales_run_checks``
runs them all on a batch of returns in a fixed number of queries and stores
the verdicts as codes and values (rendered in the reader's language).
"""

import json
from collections import defaultdict

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, float_compare, float_round

from .rma_selections import PACKAGE_MEETS, RELEASED_STATES, REMEDIES


class Rma(models.Model):
    _inherit = "rma"

    aftersales_verdict_ids = fields.One2many(
        "aftersales.rma.verdict", "rma_id", string="Verdicts", readonly=True
    )
    aftersales_checks_ok = fields.Boolean(
        string="Checks Passed", readonly=True, copy=False
    )
    aftersales_verdict = fields.Selection(
        [
            ("pass", "Accepted"),
            ("warn", "Accepted with warnings"),
            ("fail", "Refused"),
            ("overridden", "Overridden by a manager"),
        ],
        string="Verdict",
        readonly=True,
        copy=False,
        index=True,
    )
    aftersales_checked_date = fields.Datetime(
        string="Checked On", readonly=True, copy=False
    )
    aftersales_verdict_html = fields.Html(
        string="Verdict Summary",
        compute="_compute_aftersales_verdict_html",
        sanitize=True,
    )
    aftersales_resolution = fields.Selection(
        REMEDIES,
        string="Resolution",
        readonly=True,
        copy=False,
        help="What the checks decided: usually the requested remedy; with a "
        "reason granting one free re-send, the first claim on an order line is "
        "re-sent and a second one refunded.",
    )

    @api.model
    def _aftersales_guarded_fields(self):
        return super()._aftersales_guarded_fields() | {
            "aftersales_checks_ok",
            "aftersales_verdict",
            "aftersales_checked_date",
            "aftersales_resolution",
        }

    @api.depends("aftersales_verdict_ids")
    @api.depends_context("lang")
    def _compute_aftersales_verdict_html(self):
        icons = {
            "pass": "fa-check text-success",
            "warn": "fa-exclamation-triangle text-warning",
            "fail": "fa-times text-danger",
        }
        rule_names = dict(
            self.env["aftersales.rma.verdict"]
            ._fields["rule"]
            ._description_selection(self.env)
        )
        for rma in self:
            if not rma.aftersales_verdict_ids:
                rma.aftersales_verdict_html = False
                continue
            rows = Markup("").join(
                Markup('<li><i class="fa %s"/> <b>%s</b>: %s</li>')
                % (icons[v.result], rule_names.get(v.rule, v.rule), v.message)
                for v in rma.aftersales_verdict_ids
            )
            rma.aftersales_verdict_html = (
                Markup('<ul class="list-unstyled mb-0">%s</ul>') % rows
            )

    # ------------------------------------------------------------------
    # Data every rule needs, in a bounded number of queries
    # ------------------------------------------------------------------
    def _aftersales_is_checked(self):
        """Return RMAs on which the after-sales rules apply: returns of sales."""
        return self.filtered(lambda r: r.sale_line_id or r.order_id)

    def _aftersales_get_sale_line(self):
        self.ensure_one()
        if self.sale_line_id:
            return self.sale_line_id
        return self.order_id.order_line.filtered(
            lambda sl: sl.product_id == self.product_id
        )[:1]

    def _aftersales_today(self):
        """Today in the company's timezone (return windows count in days)."""
        self.ensure_one()
        tz = self.company_id.partner_id.tz or "UTC"
        return fields.Date.context_today(self.with_context(tz=tz))

    @api.model
    def _aftersales_lots_of_customer(self, lots, partner):
        """The lots among ``lots`` that belong to ``partner``: the one shared
        answer of aftersales_service (delivered to the customer, registered to
        them at sell-out, on their card, covered by their agreement)."""
        return lots._aftersales_belongs_to(partner)

    def _aftersales_prepare_check_data(self):
        """Collect, in a bounded number of queries, what every rule needs."""
        line_by_rma = {rma.id: rma._aftersales_get_sale_line() for rma in self}
        sale_lines = self.env["sale.order.line"].union(*line_by_rma.values())
        data = {
            "line_by_rma": line_by_rma,
            "batch_taken": defaultdict(float),
            "batch_lots": set(),
            "batch_exchange": defaultdict(float),
        }
        data.update(self._aftersales_quantities_data(sale_lines))
        data.update(self._aftersales_serials_data())
        evidence = defaultdict(set)
        if self.reason_id.aftersales_evidence_kind_ids:
            for rma, kind in self.env["aftersales.rma.evidence"]._read_group(
                [("rma_id", "in", self.ids)], ["rma_id", "kind_id"]
            ):
                evidence[rma.id].add(kind.id)
        data["evidence"] = evidence
        data.update(self._aftersales_replacement_data())
        return data

    def _aftersales_quantities_data(self, sale_lines):
        # The returns' own pending values (computed at creation) in one
        # UPDATE, before the reads below flush them field by field.
        self.flush_model()
        move_model = self.env["stock.move"]
        delivered = defaultdict(float)
        # Delivered to the customer, less plain stock returns (not through an
        # RMA), which give goods back too: one read for both.
        for line, dest, qty in move_model._read_group(
            [
                ("sale_line_id", "in", sale_lines.ids),
                ("state", "=", "done"),
                "|",
                ("location_dest_id.usage", "=", "customer"),
                "&",
                ("location_id.usage", "=", "customer"),
                ("rma_receiver_ids", "=", False),
            ],
            ["sale_line_id", "location_dest_id"],
            ["product_qty:sum"],
        ):
            delivered[line.id] += qty if dest.usage == "customer" else -qty
        invoiced = defaultdict(float)
        for move_type, sign, extra in (
            ("out_invoice", 1, []),
            ("out_refund", -1, [("rma_id", "=", False)]),
        ):
            for line, qty in self.env["account.move.line"]._read_group(
                [
                    ("sale_line_ids", "in", sale_lines.ids),
                    ("parent_state", "=", "posted"),
                    ("move_id.move_type", "=", move_type),
                    ("display_type", "=", "product"),
                ]
                + extra,
                ["sale_line_ids"],
                ["quantity:sum"],
            ):
                invoiced[line.id] += sign * qty
        taken = defaultdict(float)
        for line, qty in self._read_group(
            [
                ("sale_line_id", "in", sale_lines.ids),
                ("state", "not in", RELEASED_STATES),
                ("id", "not in", self.ids),
            ],
            ["sale_line_id"],
            ["product_uom_qty:sum"],
        ):
            taken[line.id] += qty
        # Earlier claims under a reason granting one free re-send.
        resend_claims = defaultdict(int)
        if self.filtered("reason_id.aftersales_resend_once"):
            for line, count in self._read_group(
                [
                    ("sale_line_id", "in", sale_lines.ids),
                    ("reason_id.aftersales_resend_once", "=", True),
                    ("state", "not in", ("draft", "cancelled")),
                    ("id", "not in", self.ids),
                ],
                ["sale_line_id"],
                ["__count"],
            ):
                resend_claims[line.id] += count
        return {
            "delivered": delivered,
            "invoiced": invoiced,
            "taken": taken,
            "resend_claims": resend_claims,
        }

    def _aftersales_serials_data(self):
        with_lot = self.filtered("lot_id")
        owned = set()
        returned_lots = set()
        if not with_lot:
            return {"owned_lots": owned, "returned_lots": returned_lots}
        by_customer = with_lot.grouped(lambda r: r.partner_id.commercial_partner_id)
        for customer, rmas in by_customer.items():
            lots = self._aftersales_lots_of_customer(rmas.lot_id, customer)
            owned.update((customer.id, lot.id) for lot in lots)
        returned_lots = {
            lot.id
            for [lot] in self._read_group(
                [
                    ("lot_id", "in", with_lot.lot_id.ids),
                    ("state", "not in", RELEASED_STATES),
                    ("id", "not in", self.ids),
                ],
                ["lot_id"],
            )
        }
        return {"owned_lots": owned, "returned_lots": returned_lots}

    def _aftersales_replacement_data(self):
        """Replacement availability per (warehouse, product)."""
        exchange = self.filtered(lambda r: r.requested_remedy == "exchange")
        available = defaultdict(float)
        incoming = {}
        if exchange:
            products = exchange.product_id
            stock_locations = exchange.warehouse_id.lot_stock_id
            for product, location, qty, reserved in self.env["stock.quant"]._read_group(
                [
                    ("product_id", "in", products.ids),
                    ("location_id", "child_of", stock_locations.ids),
                ],
                ["product_id", "location_id"],
                ["quantity:sum", "reserved_quantity:sum"],
            ):
                available[(location.warehouse_id.id, product.id)] += qty - reserved
            for product, location, date in self.env["stock.move"]._read_group(
                [
                    ("product_id", "in", products.ids),
                    ("state", "not in", ("draft", "done", "cancel")),
                    ("location_dest_id", "child_of", stock_locations.ids),
                    ("location_id.usage", "not in", ("internal", "transit")),
                ],
                ["product_id", "location_dest_id"],
                ["date:min"],
            ):
                key = (location.warehouse_id.id, product.id)
                if key not in incoming or date < incoming[key]:
                    incoming[key] = date
        return {"available": available, "incoming": incoming}

    # ------------------------------------------------------------------
    # The rules: each returns (result, code, values) or None
    # ------------------------------------------------------------------
    def _aftersales_rule_methods(self):
        """Rules in the order they are shown: (key, method name)."""
        return [
            ("reason", "_aftersales_check_reason"),
            ("invoice", "_aftersales_check_invoice"),
            ("window", "_aftersales_check_window"),
            ("quantity", "_aftersales_check_quantity"),
            ("serial", "_aftersales_check_serial"),
            ("package", "_aftersales_check_package"),
            ("evidence", "_aftersales_check_evidence"),
            ("approval", "_aftersales_check_approval"),
            ("transport", "_aftersales_check_transport"),
            ("stock", "_aftersales_check_stock"),
        ]

    def _aftersales_check_reason(self, data):
        if not self.reason_id:
            return "fail", "reason.missing", {}
        if not self.requested_remedy:
            return "fail", "reason.no_remedy", {}
        return "pass", "reason.ok", {}

    def _aftersales_check_invoice(self, data):
        invoice = self.invoice_id
        if not invoice:
            return "fail", "invoice.missing", {}
        values = {"invoice": invoice.name or invoice.display_name}
        if invoice.move_type != "out_invoice":
            return "fail", "invoice.not_customer", values
        if invoice.state != "posted":
            return "fail", "invoice.draft", values
        if invoice.commercial_partner_id != self.partner_id.commercial_partner_id:
            return "fail", "invoice.other_customer", values
        return "pass", "invoice.ok", values

    def _aftersales_window_kind(self):
        """'return', 'exchange', 'warranty' or None: the window that applies."""
        self.ensure_one()
        if self.requested_remedy == "repair":
            return "warranty"
        window = self.reason_id.aftersales_window or "remedy"
        if window == "none":
            return None
        if window == "remedy":
            return "exchange" if self.requested_remedy == "exchange" else "return"
        return window

    def _aftersales_check_window(self, data):
        kind = self._aftersales_window_kind()
        if not kind:
            return None
        # Measured at the request (seed 001): a request made in time stays in
        # time while it waits for an approval or the evidence.
        asked = self.aftersales_request_date or self._aftersales_today()
        if kind == "warranty":
            return self._aftersales_check_warranty(data, asked)
        invoice_date = self.invoice_id.invoice_date
        if not invoice_date:
            return "fail", "window.no_invoice_date", {}
        company = self.company_id
        limit = (
            company.aftersales_exchange_days
            if kind == "exchange"
            else company.aftersales_return_days
        )
        days = (asked - invoice_date).days
        values = {
            "days": days,
            "invoice_date": fields.Date.to_string(invoice_date),
            "limit": limit,
            "request_date": fields.Date.to_string(asked),
        }
        if days > limit:
            return "fail", f"window.{kind}_over", values
        return "pass", f"window.{kind}_ok", values

    def _aftersales_check_warranty(self, data, asked):
        coverage = self.env["aftersales.warranty"]._get_coverage(
            partner=self.partner_id.commercial_partner_id,
            product=self.product_id,
            lot=self.lot_id or None,
            sale_line=data["line_by_rma"][self.id] or None,
            on_date=asked,
        )
        card = coverage.get("warranty")
        values = {
            "card": card.name if card else "",
            "end_date": fields.Date.to_string(coverage.get("end_date")) or "",
            "request_date": fields.Date.to_string(asked),
        }
        state = coverage["state"]
        if state == "in_warranty":
            return "pass", "window.warranty_in", values
        if state == "excluded":
            return "fail", "window.warranty_excluded", values
        if state == "out_of_warranty":
            return "fail", "window.warranty_out", values
        return "fail", "window.warranty_unknown", values

    def _aftersales_check_quantity(self, data):
        line = data["line_by_rma"][self.id]
        if not line:
            return "fail", "quantity.no_line", {"product": self.product_id.display_name}
        uom = self.product_id.uom_id
        qty = self.product_uom._compute_quantity(self.product_uom_qty, uom)
        invoiced = line.product_uom._compute_quantity(data["invoiced"][line.id], uom)
        delivered = data["delivered"][line.id]
        taken = data["taken"][line.id]
        remaining = min(invoiced, delivered) - taken - data["batch_taken"][line.id]
        data["batch_taken"][line.id] += qty
        remaining = float_round(remaining, precision_rounding=uom.rounding)
        values = {
            "qty": qty,
            "uom_id": uom.id,
            "remaining": max(remaining, 0.0),
            "invoiced": invoiced,
            "delivered": delivered,
            "taken": taken,
        }
        if float_compare(qty, remaining, precision_rounding=uom.rounding) > 0:
            return "fail", "quantity.over", values
        return "pass", "quantity.ok", values

    def _aftersales_check_serial(self, data):
        lot = self.lot_id
        if not lot:
            if self.product_id.tracking == "serial":
                return "fail", "serial.missing", {}
            return None
        customer = self.partner_id.commercial_partner_id
        values = {"lot": lot.name, "partner": customer.display_name}
        if (customer.id, lot.id) not in data["owned_lots"]:
            return "fail", "serial.not_delivered", values
        if lot.id in data["returned_lots"] or lot.id in data["batch_lots"]:
            return "fail", "serial.returned", values
        data["batch_lots"].add(lot.id)
        return "pass", "serial.ok", values

    def _aftersales_check_package(self, data):
        required = self.reason_id.aftersales_package_required or "any"
        if required == "any":
            return None
        values = {"package": self.package_state or ""}
        if not self.package_state:
            return "fail", "package.unknown", values
        if self.package_state not in PACKAGE_MEETS[required]:
            if required == "sealed":
                return "fail", "package.not_sealed", values
            return "fail", "package.not_intact", values
        return "pass", "package.ok", values

    def _aftersales_check_evidence(self, data):
        required = self.reason_id.aftersales_evidence_kind_ids
        if not required:
            return None
        missing = required.filtered(lambda k: k.id not in data["evidence"][self.id])
        if missing:
            return "fail", "evidence.missing", {"kind_ids": missing.ids}
        return "pass", "evidence.ok", {"kind_ids": required.ids}

    def _aftersales_check_approval(self, data):
        policy = self.reason_id.aftersales_approval or "none"
        if policy == "inform":
            return "pass", "approval.informed", {}
        if policy != "approve":
            return None
        if not self.aftersales_approved_by_id:
            return "fail", "approval.waiting", {}
        return (
            "pass",
            "approval.ok",
            {
                "user": self.aftersales_approved_by_id.name,
                "approved_datetime": fields.Datetime.to_string(
                    self.aftersales_approved_date
                ),
            },
        )

    def _aftersales_is_second_claim(self, data):
        line = data["line_by_rma"][self.id]
        return bool(data["resend_claims"][line.id if line else 0])

    def _aftersales_check_transport(self, data):
        if not self.reason_id.aftersales_resend_once:
            return None
        if self._aftersales_is_second_claim(data):
            return "warn", "transport.second", {}
        return "pass", "transport.first", {}

    def _aftersales_check_stock(self, data):
        if self._aftersales_resolution(data) != "exchange":
            return None
        key = (self.warehouse_id.id, self.product_id.id)
        uom = self.product_id.uom_id
        qty = self.product_uom._compute_quantity(self.product_uom_qty, uom)
        available = data["available"][key] - data["batch_exchange"][key]
        data["batch_exchange"][key] += qty
        values = {"uom_id": uom.id, "warehouse": self.warehouse_id.name}
        if float_compare(qty, available, precision_rounding=uom.rounding) > 0:
            expected = data["incoming"].get(key)
            values["short"] = qty - max(available, 0.0)
            if expected:
                values["expected_date"] = fields.Date.to_string(expected)
                return "warn", "stock.short", values
            return "warn", "stock.short_none", values
        values["qty"] = available
        return "pass", "stock.ok", values

    def _aftersales_remedy(self):
        """What the return ends in: the checks' resolution, else the remedy
        asked (returns outside a sale are not checked)."""
        self.ensure_one()
        return self.aftersales_resolution or self.requested_remedy

    def _aftersales_resolution(self, data):
        if self.reason_id.aftersales_resend_once:
            return "refund" if self._aftersales_is_second_claim(data) else "exchange"
        return self.requested_remedy

    # ------------------------------------------------------------------
    # Running the rules
    # ------------------------------------------------------------------
    def _aftersales_run_checks(self):
        """Run every rule on every RMA, store the verdicts; return failures.

        Public entry of the rules (also used by the benchmark): the number of
        queries does not grow with the number of returns checked together.
        """
        checked = self._aftersales_is_checked()
        if not checked:
            return {}
        # Rules read invoices, deliveries and stock the agent may not see;
        # nothing typed by the user is used beyond the RMA itself.
        rmas = checked.sudo()
        # Returns never checked have no verdicts to replace.
        checked_before = rmas.filtered("aftersales_checked_date")
        data = rmas._aftersales_prepare_check_data()
        verdict_vals = []
        failures = {}
        by_vals = defaultdict(list)
        now = fields.Datetime.now()
        for rma in rmas.sorted("id"):
            results = []
            for rule, method in rma._aftersales_rule_methods():
                res = getattr(rma, method)(data)
                if not res:
                    continue
                result, code, values = res
                results.append(result)
                verdict_vals.append(
                    {
                        "rma_id": rma.id,
                        "company_id": rma.company_id.id,
                        "sequence": len(results),
                        "rule": rule,
                        "result": result,
                        "code": code,
                        "values": values,
                    }
                )
                if result == "fail":
                    failures.setdefault(rma, []).append(rule)
            if "fail" in results:
                verdict = "overridden" if rma.aftersales_override_reason else "fail"
            else:
                verdict = "warn" if "warn" in results else "pass"
            key = ("fail" not in results, verdict, rma._aftersales_resolution(data))
            by_vals[key].append(rma.id)
        self.env.flush_all()
        # One UPDATE per distinct outcome, not per return (nothing stored
        # depends on these fields).
        for (ok, verdict, resolution), ids in by_vals.items():
            self.env.cr.execute(
                SQL(
                    "UPDATE rma SET aftersales_checks_ok = %s, aftersales_verdict = "
                    "%s, aftersales_checked_date = %s, aftersales_resolution = %s, "
                    "write_uid = %s, write_date = %s WHERE id IN %s",
                    ok,
                    verdict,
                    now,
                    resolution or None,
                    self.env.uid,
                    now,
                    tuple(ids),
                )
            )
        rmas.invalidate_recordset(
            [
                "aftersales_checks_ok",
                "aftersales_verdict",
                "aftersales_checked_date",
                "aftersales_resolution",
                "write_uid",
                "write_date",
            ]
        )
        self._aftersales_store_verdicts(checked_before, verdict_vals)
        return {rma.with_env(self.env): rules for rma, rules in failures.items()}

    def _aftersales_store_verdicts(self, checked_before, verdict_vals):
        """Replace the verdicts in one DELETE and one INSERT, whatever the
        number of returns checked together (verdict rows are plain facts: no
        computed stored field, no tracking)."""
        cr = self.env.cr
        Verdict = self.env["aftersales.rma.verdict"]
        self.env.flush_all()
        if checked_before:
            cr.execute(
                SQL(
                    "DELETE FROM aftersales_rma_verdict WHERE rma_id IN %s",
                    tuple(checked_before.ids),
                )
            )
        if verdict_vals:
            now = fields.Datetime.now()
            uid = self.env.uid
            rows = SQL(", ").join(
                SQL(
                    "(%s, %s, %s, %s, %s, %s, %s::jsonb, %s, %s, %s, %s)",
                    vals["rma_id"],
                    vals["company_id"],
                    vals["sequence"],
                    vals["rule"],
                    vals["result"],
                    vals["code"],
                    json.dumps(vals["values"] or {}),
                    uid,
                    now,
                    uid,
                    now,
                )
                for vals in verdict_vals
            )
            cr.execute(
                SQL(
                    "INSERT INTO aftersales_rma_verdict (rma_id, company_id, "
                    "sequence, rule, result, code, %s, create_uid, create_date, "
                    "write_uid, write_date) VALUES %s",
                    SQL.identifier("values"),
                    rows,
                )
            )
        Verdict.invalidate_model()
        self.invalidate_model(["aftersales_verdict_ids", "aftersales_verdict_html"])

    def action_aftersales_check(self):
        """Button: run the rules and show the verdicts without confirming."""
        self._aftersales_run_checks()
        return True

    def _aftersales_failure_message(self, failures):
        rule_names = dict(
            self.env["aftersales.rma.verdict"]
            ._fields["rule"]
            ._description_selection(self.env)
        )
        lines = []
        for rma, rules in failures.items():
            details = [
                f"{rule_names[v.rule]}: {v.message}"
                for v in rma.aftersales_verdict_ids
                if v.result == "fail"
            ]
            lines.append(
                _(
                    "%(rma)s is refused by the rule(s) %(rules)s:\n%(details)s",
                    rma=rma.display_name,
                    rules=", ".join(rule_names[r] for r in rules),
                    details="\n".join(details),
                )
            )
        return "\n\n".join(lines)

    def action_confirm(self):
        drafts = self.filtered(lambda r: r.state == "draft")
        checked = drafts._aftersales_is_checked()
        if checked:
            failures = checked._aftersales_run_checks()
            blocking = {
                rma: rules
                for rma, rules in failures.items()
                if not rma.aftersales_override_reason
            }
            if blocking and self.env.context.get("aftersales_soft_confirm"):
                # From the sale order wizard: keep refused returns as drafts
                # with their verdicts, confirm the others.
                refused = self.browse([rma.id for rma in blocking])
                for rma in refused:
                    rma.message_post(
                        body=self._aftersales_failure_message({rma: blocking[rma]})
                    )
                self -= refused
                checked -= refused
            elif blocking:
                raise UserError(self._aftersales_failure_message(blocking))
        res = super().action_confirm()
        confirmed = checked.filtered(lambda r: r.state != "draft")
        if confirmed:
            confirmed._aftersales_after_confirm()
        return res

    def _aftersales_after_confirm(self):
        to_inspect = self.filtered(
            lambda r: not r.aftersales_inspection_state and r.reception_move_id
        )
        to_inspect._aftersales_action_write({"aftersales_inspection_state": "pending"})
        self._aftersales_inform_product_manager()
        # OCA's confirmation has just made the customer a follower
        self._aftersales_notify_customer(
            "aftersales_returns.mail_template_rma_checked", subscribe=False
        )
        self._aftersales_mark_pickup()
        self._aftersales_resolve_without_goods()

    def _aftersales_product_manager(self):
        """Who answers for the product: its responsible, else the return's."""
        self.ensure_one()
        return (
            self.product_id.responsible_id
            or self.user_id
            or self.team_id.user_id
            or self.env.user
        )

    def _aftersales_inform_product_manager(self):
        for rma in self.filtered(lambda r: r.reason_id.aftersales_approval == "inform"):
            rma._aftersales_activity_schedule_auto(
                "mail.mail_activity_data_todo",
                user_id=rma._aftersales_product_manager().id,
                summary=_(
                    "%(reason)s reported on %(product)s",
                    reason=rma.reason_id.name,
                    product=rma.product_id.display_name,
                ),
            )
