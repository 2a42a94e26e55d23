# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class AftersalesRmaEvidence(models.Model):
    """A piece of evidence attached to a return (photos, statements...)."""

    _name = "aftersales.rma.evidence"
    _description = "Return Evidence"
    _order = "rma_id, id"

    rma_id = fields.Many2one("rma", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="rma_id.company_id", store=True)
    partner_id = fields.Many2one(related="rma_id.partner_id", store=True)
    kind = fields.Selection(
        [
            ("photo", "Photos"),
            ("courier", "Courier's statement"),
            ("screenshot", "Listing screenshot"),
            ("test_report", "Test report"),
            ("other", "Other"),
        ],
        required=True,
        default="photo",
        help="Photos of product and package, the courier's statement (快递员证明), "
        "a screenshot of the listing, or a test report (检测报告).",
    )
    name = fields.Char(string="Description")
    file = fields.Binary(attachment=True, required=True)
    file_name = fields.Char()
