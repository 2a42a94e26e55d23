/** @odoo-module **/
import {registry} from "@web/core/registry";

function daysAgo(days) {
    return new Date(Date.now() - days * 86400000).toISOString().slice(0, 10);
}

function setDate(days) {
    return function () {
        this.anchor.value = daysAgo(days);
        this.anchor.dispatchEvent(new Event("change", {bubbles: true}));
    };
}

registry.category("web_tour.tours").add("aftersales_warranty_register_tour", {
    url: "/my/warranties",
    steps: () => [
        {
            content: "The distributor opens the registration of its sales",
            trigger: "a#warranty_register_button",
            run: "click",
        },
        {
            content: "Both units wait for their end users",
            trigger: "#warranty_pending_units:contains('TOUR-WH-001'):contains('TOUR-WH-002')",
        },
        {
            content: "First unit: serial",
            trigger: "input[name='serial_0']",
            run: "edit TOUR-WH-001",
        },
        {
            content: "First unit: customer",
            trigger: "input[name='customer_name_0']",
            run: "edit Chen Jing",
        },
        {
            content: "First unit: phone",
            trigger: "input[name='phone_0']",
            run: "edit 138 5751 2507",
        },
        {
            content: "First unit: address",
            trigger: "input[name='address_0']",
            run: "edit 18 Jiefang Road, Shaoxing",
        },
        {
            content: "First unit: sale date",
            trigger: "input[name='sale_date_0']",
            run: setDate(3),
        },
        {
            content: "Second unit: serial",
            trigger: "input[name='serial_1']",
            run: "edit TOUR-WH-002",
        },
        {
            content: "Second unit: customer",
            trigger: "input[name='customer_name_1']",
            run: "edit Wang Lei",
        },
        {
            content: "Second unit: phone",
            trigger: "input[name='phone_1']",
            run: "edit 137 2222 3333",
        },
        {
            content: "Second unit: sale date",
            trigger: "input[name='sale_date_1']",
            run: setDate(1),
        },
        {
            content: "Register both",
            trigger: "button#warranty_register_submit",
            run: "click",
        },
        {
            content: "Both units are registered and listed",
            trigger: "#warranty_registered_done:contains('2')",
        },
        {
            content: "The list shows the registered units",
            trigger: "table:contains('TOUR-WH-001'):contains('TOUR-WH-002'):contains('Registered')",
        },
    ],
});
