# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

AFTERSALES_KINDS = [
    ("distributor", "Distributor Service Agreement"),
    ("software", "Software Maintenance"),
    ("equipment", "Equipment Maintenance"),
]


class ContractContract(models.Model):
    """Service agreements (售后服务协议) are OCA contracts with an after-sales kind.

    Recurring fees are ordinary ``contract.line`` records, so the contract's
    own recurring invoicing bills them. Each concern has its own file:
    renewal, preventive visits, fees and surcharge, distributor settlement,
    initial parts stock.
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
    aftersales_exclusions = fields.Text(
        string="Exclusions",
        help="Faults not covered by the agreement, e.g. unstable "
        "voltage, misuse, consumables, unauthorised modification or repair.",
    )
    aftersales_callback_target = fields.Float(
        string="Callback Target (%)",
        default=lambda self: self.env.company.aftersales_callback_target_pct,
    )

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
    def _aftersales_unit_domain(self, lots, on_date, kind=None):
        """Covered units of active agreements covering ``lots`` on a date."""
        domain = [
            ("lot_id", "in", lots.ids),
            ("contract_id.active", "=", True),
            ("contract_id.aftersales_kind", "!=", False),
            ("contract_id.date_start", "<=", on_date),
            "|",
            ("contract_id.date_end", "=", False),
            ("contract_id.date_end", ">=", on_date),
        ]
        if kind:
            domain.append(("contract_id.aftersales_kind", "=", kind))
        return domain

    @api.model
    def _aftersales_find_unit(self, lot, on_date=None, kind=None):
        """The covered unit of an active agreement covering ``lot`` on a date."""
        if not lot:
            return self.env["aftersales.agreement.unit"]
        on_date = on_date or fields.Date.context_today(self)
        return self.env["aftersales.agreement.unit"].search(
            self._aftersales_unit_domain(lot, on_date, kind=kind),
            order="id desc",
            limit=1,
        )

    @api.model
    def _aftersales_find_agreement(self, lot, on_date=None, kind=None):
        """The active agreement covering a serial on a date (or an empty set)."""
        return self._aftersales_find_unit(lot, on_date=on_date, kind=kind).contract_id

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
