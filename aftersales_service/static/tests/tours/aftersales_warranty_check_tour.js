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
            content: "Enter (or the scanner's Enter) runs the check",
            trigger: ".o_dialog div[name='serial'] input",
            run: "press Enter",
        },
        {
            content: "One green banner says the unit is in warranty, and until when",
            trigger:
                ".o_dialog .o_aftersales_check_banner .alert-success:contains('In warranty until')",
        },
        {
            content: "The unit is listed with its coverage",
            trigger:
                ".o_dialog .o_field_widget[name='line_ids'] .o_data_row:contains('WH-TOUR-0001'):contains('In warranty')",
        },
        {
            content: "An unknown serial is answered in the banner, not by an error",
            trigger: ".o_dialog div[name='serial'] input",
            run: "edit NO-SUCH-SERIAL && press Enter",
        },
        {
            content: "Red banner: not found",
            trigger:
                ".o_dialog .o_aftersales_check_banner .alert-danger:contains('NO-SUCH-SERIAL'):contains('not found')",
        },
        {
            content: "No error dialog was opened",
            trigger: "body:not(:has(.o_error_dialog))",
        },
        {
            content: "Close the check",
            trigger: ".o_dialog footer button.btn-secondary",
            run: "click",
        },
        {
            content: "The dialog is closed",
            trigger: "body:not(:has(.o_dialog))",
        },
    ],
});
