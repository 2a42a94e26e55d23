# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.tools.translate import LazyTranslate

_lt = LazyTranslate(__name__)

AGREEMENT_REASONS = {
    "agreement": _lt("Covered by agreement %(agreement)s until %(end_date)s."),
    "agreement_open": _lt("Covered by agreement %(agreement)s (open-ended)."),
    "agreement_excluded": _lt(
        "Covered by agreement %(agreement)s, but the fault is excluded "
        "(%(exclusion)s): charged as out of warranty."
    ),
}


class AftersalesWarranty(models.Model):
    _inherit = "aftersales.warranty"

    @api.model
    def _coverage_reasons(self):
        return {**super()._coverage_reasons(), **AGREEMENT_REASONS}

    @api.model
    def _get_coverage(
        self,
        partner=None,
        product=None,
        lot=None,
        sale_line=None,
        on_date=None,
        excluded=False,
    ):
        """A unit not covered by its warranty card is covered by an active
        agreement of its customer on the reference date (``source`` is then
        ``agreement``). The card's answer wins while it covers the unit."""
        result = super()._get_coverage(
            partner=partner,
            product=product,
            lot=lot,
            sale_line=sale_line,
            on_date=on_date,
            excluded=excluded,
        )
        if not lot or result["state"] in ("in_warranty", "excluded"):
            return result
        on_date = on_date or fields.Date.context_today(self)
        unit = self.env["contract.contract"]._aftersales_find_unit(lot, on_date)
        if not unit:
            return result
        if partner and not lot._aftersales_belongs_to(partner, on_date):
            return result
        contract = unit.contract_id
        values = {"agreement": contract.display_name, "end_date": contract.date_end}
        if excluded:
            values["exclusion"] = (
                excluded.display_name
                if isinstance(excluded, models.Model)
                else self.env._("exclusion")
            )
            state, code = "excluded", "agreement_excluded"
        else:
            state = "in_warranty"
            code = "agreement" if contract.date_end else "agreement_open"
        return self._coverage_result(
            state,
            code,
            values,
            card=result["warranty"] or None,
            end_date=contract.date_end,
            source="agreement",
            agreement=contract,
            registration_pending=result["registration_pending"],
        )
