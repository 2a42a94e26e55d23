# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "After-Sales Service",
    "summary": "Warranty per sold unit, first-responder service desk, "
    "SLA chain with escalation, penalty points",
    "version": "18.0.1.0.0",
    "category": "After-Sales",
    "website": "https://github.com/aftersales-suite/aftersales",
    "author": "After-Sales Suite Authors",
    "license": "AGPL-3",
    "application": True,
    "installable": True,
    "depends": [
        "helpdesk_mgmt",
        "product_warranty",
        "sale_stock",
        "repair",
        "portal",
        "resource",
    ],
    "data": [
        "security/aftersales_security.xml",
        "security/ir.model.access.csv",
        "data/ir_sequence_data.xml",
        "views/aftersales_menus.xml",
        "views/aftersales_warranty_views.xml",
        "views/res_config_settings_views.xml",
        "security/aftersales_warranty_security.xml",
        "data/aftersales_warranty_exclusion_data.xml",
        "views/aftersales_warranty_extension_views.xml",
        "views/aftersales_warranty_exclusion_views.xml",
        "views/helpdesk_ticket_warranty_views.xml",
        "views/repair_order_warranty_views.xml",
        "views/res_partner_warranty_views.xml",
        "views/sale_order_warranty_views.xml",
        "views/account_move_warranty_views.xml",
        "views/stock_lot_warranty_views.xml",
        "views/product_category_warranty_views.xml",
        "views/aftersales_warranty_portal_templates.xml",
        "wizards/aftersales_warranty_check_views.xml",
        "report/aftersales_warranty_report.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "aftersales_service/static/tests/tours/aftersales_warranty_check_tour.js",
        ],
    },
    "demo": [
        "demo/aftersales_warranty_demo.xml",
    ],
}
