# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare, float_round

from .rma_selections import RELEASED_STATES, REQUIRED_EVIDENCE


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
        [("refund", "Refund"), ("exchange", "Exchange"), ("repair", "Repair")],
        string="Resolution",
        readonly=True,
        copy=False,
        help="What the checks decided: usually the requested remedy; a second "
        "transit-damage claim on the same line is refunded instead of re-sent.",
    )

    @api.depends("aftersales_verdict_ids")
    def _compute_aftersales_verdict_html(self):
        icons = {"pass": "fa-check text-success", "warn": "fa-exclamation-triangle "
                 "text-warning", "fail": "fa-times text-danger"}
        for rma in self:
            if not rma.aftersales_verdict_ids:
                rma.aftersales_verdict_html = False
                continue
            rule_names = dict(
                rma.aftersales_verdict_ids._fields["rule"]._description_selection(
                    self.env
                )
            )
            rows = Markup("").join(
                Markup('<li><i class="fa %s"/> <b>%s</b>: %s</li>')
                % (icons[v.result], rule_names.get(v.rule, v.rule), v.message)
                for v in rma.aftersales_verdict_ids
            )
            rma.aftersales_verdict_html = Markup(
                '<ul class="list-unstyled mb-0">%s</ul>'
            ) % rows

    @api.depends_context("uid")

    # ------------------------------------------------------------------
    # Rules
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

    def _aftersales_prepare_check_data(self):
        """Collect, in a bounded number of queries, what every rule needs."""
        sale_lines = self.env["sale.order.line"]
        line_by_rma = {}
        for rma in self:
            line_by_rma[rma.id] = rma._aftersales_get_sale_line()
            sale_lines |= line_by_rma[rma.id]
        move_model = self.env["stock.move"]
        delivered = defaultdict(float)
        for line, qty in move_model._read_group(
            [
                ("sale_line_id", "in", sale_lines.ids),
                ("state", "=", "done"),
                ("location_dest_id.usage", "=", "customer"),
            ],
            ["sale_line_id"],
            ["product_qty:sum"],
        ):
            delivered[line.id] += qty
        # Plain stock returns (not through an RMA) give goods back too.
        for line, qty in move_model._read_group(
            [
                ("sale_line_id", "in", sale_lines.ids),
                ("state", "=", "done"),
                ("location_id.usage", "=", "customer"),
                ("rma_receiver_ids", "=", False),
            ],
            ["sale_line_id"],
            ["product_qty:sum"],
        ):
            delivered[line.id] -= qty
        aml_model = self.env["account.move.line"]
        invoiced = defaultdict(float)
        for move_type, sign, extra in (
            ("out_invoice", 1, []),
            ("out_refund", -1, [("rma_id", "=", False)]),
        ):
            for line, qty in aml_model._read_group(
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
        # Earlier transit-damage claims per sale line (one free re-send).
        transport_claims = defaultdict(int)
        for line, count in self._read_group(
            [
                ("sale_line_id", "in", sale_lines.ids),
                ("return_reason", "=", "transport"),
                ("state", "not in", ("draft", "cancelled")),
                ("id", "not in", self.ids),
            ],
            ["sale_line_id"],
            ["__count"],
        ):
            transport_claims[line.id] += count
        # Serials: who holds each lot now, and which are already returned.
        lots = self.lot_id
        lot_holder = {}
        returned_lots = set()
        if lots:
            move_lines = self.env["stock.move.line"].search(
                [
                    ("lot_id", "in", lots.ids),
                    ("state", "=", "done"),
                    "|",
                    ("location_dest_id.usage", "=", "customer"),
                    ("location_id.usage", "=", "customer"),
                ],
                order="date desc, id desc",
            )
            for ml in move_lines:
                if ml.lot_id.id in lot_holder:
                    continue
                if ml.location_dest_id.usage == "customer":
                    partner = ml.picking_id.partner_id or ml.move_id.partner_id
                    lot_holder[ml.lot_id.id] = partner.commercial_partner_id
                else:
                    lot_holder[ml.lot_id.id] = self.env["res.partner"]
            returned_lots = {
                lot.id
                for [lot] in self._read_group(
                    [
                        ("lot_id", "in", lots.ids),
                        ("state", "not in", RELEASED_STATES),
                        ("id", "not in", self.ids),
                    ],
                    ["lot_id"],
                )
            }
        evidence = defaultdict(set)
        for rma, kind in self.env["aftersales.rma.evidence"]._read_group(
            [("rma_id", "in", self.ids)], ["rma_id", "kind"]
        ):
            evidence[rma.id].add(kind)
        # Replacement availability per (warehouse, product).
        exchange = self.filtered(lambda r: r.requested_remedy == "exchange")
        available = defaultdict(float)
        incoming = {}
        if exchange:
            warehouses = exchange.warehouse_id
            products = exchange.product_id
            stock_locations = warehouses.lot_stock_id
            for product, location, qty, reserved in self.env[
                "stock.quant"
            ]._read_group(
                [
                    ("product_id", "in", products.ids),
                    ("location_id", "child_of", stock_locations.ids),
                ],
                ["product_id", "location_id"],
                ["quantity:sum", "reserved_quantity:sum"],
            ):
                available[(location.warehouse_id.id, product.id)] += qty - reserved
            for product, location, date in move_model._read_group(
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
        return {
            "line_by_rma": line_by_rma,
            "delivered": delivered,
            "invoiced": invoiced,
            "taken": taken,
            "transport_claims": transport_claims,
            "lot_holder": lot_holder,
            "returned_lots": returned_lots,
            "evidence": evidence,
            "available": available,
            "incoming": incoming,
            "batch_taken": defaultdict(float),
            "batch_lots": set(),
            "batch_exchange": defaultdict(float),
        }

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
        if not self.return_reason:
            return "fail", _("No return reason is given.")
        if not self.requested_remedy:
            return "fail", _("No remedy (refund, exchange, repair) is requested.")
        return "pass", _("Reason and requested remedy are given.")

    def _aftersales_check_invoice(self, data):
        invoice = self.invoice_id
        if not invoice:
            return "fail", _("No customer invoice is linked to this return.")
        if invoice.move_type != "out_invoice":
            return "fail", _("%s is not a customer invoice.", invoice.display_name)
        if invoice.state != "posted":
            return "fail", _("Invoice %s is not posted.", invoice.display_name)
        if invoice.commercial_partner_id != self.partner_id.commercial_partner_id:
            return "fail", _(
                "Invoice %s belongs to another customer.", invoice.display_name
            )
        return "pass", _("Invoice %s is posted.", invoice.display_name)

    def _aftersales_check_window(self, data):
        remedy = self.requested_remedy
        today = self._aftersales_today()
        if remedy == "repair":
            coverage = self.env["aftersales.warranty"]._get_coverage(
                partner=self.partner_id.commercial_partner_id,
                product=self.product_id,
                lot=self.lot_id or None,
                sale_line=data["line_by_rma"][self.id] or None,
                on_date=today,
            )
            if coverage["state"] == "in_warranty":
                return "pass", coverage["reason"]
            return "fail", _("Repair refused: %s", coverage["reason"])
        invoice_date = self.invoice_id.invoice_date
        if not invoice_date:
            return "fail", _("The invoice date is unknown.")
        company = self.company_id
        if remedy == "exchange":
            limit, label = company.aftersales_exchange_days, _("exchange")
        else:
            limit, label = company.aftersales_return_days, _("return")
        days = (today - invoice_date).days
        if days > limit:
            return "fail", _(
                "Day %(days)s after the invoice of %(date)s: the %(label)s window "
                "of %(limit)s days is over.",
                days=days,
                date=invoice_date,
                label=label,
                limit=limit,
            )
        return "pass", _(
            "Day %(days)s after the invoice of %(date)s, within the %(label)s "
            "window of %(limit)s days.",
            days=days,
            date=invoice_date,
            label=label,
            limit=limit,
        )

    def _aftersales_check_quantity(self, data):
        line = data["line_by_rma"][self.id]
        if not line:
            return "fail", _("No sale order line matches product %s.",
                             self.product_id.display_name)
        uom = self.product_id.uom_id
        qty = self.product_uom._compute_quantity(self.product_uom_qty, uom)
        invoiced = line.product_uom._compute_quantity(
            data["invoiced"][line.id], uom
        )
        delivered = data["delivered"][line.id]
        remaining = min(invoiced, delivered) - data["taken"][line.id]
        remaining -= data["batch_taken"][line.id]
        data["batch_taken"][line.id] += qty
        remaining = float_round(remaining, precision_rounding=uom.rounding)
        if float_compare(qty, remaining, precision_rounding=uom.rounding) > 0:
            return "fail", _(
                "%(qty)s %(uom)s asked but only %(remaining)s can be returned "
                "(invoiced %(invoiced)s, delivered %(delivered)s, already "
                "returned or in open returns %(taken)s).",
                qty=qty,
                uom=uom.name,
                remaining=max(remaining, 0.0),
                invoiced=invoiced,
                delivered=delivered,
                taken=data["taken"][line.id],
            )
        return "pass", _(
            "%(qty)s %(uom)s of %(remaining)s returnable.",
            qty=qty,
            uom=uom.name,
            remaining=remaining,
        )

    def _aftersales_check_serial(self, data):
        if not self.lot_id:
            if self.product_id.tracking == "serial":
                return "fail", _("The serial number of the returned unit is missing.")
            return None
        lot = self.lot_id
        holder = data["lot_holder"].get(lot.id)
        if holder != self.partner_id.commercial_partner_id:
            return "fail", _(
                "Serial %(lot)s was not delivered to %(partner)s.",
                lot=lot.name,
                partner=self.partner_id.commercial_partner_id.display_name,
            )
        if lot.id in data["returned_lots"] or lot.id in data["batch_lots"]:
            return "fail", _("Serial %s is already returned.", lot.name)
        data["batch_lots"].add(lot.id)
        return "pass", _("Serial %s was delivered to this customer.", lot.name)

    def _aftersales_check_package(self, data):
        if self.return_reason != "no_reason":
            return None
        if self.package_state != "sealed":
            return "fail", _(
                "A no-reason return needs a factory-sealed package; this one is "
                "%s.",
                dict(self._fields["package_state"]._description_selection(
                    self.env)).get(self.package_state, _("unknown")),
            )
        return "pass", _("Package is factory-sealed.")

    def _aftersales_check_evidence(self, data):
        required = REQUIRED_EVIDENCE.get(self.return_reason) or ()
        if not required:
            return None
        kinds = dict(
            self.env["aftersales.rma.evidence"]._fields["kind"]._description_selection(
                self.env
            )
        )
        missing = [k for k in required if k not in data["evidence"][self.id]]
        if missing:
            return "fail", _(
                "Missing evidence: %s.", ", ".join(kinds[k] for k in missing)
            )
        return "pass", _(
            "Evidence attached: %s.", ", ".join(kinds[k] for k in required)
        )

    def _aftersales_check_approval(self, data):
        if self.return_reason == "quality":
            return "pass", _("The product manager is informed.")
        if not self.aftersales_approval_required:
            return None
        if not self.aftersales_approved_by_id:
            return "fail", _("Waiting for the product manager's approval.")
        return "pass", _(
            "Approved by %(user)s on %(date)s.",
            user=self.aftersales_approved_by_id.name,
            date=self.aftersales_approved_date,
        )

    def _aftersales_check_transport(self, data):
        if self.return_reason != "transport":
            return None
        line = data["line_by_rma"][self.id]
        if data["transport_claims"][line.id if line else 0]:
            return "warn", _(
                "Second transit-damage claim on this order line: refunded "
                "instead of re-sent."
            )
        return "pass", _("First transit-damage claim: one free re-send.")

    def _aftersales_check_stock(self, data):
        if self._aftersales_resolution(data) != "exchange":
            return None
        key = (self.warehouse_id.id, self.product_id.id)
        uom = self.product_id.uom_id
        qty = self.product_uom._compute_quantity(self.product_uom_qty, uom)
        available = data["available"][key] - data["batch_exchange"][key]
        data["batch_exchange"][key] += qty
        if float_compare(qty, available, precision_rounding=uom.rounding) > 0:
            expected = data["incoming"].get(key)
            return "warn", _(
                "Replacement short by %(short)s %(uom)s in %(wh)s; expected: "
                "%(date)s.",
                short=qty - max(available, 0.0),
                uom=uom.name,
                wh=self.warehouse_id.name,
                date=expected and fields.Date.to_string(expected) or _("no incoming"),
            )
        return "pass", _(
            "Replacement available: %(qty)s %(uom)s in %(wh)s.",
            qty=available,
            uom=uom.name,
            wh=self.warehouse_id.name,
        )

    def _aftersales_resolution(self, data):
        if self.return_reason == "transport":
            line = data["line_by_rma"][self.id]
            if data["transport_claims"][line.id if line else 0]:
                return "refund"
            return "exchange"
        return self.requested_remedy

    def _aftersales_run_checks(self):
        """Run every rule on every RMA, store the verdicts; return failures."""
        checked = self._aftersales_is_checked()
        if not checked:
            return {}
        # Rules read invoices, deliveries and stock the agent may not see;
        # nothing typed by the user is used beyond the RMA itself.
        rmas = checked.sudo()
        data = rmas._aftersales_prepare_check_data()
        verdict_vals = []
        failures = {}
        now = fields.Datetime.now()
        for rma in rmas.sorted("id"):
            results = []
            for rule, method in rma._aftersales_rule_methods():
                res = getattr(rma, method)(data)
                if not res:
                    continue
                result, message = res
                results.append(result)
                verdict_vals.append(
                    {
                        "rma_id": rma.id,
                        "company_id": rma.company_id.id,
                        "sequence": len(results),
                        "rule": rule,
                        "result": result,
                        "message": message,
                    }
                )
                if result == "fail":
                    failures.setdefault(rma, []).append(rule)
            if "fail" in results:
                verdict = "overridden" if rma.aftersales_override_reason else "fail"
            else:
                verdict = "warn" if "warn" in results else "pass"
            rma.with_env(self.env).write(
                {
                    "aftersales_checks_ok": "fail" not in results,
                    "aftersales_verdict": verdict,
                    "aftersales_checked_date": now,
                    "aftersales_resolution": rma._aftersales_resolution(data),
                }
            )
        rmas.aftersales_verdict_ids.unlink()
        self.env["aftersales.rma.verdict"].sudo().create(verdict_vals)
        return {rma.with_env(self.env): rules for rma, rules in failures.items()}

    def action_aftersales_check(self):
        """Button: run the rules and show the verdicts without confirming."""
        self._aftersales_run_checks()
        return True

    def _aftersales_failure_message(self, failures):
        rule_names = dict(
            self.env["aftersales.rma.verdict"]._fields["rule"]._description_selection(
                self.env
            )
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
        confirmed = self
        confirmed.filtered(lambda r: not r.aftersales_inspection_state).write(
            {"aftersales_inspection_state": "pending"}
        )
        confirmed._aftersales_inform_product_manager()
        confirmed._aftersales_notify_customer(
            "aftersales_returns.mail_template_rma_checked"
        )
        confirmed._aftersales_mark_pickup()

    def _aftersales_inform_product_manager(self):
        quality = self.filtered(lambda r: r.return_reason == "quality")
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        vals = []
        model_id = self.env["ir.model"]._get_id("rma")
        for rma in quality:
            user = rma.product_id.responsible_id or rma.user_id or self.env.user
            vals.append(
                {
                    "res_model_id": model_id,
                    "res_id": rma.id,
                    "activity_type_id": activity_type.id,
                    "user_id": user.id,
                    "summary": _("Quality problem reported on %s",
                                 rma.product_id.display_name),
                }
            )
        if vals:
            self.env["mail.activity"].create(vals)

