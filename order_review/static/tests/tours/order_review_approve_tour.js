/** @odoo-module **/
// Copyright 2026 Order Management Suite contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import {registry} from "@web/core/registry";
import {stepUtils} from "@web_tour/tour_service/tour_utils";

registry.category("web_tour.tours").add("order_review_approve_tour", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps("order_review.menu_order_root", "Open Order Management."),
        {
            content: "Open the review menu.",
            trigger: ".o_main_navbar button.dropdown-toggle[data-menu-xmlid='order_review.menu_order_review']",
            run: "click",
        },
        {
            content: "Open my reviews.",
            trigger: ".dropdown-menu a[data-menu-xmlid='order_review.menu_order_review_my']",
            run: "click",
        },
        {
            content: "Approve the order of the tour customer.",
            trigger:
                ".o_data_row:contains('Tour customer') button[name='action_open_decision']:eq(0)",
            run: "click",
        },
        {
            content: "Write the opinion.",
            trigger: ".modal div[name='opinion'] textarea",
            run: "edit Price policy respected.",
        },
        {
            content: "Confirm the decision.",
            trigger: ".modal-footer button[name='action_confirm']",
            run: "click",
        },
        {
            content: "Nothing is left to decide.",
            trigger: ".o_action:not(:has(.modal)) .o_view_nocontent",
        },
    ],
});
