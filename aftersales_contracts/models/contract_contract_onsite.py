# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, time, timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .res_company_onsite import ONSITE_BOUNDS

#: agreement field overriding each company default (bounds are the company's)
AGREEMENT_RESPONSE_FIELDS = {
    "aftersales_city_hours": "aftersales_city_response_hours",
    "aftersales_suburb_hours": "aftersales_suburb_response_hours",
    "aftersales_local_hours": "aftersales_local_response_hours",
    "aftersales_remote_days": "aftersales_remote_response_days",
}


class ContractContract(models.Model):
    """On-site service under an agreement: its service points, the deadline
    of a visit by zone, the governing agreement of a customer (by serial or
    by territory) and the visits counted for the distributor's settlement."""

    _inherit = "contract.contract"

    aftersales_service_point_ids = fields.One2many(
        "aftersales.service.point", "contract_id", string="Service Points"
    )
    aftersales_service_point_count = fields.Integer(
        string="Service Point Count", compute="_compute_aftersales_onsite_counts"
    )
    aftersales_onsite_order_count = fields.Integer(
        string="On-Site Order Count", compute="_compute_aftersales_onsite_counts"
    )

    def _compute_aftersales_onsite_counts(self):
        orders = dict(
            self.env["fsm.order"]._read_group(
                [("aftersales_agreement_id", "in", self.ids)],
                ["aftersales_agreement_id"],
                ["__count"],
            )
        )
        for rec in self:
            rec.aftersales_service_point_count = len(rec.aftersales_service_point_ids)
            rec.aftersales_onsite_order_count = orders.get(rec, 0)

    @api.constrains(*AGREEMENT_RESPONSE_FIELDS)
    def _check_aftersales_response_bounds(self):
        bounds = {name: (low, high) for name, low, high in ONSITE_BOUNDS}
        for rec in self.filtered("aftersales_kind"):
            for fname, company_field in AGREEMENT_RESPONSE_FIELDS.items():
                low, high = bounds[company_field]
                if not low <= rec[fname] <= high:
                    raise ValidationError(
                        self.env._(
                            "Agreement %(agreement)s: '%(field)s' must be between "
                            "%(low)s and %(high)s (got %(value)s).",
                            agreement=rec.display_name,
                            field=rec._fields[fname]._description_string(self.env),
                            low=low,
                            high=high,
                            value=rec[fname],
                        )
                    )

    # ------------------------------------------------------------------
    # Deadlines
    # ------------------------------------------------------------------
    def _aftersales_onsite_deadline(self, start, zone, company=None):
        """Deadline of an on-site visit called at ``start`` (UTC datetime) in
        ``zone``: city hours (software agreements: local hours), suburb or
        county hours, or remote days; from this agreement, else from the
        company's Settings. Plain hours, round the clock (as the seed counts
        them)."""
        rec = self[:1]
        company = company or rec.company_id or self.env.company
        kind = rec.aftersales_kind
        if zone == "remote":
            days = rec.aftersales_remote_days if rec else 0
            return start + timedelta(
                days=days or company.aftersales_remote_response_days
            )
        if zone == "suburb":
            hours = rec.aftersales_suburb_hours if rec else 0.0
            hours = hours or company.aftersales_suburb_response_hours
        elif kind == "software":
            hours = (
                rec.aftersales_local_hours or company.aftersales_local_response_hours
            )
        else:
            hours = rec.aftersales_city_hours if rec else 0.0
            hours = hours or company.aftersales_city_response_hours
        return start + timedelta(hours=hours)

    # ------------------------------------------------------------------
    # The governing agreement of a customer's site
    # ------------------------------------------------------------------
    @api.model
    def _aftersales_governing(
        self,
        lot=None,
        site_partner=None,
        on_date=None,
        company=None,
        unit=None,
        cache=None,
        location=None,
        called_on=None,
    ):
        """Who serves a unit at a site, under which agreement, in which zone.

        By serial first: the active agreement covering the serial (its unit
        gives the zone). Else by territory: the address falls in a territory
        served by a distributor's service point, whose agreement governs.
        ``unit``: the covered unit when the caller already looked it up;
        ``location``: the site's service location when the caller knows it
        (else the site partner's own location, if any, is looked up);
        ``called_on``: when ``on_date`` is not given, the date of this UTC
        datetime in the user's time zone (read only when a territory or a
        serial needs it), else today.
        Returns a dict with ``agreement``, ``unit``, ``service_point``,
        ``territory`` and ``zone``.
        """
        company = company or self.env.company
        cache = cache or {}
        # reference data read by the server whoever asks (a portal customer or
        # a plain employee logging a call may not read service points)
        Territory = self.env["res.territory"].sudo()
        territory = Territory.browse()
        # without any territory no site has one: nothing to look up
        if site_partner and Territory._aftersales_matching_data():
            if location:
                location = location.sudo()
            else:
                location = (
                    self.env["fsm.location"]
                    .sudo()
                    .search_fetch(
                        [("partner_id", "=", site_partner.id)],
                        ["territory_id"],
                        limit=1,
                    )
                )
            if location.territory_id:
                territory = location.territory_id
            else:
                territory = Territory._aftersales_match_partner(
                    site_partner, territories=cache.get("territories")
                )
        if not on_date and (territory or lot):
            # the user's time zone is read once a territory or a serial needs it
            on_date = fields.Date.context_today(self, called_on)
        ServicePoint = self.env["aftersales.service.point"].sudo()
        service_point = ServicePoint._aftersales_for_territory(
            territory, company=company, on_date=on_date, points=cache.get("points")
        )
        if unit is None:
            unit = self._aftersales_find_unit(lot, on_date=on_date) if lot else None
        unit = unit or self.env["aftersales.agreement.unit"]
        if unit:
            agreement = unit.contract_id
            zone = unit.zone
            if agreement.aftersales_kind == "distributor":
                service_point = (
                    agreement.aftersales_service_point_ids.filtered(
                        lambda p: territory & p.territory_ids
                    )[:1]
                    or service_point
                    or agreement.aftersales_service_point_ids[:1]
                )
        else:
            agreement = self.sudo().browse(
                ServicePoint._aftersales_agreement_id_of(service_point.id)
            )
            zone = Territory._aftersales_zone_of(territory.id) or "city"
        return {
            "agreement": agreement,
            "unit": unit,
            "service_point": service_point,
            "territory": territory,
            "zone": zone or "city",
        }

    # ------------------------------------------------------------------
    # Settlement: on-site visits of the month (per-visit fee)
    # ------------------------------------------------------------------
    def _aftersales_settlement_visits(self, month_start):
        """On-site visits of a distributor agreement completed in the month:
        what the agreement counted so far (its preventive visits done) plus
        the other completed dispatch orders of its service points (上门服务,
        无论远近均按__元计)."""
        self.ensure_one()
        count = super()._aftersales_settlement_visits(month_start)
        start = datetime.combine(month_start, time.min)
        end = start + relativedelta(months=1)
        return count + self.env["fsm.order"].search_count(
            [
                ("aftersales_service_point_id.contract_id", "=", self.id),
                # a dispatched preventive visit is counted as the visit done
                ("aftersales_visit_id", "=", False),
                ("aftersales_finished_on", ">=", start),
                ("aftersales_finished_on", "<", end),
            ]
        )

    # ------------------------------------------------------------------
    def action_aftersales_view_service_points(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "aftersales_contracts.action_aftersales_service_point"
        )
        action["domain"] = [("contract_id", "=", self.id)]
        action["context"] = {
            "default_contract_id": self.id,
            "default_partner_id": self.partner_id.id,
        }
        return action

    def action_aftersales_view_onsite_orders(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "aftersales_contracts.action_aftersales_onsite_order"
        )
        action["domain"] = [("aftersales_agreement_id", "=", self.id)]
        return action
