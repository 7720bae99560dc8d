/** @odoo-module **/
// Copyright 2026 Order Management Suite contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("order_exception_report_raise_tour", {
    steps: () => [
        {
            content: "The inspector opens a new exception report.",
            trigger: ".o_control_panel_main_buttons button.o-kanban-button-new",
            run: "click",
        },
        {
            content: "Describe the problem.",
            trigger: ".o_form_view div[name='title'] input",
            run: "edit Tour: switch housings scratched",
        },
        {
            content: "Choose the category.",
            trigger: ".o_form_view div[name='category_id'] input",
            run: "edit Tour quality",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains('Tour quality')",
            run: "click",
        },
        {
            content: "The category's department answers for it.",
            trigger: ".o_form_view div[name='department_id'] input:value('Tour QA')",
        },
        {
            trigger: ".o_form_view div[name='description'] textarea",
            run: "edit 7 of 50 sampled have scratches.",
        },
        {
            content: "Save: the report is numbered and sent to the head.",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_field_widget[name='name']:contains('EX/')",
        },
        {
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value='new']",
        },
    ],
});

registry.category("web_tour.tours").add("order_exception_report_acknowledge_tour", {
    steps: () => [
        {
            content: "The head sees the report addressed to them.",
            trigger: ".o_form_view div[name='title'] input:value('Tour: switch housings scratched')",
        },
        {
            content: "Acknowledge it.",
            trigger: ".o_form_view button[name='action_acknowledge']",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value='acknowledged']",
        },
    ],
});

registry.category("web_tour.tours").add("order_exception_report_views_tour", {
    steps: () => [
        {
            content: "Reports by state.",
            trigger: ".o_kanban_view .o_kanban_group",
        },
        {
            trigger: ".o_switch_view.o_list",
            run: "click",
        },
        {
            trigger: ".o_list_view .o_data_row",
        },
        {
            trigger: ".o_switch_view.o_pivot",
            run: "click",
        },
        {
            trigger: ".o_pivot table",
        },
        {
            trigger: ".o_switch_view.o_graph",
            run: "click",
        },
        {
            trigger: ".o_graph_renderer canvas",
        },
    ],
});

registry.category("web_tour.tours").add("order_exception_meeting_views_tour", {
    steps: () => [
        {
            content: "Meetings on the calendar.",
            trigger: ".o_calendar_view",
        },
        {
            trigger: ".o_switch_view.o_list",
            run: "click",
        },
        {
            trigger: ".o_list_view .o_data_row:first-child .o_data_cell",
            run: "click",
        },
        {
            content: "The meeting's agenda.",
            trigger: ".o_form_view div[name='report_ids'] .o_data_row",
        },
    ],
});
