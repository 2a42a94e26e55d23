# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import AftersalesCommon

D = date(2025, 3, 10)  # our invoice to the distributor
SHELF = date(2025, 6, 8)  # D + 90 days (default allowance)
PNG = base64.b64encode(
    base64.b64decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
    )
)


@tagged("post_install", "-at_install")
class TestWarrantySellout(AftersalesCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_distributor_fixture()
        cls.lots = cls._create_lots(
            cls.product_heater, ["WH-S001", "WH-S002", "WH-S003", "WH-S004"]
        )
        cls.order, cls.invoice = cls._sell_and_invoice(
            cls.product_heater, 4, None, D, partner=cls.distributor
        )
        cls.cards = cls.Warranty.search([("sale_order_id", "=", cls.order.id)])
        cls.card = cls.cards.filtered(lambda c: c.lot_id == cls.lots[0])

    def _register(self, serial="WH-S001", sale_date=D, user=None, **kw):
        values = {
            "serial": serial,
            "customer_name": "End User Chen",
            "phone": "+86 138 0000 1234",
            "address": "18 Jiefang Road, Shaoxing",
            "sale_date": sale_date,
            "channel": "portal",
        }
        values.update(kw)
        Warranty = self.Warranty.with_user(user or self.distributor_user)
        with freeze_time("2025-07-01 08:00:00"):
            return Warranty._aftersales_register_sellout(**values)

    def _card(self, serial):
        return self.cards.filtered(lambda c: c.lot_name == serial)

    # ------------------------------------------------------------------
    def test_distributor_card_pending_with_shelf_allowance(self):
        """A unit we sell a distributor is the distributor's, covered from our
        invoice plus the shelf allowance (90 days by default)."""
        card = self.card
        self.assertEqual(card.partner_id, self.distributor)
        self.assertEqual(card.distributor_id, self.distributor)
        self.assertEqual(card.registration_state, "pending")
        self.assertEqual(card.start_date, D)
        self.assertEqual(card.distributor_date, D)
        self.assertEqual(card.shelf_limit_date, SHELF)
        self.assertEqual(card.end_date, date(2026, 6, 8))
        cover = self.Warranty._get_coverage
        self.assertEqual(cover(lot=card.lot_id, on_date=D)["state"], "in_warranty")
        self.assertEqual(
            cover(lot=card.lot_id, on_date=date(2026, 6, 8))["reason_code"], "pending"
        )
        self.assertEqual(
            cover(lot=card.lot_id, on_date=date(2026, 6, 9))["state"],
            "out_of_warranty",
        )
        # the allowance is a per-company setting
        self.company.aftersales_shelf_allowance_days = 30
        lot = self._create_lots(self.product_heater, ["WH-S099"])
        order, _inv = self._sell_and_invoice(
            self.product_heater, 1, None, D, partner=self.distributor
        )
        other = self.Warranty.search([("sale_order_id", "=", order.id)])
        self.assertEqual(other.lot_id, lot)
        self.assertEqual(other.shelf_limit_date, date(2025, 4, 9))
        with self.assertRaisesNaming(ValidationError, "365"):
            self.company.aftersales_shelf_allowance_days = 366
        with self.assertRaisesNaming(ValidationError, "0"):
            self.company.aftersales_shelf_allowance_days = -1

    def test_register_on_invoice_date_accepted_day_before_refused(self):
        with self.assertRaisesNaming(ValidationError, "WH-S001", "before"):
            self._register(sale_date=date(2025, 3, 9))
        self.assertEqual(self.card.registration_state, "pending")
        self.assertEqual(self.card.partner_id, self.distributor)
        card = self._register(sale_date=D)
        self.assertEqual(card, self.card)
        self.assertEqual(card.registration_state, "registered")
        self.assertEqual(card.start_basis, "sellout")
        self.assertEqual(card.start_date, D)
        self.assertEqual(card.sellout_date, D)
        self.assertEqual(card.end_date, date(2026, 3, 10))
        self.assertEqual(card.partner_id.name, "End User Chen")
        self.assertEqual(card.partner_id, self.end_user, "same name and phone")
        self.assertEqual(card.distributor_id, self.distributor)
        self.assertEqual(card.registration_channel, "portal")
        self.assertEqual(card.registered_by_id, self.distributor_user)
        body = " ".join(self.card.message_ids.mapped("body"))
        self.assertIn("Distributor Shaoxing", body)
        self.assertIn("End User Chen", body)

    def test_registration_note_in_the_company_language(self):
        """The audit note is read by the company's staff: written in the
        company's language, whoever registered (an English-speaking
        distributor here)."""
        self.env["res.lang"]._activate_lang("zh_CN")
        self.card.company_id.partner_id.lang = "zh_CN"
        self.distributor_user.lang = "en_US"
        self._register(sale_date=D)
        body = " ".join(self.card.message_ids.mapped("body"))
        self.assertIn("序列号 WH-S001 由", body)
        self.assertIn("登记给最终用户 End User Chen", body)

    def test_register_future_refused_today_accepted(self):
        with self.assertRaisesNaming(ValidationError, "WH-S001", "future"):
            self._register(sale_date=date(2025, 7, 2))
        card = self._register(sale_date=date(2025, 7, 1))
        self.assertEqual(card.start_date, date(2025, 7, 1))

    def test_allowance_edge(self):
        """Registered on the last day of the allowance: a full year from the
        sale; one day later: never more than the allowance extra."""
        on_edge = self._register("WH-S001", sale_date=SHELF)
        self.assertEqual(on_edge.start_date, SHELF)
        self.assertEqual(on_edge.end_date, date(2026, 6, 8))
        late = self._register("WH-S002", sale_date=date(2025, 6, 9))
        self.assertEqual(late.start_date, date(2025, 6, 9))
        self.assertEqual(late.end_date, date(2026, 6, 8))
        early = self._register("WH-S003", sale_date=date(2025, 4, 1))
        self.assertEqual(early.end_date, date(2026, 4, 1))

    def test_second_registration_refused_manager_corrects(self):
        card = self._register(sale_date=date(2025, 4, 1))
        with self.assertRaisesNaming(ValidationError, "WH-S001", "already"):
            self._register(sale_date=date(2025, 4, 2), customer_name="Someone Else")
        with self.assertRaisesNaming(ValidationError, "WH-S001", "already"):
            self._register(
                sale_date=date(2025, 4, 2), user=self.user, channel="backoffice"
            )
        self.assertEqual(card.sellout_date, date(2025, 4, 1))
        # a correction needs a manager and a reason
        with self.assertRaises(AccessError):
            self._register(
                sale_date=date(2025, 4, 2),
                user=self.user,
                correction=True,
                reason="typo",
            )
        with self.assertRaisesNaming(ValidationError, "reason"):
            self._register(
                sale_date=date(2025, 4, 2), user=self.manager, correction=True
            )
        self._register(
            sale_date=date(2025, 4, 2),
            customer_name="Chen Jing",
            phone="+86 139 1111 2222",
            user=self.manager,
            correction=True,
            reason="The shop typed the wrong customer",
            channel="backoffice",
        )
        self.assertEqual(card.partner_id.name, "Chen Jing")
        self.assertEqual(card.start_date, date(2025, 4, 2))
        self.assertEqual(card.end_date, date(2026, 4, 2))
        self.assertIn("wrong customer", " ".join(self.card.message_ids.mapped("body")))

    def test_refusals(self):
        with self.assertRaisesNaming(ValidationError, "NO-SUCH", "no record"):
            self._register("NO-SUCH")
        # sold to another distributor
        with self.assertRaisesNaming(ValidationError, "WH-S001", "another distributor"):
            self._register(user=self.distributor2_user)
        # a direct sale has no sell-out
        lot = self._create_lots(self.product_heater, ["WH-DIRECT"])
        self._sell_and_invoice(self.product_heater, 1, None, D)
        self.assertEqual(
            self.Warranty.search([("lot_id", "=", lot.id)]).registration_state,
            "direct",
        )
        with self.assertRaisesNaming(ValidationError, "WH-DIRECT", "directly"):
            self._register("WH-DIRECT", user=self.user)
        # contact details are checked
        with self.assertRaisesNaming(ValidationError, "WH-S001", "phone"):
            self._register(phone="12")
        with self.assertRaisesNaming(ValidationError, "WH-S001", "name"):
            self._register(customer_name="  ")
        with self.assertRaisesNaming(ValidationError, "WH-S001", "receipt"):
            self._register(receipt=base64.b64encode(b"not an image"))
        # an unrelated portal user cannot register anything
        stranger = self.env["res.users"].create(
            {
                "name": "Stranger",
                "login": "as_stranger",
                "groups_id": [(6, 0, self.env.ref("base.group_portal").ids)],
            }
        )
        with self.assertRaisesNaming(ValidationError, "WH-S001"):
            self._register(user=stranger)
        self.assertEqual(
            set(self.cards.mapped("registration_state")),
            {"pending"},
            "nothing registered by the refusals",
        )

    def test_receipt_and_rpc_summary(self):
        summary = self.Warranty.with_user(self.user).register_sellout(
            "WH-S004",
            "Wang Lei",
            "+86 137 2222 3333",
            "2025-05-01",
            address="Keqiao",
            receipt=PNG,
            receipt_filename="receipt.png",
        )
        card = self._card("WH-S004")
        self.assertEqual(summary["id"], card.id)
        self.assertEqual(summary["serial"], "WH-S004")
        self.assertEqual(summary["start_date"], "2025-05-01")
        self.assertEqual(summary["end_date"], "2026-05-01")
        self.assertEqual(summary["registration_state"], "registered")
        self.assertEqual(card.registration_channel, "rpc")
        self.assertTrue(card.sellout_receipt)
        self.assertEqual(card.sellout_receipt_name, "receipt.png")

    def test_end_user_ticket_finds_registered_card(self):
        card = self._register(sale_date=date(2025, 5, 1))
        with freeze_time("2025-09-01"):
            ticket = (
                self.env["helpdesk.ticket"]
                .with_user(self.user)
                .create(
                    {
                        "name": "No hot water",
                        "description": "<p>Cold</p>",
                        "partner_id": self.end_user.id,
                        "lot_id": self.lots[0].id,
                    }
                )
            )
            ticket.flush_recordset()
        self.assertEqual(ticket.warranty_id, card)
        self.assertEqual(ticket.warranty_state, "in_warranty")
        self.assertFalse(ticket.aftersales_registration_pending)
        self.assertEqual(ticket.warranty_end_date, date(2026, 5, 1))
        # the serial now belongs to the end user (and still to the distributor
        # it was delivered to), not to anyone else
        lot = self.lots[0]
        self.assertEqual(lot._aftersales_belongs_to(self.end_user), lot)
        self.assertEqual(lot._aftersales_belongs_to(self.distributor), lot)
        self.assertFalse(lot._aftersales_belongs_to(self.customer_li))
        self.assertFalse(
            lot._aftersales_belongs_to(self.end_user, on_date=date(2025, 4, 30)),
            "not theirs before they bought it",
        )

    def test_distributor_is_asked_in_its_language(self):
        """The message to the distributor is written in the distributor's
        language, whoever created the ticket (an English-speaking agent)."""
        self.env["res.lang"]._activate_lang("zh_CN")
        self.distributor.lang = "zh_CN"
        self.salesperson.lang = "zh_CN"
        kind = self.env.ref("aftersales_service.mail_activity_type_confirm_sellout")
        kind.with_context(lang="zh_CN").summary = "请经销商登记该笔销售"
        liu = self.env["res.partner"].create({"name": "Liu Yang"})
        with freeze_time("2025-05-02"):
            self.env["helpdesk.ticket"].with_user(self.user).with_context(
                lang="en_US"
            ).create(
                {
                    "name": "Error E2",
                    "description": "<p>E2</p>",
                    "partner_id": liu.id,
                    "lot_id": self.lots[1].id,
                }
            )
        card = self._card("WH-S002")
        message = card.message_ids.filtered(lambda m: self.distributor in m.partner_ids)
        self.assertIn("有客户就序列号 WH-S002 申请服务", message[:1].body)
        # and the salesperson's to-do in the salesperson's
        activity = card.activity_ids.filtered(lambda a: a.activity_type_id == kind)
        self.assertEqual(activity.user_id, self.salesperson)
        self.assertEqual(activity.summary, "请经销商登记该笔销售")
        self.assertIn("仍登记在", activity.note)
        self.assertIn("/my/warranties/register", message[:1].body)

    def test_unregistered_serial_pending_path(self):
        """An end user calls with a unit still registered to its distributor:
        accepted, marked pending, the distributor asked; once registered the
        ticket finds the card."""
        liu = self.env["res.partner"].create(
            {"name": "Liu Yang", "phone": "137 5750 2508"}
        )
        with freeze_time("2025-05-02"):
            ticket = (
                self.env["helpdesk.ticket"]
                .with_user(self.user)
                .create(
                    {
                        "name": "Error E2",
                        "description": "<p>E2</p>",
                        "partner_id": liu.id,
                        "lot_id": self.lots[1].id,
                    }
                )
            )
            ticket.flush_recordset()
        card = self._card("WH-S002")
        self.assertTrue(ticket.aftersales_registration_pending)
        self.assertEqual(ticket.warranty_id, card)
        self.assertEqual(ticket.warranty_state, "in_warranty")
        self.assertIn("Registration pending", ticket.warranty_reason)
        activity_type = self.env.ref(
            "aftersales_service.mail_activity_type_confirm_sellout"
        )
        activity = card.activity_ids.filtered(
            lambda a: a.activity_type_id == activity_type
        )
        self.assertEqual(activity.user_id, self.salesperson)
        self.assertIn(ticket.display_name, activity.note)
        message = card.message_ids.filtered(lambda m: self.distributor in m.partner_ids)
        self.assertTrue(message, "the distributor is told to register the sale")
        self.assertIn("/my/warranties/register", message[:1].body)
        self.assertIn("A customer asked for service", message[:1].body)
        # a second request on the same unit does not ask again
        with freeze_time("2025-05-03"):
            self.env["helpdesk.ticket"].with_user(self.user).create(
                {
                    "name": "Again",
                    "description": "<p>x</p>",
                    "partner_id": liu.id,
                    "lot_id": self.lots[1].id,
                }
            )
        self.assertEqual(
            len(
                card.activity_ids.filtered(
                    lambda a: a.activity_type_id == activity_type
                )
            ),
            1,
        )
        # a serial we never carded is still refused
        stray = self._create_lots(self.product_heater, ["WH-STRAY"])
        with self.assertRaisesNaming(ValidationError, "WH-STRAY", "Liu Yang"):
            self.env["helpdesk.ticket"].with_user(self.user).create(
                {
                    "name": "x",
                    "description": "<p>x</p>",
                    "partner_id": liu.id,
                    "lot_id": stray.id,
                }
            )
        # the distributor registers the sale to Liu Yang: the ticket follows
        self._register(
            "WH-S002",
            sale_date=date(2025, 4, 20),
            customer_name="Liu Yang",
            phone="137 5750 2508",
        )
        self.assertEqual(card.partner_id, liu)
        self.assertFalse(ticket.aftersales_registration_pending)
        self.assertEqual(ticket.warranty_id, card)
        self.assertEqual(ticket.warranty_end_date, date(2026, 4, 20))
        self.assertFalse(
            card.activity_ids.filtered(lambda a: a.activity_type_id == activity_type)
        )

    def test_back_office_wizard(self):
        action = self.card.with_user(self.user).action_open_register_sellout()
        wizard = (
            self.env[action["res_model"]]
            .with_user(self.user)
            .with_context(**action["context"])
            .create({"partner_id": self.end_user.id, "sale_date": date(2025, 4, 1)})
        )
        with freeze_time("2025-07-01"):
            wizard.action_register()
        self.assertEqual(self.card.partner_id, self.end_user)
        self.assertEqual(self.card.registration_channel, "backoffice")
        self.assertFalse(self.card.with_user(self.user).can_register)
        self.assertFalse(self.card.with_user(self.user).can_correct_registration)
        self.assertTrue(self.card.with_user(self.manager).can_correct_registration)
        with self.assertRaises(AccessError):
            self.card.with_user(self.user).action_open_correct_registration()

    def test_owner_fields_guarded(self):
        """Only the registration sets the owner and the sell-out fields."""
        for user in (self.user, self.manager):
            for vals in (
                {"partner_id": self.end_user.id},
                {"distributor_id": self.distributor2.id},
                {"registration_state": "registered"},
                {"sellout_date": date(2025, 4, 1)},
                {"shelf_limit_date": date(2030, 1, 1)},
            ):
                with (
                    self.subTest(user=user.login, vals=vals),
                    self.assertRaises(UserError),
                ):
                    self.card.with_user(user).write(vals)
        self.assertEqual(self.card.partner_id, self.distributor)
        self.assertEqual(self.card.registration_state, "pending")
