/* Copyright 2026 The After-Sales Suite Authors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {registry} from "@web/core/registry";

// A repair issues a part to the distributor (the part leaves the warehouse),
// and the old part is scanned back at the warehouse.
registry.category("web_tour.tours").add("aftersales_contracts_part_swap_tour", {
    steps: () => [
        {
            content: "The repair is settled under the distributor's agreement",
            trigger: ".o_field_widget[name=aftersales_distributor_id]:contains('Tour Distributor')",
        },
        {
            content: "Issue a part to the distributor",
            trigger: "button[name=action_aftersales_issue_part]",
            run: "click",
        },
        {
            content: "Choose the part",
            trigger: ".modal .o_field_widget[name=product_id] input",
            run: "edit Tour gas valve",
        },
        {
            content: "Pick it in the list",
            trigger: ".o-autocomplete--dropdown-item:contains('Tour gas valve')",
            run: "click",
        },
        {
            content: "Issue it",
            trigger: ".modal .modal-footer button:contains('Issue Part')",
            run: "click",
        },
        {
            content: "The repair lists the swap",
            trigger: "button[name=action_aftersales_view_swaps] .o_stat_value:contains('1')",
            run: "click",
        },
        {
            content: "Open the swap",
            trigger: ".o_data_row td:contains('Tour gas valve')",
            run: "click",
        },
        {
            content: "It waits for the old part",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Waiting for old part')",
        },
        {
            content: "The old part arrives at the warehouse",
            trigger: "button[name=action_open_receive_wizard]",
            run: "click",
        },
        {
            content: "Scan the old part",
            trigger: ".modal .o_field_widget[name=code] input",
            run: "edit TOUR-VALVE",
        },
        {
            content: "Receive it",
            trigger: ".modal button[name=action_confirm]",
            run: "click",
        },
        {
            content: "The swap is returned",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Returned')",
        },
    ],
});

// The charging run invoices an old part not back by its due date, once:
// run the scheduled action twice by hand.
registry.category("web_tour.tours").add("aftersales_contracts_swap_charge_tour", {
    steps: () => [
        {
            content: "The charging run of the swaps",
            trigger: ".o_field_widget[name=name] input:value(After-Sales: charge swaps without old part)",
        },
        {
            content: "Run it",
            trigger: "button[name=method_direct_trigger]",
            run: "click",
        },
        {
            content: "Run done",
            trigger: ".o_form_view:not(:has(.o_form_dirty)) button[name=method_direct_trigger]:enabled",
        },
        {
            content: "Run it again: nothing more is charged",
            trigger: "button[name=method_direct_trigger]",
            run: "click",
        },
        {
            content: "Second run done",
            trigger: ".o_form_view button[name=method_direct_trigger]:enabled",
        },
    ],
});

// The swap shows its charge at cost and the invoice.
registry.category("web_tour.tours").add("aftersales_contracts_swap_charged_tour", {
    steps: () => [
        {
            content: "The swap is charged",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Charged')",
        },
        {
            content: "At the cost price captured at issue",
            trigger: ".o_field_widget[name=amount_charged]:contains('45.00')",
        },
        {
            content: "With its invoice",
            trigger: ".o_field_widget[name=charge_move_id] a, .o_field_widget[name=charge_move_id]:not(:empty)",
        },
    ],
});
