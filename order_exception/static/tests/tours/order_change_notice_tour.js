/** @odoo-module **/
// Copyright 2026 Order Management Suite contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("order_change_notice_tour", {
    steps: () => [
        {
            content: "Change the confirmed order.",
            trigger: ".o_form_view button[name='action_change_order']",
            run: "click",
        },
        {
            content: "Edit the quantity of the first proposed line.",
            trigger: "div[name='line_ids'] .o_data_row:eq(0) td[name='product_uom_qty']",
            run: "click",
        },
        {
            trigger: "div[name='line_ids'] .o_data_row .o_field_widget[name='product_uom_qty'] input",
            run: "edit 14",
        },
        {
            content: "Write the customer's reason.",
            trigger: "div[name='customer_reason'] textarea",
            run: "edit The project needs four more cabinets.",
        },
        {
            content: "See the changes.",
            trigger: ".o_notebook_headers a.nav-link[name='diff']",
            run: "click",
        },
        {
            content: "The diff shows the new quantity.",
            trigger: ".o_order_change_diff td:contains('14')",
        },
        {
            content: "Submit the notice.",
            trigger: ".o_form_view button[name='action_submit']",
            run: "click",
        },
        {
            content: "Approve it.",
            trigger: ".o_form_view button[name='action_review_decide'].btn-primary",
            run: "click",
        },
        {
            trigger: ".modal div[name='opinion'] textarea",
            run: "edit Capacity available.",
        },
        {
            trigger: ".modal-footer button[name='action_confirm']",
            run: "click",
        },
        {
            content: "Approve the production stage too.",
            trigger:
                "body:not(:has(.modal)) .o_form_view button[name='action_review_decide'].btn-primary",
            run: "click",
        },
        {
            trigger: ".modal div[name='opinion'] textarea",
            run: "edit Delivery date holds.",
        },
        {
            trigger: ".modal-footer button[name='action_confirm']",
            run: "click",
        },
        {
            content: "The notice is applied.",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value='applied']",
        },
    ],
});
