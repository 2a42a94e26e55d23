/** @odoo-module **/
import {registry} from "@web/core/registry";

// A plain employee (not in the after-sales groups) takes a call.
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
            content: "The caller's number: the known customer is found",
            trigger: ".o_field_widget[name=partner_phone] input",
            run: "edit 137 1234 5678",
        },
        {
            content: "Subject",
            trigger: ".o_field_widget[name=name] input",
            run: "edit Range hood noisy",
        },
        {
            content: "The customer was filled in from the number",
            trigger: ".o_field_widget[name=partner_id] input:value(Tour Customer)",
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
            content: "The request is handed to the team, with a link to the ticket",
            trigger: ".o_notification:contains(Request logged) a:contains(Range hood noisy)",
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

// An agent of the team accepts, contacts, proposes, records the customer's
// confirmation and closes.
registry.category("web_tour.tours").add("aftersales_desk_agent_close", {
    steps: () => [
        {
            content: "The next milestone is shown in the header",
            trigger: "div[name=aftersales_sla_badge]:contains(Customer contacted)",
        },
        {
            content: "Accept the hand-over",
            trigger: "button[name=action_accept_handover]",
            run: "click",
        },
        {
            content: "The accepting agent is now the assignee",
            trigger: ".o_field_widget[name=user_id] input:value(Tour Agent)",
        },
        {
            content: "Customer contacted",
            trigger: "button[name=action_mark_contacted]",
            run: "click",
        },
        {
            content: "The ticket moved to In Progress; next: the solution",
            trigger: "div[name=aftersales_sla_badge]:contains(Solution proposed)",
        },
        {
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(In Progress)",
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

// A manager approves a compensation and sees what was carried out.
registry.category("web_tour.tours").add("aftersales_desk_manager_compensation", {
    steps: () => [
        {
            content: "Approve the compensation",
            trigger: ".o_form_view button[name=action_approve]",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Approved)",
        },
        {
            content: "The delivery to the customer is created",
            trigger: ".o_field_widget[name=picking_id]:contains(OUT)",
        },
        {
            content: "Open it",
            trigger: ".o_form_view button[name=action_view_picking]",
            run: "click",
        },
        {
            content: "The delivery of the gift, linked to the compensation",
            trigger: ".o_form_view .o_field_widget[name=aftersales_compensation_id]:contains(CMP)",
        },
    ],
});

// A callback "not satisfied" reopens the ticket with a new contact deadline.
registry.category("web_tour.tours").add("aftersales_desk_callback_reopen", {
    steps: () => [
        {
            content: "Record the callback",
            trigger: "button[name=action_open_callback]",
            run: "click",
        },
        {
            content: "Not satisfied",
            trigger: ".modal .o_field_widget[name=outcome] input[data-value=not_satisfied]",
            run: "click",
        },
        {
            content: "Rating 2",
            trigger: ".modal .o_field_widget[name=rating] input[data-value='2']",
            run: "click",
        },
        {
            content: "What the customer said",
            trigger: ".modal .o_field_widget[name=note] textarea",
            run: "edit The fan still rattles.",
        },
        {
            trigger: ".modal button[name=action_record]",
            run: "click",
        },
        {
            content: "Reopened: the chain restarts at contact, with its deadline",
            trigger: "div[name=aftersales_sla_badge]:contains(Customer contacted):contains(On time)",
        },
        {
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(New)",
        },
        {
            content: "Contact the customer again",
            trigger: "button[name=action_mark_contacted]",
        },
    ],
});
