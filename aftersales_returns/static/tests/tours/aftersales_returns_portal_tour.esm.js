/* Copyright 2026 The After-Sales Suite Authors
   License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("aftersales_returns_portal", {
    url: "/my/orders",
    steps: () => [
        {
            content: "Open the order",
            trigger: 'a:contains("SO-PORTAL-WANG")',
            run: "click",
        },
        {
            content: "Open the return request",
            trigger: 'a:contains("Request RMAs")',
            run: "click",
        },
        {
            content: "Return one unit of the first line",
            trigger: "input[name='0-quantity']",
            run: "edit 1",
        },
        {
            content: "Choose the requested operation",
            trigger: "select[name='0-operation_id']",
            run() {
                const select = this.anchor;
                select.value = select.options[1].value;
                select.dispatchEvent(new Event("change", {bubbles: true}));
            },
        },
        {
            content: "Give the reason",
            trigger: "select[name='0-return_reason']",
            run: "select quality",
        },
        {
            content: "Give the package state",
            trigger: "select[name='0-package_state']",
            run: "select opened",
        },
        {
            content: "Submit the request",
            trigger: "#form-request-rma button[type='submit']:not([disabled])",
            run: "click",
        },
        {
            content: "The return page shows the checks and the progress",
            trigger: "#aftersales_progress",
        },
    ],
});
