# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import math
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError

AFTERSALES_KINDS = [
    ("distributor", "Distributor Service Agreement"),
    ("software", "Software Maintenance"),
    ("equipment", "Equipment Maintenance"),
]


class ContractContract(models.Model):
    """Service agreements (售后服务协议) are OCA contracts with an after-sales kind.

    Recurring fees are ordinary ``contract.line`` records, so the contract's
    own recurring invoicing bills them.
    """

    _inherit = "contract.contract"

    aftersales_kind = fields.Selection(
        AFTERSALES_KINDS,
        string="After-Sales Kind",
        index=True,
        tracking=True,
        help="Empty for a plain contract.",
    )
    aftersales_unit_ids = fields.One2many(
        "aftersales.agreement.unit", "contract_id", string="Covered Units"
    )
    aftersales_unit_count = fields.Integer(compute="_compute_aftersales_counts")
    aftersales_visit_ids = fields.One2many(
        "aftersales.agreement.visit", "contract_id", string="Preventive Visits"
    )
    aftersales_visit_count = fields.Integer(compute="_compute_aftersales_counts")
    aftersales_swap_count = fields.Integer(compute="_compute_aftersales_counts")
    # Response times
    aftersales_city_hours = fields.Float(
        string="City Response (h)",
        default=lambda self: self.env.company.aftersales_city_response_hours,
    )
    aftersales_suburb_hours = fields.Float(
        string="Suburb Response (h)",
        default=lambda self: self.env.company.aftersales_suburb_response_hours,
    )
    aftersales_local_hours = fields.Float(
        string="Local Response (h)",
        default=lambda self: self.env.company.aftersales_local_response_hours,
    )
    aftersales_remote_days = fields.Integer(
        string="Remote Response (days)",
        default=lambda self: self.env.company.aftersales_remote_response_days,
    )
    aftersales_min_visits = fields.Integer(
        string="Minimum Preventive Visits / Year",
        default=lambda self: self.env.company.aftersales_min_visits_per_year,
    )
    aftersales_exclusions = fields.Text(
        string="Exclusions",
        help="Faults not covered by the agreement (不属保修范围), e.g. unstable "
        "voltage, misuse, consumables, unauthorised modification or repair.",
    )
    # Fees
    aftersales_signing_fee = fields.Monetary(
        string="Fee Paid at Signing", currency_field="currency_id"
    )
    aftersales_software_price = fields.Monetary(
        string="Software Price", currency_field="currency_id"
    )
    aftersales_software_edition = fields.Selection(
        [("single", "Single-user"), ("network", "Network")],
        string="Software Edition",
        default="single",
    )
    aftersales_software_fee = fields.Monetary(
        string="Yearly Maintenance Fee",
        compute="_compute_aftersales_software_fee",
        currency_field="currency_id",
    )
    aftersales_day_rate = fields.Monetary(
        string="Hardware Service per Day", currency_field="currency_id"
    )
    aftersales_travel_fee = fields.Monetary(
        string="Travel Fee (outside the city)", currency_field="currency_id"
    )
    aftersales_repair_unit_fee = fields.Monetary(
        string="Fee per In-Warranty Repair", currency_field="currency_id"
    )
    aftersales_visit_fee = fields.Monetary(
        string="Fee per On-Site Visit", currency_field="currency_id"
    )
    aftersales_repair_fund_pct = fields.Float(
        string="Repair Fund (%)",
        default=lambda self: self.env.company.aftersales_repair_fund_pct,
    )
    aftersales_callback_target = fields.Float(
        string="Callback Target (%)",
        default=lambda self: self.env.company.aftersales_callback_target_pct,
    )
    aftersales_initial_stock_pct = fields.Float(
        string="Initial Stock (% of sales)",
        default=lambda self: self.env.company.aftersales_initial_stock_pct,
    )
    aftersales_initial_stock_months = fields.Integer(
        string="Initial Stock Sales Months",
        default=lambda self: self.env.company.aftersales_initial_stock_months,
    )
    aftersales_initial_stock_ids = fields.One2many(
        "aftersales.initial.stock.line", "contract_id", string="Initial Stock"
    )
    aftersales_initial_picking_id = fields.Many2one(
        "stock.picking", string="Initial Stock Delivery", copy=False, readonly=True
    )
    # Renewal
    aftersales_renewal_reminded = fields.Boolean(copy=False, readonly=True)
    aftersales_renewed_from_id = fields.Many2one(
        "contract.contract", string="Renewal Of", copy=False, readonly=True
    )
    aftersales_renewal_id = fields.Many2one(
        "contract.contract", string="Renewed By", copy=False, readonly=True
    )
    can_aftersales_renew = fields.Boolean(compute="_compute_can_aftersales")
    can_aftersales_plan_visits = fields.Boolean(compute="_compute_can_aftersales")

    # ------------------------------------------------------------------
    @api.depends("aftersales_unit_ids", "aftersales_visit_ids")
    def _compute_aftersales_counts(self):
        swap_data = dict(
            self.env["aftersales.part.swap"]._read_group(
                [("contract_id", "in", self.ids)], ["contract_id"], ["__count"]
            )
        )
        for rec in self:
            rec.aftersales_unit_count = len(rec.aftersales_unit_ids)
            rec.aftersales_visit_count = len(rec.aftersales_visit_ids)
            rec.aftersales_swap_count = swap_data.get(rec, 0)

    @api.depends(
        "aftersales_software_price", "aftersales_software_edition", "company_id"
    )
    def _compute_aftersales_software_fee(self):
        for rec in self:
            company = rec.company_id or self.env.company
            pct = (
                company.aftersales_software_fee_network_pct
                if rec.aftersales_software_edition == "network"
                else company.aftersales_software_fee_single_pct
            )
            rec.aftersales_software_fee = rec.aftersales_software_price * pct / 100.0

    @api.depends("aftersales_kind", "aftersales_renewal_id", "active")
    def _compute_can_aftersales(self):
        for rec in self:
            rec.can_aftersales_renew = bool(
                rec.aftersales_kind and not rec.aftersales_renewal_id and rec.active
            )
            rec.can_aftersales_plan_visits = bool(
                rec.aftersales_kind and rec.aftersales_min_visits > 0
            )

    @api.depends("contract_line_ids.date_end")
    def _compute_date_end(self):
        # An agreement's period is its own: adding a one-off fee line must not
        # move the end of the agreement.
        plain = self.filtered(lambda c: not c.aftersales_kind)
        return super(ContractContract, plain)._compute_date_end()

    # ------------------------------------------------------------------
    # Coverage
    # ------------------------------------------------------------------
    @api.model
    def _aftersales_find_unit(self, lot, on_date=None, kind=None):
        """The covered unit of an active agreement covering ``lot`` on a date."""
        if not lot:
            return self.env["aftersales.agreement.unit"]
        on_date = on_date or fields.Date.context_today(self)
        domain = [
            ("lot_id", "=", lot.id),
            ("contract_id.active", "=", True),
            ("contract_id.aftersales_kind", "!=", False),
            ("contract_id.date_start", "<=", on_date),
            "|",
            ("contract_id.date_end", "=", False),
            ("contract_id.date_end", ">=", on_date),
        ]
        if kind:
            domain.append(("contract_id.aftersales_kind", "=", kind))
        return self.env["aftersales.agreement.unit"].search(
            domain, order="id desc", limit=1
        )

    @api.model
    def _aftersales_find_agreement(self, lot, on_date=None, kind=None):
        """The active agreement covering a serial on a date (or an empty set)."""
        return self._aftersales_find_unit(lot, on_date=on_date, kind=kind).contract_id

    # ------------------------------------------------------------------
    # Renewal
    # ------------------------------------------------------------------
    @api.model
    def _cron_aftersales_renewal_reminder(self, today=None):
        """Remind the responsible of each agreement N days before it ends, once."""
        today = today or fields.Date.context_today(self)
        agreements = self.search(
            [
                ("aftersales_kind", "!=", False),
                ("aftersales_renewal_reminded", "=", False),
                ("aftersales_renewal_id", "=", False),
                ("date_end", ">=", today),
            ]
        )
        due = agreements.filtered(
            lambda c: (
                c.date_end - timedelta(days=c.company_id.aftersales_renewal_notice_days)
                <= today
            )
        )
        for agreement in due:
            agreement.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=agreement.date_end,
                summary=self.env._("Renew agreement %s", agreement.display_name),
                note=self.env._(
                    "Agreement %(name)s ends on %(date)s: prepare its renewal.",
                    name=agreement.display_name,
                    date=agreement.date_end,
                ),
                user_id=agreement.user_id.id or self.env.uid,
            )
        due.write({"aftersales_renewal_reminded": True})
        return due

    def _prepare_renewal_vals(self):
        """Values of the agreement that follows this one."""
        self.ensure_one()
        if not self.date_end:
            raise UserError(
                self.env._(
                    "Agreement %s has no end date: it cannot be renewed.",
                    self.display_name,
                )
            )
        length = relativedelta(self.date_end + timedelta(days=1), self.date_start)
        start = self.date_end + timedelta(days=1)
        end = start + length - timedelta(days=1)
        return {
            "name": self.name,
            "date_start": start,
            "date_end": end,
            "aftersales_renewed_from_id": self.id,
            "aftersales_unit_ids": [
                Command.create(unit._prepare_renewal_vals())
                for unit in self.aftersales_unit_ids
            ],
            "contract_line_ids": [
                Command.create(line_vals)
                for line in self.contract_line_ids.filtered(
                    lambda ln: ln.date_end == self.date_end or not ln.date_end
                )
                for line_vals in [self._aftersales_renewal_line_vals(line, start, end)]
            ],
        }

    @api.model
    def _aftersales_renewal_line_vals(self, line, start, end):
        return {
            "name": line.name,
            "product_id": line.product_id.id,
            "quantity": line.quantity,
            "uom_id": line.uom_id.id,
            "price_unit": line.price_unit,
            "recurring_rule_type": line.recurring_rule_type,
            "recurring_interval": line.recurring_interval,
            "recurring_invoicing_type": line.recurring_invoicing_type,
            "date_start": start,
            "date_end": end,
            "recurring_next_date": start,
        }

    def action_aftersales_renew(self):
        """Create the next agreement, carrying the covered units forward."""
        self.ensure_one()
        if not self.can_aftersales_renew:
            raise UserError(
                self.env._(
                    "Agreement %s is not an active after-sales agreement or was "
                    "already renewed.",
                    self.display_name,
                )
            )
        new = self.copy(self._prepare_renewal_vals())
        self.aftersales_renewal_id = new
        self.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref("mail.mail_activity_data_todo")
        ).action_feedback(feedback=self.env._("Renewed by %s", new.display_name))
        return {
            "type": "ir.actions.act_window",
            "res_model": "contract.contract",
            "res_id": new.id,
            "view_mode": "form",
        }

    # ------------------------------------------------------------------
    # Preventive visits
    # ------------------------------------------------------------------
    def _prepare_visit_vals(self, planned_date, unit):
        self.ensure_one()
        return {
            "contract_id": self.id,
            "unit_id": unit.id,
            "site_partner_id": (unit.site_partner_id or self.partner_id).id,
            "planned_date": planned_date,
            "user_id": self.user_id.id,
        }

    def action_aftersales_plan_visits(self):
        """Spread at least the minimum number of visits across the next year."""
        vals_list = []
        for rec in self:
            if rec.aftersales_min_visits <= 0:
                raise UserError(
                    rec.env._(
                        "Agreement %s requires no preventive visits.",
                        rec.display_name,
                    )
                )
            start = rec.date_start
            end = rec.date_end or (start + relativedelta(years=1, days=-1))
            end = min(end, start + relativedelta(years=1, days=-1))
            existing = rec.aftersales_visit_ids.filtered(
                lambda v, s=start, e=end: (
                    v.state != "cancelled" and s <= v.planned_date <= e
                )
            )
            missing = rec.aftersales_min_visits - len(existing)
            if missing <= 0:
                continue
            span = (end - start).days + 1
            step = span / rec.aftersales_min_visits
            units = rec.aftersales_unit_ids
            taken = set(existing.mapped("planned_date"))
            for i in range(rec.aftersales_min_visits):
                day = start + timedelta(days=int(step * i + step / 2))
                if missing <= 0:
                    break
                if day in taken:
                    continue
                unit = units[i % len(units)] if units else units
                vals_list.append(rec._prepare_visit_vals(day, unit))
                missing -= 1
        return self.env["aftersales.agreement.visit"].create(vals_list)

    # ------------------------------------------------------------------
    # Fees, all invoiced through contract lines
    # ------------------------------------------------------------------
    @api.model
    def _aftersales_service_days(self, start, end):
        """Days billed for hardware service: a part day counts as a whole day."""
        if not start or not end or end <= start:
            return 0
        seconds = (end - start).total_seconds()
        return int(math.ceil(round(seconds / 86400.0, 6)))

    def _prepare_aftersales_line_vals(
        self, product, price, quantity=1.0, date=None, name=None, recurring=False
    ):
        """A contract line for an after-sales fee.

        ``recurring`` lines run yearly over the agreement's period; the others
        are invoiced once, on ``date``.
        """
        self.ensure_one()
        date = date or fields.Date.context_today(self)
        vals = {
            "contract_id": self.id,
            "product_id": product.id,
            "name": name or product.display_name,
            "quantity": quantity,
            "uom_id": product.uom_id.id,
            "price_unit": price,
            "recurring_invoicing_type": "pre-paid",
        }
        if recurring:
            vals.update(
                {
                    "recurring_rule_type": "yearly",
                    "recurring_interval": 1,
                    "date_start": self.date_start,
                    "date_end": self.date_end,
                    "recurring_next_date": self.date_start,
                }
            )
        else:
            vals.update(
                {
                    "recurring_rule_type": "monthly",
                    "recurring_interval": 1,
                    "date_start": date,
                    "date_end": date,
                    "recurring_next_date": date,
                }
            )
        return vals

    def _aftersales_add_line(self, *args, **kwargs):
        return self.env["contract.line"].create(
            self._prepare_aftersales_line_vals(*args, **kwargs)
        )

    def action_aftersales_create_fee_lines(self):
        """Contract lines for the signing fee and the yearly software fee."""
        lines = self.env["contract.line"]
        for rec in self:
            rec.line_recurrence = True
            existing = rec.contract_line_ids.mapped("product_id")
            signing = self.env.ref("aftersales_contracts.product_fee_signing")
            if rec.aftersales_signing_fee and signing not in existing:
                lines |= rec._aftersales_add_line(
                    signing, rec.aftersales_signing_fee, date=rec.date_start
                )
            software = self.env.ref("aftersales_contracts.product_fee_software")
            if rec.aftersales_software_fee and software not in existing:
                lines |= rec._aftersales_add_line(
                    software, rec.aftersales_software_fee, recurring=True
                )
        return lines

    def _aftersales_add_service_day(self, start, end, unit=None):
        """Bill a hardware service intervention (+ travel outside the city)."""
        self.ensure_one()
        self.line_recurrence = True
        days = self._aftersales_service_days(start, end)
        lines = self.env["contract.line"]
        date = fields.Date.context_today(self, end)
        if days:
            lines |= self._aftersales_add_line(
                self.env.ref("aftersales_contracts.product_fee_service_day"),
                self.aftersales_day_rate,
                quantity=days,
                date=date,
            )
        if unit and unit.zone != "city" and self.aftersales_travel_fee:
            lines |= self._aftersales_add_line(
                self.env.ref("aftersales_contracts.product_fee_travel"),
                self.aftersales_travel_fee,
                date=date,
            )
        return lines

    # Late payment surcharge --------------------------------------------
    def _aftersales_overdue_invoices(self, on_date):
        return self._get_related_invoices().filtered(
            lambda m: (
                m.move_type == "out_invoice"
                and m.state == "posted"
                and m.payment_state in ("not_paid", "partial")
                and m.invoice_date_due
                and m.invoice_date_due < on_date
            )
        )

    def _aftersales_late_surcharge(self, on_date=None):
        """Amount of surcharge not yet charged, per overdue invoice."""
        self.ensure_one()
        on_date = on_date or fields.Date.context_today(self)
        pct = self.company_id.aftersales_late_fee_per_day_pct
        result = {}
        for move in self._aftersales_overdue_invoices(on_date):
            since = max(
                move.invoice_date_due,
                move.aftersales_surcharged_until or move.invoice_date_due,
            )
            days = (on_date - since).days
            if days <= 0:
                continue
            amount = move.currency_id.round(move.amount_residual * pct / 100.0 * days)
            if amount:
                result[move] = (days, amount)
        return result

    def action_aftersales_late_surcharge(self, on_date=None):
        """Add one contract line with the surcharge due, charging each day once."""
        on_date = on_date or fields.Date.context_today(self)
        product = self.env.ref("aftersales_contracts.product_fee_late_payment")
        lines = self.env["contract.line"]
        for rec in self.filtered("aftersales_kind"):
            surcharge = rec._aftersales_late_surcharge(on_date)
            if not surcharge:
                continue
            rec.line_recurrence = True
            total = sum(amount for _days, amount in surcharge.values())
            name = self.env._(
                "Late payment surcharge until %(date)s (%(invoices)s)",
                date=on_date,
                invoices=", ".join(m.name for m in surcharge),
            )
            lines |= rec._aftersales_add_line(product, total, date=on_date, name=name)
            for move in surcharge:
                move.aftersales_surcharged_until = on_date
        return lines

    @api.model
    def _cron_aftersales_late_surcharge(self, today=None):
        agreements = self.search([("aftersales_kind", "!=", False)])
        return agreements.action_aftersales_late_surcharge(today)

    # ------------------------------------------------------------------
    # Distributor settlement (vendor bill proposal)
    # ------------------------------------------------------------------
    def _aftersales_settlement_repairs(self, month_start):
        month_end = month_start + relativedelta(months=1)
        return self.env["repair.order"].search(
            [
                ("aftersales_agreement_id", "in", self.ids),
                ("state", "=", "done"),
                ("aftersales_settlement_bill_id", "=", False),
                ("aftersales_closed_date", ">=", month_start),
                ("aftersales_closed_date", "<", month_end),
            ]
        )

    def _aftersales_repair_fund_amount(self, year):
        """N% of the distributor's settled (posted) sales invoices of a year."""
        self.ensure_one()
        data = self.env["account.move"]._read_group(
            [
                ("move_type", "in", ("out_invoice", "out_refund")),
                ("state", "=", "posted"),
                (
                    "commercial_partner_id",
                    "=",
                    self.partner_id.commercial_partner_id.id,
                ),
                ("invoice_date", ">=", fields.Date.to_date(f"{year}-01-01")),
                ("invoice_date", "<=", fields.Date.to_date(f"{year}-12-31")),
                ("company_id", "=", self.company_id.id),
            ],
            [],
            ["amount_untaxed_signed:sum"],
        )
        sales = data[0][0] or 0.0
        return self.currency_id.round(sales * self.aftersales_repair_fund_pct / 100.0)

    def action_aftersales_settlement_bill(self, month_start=None):
        """Draft vendor bill per distributor from its closed repairs of a month."""
        if not month_start:
            month_start = fields.Date.context_today(self).replace(
                day=1
            ) - relativedelta(months=1)
        bills = self.env["account.move"]
        for rec in self.filtered(lambda c: c.aftersales_kind == "distributor"):
            repairs = rec._aftersales_settlement_repairs(month_start)
            in_warranty = repairs.filtered("under_warranty")
            onsite = repairs.filtered("aftersales_onsite")
            lines = []
            if in_warranty and rec.aftersales_repair_unit_fee:
                lines.append(
                    Command.create(
                        {
                            "name": self.env._(
                                "In-warranty repairs %s", month_start.strftime("%Y-%m")
                            ),
                            "quantity": len(in_warranty),
                            "price_unit": rec.aftersales_repair_unit_fee,
                        }
                    )
                )
            if onsite and rec.aftersales_visit_fee:
                lines.append(
                    Command.create(
                        {
                            "name": self.env._(
                                "On-site visits %s", month_start.strftime("%Y-%m")
                            ),
                            "quantity": len(onsite),
                            "price_unit": rec.aftersales_visit_fee,
                        }
                    )
                )
            if month_start.month == 12:
                fund = rec._aftersales_repair_fund_amount(month_start.year)
                if fund:
                    lines.append(
                        Command.create(
                            {
                                "name": self.env._("Repair fund %s", month_start.year),
                                "quantity": 1,
                                "price_unit": fund,
                            }
                        )
                    )
            if not lines:
                continue
            bill = self.env["account.move"].create(
                {
                    "move_type": "in_invoice",
                    "partner_id": rec.partner_id.id,
                    "company_id": rec.company_id.id,
                    "invoice_date": month_start + relativedelta(months=1, days=-1),
                    "ref": self.env._(
                        "Service settlement %(agreement)s %(month)s",
                        agreement=rec.display_name,
                        month=month_start.strftime("%Y-%m"),
                    ),
                    "invoice_line_ids": lines,
                }
            )
            repairs.write({"aftersales_settlement_bill_id": bill.id})
            bills |= bill
        return bills

    @api.model
    def _cron_aftersales_settlement(self):
        return self.search(
            [("aftersales_kind", "=", "distributor")]
        ).action_aftersales_settlement_bill()

    # ------------------------------------------------------------------
    # Initial parts stock (铺底)
    # ------------------------------------------------------------------
    def action_aftersales_propose_initial_stock(self):
        """Propose N% of the distributor's M months' sales of covered products."""
        for rec in self:
            products = rec.aftersales_unit_ids.mapped("product_id")
            if not products:
                raise UserError(
                    rec.env._(
                        "Agreement %s covers no product: add covered units first.",
                        rec.display_name,
                    )
                )
            since = fields.Date.context_today(rec) - relativedelta(
                months=rec.aftersales_initial_stock_months
            )
            sold = dict(
                self.env["sale.order.line"]._read_group(
                    [
                        (
                            "order_id.partner_id",
                            "child_of",
                            rec.partner_id.commercial_partner_id.id,
                        ),
                        ("state", "=", "sale"),
                        (
                            "order_id.date_order",
                            ">=",
                            fields.Datetime.to_datetime(since),
                        ),
                        ("product_id", "in", products.ids),
                    ],
                    ["product_id"],
                    ["product_uom_qty:sum"],
                )
            )
            rec.aftersales_initial_stock_ids.unlink()
            self.env["aftersales.initial.stock.line"].create(
                [
                    {
                        "contract_id": rec.id,
                        "product_id": product.id,
                        "sold_qty": sold.get(product, 0.0),
                        "quantity": math.ceil(
                            round(
                                sold.get(product, 0.0)
                                * rec.aftersales_initial_stock_pct
                                / 100.0,
                                6,
                            )
                        ),
                    }
                    for product in products
                ]
            )
        return True

    def action_aftersales_initial_stock_delivery(self):
        """Turn the initial stock proposal into a delivery to the distributor."""
        self.ensure_one()
        lines = self.aftersales_initial_stock_ids.filtered(lambda ln: ln.quantity > 0)
        if not lines:
            raise UserError(
                self.env._(
                    "Agreement %s has no initial stock to deliver.", self.display_name
                )
            )
        if self.aftersales_initial_picking_id:
            raise UserError(
                self.env._(
                    "The initial stock of agreement %s was already delivered.",
                    self.display_name,
                )
            )
        warehouse = self.env["stock.warehouse"].search(
            [("company_id", "=", self.company_id.id)], limit=1
        )
        picking_type = warehouse.out_type_id
        dest = self.partner_id.property_stock_customer
        picking = self.env["stock.picking"].create(
            {
                "partner_id": self.partner_id.id,
                "picking_type_id": picking_type.id,
                "location_id": picking_type.default_location_src_id.id,
                "location_dest_id": dest.id,
                "origin": self.display_name,
                "move_ids": [
                    Command.create(
                        {
                            "name": (line.part_id or line.product_id).display_name,
                            "product_id": (line.part_id or line.product_id).id,
                            "product_uom_qty": line.quantity,
                            "product_uom": (line.part_id or line.product_id).uom_id.id,
                            "location_id": picking_type.default_location_src_id.id,
                            "location_dest_id": dest.id,
                        }
                    )
                    for line in lines
                ],
            }
        )
        self.aftersales_initial_picking_id = picking
        return {
            "type": "ir.actions.act_window",
            "res_model": "stock.picking",
            "res_id": picking.id,
            "view_mode": "form",
        }

    # ------------------------------------------------------------------
    def action_aftersales_view_swaps(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "aftersales_contracts.action_aftersales_part_swap"
        )
        action["domain"] = [("contract_id", "=", self.id)]
        action["context"] = {"default_contract_id": self.id}
        return action

    def action_aftersales_view_visits(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "aftersales_contracts.action_aftersales_agreement_visit"
        )
        action["domain"] = [("contract_id", "=", self.id)]
        action["context"] = {"default_contract_id": self.id}
        return action

    @api.constrains("aftersales_kind", "date_start", "date_end", "active")
    def _check_aftersales_unique_serial(self):
        self.mapped("aftersales_unit_ids")._check_unique_active_serial()

    @api.constrains("aftersales_min_visits", "aftersales_callback_target")
    def _check_aftersales_numbers(self):
        for rec in self:
            if rec.aftersales_min_visits < 0 or not (
                0 <= rec.aftersales_callback_target <= 100
            ):
                raise ValidationError(
                    rec.env._(
                        "Agreement %s: visits cannot be negative and the callback "
                        "target must be between 0 and 100 %%.",
                        rec.display_name,
                    )
                )
