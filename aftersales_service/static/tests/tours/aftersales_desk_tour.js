/** @odoo-module **/
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("aftersales_desk_log_request", {
    url: "/odoo",
    steps: () => [
        {
            content: "Open the apps menu",
            trigger: ".o_navbar_apps_menu button",
            run: "click",
        },
        {
            content: "Log Customer Request from the main menu",
            trigger:
                ".o_app[data-menu-xmlid='aftersales_service.menu_aftersales_request_log_root']",
            run: "click",
        },
        {
            content: "Customer",
            trigger: ".o_field_widget[name=partner_id] input",
            run: "edit Tour Customer",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains(Tour Customer)",
            run: "click",
        },
        {
            content: "Subject",
            trigger: ".o_field_widget[name=name] input",
            run: "edit Range hood noisy",
        },
        {
            content: "What was asked",
            trigger: ".o_field_widget[name=description] textarea",
            run: "edit The fan rattles at full speed.",
        },
        {
            content: "Log it",
            trigger: "button[name=action_log]",
            run: "click",
        },
        {
            content: "The request is handed to the team",
            trigger: ".o_notification:contains(Request logged)",
        },
        {
            content: "Open my logged requests",
            trigger:
                ".o_menu_sections [data-menu-xmlid='aftersales_service.menu_aftersales_my_requests']",
            run: "click",
        },
        {
            content: "The first responder sees the ticket",
            trigger: ".o_data_row:contains(Range hood noisy)",
        },
    ],
});

registry.category("web_tour.tours").add("aftersales_desk_agent_close", {
    steps: () => [
        {
            content: "Accept the hand-over",
            trigger: "button[name=action_accept_handover]",
            run: "click",
        },
        {
            content: "Customer contacted",
            trigger: "button[name=action_mark_contacted]",
            run: "click",
        },
        {
            content: "Open the Service tab",
            trigger: ".o_notebook a.nav-link[name=aftersales_service]",
            run: "click",
        },
        {
            content: "Write the solution",
            trigger: ".o_field_widget[name=aftersales_solution] textarea",
            run: "edit Clean and re-balance the fan.",
        },
        {
            content: "Propose the solution",
            trigger: "button[name=action_propose_solution]",
            run: "click",
        },
        {
            content: "Record the customer's confirmation",
            trigger: "button[name=action_open_confirmation_wizard]",
            run: "click",
        },
        {
            content: "Confirm (and close)",
            trigger: ".modal button[name=action_confirm]",
            run: "click",
        },
        {
            content: "Closed: the callback can be recorded",
            trigger: "button[name=action_open_callback]",
        },
    ],
});
