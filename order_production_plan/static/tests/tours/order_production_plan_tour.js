/** @odoo-module **/
// Copyright 2026 Order Management Suite contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("order_production_plan_tour", {
    steps: () => [
        {
            content: "The planner receives the issued production instruction.",
            trigger: ".o_form_view .o_statusbar_buttons button[name='action_receive']",
            run: "click",
        },
        {
            content: "Received: break it down into a plan.",
            trigger: ".o_form_view .o_statusbar_buttons button[name='action_create_plan']",
            run: "click",
        },
        {
            content: "The plan's first draft has its steps.",
            trigger: ".o_form_view div[name='step_ids'] .o_data_row:contains('Parts purchasing')",
        },
        {
            content: "Check the material.",
            trigger: ".o_form_view .o_statusbar_buttons button[name='action_check_material']",
            run: "click",
        },
        {
            content: "See the material check.",
            trigger: ".o_notebook_headers a.nav-link[name='material']",
            run: "click",
        },
        {
            content: "The breaker is to buy.",
            trigger: "div[name='material_ids'] .o_data_row:contains('Tour breaker'):contains('Buy')",
        },
        {
            content: "Create the manufacturing orders.",
            trigger: ".o_form_view .o_statusbar_buttons button[name='action_create_productions']",
            run: "click",
        },
        {
            content: "The cabinet and its frame are to make.",
            trigger: ".o_list_view .o_data_row:contains('Tour frame')",
        },
        {
            content: "Back to the plan.",
            trigger: ".o_breadcrumb .breadcrumb-item.o_back_button:contains('PP/') a",
            run: "click",
        },
        {
            content: "Create the requests for quotation.",
            trigger: ".o_form_view .o_statusbar_buttons button[name='action_create_purchases']",
            run: "click",
        },
        {
            content: "The request for quotation of the vendor.",
            trigger: ".o_form_view div[name='partner_id'] input:value('Tour vendor')",
        },
        {
            content: "Back to the plan.",
            trigger: ".o_breadcrumb .breadcrumb-item.o_back_button:contains('PP/') a",
            run: "click",
        },
        {
            content: "Issue the plan to the departments.",
            trigger: ".o_form_view .o_statusbar_buttons button[name='action_issue']",
            run: "click",
        },
        {
            content: "The plan is issued.",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value='issued']",
        },
        {
            content: "A department objects: open the planning menu.",
            trigger: ".o_main_navbar button.dropdown-toggle[data-menu-xmlid='order_production_plan.menu_order_production_plan']",
            run: "click",
        },
        {
            trigger: ".dropdown-menu a[data-menu-xmlid='order_production_plan.menu_order_production_plan_objection']",
            run: "click",
        },
        {
            content: "A new objection.",
            trigger: ".o_control_panel .o_list_button_add",
            run: "click",
        },
        {
            content: "Its plan.",
            trigger: ".o_form_view div[name='plan_id'] input",
            run: "click",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains('TOUR-SO')",
            run: "click",
        },
        {
            content: "Its step.",
            trigger: ".o_form_view div[name='step_id'] input",
            run: "click",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains('Parts purchasing')",
            run: "click",
        },
        {
            content: "The objecting department.",
            trigger: ".o_form_view div[name='department_id'] input",
            run: "edit Tour purchasing",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains('Tour purchasing')",
            run: "click",
        },
        {
            content: "The finish purchasing can keep.",
            trigger: ".o_form_view div[name='proposed_finish'] input",
            run: "edit 12/31/2030 17:00:00",
        },
        {
            content: "Why.",
            trigger: ".o_form_view div[name='reason'] textarea",
            run: "edit The breakers' supplier needs two more weeks.",
        },
        {
            content: "Save the objection.",
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            content: "The objection is submitted, waiting for the planner's answer.",
            trigger: ".o_form_view .o_statusbar_buttons button[name='action_accept']",
        },
    ],
});
