# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "After-Sales Contracts",
    "summary": "Service agreements, preventive visits, fees, distributor duties "
    "and swap-old-for-new spare parts (on OCA contract)",
    "version": "18.0.1.0.0",
    "category": "After-Sales",
    "website": "https://github.com/aftersales-suite/aftersales",
    "author": "After-Sales Suite Authors",
    "license": "AGPL-3",
    "maintainers": ["aftersales-suite"],
    "installable": True,
    "depends": ["aftersales_service", "contract"],
    "data": [
        "views/aftersales_menus.xml",
        "views/res_config_settings_views.xml",
        "security/aftersales_contracts_security.xml",
        "security/ir.model.access.csv",
        "data/aftersales_contracts_data.xml",
        "data/ir_cron_data.xml",
        "views/contract_contract_views.xml",
        "views/aftersales_agreement_visit_views.xml",
        "views/aftersales_part_swap_views.xml",
        "views/aftersales_distributor_report_views.xml",
        "views/aftersales_agreement_settlement_views.xml",
        "views/other_views.xml",
        "views/portal_templates.xml",
        "report/aftersales_visit_report.xml",
    ],
    "demo": [
        "demo/aftersales_contracts_demo.xml",
        "demo/aftersales_money_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "aftersales_contracts/static/tests/tours/*.js",
        ],
    },
}
