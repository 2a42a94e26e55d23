# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime, timedelta

from .common import AftersalesContractsCommon


class TestFees(AftersalesContractsCommon):
    def test_part_day_counts_as_a_day(self):
        Contract = self.env["contract.contract"]
        start = datetime(2026, 5, 1, 8, 0)
        self.assertEqual(
            Contract._aftersales_service_days(start, start + timedelta(hours=12)), 1
        )
        self.assertEqual(
            Contract._aftersales_service_days(start, start + timedelta(days=1)), 1
        )
        self.assertEqual(
            Contract._aftersales_service_days(start, start + timedelta(days=1.01)), 2
        )
        self.assertEqual(Contract._aftersales_service_days(start, start), 0)

    def test_service_day_and_travel_lines(self):
        """1.5 days at a remote site: 2 days + the travel fee; city: no travel."""
        self.agreement.write(
            {"aftersales_day_rate": 800.0, "aftersales_travel_fee": 300.0}
        )
        remote_unit = self.agreement.aftersales_unit_ids.filtered(
            lambda u: u.zone == "remote"
        )
        city_unit = self.agreement.aftersales_unit_ids.filtered(
            lambda u: u.zone == "city"
        )
        start = datetime(2026, 5, 1, 8, 0)
        lines = self.agreement._aftersales_add_service_day(
            start, start + timedelta(hours=36), remote_unit
        )
        day_line = lines.filtered(
            lambda ln: (
                ln.product_id
                == self.env.ref("aftersales_contracts.product_fee_service_day")
            )
        )
        self.assertEqual(day_line.quantity, 2)
        self.assertEqual(day_line.price_unit, 800.0)
        self.assertEqual(len(lines), 2)
        lines = self.agreement._aftersales_add_service_day(
            start, start + timedelta(hours=2), city_unit
        )
        self.assertEqual(len(lines), 1)
        self.assertEqual(self.agreement.date_end, date(2026, 12, 31))

    def test_software_fee_rates(self):
        sw = self._make_agreement(
            self.customer,
            "software",
            date(2026, 1, 1),
            date(2026, 12, 31),
            [],
            aftersales_software_price=10000.0,
        )
        self.assertEqual(sw.aftersales_software_fee, 1500.0)
        sw.aftersales_software_edition = "network"
        self.assertEqual(sw.aftersales_software_fee, 2000.0)
        lines = sw.action_aftersales_create_fee_lines()
        self.assertEqual(lines.price_unit, 2000.0)
        self.assertEqual(lines.recurring_rule_type, "yearly")
        invoice = sw.recurring_create_invoice()
        self.assertEqual(invoice.amount_untaxed, 2000.0)
        # the yearly line is invoiced once for the year
        self.assertFalse(sw._get_lines_to_invoice(date(2026, 12, 31)))

    def _signing_invoice(self):
        self.agreement.aftersales_signing_fee = 1000.0
        self.agreement.action_aftersales_create_fee_lines()
        invoice = self.agreement.recurring_create_invoice()
        invoice.write(
            {"invoice_date": date(2026, 1, 1), "invoice_date_due": date(2026, 1, 1)}
        )
        invoice.action_post()
        invoice.invoice_date_due = date(2026, 1, 31)
        return invoice

    def test_signing_fee_invoiced_through_contract_line(self):
        invoice = self._signing_invoice()
        self.assertEqual(invoice.amount_total, 1000.0)
        self.assertEqual(
            invoice.invoice_line_ids.product_id,
            self.env.ref("aftersales_contracts.product_fee_signing"),
        )
        self.assertEqual(self.agreement.date_end, date(2026, 12, 31))

    def test_late_surcharge_n_days_exact_and_once(self):
        """1000 overdue 10 days at 0.2 %/day = 20.00, charged once; 5 more days
        later adds 10.00 only for the new days; nothing on the due date."""
        invoice = self._signing_invoice()
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

    def test_distributor_settlement_bill(self):
        self.dist_agreement.write(
            {"aftersales_repair_unit_fee": 50.0, "aftersales_visit_fee": 30.0}
        )
        # the units are under the maker's warranty: the repairs read the card
        self.env["aftersales.warranty"].create(
            {
                "partner_id": self.customer.id,
                "product_id": self.heater.id,
                "start_date": "2026-01-01",
                "end_date": "2027-01-01",
            }
        )
        Repair = self.env["repair.order"]
        repairs = Repair.create(
            [
                {
                    "product_id": self.heater.id,
                    "partner_id": self.customer.id,
                    "aftersales_agreement_id": self.dist_agreement.id,
                    "schedule_date": "2026-04-08 09:00:00",
                    "aftersales_onsite": onsite,
                }
                for onsite in (True, False, True)
            ]
        )
        repairs.write({"state": "done", "aftersales_closed_date": date(2026, 4, 10)})
        self.assertEqual(repairs.aftersales_distributor_id, self.distributor)
        bill = self.dist_agreement.action_aftersales_settlement_bill(date(2026, 4, 1))
        self.assertEqual(bill.move_type, "in_invoice")
        self.assertEqual(bill.state, "draft")
        self.assertEqual(bill.partner_id, self.distributor)
        self.assertEqual(bill.amount_untaxed, 3 * 50.0 + 2 * 30.0)
        # closed repairs are settled once
        self.assertFalse(
            self.dist_agreement.action_aftersales_settlement_bill(date(2026, 4, 1))
        )

    def test_repair_fund(self):
        self.dist_agreement.aftersales_repair_fund_pct = 2.0
        inv = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": self.distributor.id,
                "invoice_date": date(2026, 5, 1),
                "invoice_line_ids": [
                    (
                        0,
                        0,
                        {
                            "name": "Heaters",
                            "quantity": 10,
                            "price_unit": 1000.0,
                            "tax_ids": False,
                        },
                    )
                ],
            }
        )
        inv.action_post()
        self.assertEqual(
            self.dist_agreement._aftersales_repair_fund_amount(2026), 200.0
        )
        bill = self.dist_agreement.action_aftersales_settlement_bill(date(2026, 12, 1))
        self.assertEqual(bill.amount_untaxed, 200.0)
