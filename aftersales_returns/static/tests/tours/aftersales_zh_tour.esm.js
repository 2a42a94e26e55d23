/* Copyright 2026 The After-Sales Suite Authors
   License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {registry} from "@web/core/registry";

// A Chinese-speaking agent (user language zh_CN) works a ticket: every label
// they read is Chinese, the OCA helpdesk's included.
registry.category("web_tour.tours").add("aftersales_zh_desk", {
    steps: () => [
        {
            content: "The next milestone reads in Chinese",
            trigger: "div[name=aftersales_sla_badge]:contains(已联系客户)",
        },
        {
            content: "The OCA helpdesk's labels read in Chinese",
            trigger: ".o_form_label:contains(处理人)",
        },
        {
            trigger: ".o_notebook a.nav-link:contains(描述)",
        },
        {
            content: "Record the contact with the customer",
            trigger: "button[name=action_mark_contacted]:contains(已联系客户)",
            run: "click",
        },
        {
            content: "The chain moves on: next, the solution",
            trigger: "div[name=aftersales_sla_badge]:contains(已提出处理方案)",
        },
        {
            content: "The ticket's stage follows, in Chinese",
            trigger: ".o_field_widget[name=stage_id] .o_arrow_button_current:contains(处理中)",
        },
    ],
});

// The same person, also warehouse staff, inspects a returned unit on the
// return receipt: the wizard and the receipt read in Chinese.
registry.category("web_tour.tours").add("aftersales_zh_inspect", {
    steps: () => [
        {
            content: "Open the inspection from the receipt",
            trigger: "button[name='action_aftersales_inspect']:contains(退货验货)",
            run: "click",
        },
        {
            content: "Scan the product barcode",
            trigger: ".modal div[name='scan'] input",
            run: "edit 6900000000601 && press Enter",
        },
        {
            content: "The checklist reads in Chinese",
            trigger: ".modal label:contains(发票已退回)",
        },
        {
            trigger: ".modal div[name='invoice_returned'] input",
            run: "click",
        },
        {
            trigger: ".modal div[name='package_intact'] input",
            run: "click",
        },
        {
            trigger: ".modal div[name='accessories_complete'] input",
            run: "click",
        },
        {
            content: "Validate",
            trigger: ".modal button[name='action_validate']",
            run: "click",
        },
        {
            content: "The receipt is done, in Chinese",
            trigger: ".o_field_widget[name=state] .o_arrow_button_current:contains(已完成)",
        },
    ],
});
