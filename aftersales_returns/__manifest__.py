# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "After-Sales Returns",
    "summary": "Returns and exchanges checked against invoice dates, packaging "
    "and stock, with inspection, fees and compensation (on OCA rma)",
    "version": "18.0.1.0.0",
    "category": "After-Sales",
    "website": "https://github.com/aftersales-suite/aftersales",
    "author": "After-Sales Suite Authors",
    "license": "AGPL-3",
    "installable": True,
    "depends": ["aftersales_service", "rma_sale"],
    "data": [
        "views/aftersales_menus.xml",
        "views/res_config_settings_views.xml",
    ],
    "demo": [],
}
