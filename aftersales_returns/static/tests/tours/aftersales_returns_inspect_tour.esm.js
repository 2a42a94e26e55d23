/* Copyright 2026 The After-Sales Suite Authors
   License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("aftersales_returns_inspect", {
    steps: () => [
        {
            content: "Open the inspection from the receipt",
            trigger: "button[name='action_aftersales_inspect']",
            run: "click",
        },
        {
            content: "Scan the product barcode",
            trigger: ".modal div[name='scan'] input",
            run: "edit 6900000000601 && press Enter",
        },
        {
            content: "The unit is identified",
            trigger: ".modal div[name='scan_message']:contains('matches')",
        },
        {
            content: "Invoice returned",
            trigger: ".modal div[name='invoice_returned'] input",
            run: "click",
        },
        {
            content: "Package intact",
            trigger: ".modal div[name='package_intact'] input",
            run: "click",
        },
        {
            content: "Accessories: the manual is missing, left unticked",
            trigger: ".modal div[name='accessories_complete'] input:not(:checked)",
        },
        {
            content: "Note what is missing",
            trigger: ".modal div[name='note'] textarea",
            run: "edit User manual missing",
        },
        {
            content: "Validate: back to stock once accepted",
            trigger: ".modal button[name='action_validate']",
            run: "click",
        },
        {
            content: "The receipt is done",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Done')",
        },
    ],
});
