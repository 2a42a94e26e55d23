# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

VISIT_KINDS = [
    ("repair", "Repair"),
    ("preventive", "Preventive Maintenance"),
    ("installation", "Installation and Commissioning"),
]


class FsmOrderType(models.Model):
    """The kind of on-site visit a field-service order type stands for:
    a repair after a call (叫修), a preventive visit of an agreement
    (定期上门保养) or the installation and commissioning of a product sold
    (安装调试)."""

    _inherit = "fsm.order.type"

    # The kinds of visit read in the reader's language (上门维修, 定期保养,
    # 安装调试): field service stores one name for all.
    name = fields.Char(translate=True)

    aftersales_visit_kind = fields.Selection(
        VISIT_KINDS,
        string="Kind of Visit",
        help="Repairs count in the service point's monthly repairs and callback "
        "target; preventive visits and installations are visits too.",
    )
