# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import math

from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.aftersales_service.tools import (
    action_scope,
    format_reader_date,
    in_action_scope,
)

# Upper bound of any fee, rate or price typed on an agreement.
MAX_AMOUNT = 1e9

FEE_KINDS = [
    ("signing", "Fee paid at signing"),
    ("software", "Software maintenance"),
    ("service_day", "Hardware service day"),
    ("travel_fee", "Travel fee outside the city"),
    ("travel_cost", "Travel at cost"),
    ("lodging_cost", "Lodging at cost"),
    ("late_payment", "Late payment surcharge"),
]


class ContractContract(models.Model):
    """The fees of an agreement and its signature.

    Each kind invoices what its template says, through ``contract.line``
    records the contract's recurring invoicing bills:

    - equipment maintenance: the fee paid at signing (签订时支付), invoiced when
      the agreement is signed; the travel fee outside the city per visit;
    - software maintenance: the yearly fee, a percentage of the software
      price (single-user / network rates from Settings as defaults), and the
      hardware service days (``contract_contract_service.py``);
    - distributor: fees paid *to* the distributor (settlement, its own file).

    Once signed, the agreement's terms are frozen: a change is a new agreement
    (renewal), not an edit.
    """

    _inherit = "contract.contract"

    aftersales_signed_on = fields.Date(
        string="Agreement Signed On", copy=False, readonly=True, tracking=True
    )
    aftersales_signing_move_id = fields.Many2one(
        "account.move", string="Signing Invoice", copy=False, readonly=True
    )
    can_aftersales_sign = fields.Boolean(compute="_compute_can_aftersales_sign")
    # Fees
    aftersales_signing_fee = fields.Monetary(
        string="Fee Paid at Signing",
        currency_field="currency_id",
        tracking=True,
        help="Maintenance fee the customer pays when the agreement is signed.",
    )
    aftersales_software_price = fields.Monetary(
        string="Software Price",
        currency_field="currency_id",
        tracking=True,
        help="Full price of the software the yearly fee is a " "percentage of.",
    )
    aftersales_software_edition = fields.Selection(
        [("single", "Single-user"), ("network", "Network")],
        string="Software Edition",
        default="single",
    )
    aftersales_software_fee_pct = fields.Float(
        string="Yearly Fee (% of price)",
        compute="_compute_aftersales_software_fee_pct",
        store=True,
        readonly=False,
        copy=True,
        tracking=True,
        help="Yearly maintenance fee as a percentage of the software price; "
        "defaults to the Settings rate of the edition.",
    )
    aftersales_software_fee = fields.Monetary(
        string="Yearly Maintenance Fee",
        compute="_compute_aftersales_software_fee",
        currency_field="currency_id",
    )
    aftersales_day_rate = fields.Monetary(
        string="Hardware Service per Day",
        currency_field="currency_id",
        tracking=True,
        help="Hardware and network service per day on site; a part day counts "
        "as a day.",
    )
    aftersales_customer_bears_travel = fields.Boolean(
        string="Customer Bears Travel and Lodging",
        compute="_compute_aftersales_customer_bears_travel",
        store=True,
        readonly=False,
        copy=True,
        help="Travel, transport and lodging of on-site service are re-billed at "
        "cost.",
    )
    aftersales_travel_fee = fields.Monetary(
        string="Travel Fee (outside the city)",
        currency_field="currency_id",
        tracking=True,
        help="Flat labour and travel fee of a visit outside the city.",
    )

    @api.model
    def _aftersales_guarded_fields(self):
        return super()._aftersales_guarded_fields() | {
            "aftersales_signed_on",
            "aftersales_signing_move_id",
        }

    @api.model
    def _aftersales_signed_terms(self):
        """Terms money depends on: frozen once the agreement is signed."""
        return {
            "aftersales_kind",
            "partner_id",
            "aftersales_signing_fee",
            "aftersales_software_price",
            "aftersales_software_edition",
            "aftersales_software_fee_pct",
            "aftersales_day_rate",
            "aftersales_customer_bears_travel",
            "aftersales_travel_fee",
        }

    @api.model
    def _aftersales_money_fields(self):
        """Amounts and rates of an agreement, bounded 0..MAX_AMOUNT."""
        return [
            "aftersales_signing_fee",
            "aftersales_software_price",
            "aftersales_day_rate",
            "aftersales_travel_fee",
        ]

    # ------------------------------------------------------------------
    @api.depends("aftersales_software_edition", "company_id")
    def _compute_aftersales_software_fee_pct(self):
        for rec in self:
            company = rec.company_id or self.env.company
            rec.aftersales_software_fee_pct = (
                company.aftersales_software_fee_network_pct
                if rec.aftersales_software_edition == "network"
                else company.aftersales_software_fee_single_pct
            )

    @api.depends("aftersales_software_price", "aftersales_software_fee_pct")
    def _compute_aftersales_software_fee(self):
        for rec in self:
            rec.aftersales_software_fee = rec.currency_id.round(
                rec.aftersales_software_price * rec.aftersales_software_fee_pct / 100.0
            )

    @api.depends("aftersales_kind")
    def _compute_aftersales_customer_bears_travel(self):
        for rec in self:
            rec.aftersales_customer_bears_travel = rec.aftersales_kind == "software"

    @api.depends("aftersales_kind", "aftersales_signed_on", "active")
    def _compute_can_aftersales_sign(self):
        for rec in self:
            rec.can_aftersales_sign = bool(
                rec.aftersales_kind in ("equipment", "software", "distributor")
                and not rec.aftersales_signed_on
                and rec.active
            )

    @api.constrains(
        "aftersales_signing_fee",
        "aftersales_software_price",
        "aftersales_software_fee_pct",
        "aftersales_day_rate",
        "aftersales_travel_fee",
    )
    def _check_aftersales_fees(self):
        for rec in self:
            for fname in rec._aftersales_money_fields():
                if not 0 <= rec[fname] <= MAX_AMOUNT:
                    raise ValidationError(
                        rec.env._(
                            "Agreement %(agreement)s: %(field)s must be between 0 "
                            "and %(max)s.",
                            agreement=rec.display_name,
                            field=rec._fields[fname]._description_string(rec.env),
                            max=MAX_AMOUNT,
                        )
                    )
            if not 0 <= rec.aftersales_software_fee_pct <= 100:
                raise ValidationError(
                    rec.env._(
                        "Agreement %s: the yearly software fee must be between 0 "
                        "and 100 %% of the price.",
                        rec.display_name,
                    )
                )

    def _aftersales_check_number_vals(self, vals):
        """Refuse absurd figures before they reach a field (1e308 overflows
        the rounding of an amount): a clear error naming the field and the
        bound."""
        for fname, value in vals.items():
            field = self._fields.get(fname)
            if (
                not fname.startswith("aftersales_")
                or field is None
                or field.type not in ("float", "monetary", "integer")
                or isinstance(value, bool)
                or not isinstance(value, int | float)
            ):
                continue
            if not (math.isfinite(value) and abs(value) <= MAX_AMOUNT):
                raise ValidationError(
                    self.env._(
                        "%(model)s: %(field)s %(value)s is out of bounds (at most "
                        "%(max)s).",
                        model=self._description,
                        field=field._description_string(self.env),
                        value=value,
                        max=MAX_AMOUNT,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._aftersales_check_number_vals(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._aftersales_check_number_vals(vals)
        terms = self._aftersales_signed_terms().intersection(vals)
        if terms and not (in_action_scope() or self.env.uid == SUPERUSER_ID):
            for rec in self.filtered("aftersales_signed_on"):
                for fname in terms:
                    field = rec._fields[fname]
                    if field.convert_to_cache(
                        vals[fname], rec, validate=False
                    ) != field.convert_to_cache(rec[fname], rec, validate=False):
                        raise UserError(
                            rec.env._(
                                "Agreement %(agreement)s was signed on %(date)s: "
                                "its term '%(field)s' cannot change. Renew it "
                                "with the new terms.",
                                agreement=rec.display_name,
                                date=rec.aftersales_signed_on,
                                field=field._description_string(rec.env),
                            )
                        )
        return super().write(vals)

    # ------------------------------------------------------------------
    # Signature
    # ------------------------------------------------------------------
    def _aftersales_check_manager_or_trusted(self, action):
        if self.env.su or self.env.uid == SUPERUSER_ID:
            return True
        return self.env.user._aftersales_check_manager(self, action)

    def action_aftersales_sign(self):
        """Sign the agreement: its fee lines are created, and the fee paid at
        signing of an equipment agreement is invoiced at once (a draft for
        accounting to post)."""
        self._aftersales_check_manager_or_trusted(self.env._("sign"))
        invoices = self.env["account.move"]
        for rec in self:
            if not rec.can_aftersales_sign:
                raise UserError(
                    rec.env._(
                        "Agreement %s is not an unsigned active after-sales agreement.",
                        rec.display_name,
                    )
                )
            if not rec.date_start or not rec.date_end:
                raise UserError(
                    rec.env._(
                        "Agreement %s needs its period (start and end) before it "
                        "is signed.",
                        rec.display_name,
                    )
                )
            today = fields.Date.context_today(rec)
            with action_scope():
                rec.write({"aftersales_signed_on": today})
                rec._aftersales_create_fee_lines()
                if rec.aftersales_kind == "equipment" and rec.aftersales_signing_fee:
                    invoice = rec._aftersales_invoice_now(
                        rec.contract_line_ids.filtered(
                            lambda ln: ln.aftersales_fee_kind == "signing"
                        )
                    )
                    rec.write({"aftersales_signing_move_id": invoice.id})
                    invoices |= invoice
            rec._aftersales_sync_years()
            rec._aftersales_message_post_auto(
                body=rec.env._(
                    "Agreement signed on %s.", format_reader_date(rec.env, today)
                )
            )
        # a manager without accounting rights stays on the agreement
        if len(invoices) == 1 and self.env["account.move"].has_access("read"):
            return {
                "type": "ir.actions.act_window",
                "res_model": "account.move",
                "res_id": invoices.id,
                "view_mode": "form",
            }
        return True

    # ------------------------------------------------------------------
    # Fee lines
    # ------------------------------------------------------------------
    def _prepare_aftersales_line_vals(
        self,
        product,
        price,
        quantity=1.0,
        date=None,
        name=None,
        recurring=False,
        fee_kind=None,
        source_ref=None,
    ):
        """A contract line for an after-sales fee.

        ``recurring`` lines run yearly over the agreement's period; the others
        are invoiced once, by the agreement's next invoice on or after ``date``.
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
            "aftersales_fee_kind": fee_kind,
            "aftersales_source_ref": source_ref,
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

    def _aftersales_add_lines(self, vals_list):
        """Fee lines built by the agreement's actions from its terms (never
        from what a user typed as is): created as superuser, because agents who
        complete a visit or dispatch order have no right to edit contracts."""
        if not vals_list:
            return self.env["contract.line"]
        contracts = self.browse({vals["contract_id"] for vals in vals_list})
        with action_scope():
            contracts.sudo().write({"line_recurrence": True})
            return self.env["contract.line"].sudo().create(vals_list).sudo(False)

    def _aftersales_add_line(self, *args, **kwargs):
        return self._aftersales_add_lines(
            [self._prepare_aftersales_line_vals(*args, **kwargs)]
        )

    def _aftersales_create_fee_lines(self):
        """Contract lines of the signing fee and the yearly software fee."""
        vals_list = []
        for rec in self:
            existing = set(rec.contract_line_ids.mapped("aftersales_fee_kind"))
            if (
                rec.aftersales_kind == "equipment"
                and rec.aftersales_signing_fee
                and "signing" not in existing
            ):
                vals_list.append(
                    rec._prepare_aftersales_line_vals(
                        self.env.ref("aftersales_contracts.product_fee_signing"),
                        rec.aftersales_signing_fee,
                        date=fields.Date.context_today(rec),
                        fee_kind="signing",
                    )
                )
            if (
                rec.aftersales_kind == "software"
                and rec.aftersales_software_fee
                and "software" not in existing
            ):
                vals_list.append(
                    rec._prepare_aftersales_line_vals(
                        self.env.ref("aftersales_contracts.product_fee_software"),
                        rec.aftersales_software_fee,
                        recurring=True,
                        fee_kind="software",
                    )
                )
        return self._aftersales_add_lines(vals_list)

    def _aftersales_invoice_now(self, lines):
        """Invoice these contract lines now (a draft customer invoice)."""
        self.ensure_one()
        date = min(lines.mapped("recurring_next_date"))
        invoice = (
            self.sudo()
            .with_context(aftersales_only_line_ids=lines.ids)
            ._recurring_create_invoice(date)
        )
        return invoice.sudo(False)

    def _get_lines_to_invoice(self, date_ref):
        lines = super()._get_lines_to_invoice(date_ref)
        only = self.env.context.get("aftersales_only_line_ids")
        if only is not None:
            lines = lines.filtered(lambda ln: ln.id in only)
        return lines

    @api.model
    def _aftersales_create_draft_moves(self, move_vals, move_types):
        """Draft invoices or bills built by the agreements' actions from values
        this code computed: created as superuser so an after-sales manager
        without accounting rights can prepare them; posting stays with
        accounting."""
        for vals in move_vals:
            if vals.get("move_type") not in move_types:
                raise UserError(self.env._("Only drafts are prepared here."))
            vals.pop("state", None)
        with action_scope():
            return self.env["account.move"].sudo().create(move_vals).sudo(False)
