# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup, escape

from odoo import api, fields, models, tools
from odoo.exceptions import ValidationError

#: what ``_aftersales_serving_data`` reads (and its order)
SERVING_FIELDS = {
    "active",
    "sequence",
    "name",
    "company_id",
    "contract_id",
    "territory_ids",
}


class AftersalesServicePoint(models.Model):
    """A distributor's service point (售后服务机构, 维修点).

    Under its distributor agreement it serves every unit in its territories
    (所辖区域), with a named repair lead and technicians (维修负责人和专职维修
    人员) trained by the maker. A change of lead or technicians is logged and
    the maker's after-sales manager is told (如有变动应及时通知甲方).
    """

    _name = "aftersales.service.point"
    _description = "Service Point"
    _inherit = ["mail.thread", "mail.activity.mixin", "aftersales.cache.mixin"]
    # the serving data is cached (create, unlink and these fields clear it)
    _aftersales_cache_fields = frozenset(SERVING_FIELDS)
    _order = "sequence, name, id"

    name = fields.Char(required=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda s: s.env.company
    )
    contract_id = fields.Many2one(
        "contract.contract",
        string="Distributor Agreement",
        required=True,
        index=True,
        tracking=True,
        domain="[('aftersales_kind', '=', 'distributor'), "
        "('company_id', '=', company_id)]",
    )
    distributor_id = fields.Many2one(
        related="contract_id.partner_id.commercial_partner_id",
        string="Distributor",
        store=True,
        index=True,
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Service Point Contact",
        required=True,
        tracking=True,
        help="Address, phone and e-mail of the service point; its warnings are "
        "sent here. A contact of the distributor (or the distributor itself).",
    )
    phone = fields.Char(related="partner_id.phone")
    email = fields.Char(related="partner_id.email")
    territory_ids = fields.Many2many(
        "res.territory",
        "aftersales_service_point_territory_rel",
        "service_point_id",
        "territory_id",
        string="Territories",
        help="Areas this service point must serve: a customer whose "
        "address falls in one of them is dispatched here.",
    )
    lead_id = fields.Many2one(
        "fsm.person",
        string="Repair Lead",
        help="The named repair lead of the service point.",
    )
    technician_ids = fields.Many2many(
        "fsm.person",
        "aftersales_service_point_person_rel",
        "service_point_id",
        "person_id",
        string="Technicians",
        help="The service point's qualified technicians.",
    )
    training_ids = fields.One2many(
        "aftersales.technician.training", "service_point_id", string="Trainings"
    )
    member_partner_ids = fields.Many2many(
        "res.partner",
        "aftersales_service_point_member_rel",
        "service_point_id",
        "partner_id",
        string="Members",
        compute="_compute_member_partner_ids",
        store=True,
        help="The service point's contact, lead and technicians: their portal "
        "users see the service point's orders.",
    )
    order_ids = fields.One2many(
        "fsm.order", "aftersales_service_point_id", string="Dispatch Orders"
    )
    open_order_count = fields.Integer(compute="_compute_order_stats")
    late_order_count = fields.Integer(compute="_compute_order_stats")
    last_change_on = fields.Datetime(
        string="Staff Changed On",
        readonly=True,
        copy=False,
        help="When the repair lead or the technicians last changed.",
    )
    last_change_by_id = fields.Many2one(
        "res.users", string="Staff Changed By", readonly=True, copy=False
    )

    @api.depends("partner_id", "lead_id.partner_id", "technician_ids.partner_id")
    def _compute_member_partner_ids(self):
        for point in self:
            point.member_partner_ids = (
                point.partner_id
                | point.lead_id.partner_id
                | point.technician_ids.partner_id
            )

    def _compute_order_stats(self):
        Order = self.env["fsm.order"]
        base = [("aftersales_service_point_id", "in", self.ids)]
        opened = dict(
            Order._read_group(
                base + [("is_closed", "=", False)],
                ["aftersales_service_point_id"],
                ["__count"],
            )
        )
        late = dict(
            Order._read_group(
                base + [("aftersales_late", "=", True)],
                ["aftersales_service_point_id"],
                ["__count"],
            )
        )
        for point in self:
            point.open_order_count = opened.get(point, 0)
            point.late_order_count = late.get(point, 0)

    @api.model
    def _aftersales_guarded_fields(self):
        return super()._aftersales_guarded_fields() | {
            "last_change_on",
            "last_change_by_id",
            "member_partner_ids",
        }

    @api.constrains("partner_id", "contract_id")
    def _check_partner_of_distributor(self):
        for point in self:
            distributor = point.contract_id.partner_id.commercial_partner_id
            if point.partner_id.commercial_partner_id != distributor:
                raise ValidationError(
                    self.env._(
                        "Service point %(point)s: its contact %(contact)s must be "
                        "the distributor %(distributor)s or one of its contacts.",
                        point=point.display_name,
                        contact=point.partner_id.display_name,
                        distributor=distributor.display_name,
                    )
                )

    # ------------------------------------------------------------------
    # Staff changes (如有变动应及时通知甲方)
    # ------------------------------------------------------------------
    def write(self, vals):
        watched = {"lead_id", "technician_ids"} & set(vals)
        before = {}
        if watched:
            before = {p.id: (p.lead_id, p.technician_ids) for p in self}
        res = super().write(vals)
        if watched:
            changed = self.filtered(
                lambda p: before[p.id] != (p.lead_id, p.technician_ids)
            )
            changed._aftersales_staff_changed(before)
        return res

    def _aftersales_staff_changed(self, before):
        if not self:
            return
        self._aftersales_action_write(
            {"last_change_on": fields.Datetime.now(), "last_change_by_id": self.env.uid}
        )
        for point in self:
            old_lead, old_techs = before[point.id]
            lines = []
            if old_lead != point.lead_id:
                lines.append(
                    self.env._(
                        "Repair lead: %(old)s → %(new)s",
                        old=old_lead.name or "-",
                        new=point.lead_id.name or "-",
                    )
                )
            added = point.technician_ids - old_techs
            removed = old_techs - point.technician_ids
            if added:
                lines.append(
                    self.env._("Technicians added: %s", ", ".join(added.mapped("name")))
                )
            if removed:
                lines.append(
                    self.env._(
                        "Technicians removed: %s", ", ".join(removed.mapped("name"))
                    )
                )
            body = Markup("<br/>").join(
                [escape(self.env._("Staff of service point %s changed:", point.name))]
                + [escape(line) for line in lines]
            )
            point._aftersales_message_post_auto(
                body=body, message_type="notification", subtype_xmlid="mail.mt_note"
            )
            manager = point.company_id._aftersales_onsite_manager()
            if manager:
                point._aftersales_activity_schedule_auto(
                    "mail.mail_activity_data_todo",
                    user_id=manager.id,
                    summary=self.env._("Staff change at service point %s", point.name),
                    note=body,
                )

    # ------------------------------------------------------------------
    # Finding the service point of an address
    # ------------------------------------------------------------------
    @api.model
    @tools.ormcache()
    def _aftersales_serving_data(self):
        """The active service points in their order (sequence, name): tuples
        ``(id, company id, agreement id, territory ids)``. Reference data
        read by the server whoever asks (ids only: the caller browses what it
        keeps); cleared when a service point or a territory changes."""
        points = (
            self.sudo()
            .with_context(active_test=True, prefetch_fields=False)
            .search_fetch([], ["company_id", "contract_id", "territory_ids"])
        )
        return tuple(
            (
                point.id,
                point.company_id.id,
                point.contract_id.id,
                frozenset(point.territory_ids.ids),
            )
            for point in points
        )

    @api.model
    def _aftersales_for_territory(
        self, territory, company=None, on_date=None, points=None
    ):
        """The active service point serving a territory under an agreement
        running on ``on_date`` (lowest sequence first). ``points``: the
        candidates (default: every active service point)."""
        if not territory:
            return self.browse()
        on_date = on_date or fields.Date.context_today(self)
        company = company or self.env.company
        rows = self._aftersales_serving_data()
        if points is not None:
            rows = [row for row in rows if row[0] in set(points.ids)]
        territory_ids = set(territory.ids)
        rows = [
            row
            for row in rows
            if row[1] == company.id and not territory_ids.isdisjoint(row[3])
        ]
        if not rows:
            return self.browse()
        # the candidates' agreements, read at once (their dates change with
        # their lines and renewals: not cached)
        agreements = (
            self.env["contract.contract"].sudo().browse([row[2] for row in rows])
        )
        agreements = {agreement.id: agreement for agreement in agreements}
        for point_id, _company_id, agreement_id, _territory_ids in rows:
            agreement = agreements[agreement_id]
            if (
                agreement.active
                and agreement.date_start
                and agreement.date_start <= on_date
                and (not agreement.date_end or agreement.date_end >= on_date)
            ):
                return self.browse(point_id)
        return self.browse()

    @api.model
    def _aftersales_agreement_id_of(self, point_id):
        """The agreement (id) of an active service point, from the serving
        data (False for none)."""
        for row in self._aftersales_serving_data():
            if row[0] == point_id:
                return row[2]
        return False

    def action_view_orders(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "aftersales_contracts.action_aftersales_onsite_order"
        )
        action["domain"] = [("aftersales_service_point_id", "=", self.id)]
        action["context"] = {"default_aftersales_service_point_id": self.id}
        return action
