/* Copyright 2026 The After-Sales Suite Authors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {registry} from "@web/core/registry";

// An agent dispatches an on-site visit from a ticket (维修指令).
registry.category("web_tour.tours").add("aftersales_onsite_dispatch_tour", {
    steps: () => [
        {
            content: "Dispatch the ticket's on-site visit",
            trigger: "button[name=action_aftersales_open_dispatch]",
            run: "click",
        },
        {
            content: "The service point of the customer's territory is proposed",
            trigger:
                ".modal .o_field_widget[name=service_point_id] input:value(/Li Chengdu Service Point/)",
        },
        {
            content: "The deadline is shown before sending",
            trigger: ".modal .o_field_widget[name=deadline_display]:not(:empty)",
        },
        {
            content: "Send the dispatch order",
            trigger: ".modal button[name=action_dispatch]",
            run: "click",
        },
        {
            content: "The order carries the service point and its deadline",
            trigger:
                ".o_form_view .o_field_widget[name=aftersales_service_point_id] input:value(/Li Chengdu Service Point/)",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=aftersales_deadline]:not(:empty)",
        },
    ],
});

// The service point's technician, in the portal on a phone: accept, check
// in, record the work and a part, the customer signs the repair slip.
registry.category("web_tour.tours").add("aftersales_onsite_technician_tour", {
    url: "/my/onsite",
    steps: () => [
        {
            content: "Open the dispatched order",
            trigger: ".o_onsite_orders a",
            run: "click",
        },
        {
            content: "Accept it",
            trigger: "button.o_onsite_accept",
            run: "click",
        },
        {
            trigger: ".o_onsite_message:contains('accepted')",
        },
        {
            content: "On site: check in (the time is the server's)",
            trigger: "button.o_onsite_checkin",
            run: "click",
        },
        {
            trigger: ".o_onsite_message:contains('Arrival')",
        },
        {
            content: "Record the work done",
            trigger: ".o_onsite_work textarea[name=resolution]",
            run: "edit Replaced the ignition electrode; tested OK.",
        },
        {
            trigger: "button.o_onsite_save_work",
            run: "click",
        },
        {
            trigger: ".o_onsite_message:contains('Work recorded')",
        },
        {
            content: "Add a part",
            trigger: ".o_onsite_add_line select[name=product_id]",
            run: "selectByLabel On-site labour",
        },
        {
            trigger: ".o_onsite_add_line button[type=submit]",
            run: "click",
        },
        {
            content: "The line is priced by the fee schedule",
            trigger: ".o_onsite_lines td:contains('On-site labour')",
        },
        {
            content: "The customer signs",
            trigger: "a.o_onsite_sign",
            run: "click",
        },
        {
            trigger: ".modal .o_web_sign_name_and_signature input:value(/Lin/)",
        },
        {
            // The pad is sized when the dialog has finished opening
            // (shown.bs.modal); a pad signed before that is 0 x 0 and sends
            // no image at all.
            content: "The dialog is open and its signature pad sized",
            trigger: ".modal.show canvas.o_web_sign_signature:not([width='0'])",
        },
        {
            content: "Pick a signature style",
            trigger: ".modal .o_web_sign_auto_select_style button",
            run: "click",
        },
        {
            trigger: ".o-dropdown-item:eq(1)",
            run: "click",
        },
        {
            content: "Sign and complete",
            trigger: ".modal .o_portal_sign_submit:enabled",
            async run(helpers) {
                // The chosen style is drawn from an image that loads
                // asynchronously: wait until the pad holds ink.
                const canvas = document.querySelector(".modal canvas.o_web_sign_signature");
                for (let i = 0; i < 100; i++) {
                    const {data} = canvas
                        .getContext("2d")
                        .getImageData(0, 0, canvas.width, canvas.height);
                    if (data.some((v, index) => index % 4 === 3 && v)) {
                        break;
                    }
                    await new Promise((resolve) => setTimeout(resolve, 50));
                }
                await helpers.click();
            },
        },
        {
            content: "Completed, with the signed slip to download",
            trigger: ".o_onsite_message:contains('signed')",
        },
        {
            trigger: "a.o_onsite_slip",
        },
    ],
});

// The maker's after-sales manager reads the monthly compliance.
registry.category("web_tour.tours").add("aftersales_onsite_manager_tour", {
    steps: () => [
        {
            content: "The compliance report lists the service point",
            trigger: ".o_pivot th:contains('Li Chengdu Service Point')",
        },
        {
            content: "Callbacks against the agreement's target",
            trigger: ".o_pivot th:contains('Callback Rate (%)')",
        },
        {
            trigger: ".o_pivot th:contains('Callback Target (%)')",
        },
        {
            content: "Switch to the graph",
            trigger: "button.o_graph",
            run: "click",
        },
        {
            trigger: ".o_graph_renderer canvas",
        },
    ],
});
