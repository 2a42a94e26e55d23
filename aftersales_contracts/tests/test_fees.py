# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime, timedelta

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import AftersalesContractsCommon


@tagged("post_install", "-at_install")
class TestFees(AftersalesContractsCommon):
    def _software(self, **vals):
        return self._make_agreement(
            self.customer,
            "software",
            date(2026, 1, 1),
            date(2026, 12, 31),
            [],
            **dict({"aftersales_software_price": 10000.0}, **vals),
        )

    # ------------------------------------------------------------------
    # Service days (不足一天按一天计算)
    # ------------------------------------------------------------------
    def test_part_day_counts_as_a_day(self):
        Contract = self.env["contract.contract"]
        start = datetime(2026, 5, 1, 8, 0)
        for days, billed in ((0.5, 1), (1.0, 1), (1.01, 2), (0.0, 0)):
            with self.subTest(days=days):
                self.assertEqual(
                    Contract._aftersales_service_days(
                        start, start + timedelta(days=days)
                    ),
                    billed,
                )

    def _visit(self, agreement, **vals):
        return self.env["aftersales.agreement.visit"].create(
            dict(
                {"contract_id": agreement.id, "planned_date": date(2026, 5, 1)}, **vals
            )
        )

    def test_service_days_billed_once_per_source(self):
        """Software agreement, 800/day, customer bears travel: 0.5 day -> 1
        day; 1.01 days -> 2 days, travel and lodging at cost; billing the same
        visit again adds nothing."""
        sw = self._software(aftersales_day_rate=800.0)
        self.assertTrue(sw.aftersales_customer_bears_travel)
        start = datetime(2026, 5, 1, 8, 0)
        half = self._visit(sw)
        lines = sw._aftersales_bill_service_days(
            start, start + timedelta(days=0.5), half
        )
        self.assertEqual(lines.quantity, 1)
        self.assertEqual(lines.price_unit, 800.0)
        self.assertEqual(
            lines.aftersales_source_ref, f"aftersales.agreement.visit,{half.id}"
        )
        longer = self._visit(sw)
        lines = sw._aftersales_bill_service_days(
            start,
            start + timedelta(days=1.01),
            longer,
            travel_cost=150.0,
            lodging_cost=300.0,
        )
        by_kind = {ln.aftersales_fee_kind: ln for ln in lines}
        self.assertEqual(by_kind["service_day"].quantity, 2)
        self.assertEqual(by_kind["travel_cost"].price_unit, 150.0)
        self.assertEqual(by_kind["lodging_cost"].price_unit, 300.0)
        again = sw._aftersales_bill_service_days(
            start, start + timedelta(days=3), longer, travel_cost=999.0
        )
        self.assertEqual(again, lines)
        self.assertEqual(len(sw.contract_line_ids), 4)
        # the next invoice bills them
        invoice = sw._recurring_create_invoice(date(2026, 5, 2))
        self.assertEqual(invoice.amount_untaxed, 800.0 + 1600.0 + 150.0 + 300.0)
        self.assertEqual(sw.date_end, date(2026, 12, 31))

    def test_travel_at_cost_only_where_the_customer_bears_it(self):
        sw = self._software(aftersales_day_rate=800.0)
        sw.aftersales_customer_bears_travel = False
        start = datetime(2026, 5, 1, 8, 0)
        lines = sw._aftersales_bill_service_days(
            start, start + timedelta(hours=4), self._visit(sw), travel_cost=150.0
        )
        self.assertEqual(lines.mapped("aftersales_fee_kind"), ["service_day"])

    def test_equipment_travel_fee_outside_the_city(self):
        """Equipment: no day rate; the flat travel fee for a unit outside the city."""
        self.agreement.aftersales_travel_fee = 300.0
        remote = self.agreement.aftersales_unit_ids.filtered(
            lambda u: u.zone == "remote"
        )
        city = self.agreement.aftersales_unit_ids.filtered(lambda u: u.zone == "city")
        start = datetime(2026, 5, 1, 8, 0)
        lines = self.agreement._aftersales_bill_service_days(
            start,
            start + timedelta(hours=36),
            self._visit(self.agreement, unit_id=remote.id),
        )
        self.assertEqual(lines.mapped("aftersales_fee_kind"), ["travel_fee"])
        self.assertEqual(lines.price_unit, 300.0)
        self.assertFalse(
            self.agreement._aftersales_bill_service_days(
                start,
                start + timedelta(hours=2),
                self._visit(self.agreement, unit_id=city.id),
            )
        )

    def test_service_days_bounds(self):
        sw = self._software(aftersales_day_rate=800.0)
        start = datetime(2026, 5, 1, 8, 0)
        visit = self._visit(sw)
        for kwargs in (
            {"end": start - timedelta(hours=1)},
            {"end": start + timedelta(days=400)},
            {"end": start + timedelta(hours=1), "travel_cost": -1.0},
            {"end": start + timedelta(hours=1), "lodging_cost": 1e308},
        ):
            end = kwargs.pop("end")
            with self.subTest(**kwargs), self.assertRaises(ValidationError):
                sw._aftersales_bill_service_days(start, end, visit, **kwargs)
        self.assertFalse(sw.contract_line_ids)

    def test_done_visit_bills_its_days_as_agent_without_contract_rights(self):
        sw = self._software(aftersales_day_rate=800.0)
        start = datetime(2026, 5, 1, 8, 0)
        visit = self._visit(sw).with_user(self.user)
        visit.write({"report": "Network reinstalled."})
        with self.assertRaises(UserError):
            visit.action_done()  # the time on site is needed to bill days
        visit.write(
            {
                "date_arrival": start,
                "date_departure": start + timedelta(hours=30),
                "travel_cost": 120.0,
            }
        )
        self.assertEqual(visit.service_days, 2)
        visit.action_done()
        self.assertEqual(visit.state, "done")
        self.assertEqual(visit.date_done, date(2026, 5, 2))
        self.assertEqual(
            sorted(visit.sudo().service_line_ids.mapped("aftersales_fee_kind")),
            ["service_day", "travel_cost"],
        )
        with self.assertRaises(UserError):
            visit.write({"travel_cost": 999.0})

    # ------------------------------------------------------------------
    # Signature: equipment fee at signing, software yearly fee
    # ------------------------------------------------------------------
    def test_equipment_invoices_its_fee_at_signing(self):
        self.agreement.aftersales_signing_fee = 1000.0
        with freeze_time("2026-01-05"):
            self.agreement.with_user(self.manager_noacc).action_aftersales_sign()
        self.assertEqual(self.agreement.aftersales_signed_on, date(2026, 1, 5))
        line = self.agreement.contract_line_ids
        self.assertEqual(line.aftersales_fee_kind, "signing")
        invoice = self.agreement.aftersales_signing_move_id
        self.assertEqual(invoice.state, "draft")
        self.assertEqual(invoice.amount_total, 1000.0)
        self.assertEqual(invoice.partner_id, self.customer)
        self.assertEqual(invoice.invoice_line_ids.contract_line_id, line)
        # invoiced once
        self.assertFalse(self.agreement._recurring_create_invoice(date(2026, 2, 1)))
        self.assertEqual(self.agreement.date_end, date(2026, 12, 31))
        # a signed agreement's terms are frozen
        with self.assertRaises(UserError):
            self.agreement.with_user(self.manager).aftersales_signing_fee = 10.0
        with self.assertRaises(UserError):
            self.agreement.with_user(self.manager).action_aftersales_sign()
        with self.assertRaises(UserError):
            self.agreement.with_user(self.manager).write(
                {"aftersales_signed_on": False}
            )

    def test_only_a_manager_signs(self):
        with self.assertRaises(AccessError):
            self.agreement.with_user(self.user).action_aftersales_sign()
        self.assertFalse(self.agreement.aftersales_signed_on)

    def test_software_fee_rates_per_agreement(self):
        sw = self._software()
        self.assertEqual(sw.aftersales_software_fee_pct, 15.0)
        self.assertEqual(sw.aftersales_software_fee, 1500.0)
        sw.aftersales_software_edition = "network"
        self.assertEqual(sw.aftersales_software_fee_pct, 20.0)
        self.assertEqual(sw.aftersales_software_fee, 2000.0)
        sw.aftersales_software_fee_pct = 18.0  # negotiated rate of this agreement
        self.assertEqual(sw.aftersales_software_fee, 1800.0)
        self.company.aftersales_software_fee_network_pct = 25.0
        self.assertEqual(sw.aftersales_software_fee_pct, 18.0)
        with self.assertRaises(ValidationError):
            sw.aftersales_software_fee_pct = 101.0
        sw.action_aftersales_sign()
        line = sw.contract_line_ids
        self.assertEqual(line.price_unit, 1800.0)
        self.assertEqual(line.recurring_rule_type, "yearly")
        invoice = sw.recurring_create_invoice()
        self.assertEqual(invoice.amount_untaxed, 1800.0)
        # the yearly line is invoiced once for the year
        self.assertFalse(sw._get_lines_to_invoice(date(2026, 12, 31)))

    def test_fee_bounds(self):
        for fname in (
            "aftersales_signing_fee",
            "aftersales_day_rate",
            "aftersales_travel_fee",
        ):
            with (
                self.subTest(field=fname),
                self.assertRaises(ValidationError),
                self.env.cr.savepoint(),
            ):
                self.agreement.write({fname: -1.0})
        with self.assertRaises(ValidationError):
            self.agreement.aftersales_signing_fee = 1e308

    # ------------------------------------------------------------------
    # Late payment surcharge (千分之二 per day)
    # ------------------------------------------------------------------
    def _signing_invoice(self):
        self.agreement.aftersales_signing_fee = 1000.0
        self.agreement.action_aftersales_sign()
        invoice = self.agreement.aftersales_signing_move_id
        invoice.write(
            {"invoice_date": date(2026, 1, 1), "invoice_date_due": date(2026, 1, 1)}
        )
        invoice.action_post()
        invoice.invoice_date_due = date(2026, 1, 31)
        return invoice

    def test_late_surcharge_n_days_exact_and_once(self):
        """1000 overdue 10 days at 0.2 %/day = 20.00, charged once; 5 more days
        later adds 10.00 only for the new days; nothing on the due date."""
        invoice = self._signing_invoice()
        self.assertEqual(self.agreement.aftersales_late_fee_pct, 0.2)
        self.assertEqual(invoice.invoice_date_due, date(2026, 1, 31))
        Contract = self.env["contract.contract"]
        self.assertFalse(
            self.agreement.action_aftersales_late_surcharge(date(2026, 1, 31))
        )
        line = self.agreement.action_aftersales_late_surcharge(date(2026, 2, 10))
        self.assertEqual(line.price_unit, 20.0)
        self.assertEqual(
            line.product_id,
            self.env.ref("aftersales_contracts.product_fee_late_payment"),
        )
        # same day again (cron): no double charge
        self.assertFalse(Contract._cron_aftersales_late_surcharge(date(2026, 2, 10)))
        line2 = Contract._cron_aftersales_late_surcharge(date(2026, 2, 15))
        self.assertEqual(line2.price_unit, 10.0)
        # the surcharge is invoiced as its own line
        surcharge_invoice = self.agreement._recurring_create_invoice(date(2026, 2, 15))
        self.assertEqual(
            sorted(surcharge_invoice.invoice_line_ids.mapped("price_unit")),
            [10.0, 20.0],
        )

    def test_late_surcharge_rate_per_agreement_and_marker_guarded(self):
        invoice = self._signing_invoice()
        # the rate is a term of the signed agreement
        with self.assertRaises(UserError):
            self.agreement.with_user(self.manager).aftersales_late_fee_pct = 0.5
        with self.assertRaises(UserError):
            invoice.with_user(self.manager).write(
                {"aftersales_surcharged_until": "2099-12-31"}
            )
        with self.assertRaises(AccessError):
            self.agreement.with_user(self.user).action_aftersales_late_surcharge()
        line = self.agreement.with_user(
            self.manager_noacc
        ).action_aftersales_late_surcharge(date(2026, 2, 5))
        self.assertEqual(line.price_unit, 10.0)
        self.assertEqual(invoice.aftersales_surcharged_until, date(2026, 2, 5))

    def test_distributors_pay_no_surcharge(self):
        self.assertFalse(self.dist_agreement._aftersales_surcharge_applies())

    # ------------------------------------------------------------------
    # Distributor settlement: repairs, visits, repair fund
    # ------------------------------------------------------------------
    def _done_repairs(self, specs):
        Repair = self.env["repair.order"]
        repairs = Repair.create(
            [
                {
                    "product_id": self.heater.id,
                    "partner_id": partner.id,
                    "aftersales_agreement_id": self.dist_agreement.id,
                    "schedule_date": "2026-04-08 09:00:00",
                }
                for partner in specs
            ]
        )
        repairs.write({"state": "done", "aftersales_closed_date": date(2026, 4, 10)})
        return repairs

    def test_distributor_settlement_from_repairs_and_visits(self):
        """Per in-warranty repair done and per on-site visit completed in the
        month: an out-of-warranty repair is not paid; a month is settled once."""
        self.dist_agreement.write(
            {"aftersales_repair_unit_fee": 50.0, "aftersales_visit_fee": 30.0}
        )
        self.env["aftersales.warranty"].create(
            {
                "partner_id": self.customer.id,
                "product_id": self.heater.id,
                "start_date": "2026-01-01",
                "end_date": "2027-01-01",
            }
        )
        stranger = self.env["res.partner"].create({"name": "No card"})
        repairs = self._done_repairs([self.customer] * 3 + [stranger])
        self.assertEqual(repairs.mapped("under_warranty"), [True, True, True, False])
        self.assertEqual(repairs.aftersales_distributor_id, self.distributor)
        for day in (5, 20):
            visit = self.env["aftersales.agreement.visit"].create(
                {
                    "contract_id": self.dist_agreement.id,
                    "planned_date": date(2026, 4, day),
                    "report": "On-site repair",
                }
            )
            with freeze_time(f"2026-04-{day:02d} 10:00:00"):
                visit.action_done()
        self.assertEqual(
            self.dist_agreement._aftersales_settlement_visits(date(2026, 4, 1)), 2
        )
        bill = self.dist_agreement.with_user(
            self.manager_noacc
        ).action_aftersales_settlement_bill(date(2026, 4, 1))
        bill = bill.sudo()
        self.assertEqual(bill.move_type, "in_invoice")
        self.assertEqual(bill.state, "draft")
        self.assertEqual(bill.partner_id, self.distributor)
        self.assertEqual(bill.amount_untaxed, 3 * 50.0 + 2 * 30.0)
        settlement = self.dist_agreement.aftersales_settlement_ids
        self.assertEqual(settlement.repair_count, 3)
        self.assertEqual(settlement.visit_count, 2)
        self.assertEqual(settlement.repair_ids, repairs[:3])
        self.assertEqual(repairs[0].aftersales_settlement_bill_id, bill)
        # a month is settled once
        self.assertFalse(
            self.dist_agreement.action_aftersales_settlement_bill(date(2026, 4, 1))
        )
        with self.assertRaises(UserError):
            repairs[3].with_user(self.manager).write(
                {"aftersales_settlement_id": settlement.id}
            )
        with self.assertRaises(AccessError):
            self.dist_agreement.with_user(self.user).action_aftersales_settlement_bill(
                date(2026, 5, 1)
            )

    def _sale_invoice(self, partner, lines, on):
        inv = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": partner.id,
                "invoice_date": on,
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": product.id,
                            "quantity": qty,
                            "price_unit": price,
                            "tax_ids": False,
                        }
                    )
                    for product, qty, price in lines
                ],
            }
        )
        inv.action_post()
        return inv

    def test_repair_fund_counts_the_product_line_only(self):
        """2 % of the year's settled sales of the agreement's product line:
        heaters count, spare parts and other years do not; credit notes net."""
        appliances = self.env["product.category"].create({"name": "Water heaters"})
        self.heater.categ_id = appliances
        self.dist_agreement.write(
            {
                "aftersales_repair_fund_pct": 2.0,
                "aftersales_product_line_ids": [Command.set(appliances.ids)],
            }
        )
        self._sale_invoice(
            self.distributor,
            [(self.heater, 10, 1000.0), (self.part_valve, 100, 80.0)],
            date(2026, 5, 1),
        )
        self._sale_invoice(
            self.distributor, [(self.heater, 5, 1000.0)], date(2025, 12, 31)
        )
        refund = self.env["account.move"].create(
            {
                "move_type": "out_refund",
                "partner_id": self.distributor.id,
                "invoice_date": date(2026, 6, 1),
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": self.heater.id,
                            "quantity": 1,
                            "price_unit": 1000.0,
                            "tax_ids": False,
                        }
                    )
                ],
            }
        )
        refund.action_post()
        self.assertEqual(
            self.dist_agreement._aftersales_repair_fund_sales(2026), 9000.0
        )
        self.assertEqual(
            self.dist_agreement._aftersales_repair_fund_amount(2026), 180.0
        )
        bill = self.dist_agreement.action_aftersales_settlement_bill(date(2026, 12, 1))
        self.assertEqual(bill.amount_untaxed, 180.0)
        self.assertEqual(
            self.dist_agreement.aftersales_settlement_ids.fund_sales, 9000.0
        )

    def test_settlement_cron_in_batches(self):
        self.dist_agreement.aftersales_repair_unit_fee = 50.0
        other = self._make_agreement(
            self.distributor2, "distributor", date(2026, 1, 1), date(2026, 12, 31), []
        )
        Contract = self.env["contract.contract"]
        Contract._cron_aftersales_settlement(date(2026, 4, 1), batch_size=1)
        settled = (self.dist_agreement | other).aftersales_settlement_ids
        self.assertEqual(len(settled), 1)
        Contract._cron_aftersales_settlement(date(2026, 4, 1), batch_size=1)
        self.assertEqual(
            len((self.dist_agreement | other).aftersales_settlement_ids), 2
        )
        Contract._cron_aftersales_settlement(date(2026, 4, 1), batch_size=1)
        self.assertEqual(
            len((self.dist_agreement | other).aftersales_settlement_ids), 2
        )
