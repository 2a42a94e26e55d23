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
        "security/aftersales_desk_security.xml",
        "data/aftersales_desk_data.xml",
        "data/aftersales_desk_mail_templates.xml",
        "views/aftersales_request_log_views.xml",
        "views/helpdesk_ticket_views.xml",
        "views/aftersales_ticket_milestone_views.xml",
        "views/aftersales_callback_views.xml",
        "views/portal_ticket_templates.xml",
    ],
    "demo": [
        "demo/aftersales_desk_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "aftersales_service/static/tests/tours/*.js",
        ],
    },
}
