/** @odoo-module **/
// Copyright 2026 Order Management Suite contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("order_aftersales_portal_tour", {
    steps: () => [
        {
            content: "The customer's portal offers service requests before the first one.",
            trigger: ".o_portal_index_card:not(.d-none) a[href='/my/service-requests']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "None yet: file a new request.",
            trigger: "div[name='no_service_requests']",
        },
        {
            trigger: "a[name='new_service_request']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Choose the order concerned.",
            trigger: "select[name='order_id']",
            run: "selectByLabel TOUR-AFS-SO",
        },
        {
            trigger: "button[name='choose_order']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "A complaint.",
            trigger: "form[name='service_request_form'] input[name='type_id'][data-kind='complaint']",
            run: "click",
        },
        {
            trigger: "form[name='service_request_form'] input[name='subject']",
            run: "edit Tour: scratched widgets",
        },
        {
            trigger: "form[name='service_request_form'] textarea[name='description']",
            run: "edit Two widgets arrived with scratched housings.",
        },
        {
            content: "Two of the order's first product.",
            trigger: "form[name='service_request_form'] input[name^='line_qty_']:eq(0)",
            run: "edit 2",
        },
        {
            trigger: "form[name='service_request_form'] input[name^='line_problem_']:eq(0)",
            run: "edit Scratched housing",
        },
        {
            content: "Send it.",
            trigger: "form[name='service_request_form'] button[name='submit_service_request']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The request is filed and numbered.",
            trigger: "div[name='service_request_created']:contains('QR/JY-2005')",
        },
        {
            trigger: ".o_portal_submenu a[href='/my/service-requests']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "It is in the customer's list, received.",
            trigger:
                "tr.o_service_request_row:contains('Tour: scratched widgets') span[data-state='new']",
        },
    ],
});
