# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from freezegun import freeze_time

from .common import AftersalesReturnsCommon


@freeze_time("2026-03-05 10:00:00")
class TestReturnPickup(AftersalesReturnsCommon):
    """Company at fault: a pickup is arranged, the carrier is on the receipt."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.order = cls._sell(cls.customer, [(cls.heater, 3, 1000.0)])

    def _set_pickup_carrier(self, carrier):
        settings = self.env["res.config.settings"].create(
            {"aftersales_pickup_carrier_id": carrier.id}
        )
        settings.execute()
        self.assertEqual(self.company.aftersales_pickup_carrier_id, carrier)

    def test_default_carrier_is_company_pickup(self):
        self.assertEqual(
            self.env.ref("base.main_company").aftersales_pickup_carrier_id,
            self.pickup_carrier,
        )
        self.assertEqual(self.pickup_carrier.delivery_type, "fixed")
        self.assertEqual(self.pickup_carrier.fixed_price, 0.0)

    def test_quality_problem_receipt_has_settings_carrier(self):
        self._set_pickup_carrier(self.pickup_carrier)
        rma = self._rma(self.order, reason="quality")
        self._evidence(rma, "test_report")
        rma.action_confirm()
        self.assertEqual(rma.state, "confirmed")
        receipt = rma.reception_move_id.picking_id
        self.assertTrue(receipt)
        self.assertTrue(receipt.aftersales_pickup_required)
        self.assertIn(self.customer.name, receipt.aftersales_pickup_note)
        self.assertEqual(receipt.carrier_id, self.pickup_carrier)
        self.assertTrue(rma.aftersales_pickup_required)
        self.assertEqual(rma.aftersales_pickup_carrier_id, self.pickup_carrier)

    def test_transport_damage_receipt_has_carrier(self):
        self.reasons["transport"].aftersales_damaged_unit = "return"
        rma = self._rma(self.order, reason="transport")
        self._evidence(rma, "photo", "courier")
        rma.action_confirm()
        receipt = rma.reception_move_id.picking_id
        self.assertTrue(receipt.aftersales_pickup_required)
        self.assertEqual(receipt.carrier_id, self.pickup_carrier)

    def test_no_reason_return_customer_sends_back(self):
        rma = self._rma(self.order, reason="no_reason", package="sealed")
        rma.action_confirm()
        self.assertEqual(rma.state, "confirmed")
        receipt = rma.reception_move_id.picking_id
        self.assertTrue(receipt)
        self.assertFalse(rma.aftersales_pickup_required)
        self.assertFalse(receipt.aftersales_pickup_required)
        self.assertFalse(receipt.carrier_id)
        self.assertFalse(rma.aftersales_pickup_carrier_id)

    def test_changing_settings_carrier_changes_next_receipt(self):
        first = self._rma(self.order, reason="quality")
        self._evidence(first, "test_report")
        first.action_confirm()
        own_fleet = self.pickup_carrier.copy({"name": "Own fleet van"})
        self._set_pickup_carrier(own_fleet)
        second = self._rma(self.order, reason="quality")
        self._evidence(second, "test_report")
        second.action_confirm()
        self.assertEqual(second.reception_move_id.picking_id.carrier_id, own_fleet)
        # the receipt already arranged keeps its carrier
        self.assertEqual(
            first.reception_move_id.picking_id.carrier_id, self.pickup_carrier
        )

    def test_no_carrier_in_settings_keeps_flag_only(self):
        self.company.aftersales_pickup_carrier_id = False
        rma = self._rma(self.order, reason="quality")
        self._evidence(rma, "test_report")
        rma.action_confirm()
        receipt = rma.reception_move_id.picking_id
        self.assertTrue(receipt.aftersales_pickup_required)
        self.assertFalse(receipt.carrier_id)
