/** @odoo-module **/
// Copyright 2026 Order Management Suite contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import {registry} from "@web/core/registry";

// The return's state, told without its label (the user may work in Chinese):
// the badge's colour and the buttons the state shows or hides.
const RETURN_STATES = {
    submitted: ["info", ":not(:has(.o_statusbar_buttons button[name='action_return_submit']))"],
    awaiting: ["info", ":has(.o_statusbar_buttons button[name='action_return_receive'])"],
    received: ["warning", ":has(.o_statusbar_buttons button[name='action_return_inspect'])"],
    inspected: ["warning", ":has(.o_statusbar_buttons button[name='action_return_process'])"],
    processed: ["warning", ":has(.o_statusbar_buttons button[name='action_return_notify'])"],
    notified: ["success", ":not(:has(.o_statusbar_buttons button[name='action_return_notify']))"],
};
const returnState = (value) => ({
    content: `The return is ${value}.`,
    trigger: `.o_form_view${RETURN_STATES[value][1]} .o_notebook div[name='return_state'] span.badge.text-bg-${RETURN_STATES[value][0]}`,
});
const openReturnTab = {
    content: "Open the Return tab.",
    trigger: ".o_form_view .o_notebook a.nav-link[name='returns']",
    run: "click",
};
const click = (name, content) => ({
    content,
    trigger: `.o_form_view .o_statusbar_buttons button[name='${name}']`,
    run: "click",
});

// R-AFS-02, R-AFS-14: the agent contacts the customer and submits the return.
registry.category("web_tour.tours").add("order_aftersales_return_tour", {
    steps: () => [
        click("action_contact", "The agent contacts the customer."),
        {
            content: "The request is in progress.",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value='in_progress']",
        },
        click("action_return_submit", "Submit the return for review."),
        openReturnTab,
        returnState("submitted"),
    ],
});

// R-AFS-14 审核申请: the after-sales manager approves it.
registry.category("web_tour.tours").add("order_aftersales_return_approve_tour", {
    steps: () => [
        {
            content: "Approve the return.",
            trigger:
                ".o_form_view .o_statusbar_buttons button[name='action_review_decide'].btn-primary",
            run: "click",
        },
        {
            content: "The manager's opinion.",
            trigger: ".modal .o_form_view div[name='opinion'] textarea",
            run: "edit Within the return conditions",
        },
        {
            content: "Confirm the approval.",
            trigger: ".modal .modal-footer button[name='action_confirm']",
            run: "click",
        },
        openReturnTab,
        returnState("awaiting"),
    ],
});

// R-AFS-14 steps 4–7 and closure: received, inspected, refunded, notified, closed.
registry.category("web_tour.tours").add("order_aftersales_return_close_tour", {
    steps: () => [
        click("action_return_receive", "The goods are back."),
        {
            content: "Validate the return receipts.",
            trigger: ".modal .modal-footer button.btn-primary",
            run: "click",
        },
        openReturnTab,
        returnState("received"),
        click("action_return_inspect", "Inspect the goods."),
        {
            content: "The inspection lists the widgets received.",
            trigger: ".modal div[name='line_ids'] .o_data_row:contains('Widget')",
        },
        {
            content: "Record the inspection.",
            trigger: ".modal .modal-footer button[name='action_confirm']",
            run: "click",
        },
        returnState("inspected"),
        click("action_return_process", "Settle the return: the credit note."),
        returnState("processed"),
        click("action_return_notify", "Tell the customer."),
        returnState("notified"),
        {
            content: "Open the Handling tab.",
            trigger: ".o_form_view .o_notebook a.nav-link[name='handling']",
            run: "click",
        },
        {
            content: "Describe the solution.",
            trigger: ".o_form_view .o_field_html[name='solution'] div.o-paragraph",
            run: "editor Refunded by credit note.",
        },
        click("action_solve", "Solved."),
        {
            content: "The request is solved.",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value='solved']",
        },
        click("action_close", "Close the request."),
        {
            content: "The request is closed.",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value='closed']",
        },
    ],
});
