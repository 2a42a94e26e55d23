/* Copyright 2026 The After-Sales Suite Authors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("aftersales_contracts_agreement_tour", {
    url: "/odoo/action-aftersales_contracts.action_aftersales_agreement",
    steps: () => [
        {
            content: "Open the agreement from the After-Sales agreements list",
            trigger: ".o_data_row td:contains('Tour Agreement')",
            run: "click",
        },
        {
            content: "Open the After-Sales tab",
            trigger: ".o_notebook .nav-link:contains('After-Sales')",
            run: "click",
        },
        {
            content: "The covered unit shows its serial",
            trigger: ".o_field_widget[name=aftersales_unit_ids] td:contains('TOUR-0001')",
        },
        {
            content: "Plan the preventive visits",
            trigger: "button[name=action_aftersales_plan_visits]",
            run: "click",
        },
        {
            content: "Four visits are planned",
            trigger:
                "button[name=action_aftersales_view_visits] .o_stat_value:contains('4')",
        },
    ],
});
