/** @odoo-module **/
// Copyright 2026 Order Management Suite contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("order_shipping_tour", {
    steps: () => [
        {
            content: "From the issued plan, draw up the shipping notice.",
            trigger: ".o_form_view .o_statusbar_buttons button[name='action_create_shipping_notice']",
            run: "click",
        },
        {
            content: "The notice lists the order's goods.",
            trigger: ".o_form_view div[name='line_ids'] .o_data_row:contains('Tour meter box'):contains('MB-20')",
        },
        {
            content: "The arrival time (R-PLN-41).",
            trigger: ".o_form_view div[name='arrival_date'] input",
            run: "edit 12/21/2030 10:00:00",
        },
        {
            content: "Issue it to the warehouse.",
            trigger: ".o_form_view .o_statusbar_buttons button[name='action_issue']",
            run: "click",
        },
        {
            content: "The notice is issued.",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value='issued']",
        },
    ],
});

// The carrier's signed receipt is scanned onto the delivery after the issue
// (the test uploads it between the tours: a tour cannot upload a file).
registry.category("web_tour.tours").add("order_shipping_dispatch_tour", {
    steps: () => [
        {
            content: "Open the delivery.",
            trigger: ".o_form_view button[name='action_view_picking']",
            run: "click",
        },
        {
            content: "Validate the delivery.",
            trigger: ".o_form_view .o_statusbar_buttons button[name='button_validate']",
            run: "click",
        },
        {
            content: "The delivery is done.",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value='done']",
        },
        {
            content: "Back to the shipping notice.",
            trigger: ".o_breadcrumb .breadcrumb-item.o_back_button:contains('SN/') a",
            run: "click",
        },
        {
            content: "Dispatch.",
            trigger: ".o_form_view .o_statusbar_buttons button[name='action_open_dispatch']",
            run: "click",
        },
        {
            content: "The carrier.",
            trigger: ".modal .o_form_view div[name='carrier_id'] input",
            run: "edit Tour logistics",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains('Tour logistics')",
            run: "click",
        },
        {
            content: "The tracking reference.",
            trigger: ".modal .o_form_view div[name='tracking_ref'] input",
            run: "edit TL-2030",
        },
        {
            content: "The carrier's signed receipt scanned onto the delivery.",
            trigger: ".modal .o_form_view div[name='receipt_attachment_id'] input:value('carrier-receipt.pdf')",
        },
        {
            content: "Confirm the dispatch.",
            trigger: ".modal .modal-footer button[name='action_confirm']",
            run: "click",
        },
        {
            content: "The notice is dispatched.",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value='dispatched']",
        },
    ],
});
