# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class AftersalesRmaVerdict(models.Model):
    """One rule's verdict on one RMA, in plain words."""

    _name = "aftersales.rma.verdict"
    _description = "Return Rule Verdict"
    _order = "rma_id, sequence, id"

    rma_id = fields.Many2one("rma", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one("res.company", index=True)
    sequence = fields.Integer()
    rule = fields.Selection(
        [
            ("reason", "Reason"),
            ("invoice", "Invoice"),
            ("window", "Time window"),
            ("quantity", "Quantity"),
            ("serial", "Serial number"),
            ("package", "Package"),
            ("evidence", "Evidence"),
            ("approval", "Approval"),
            ("transport", "Transit damage"),
            ("stock", "Replacement stock"),
        ],
        required=True,
    )
    result = fields.Selection(
        [("pass", "Passed"), ("warn", "Warning"), ("fail", "Failed")],
        required=True,
    )
    message = fields.Char(required=True)
