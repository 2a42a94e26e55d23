# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import math

from odoo import api, fields, models
from odoo.exceptions import ValidationError

# A service of more days, or a cost of more, is a typo, not an intervention.
MAX_SERVICE_DAYS = 366
MAX_SERVICE_COST = 1e7


class ContractContract(models.Model):
    """Days on site and travel re-billed to the agreement's next invoice.

    ``_aftersales_bill_service_days`` is the one entry point: completed
    preventive visits call it, and so do completed dispatch orders (on-site
    service) and any other on-site work. It is idempotent per source record.
    """

    _inherit = "contract.contract"

    @api.model
    def _aftersales_service_days(self, start, end):
        """Days billed for hardware service: a part day counts as a whole day
        (不足一天按一天计算): 0.5 day -> 1, 1 day -> 1, 1.01 days -> 2."""
        if not start or not end or end <= start:
            return 0
        seconds = (end - start).total_seconds()
        return math.ceil(round(seconds / 86400.0, 6))

    @api.model
    def _aftersales_source_ref(self, source):
        source.ensure_one()
        return f"{source._name},{source.id}"

    @api.model
    def _aftersales_source_unit(self, source):
        """The covered unit a source (visit, dispatch order...) served."""
        for fname in ("unit_id", "aftersales_agreement_unit_id"):
            field = source._fields.get(fname)
            if field and field.comodel_name == "aftersales.agreement.unit":
                return source[fname]
        return self.env["aftersales.agreement.unit"]

    def _aftersales_bill_service_days(
        self, start, end, source, travel_cost=0.0, lodging_cost=0.0, unit=None
    ):
        """Add the on-site service of ``source`` to this agreement's next
        invoice, once per source: the days on site at the day rate (a part day
        is a day), the travel fee of a unit outside the city, and the travel
        and lodging at cost where the customer bears them.

        Returns the contract lines of the source (existing ones when it was
        already billed).
        """
        self.ensure_one()
        ref = self._aftersales_source_ref(source)
        existing = (
            self.env["contract.line"]
            .sudo()
            .search(
                [("contract_id", "=", self.id), ("aftersales_source_ref", "=", ref)]
            )
        )
        if existing:
            return existing.sudo(False)
        name = source.display_name
        if start and end and end < start:
            raise ValidationError(
                self.env._(
                    "%(record)s: the service ends (%(end)s) before it starts "
                    "(%(start)s).",
                    record=name,
                    start=start,
                    end=end,
                )
            )
        days = self._aftersales_service_days(start, end)
        if days > MAX_SERVICE_DAYS:
            raise ValidationError(
                self.env._(
                    "%(record)s: %(days)s days on site is more than %(max)s.",
                    record=name,
                    days=days,
                    max=MAX_SERVICE_DAYS,
                )
            )
        for label, cost in (
            (self.env._("Travel cost"), travel_cost),
            (self.env._("Lodging cost"), lodging_cost),
        ):
            if not (
                isinstance(cost, int | float)
                and math.isfinite(cost)
                and 0 <= cost <= MAX_SERVICE_COST
            ):
                raise ValidationError(
                    self.env._(
                        "%(record)s: %(what)s %(cost)s must be between 0 and %(max)s.",
                        record=name,
                        what=label,
                        cost=cost,
                        max=MAX_SERVICE_COST,
                    )
                )
        unit = unit if unit is not None else self._aftersales_source_unit(source)
        date = fields.Date.context_today(self, end or start or fields.Datetime.now())
        ref_name = self.env._("%(fee)s: %(record)s")
        vals_list = []

        def add(xmlid, price, quantity, fee_kind):
            product = self.env.ref(xmlid)
            vals_list.append(
                self._prepare_aftersales_line_vals(
                    product,
                    price,
                    quantity=quantity,
                    date=date,
                    name=ref_name % {"fee": product.display_name, "record": name},
                    fee_kind=fee_kind,
                    source_ref=ref,
                )
            )

        if days and self.aftersales_day_rate:
            add(
                "aftersales_contracts.product_fee_service_day",
                self.aftersales_day_rate,
                days,
                "service_day",
            )
        if unit and unit.zone != "city" and self.aftersales_travel_fee:
            add(
                "aftersales_contracts.product_fee_travel",
                self.aftersales_travel_fee,
                1,
                "travel_fee",
            )
        if self.aftersales_customer_bears_travel:
            if travel_cost:
                add(
                    "aftersales_contracts.product_fee_travel_cost",
                    travel_cost,
                    1,
                    "travel_cost",
                )
            if lodging_cost:
                add(
                    "aftersales_contracts.product_fee_lodging_cost",
                    lodging_cost,
                    1,
                    "lodging_cost",
                )
        return self._aftersales_add_lines(vals_list)
