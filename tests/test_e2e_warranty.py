"""Warranty per sold unit, end to end over JSON-RPC.

An integrator sells two serial-tracked water heaters, delivers and invoices them
through the public API, then reads the warranty cards and voids them with a
credit note, as an ERP connector or a call-centre tool would.
"""

import datetime

from dateutil.relativedelta import relativedelta
from helpers import sell_deliver_invoice, stocked_serials


def test_cards_from_invoice_then_voided_by_credit_note(odoo):
    product_id = odoo(
        "product.product",
        "create",
        {
            "name": "E2E Water Heater 60L",
            "is_storable": True,
            "tracking": "serial",
            "list_price": 1999.0,
            "warranty": 12,
            "warranty_type": "month",
        },
    )
    serials = stocked_serials(odoo, product_id, 2)
    partner_id = odoo("res.partner", "create", {"name": "E2E Customer Li"})
    day = (datetime.date.today() - relativedelta(days=3)).isoformat()
    _order_id, invoice_id = sell_deliver_invoice(odoo, partner_id, product_id, 2, day)

    cards = odoo(
        "aftersales.warranty",
        "search_read",
        [["partner_id", "=", partner_id], ["product_id", "=", product_id]],
        fields=["lot_id", "start_date", "end_date", "state"],
    )
    assert sorted(c["lot_id"][1] for c in cards) == sorted(serials)
    end = (datetime.date.fromisoformat(day) + relativedelta(months=12)).isoformat()
    for card in cards:
        assert card["start_date"] == day
        assert card["end_date"] == end
        assert card["state"] == "active"

    # A credit note for the whole invoice voids both cards.
    [invoice] = odoo("account.move", "read", [invoice_id], fields=["journal_id"])
    reversal_id = odoo(
        "account.move.reversal",
        "create",
        {"reason": "E2E refund", "journal_id": invoice["journal_id"][0]},
        context={"active_model": "account.move", "active_ids": [invoice_id]},
    )
    action = odoo(
        "account.move.reversal",
        "refund_moves",
        [reversal_id],
        context={"active_model": "account.move", "active_ids": [invoice_id]},
    )
    refund_id = action["res_id"]
    odoo("account.move", "action_post", [refund_id])
    states = odoo(
        "aftersales.warranty",
        "search_read",
        [["partner_id", "=", partner_id], ["product_id", "=", product_id]],
        fields=["state"],
    )
    assert [c["state"] for c in states] == ["void", "void"]
