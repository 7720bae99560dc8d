# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Order Exception",
    "summary": "Change notices, exception reports and rules that block confirmation",
    "version": "18.0.1.0.0",
    "development_status": "Alpha",
    "category": "Sales/Sales",
    "website": "https://github.com/order-management-suite/order-management",
    "author": "Order Management Suite contributors",
    "maintainers": [],
    "license": "LGPL-3",
    "application": False,
    "installable": True,
    "depends": ["order_review", "sale_mrp", "purchase_stock"],
    "data": [
        "security/order_exception_security.xml",
        "security/ir.model.access.csv",
        "data/order_exception_data.xml",
        "data/order_exception_report_data.xml",
        "data/mail_template_data.xml",
        "views/order_change_notice_views.xml",
        "views/order_overdue_solution_views.xml",
        "views/stock_picking_views.xml",
        "views/order_exception_report_views.xml",
        "views/order_exception_rule_views.xml",
        "views/order_exception_meeting_views.xml",
        "views/order_document_views.xml",
        "views/res_config_settings_views.xml",
        "wizard/order_exception_override_views.xml",
        "report/order_exception_meeting_report.xml",
        "views/order_exception_menus.xml",
    ],
    "demo": [
        "demo/order_change_notice_demo.xml",
        "demo/order_overdue_solution_demo.xml",
        "demo/order_exception_report_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "order_exception/static/tests/tours/*.js",
        ],
    },
}
