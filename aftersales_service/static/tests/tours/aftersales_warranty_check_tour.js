/** @odoo-module **/
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("aftersales_warranty_check_tour", {
    steps: () => [
        {
            content: "Type the serial number the customer reads from the unit",
            trigger: ".o_dialog div[name='serial'] input",
            run: "edit WH-TOUR-0001",
        },
        {
            content: "Check it",
            trigger: ".o_dialog button[name='action_check']",
            run: "click",
        },
        {
            content: "The unit is shown in warranty, with its end date and reason",
            trigger:
                ".o_dialog .o_field_widget[name='line_ids'] .o_data_row:contains('WH-TOUR-0001'):contains('In warranty'):contains('In warranty until')",
        },
    ],
});
