# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "After-Sales Returns",
    "summary": "Returns and exchanges checked against invoice dates, packaging "
    "and stock, with inspection, fees and compensation (on OCA rma)",
    "version": "18.0.2.0.0",
    "category": "After-Sales",
    "website": "https://github.com/aftersales-suite/aftersales",
    "author": "After-Sales Suite Authors",
    "license": "AGPL-3",
    "maintainers": ["aftersales-suite"],
    "installable": True,
    "depends": [
        "aftersales_service",
        "rma_sale",
        "rma_reason",
        "rma_lot",
        "rma_sale_lot",
        "stock_delivery",
    ],
    "data": [
        "security/aftersales_returns_security.xml",
        "security/ir.model.access.csv",
        "data/product_data.xml",
        "data/rma_reason_data.xml",
        "data/mail_template_data.xml",
        "data/ir_cron_data.xml",
        "data/pickup_carrier_data.xml",
        "views/rma_views.xml",
        "views/rma_reason_views.xml",
        "views/aftersales_late_shipping_views.xml",
        "views/wizard_views.xml",
        "views/stock_views.xml",
        "views/agent_document_views.xml",
        "views/portal_templates.xml",
        "views/aftersales_menus.xml",
        "data/aftersales_overview_tile_data.xml",
        "views/res_config_settings_views.xml",
        "views/aftersales_warranty_views.xml",
    ],
    "demo": [
        "demo/aftersales_returns_demo.xml",
        "demo/aftersales_pickup_demo.xml",
    ],
    "assets": {
        "web.assets_frontend": [
            "aftersales_returns/static/src/js/*.js",
        ],
        "web.assets_tests": [
            "aftersales_returns/static/tests/tours/*.js",
        ],
    },
}
