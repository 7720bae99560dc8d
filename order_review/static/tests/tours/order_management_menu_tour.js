/** @odoo-module **/
// Copyright 2026 Order Management Suite contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import {registry} from "@web/core/registry";
import {stepUtils} from "@web_tour/tour_service/tour_utils";

registry.category("web_tour.tours").add("order_management_menu_tour", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps(
            "order_review.menu_order_root",
            "Open the Order Management app."
        ),
        {
            content: "The app is open.",
            trigger: ".o_main_navbar .o_menu_brand[data-menu-xmlid='order_review.menu_order_root']",
        },
        {
            content: "Open the configuration menu.",
            trigger: ".o_main_navbar button.dropdown-toggle[data-menu-xmlid='order_review.menu_order_config']",
            run: "click",
        },
        {
            content: "Open the deadline policies.",
            trigger: ".dropdown-menu a[data-menu-xmlid='order_review.menu_order_sla_policy']",
            run: "click",
        },
        {
            content: "The policies list shows the seeds' production instruction limit.",
            trigger: ".o_list_view .o_data_row:contains('4-hour tour policy')",
        },
    ],
});
