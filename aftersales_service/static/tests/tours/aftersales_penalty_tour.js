/** @odoo-module **/
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("aftersales_penalty_confirm_tour", {
    steps: () => [
        {
            content: "Open the draft penalty entry",
            trigger: ".o_data_row td:contains('Tour: no callback')",
            run: "click",
        },
        {
            content: "Confirm it (manager)",
            trigger: ".o_form_view button[name='action_confirm']",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status .o_arrow_button_current:contains('Confirmed')",
        },
        {
            content: "Reverse it",
            trigger: ".o_form_view button[name='action_reverse']",
            run: "click",
        },
        {
            content: "Give the reason",
            trigger: ".modal div[name='reason'] textarea",
            run: "edit Wrong person",
        },
        {
            trigger: ".modal footer button[name='action_reverse']",
            run: "click",
        },
        {
            content: "The entry is marked reversed",
            trigger: ".o_form_view .ribbon:contains('Reversed')",
        },
    ],
});
