/* Copyright 2026 The After-Sales Suite Authors
   License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("aftersales_returns_agent", {
    steps: () => [
        {
            content: "The processed return opens",
            trigger: ".o_form_view .o_field_widget[name='name']:contains('RMA-WANG-001')",
        },
        {
            content: "Its status is Refunded",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Refunded')",
        },
        {
            content: "Open the inspection page",
            trigger: "a.nav-link:contains('Inspection')",
            run: "click",
        },
        {
            content: "The outcome and the transfer after inspection are shown",
            trigger: ".o_field_widget[name='aftersales_inspection_outcome']:contains('Accepted')",
        },
        {
            content: "Open the transfers of the return",
            trigger: "button[name='action_aftersales_view_transfers']",
            run: "click",
        },
        {
            content: "The receipt and the transfer to quarantine are listed",
            trigger: ".o_list_view .o_data_row:nth-child(2)",
        },
        {
            content: "Back to the return",
            trigger: ".o_breadcrumb a:contains('RMA-WANG-001')",
            run: "click",
        },
        {
            content: "Open its credit note",
            trigger: "button[name='action_aftersales_view_credit_note']",
            run: "click",
        },
        {
            content: "The credit note opens, read only",
            trigger: ".o_form_view .o_field_widget[name='partner_id']",
        },
    ],
});
