# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import io
from datetime import date, datetime

from freezegun import freeze_time
from PIL import Image, ImageDraw

from odoo import Command
from odoo.tests.common import new_test_user

from .common import AftersalesContractsCommon


def _signature_png():
    """A small hand-drawn-looking signature (PNG, base64)."""
    image = Image.new("RGB", (240, 90), "white")
    draw = ImageDraw.Draw(image)
    draw.line(
        [(10, 60), (40, 20), (70, 70), (100, 25), (130, 65), (170, 30), (220, 55)],
        fill="navy",
        width=4,
    )
    buf = io.BytesIO()
    image.save(buf, format="PNG")
    return base64.b64encode(buf.getvalue()).decode()


SIGNATURE = _signature_png()


class AftersalesOnsiteCommon(AftersalesContractsCommon):
    """On-site service on top of the addon's fixture: Hangzhou city and
    county territories served by distributor Li's service point (a repair
    lead and a technician, both portal users), another service point of
    distributor Zhao elsewhere, and customers in the city, in a county and
    at an address no territory covers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write(
            {
                "aftersales_city_response_hours": 24.0,
                "aftersales_suburb_response_hours": 48.0,
                "aftersales_local_response_hours": 24.0,
                "aftersales_remote_response_days": 3,
                "aftersales_onsite_warning_hours": 2.0,
                "aftersales_onsite_manager_id": cls.manager.id,
            }
        )
        cls.dist_agreement.write(
            {"aftersales_city_hours": 24.0, "aftersales_suburb_hours": 48.0}
        )
        Territory = cls.env["res.territory"]
        cls.t_city = Territory.create(
            {
                "name": "Chengdu City",
                "type": "zip",
                "zip_codes": "6100*",
                "aftersales_zone": "city",
            }
        )
        cls.t_county = Territory.create(
            {
                "name": "Chengdu Counties",
                "type": "zip",
                "zip_codes": "6115*, 611600",
                "aftersales_zone": "suburb",
            }
        )
        cls.t_other = Territory.create(
            {
                "name": "Nanjing",
                "type": "zip",
                "zip_codes": "2100*",
                "aftersales_zone": "city",
            }
        )
        Person = cls.env["fsm.person"]
        cls.lead_partner = cls.env["res.partner"].create(
            {
                "name": "Lead Wu",
                "parent_id": cls.distributor.id,
                "email": "wu@li.example",
            }
        )
        cls.tech_partner = cls.env["res.partner"].create(
            {
                "name": "Tech Chen",
                "parent_id": cls.distributor.id,
                "email": "chen@li.example",
            }
        )
        cls.lead = Person.create({"partner_id": cls.lead_partner.id})
        cls.tech = Person.create({"partner_id": cls.tech_partner.id})
        cls.tech_user = new_test_user(
            cls.env,
            login="tech_chen",
            password="tech_chen_pwd",
            groups="base.group_portal",
            partner_id=cls.tech_partner.id,
        )
        cls.point = cls.env["aftersales.service.point"].create(
            {
                "name": "Li Chengdu Service Point",
                "contract_id": cls.dist_agreement.id,
                "partner_id": cls.distributor.id,
                "territory_ids": [Command.set((cls.t_city | cls.t_county).ids)],
                "lead_id": cls.lead.id,
                "technician_ids": [Command.set(cls.tech.ids)],
            }
        )
        cls.dist_agreement2 = cls._make_agreement(
            cls.distributor2, "distributor", date(2026, 1, 1), date(2026, 12, 31), []
        )
        cls.other_tech_partner = cls.env["res.partner"].create(
            {"name": "Tech Zhou", "parent_id": cls.distributor2.id}
        )
        cls.other_tech = Person.create({"partner_id": cls.other_tech_partner.id})
        cls.other_user = new_test_user(
            cls.env,
            login="tech_zhou",
            password="tech_zhou_pwd",
            groups="base.group_portal",
            partner_id=cls.other_tech_partner.id,
        )
        cls.point2 = cls.env["aftersales.service.point"].create(
            {
                "name": "Zhao Nanjing Service Point",
                "contract_id": cls.dist_agreement2.id,
                "partner_id": cls.distributor2.id,
                "territory_ids": [Command.set(cls.t_other.ids)],
                "technician_ids": [Command.set(cls.other_tech.ids)],
            }
        )
        Partner = cls.env["res.partner"]
        cls.city_customer = Partner.create(
            {
                "name": "Mrs Lin (city)",
                "zip": "610012",
                "city": "Chengdu",
                "street": "1 West Lake Road",
                "phone": "+86 571 0000 1111",
            }
        )
        cls.county_customer = Partner.create(
            {
                "name": "Mr Xu (county)",
                "zip": "611500",
                "city": "Pujiang",
                "street": "8 River Street",
                "phone": "+86 571 0000 2222",
            }
        )
        cls.nanjing_customer = Partner.create(
            {
                "name": "Mr Sun (Nanjing)",
                "zip": "210005",
                "city": "Nanjing",
                "phone": "+86 25 0000 3333",
            }
        )
        cls.far_customer = Partner.create(
            {"name": "Ms Ma (nowhere)", "zip": "999999", "city": "Far"}
        )
        cls.card_city = cls._make_card(cls.city_customer, cls.lot3, date(2026, 1, 10))
        cls.labour = cls.env["product.product"].create(
            {
                "name": "On-site labour",
                "type": "service",
                "list_price": 50.0,
                "standard_price": 20.0,
                "aftersales_onsite_fee": True,
                "taxes_id": False,
            }
        )

    @classmethod
    def _make_card(cls, partner, lot, start):
        return (
            cls.env["aftersales.warranty"]
            .sudo()
            .create(
                {
                    "partner_id": partner.id,
                    "product_id": lot.product_id.id,
                    "lot_id": lot.id,
                    "start_date": start,
                    "duration": 12,
                    "duration_type": "month",
                }
            )
        )

    def _ticket(self, partner, reported_on=datetime(2026, 3, 2, 8, 0), **vals):
        with freeze_time(reported_on):
            return self.env["helpdesk.ticket"].create(
                dict(
                    {
                        "name": "Heater does not ignite / 热水器不点火",
                        "description": "The water heater does not ignite.",
                        "partner_id": partner.id,
                        "aftersales_reported_on": reported_on,
                    },
                    **vals,
                )
            )

    def _dispatch(self, ticket, at=datetime(2026, 3, 2, 8, 30), **kwargs):
        with freeze_time(at):
            ids = ticket.aftersales_dispatch(**kwargs)
        return self.env["fsm.order"].browse(ids)

    def _complete(self, order, at=datetime(2026, 3, 2, 12, 0)):
        """Check in, record the work, sign and complete (as the server)."""
        with freeze_time(at):
            if not order.aftersales_arrived_on:
                order.action_aftersales_check_in()
            order.resolution = "<p>Replaced the ignition electrode.</p>"
            order._aftersales_sign("Mrs Lin", SIGNATURE)
            order.action_complete()
        return order
