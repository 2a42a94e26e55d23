/** @odoo-module **/
import { registry } from "@web/core/registry";

// An admin opens the After-Sales app from the home menu and finds every
// policy number in the one "After-Sales" Settings section, then opens the cards.
registry.category("web_tour.tours").add("aftersales_settings_tour", {
    url: "/odoo",
    steps: () => [
        {
            content: "Open the apps menu",
            trigger: ".o_navbar_apps_menu button",
            run: "click",
        },
        {
            content: "Open the After-Sales app",
            trigger: ".o_app[data-menu-xmlid='aftersales_service.menu_aftersales_root']",
            run: "click",
        },
        {
            // On a narrow screen (or with wider fonts) the last sections of
            // the menu bar fold into its "+" menu: open whichever is shown.
            content: "Open the Configuration menu (or the bar's + menu)",
            trigger:
                ".o_menu_sections button[data-menu-xmlid='aftersales_service.menu_aftersales_config']:visible, .o_menu_sections_more button:visible",
            run: "click",
        },
        {
            content: "Open Settings",
            trigger: ".dropdown-item[data-menu-xmlid='aftersales_service.menu_aftersales_settings']",
            run: "click",
        },
        {
            content: "The warranty block is shown",
            trigger: ".app_settings_block[data-key='aftersales_service'] #aftersales_warranty_months_setting",
        },
        {
            content: "The default warranty shows the seed's 12 months",
            trigger: "#aftersales_warranty_months_setting .o_field_widget[name=aftersales_warranty_months] input:value(12)",
        },
        {
            content: "The start basis can be chosen",
            trigger: "#aftersales_warranty_start_setting .o_field_widget[name=aftersales_warranty_start] select",
        },
        {
            content: "Leave the settings for the warranty cards",
            trigger: ".o_menu_sections button[data-menu-xmlid='aftersales_service.menu_aftersales_warranty']",
            run: "click",
        },
        {
            trigger: ".dropdown-item[data-menu-xmlid='aftersales_service.menu_aftersales_warranty_cards']",
            run: "click",
        },
        {
            content: "The warranty cards list is open",
            trigger: ".o_list_view",
        },
    ],
});
