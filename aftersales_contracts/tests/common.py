# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo import Command
from odoo.tests.common import TransactionCase, new_test_user


class AftersalesContractsCommon(TransactionCase):
    """The one fixture class of aftersales_contracts tests.

    An appliance maker (water heaters, stoves) with a distributor and an
    equipment customer; one equipment agreement for 2026 covering two serials.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.company
        cls.company.write(
            {
                "aftersales_renewal_notice_days": 30,
                "aftersales_late_fee_per_day_pct": 0.2,
                "aftersales_swap_return_days": 30,
                "aftersales_free_part_threshold": 10.0,
                "aftersales_software_fee_single_pct": 15.0,
                "aftersales_software_fee_network_pct": 20.0,
                "aftersales_report_due_day": 5,
            }
        )
        cls.user = new_test_user(
            cls.env,
            login="asc_user",
            groups="aftersales_service.group_aftersales_user",
        )
        cls.manager = new_test_user(
            cls.env,
            login="asc_manager",
            groups="aftersales_service.group_aftersales_manager,"
            "stock.group_stock_user,account.group_account_invoice",
        )
        # an after-sales manager without any accounting or stock right
        cls.manager_noacc = new_test_user(
            cls.env,
            login="asc_manager_noacc",
            groups="aftersales_service.group_aftersales_manager",
        )
        cls.warehouse = new_test_user(
            cls.env, login="asc_warehouse", groups="stock.group_stock_user"
        )
        cls.customer = cls.env["res.partner"].create({"name": "Hotel Jade"})
        cls.distributor = cls.env["res.partner"].create(
            {"name": "Distributor Li", "is_company": True}
        )
        cls.distributor2 = cls.env["res.partner"].create(
            {"name": "Distributor Zhao", "is_company": True}
        )
        # Fee products: no taxes so amounts are exact
        for xmlid in (
            "product_fee_signing",
            "product_fee_software",
            "product_fee_service_day",
            "product_fee_travel",
            "product_fee_travel_cost",
            "product_fee_lodging_cost",
            "product_fee_late_payment",
        ):
            cls.env.ref("aftersales_contracts." + xmlid).taxes_id = False
        cls.heater = cls.env["product.product"].create(
            {
                "name": "Water Heater WH-60",
                "is_storable": True,
                "tracking": "serial",
                "list_price": 1999.0,
            }
        )
        cls.lot1 = cls.env["stock.lot"].create(
            {"name": "WH60-0001", "product_id": cls.heater.id}
        )
        cls.lot2 = cls.env["stock.lot"].create(
            {"name": "WH60-0002", "product_id": cls.heater.id}
        )
        cls.lot3 = cls.env["stock.lot"].create(
            {"name": "WH60-0003", "product_id": cls.heater.id}
        )
        # Spare part categories
        cls.categ_swap = cls.env["product.category"].create(
            {"name": "Heater parts", "aftersales_part_policy": "swap"}
        )
        cls.categ_stove = cls.env["product.category"].create(
            {"name": "Stove parts", "aftersales_part_policy": "must_buy"}
        )
        cls.categ_small = cls.env["product.category"].create(
            {"name": "Small parts", "aftersales_part_policy": "free_under_threshold"}
        )
        cls.part_valve = cls._make_part("Gas valve", cls.categ_swap, 80.0, 45.0)
        cls.part_board = cls._make_part("Control board", cls.categ_swap, 120.0, 70.0)
        cls.part_burner = cls._make_part("Stove burner", cls.categ_stove, 60.0, 30.0)
        cls.part_seal = cls._make_part("Seal ring", cls.categ_small, 8.0, 2.0)
        cls.part_knob = cls._make_part("Knob", cls.categ_small, 12.0, 5.0)

        cls.agreement = cls._make_agreement(
            cls.customer,
            "equipment",
            date(2026, 1, 1),
            date(2026, 12, 31),
            [(cls.lot1, "city"), (cls.lot2, "remote")],
            aftersales_min_visits=4,
            aftersales_city_hours=4.0,
            aftersales_suburb_hours=8.0,
            aftersales_remote_days=2,
        )
        cls.dist_agreement = cls._make_agreement(
            cls.distributor, "distributor", date(2026, 1, 1), date(2026, 12, 31), []
        )

    @classmethod
    def _make_part(cls, name, categ, price, cost):
        return cls.env["product.product"].create(
            {
                "name": name,
                "default_code": name.upper().replace(" ", "-"),
                "categ_id": categ.id,
                "list_price": price,
                "standard_price": cost,
                "is_storable": True,
                "taxes_id": False,
            }
        )

    @classmethod
    def _make_agreement(cls, partner, kind, start, end, lots, **vals):
        return cls.env["contract.contract"].create(
            dict(
                {
                    "name": f"{kind} {partner.name} {start.year}",
                    "partner_id": partner.id,
                    "contract_type": "sale",
                    "aftersales_kind": kind,
                    "date_start": start,
                    "date_end": end,
                    "aftersales_unit_ids": [
                        Command.create(
                            {
                                "product_id": lot.product_id.id,
                                "lot_id": lot.id,
                                "zone": zone,
                                "site_partner_id": partner.id,
                            }
                        )
                        for lot, zone in lots
                    ],
                },
                **vals,
            )
        )
