# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Order Review",
    "summary": "Review stages on sale and purchase orders, and the suite's deadline engine",
    "version": "18.0.1.0.0",
    "development_status": "Alpha",
    "category": "Sales/Sales",
    "website": "https://github.com/order-management-suite/order-management",
    "author": "Order Management Suite contributors",
    "maintainers": [],
    "license": "LGPL-3",
    "application": True,
    "installable": True,
    "depends": ["sale_management", "purchase", "resource"],
    "data": [
        "security/order_review_security.xml",
        "security/ir.model.access.csv",
        "data/mail_activity_type_data.xml",
        "data/ir_cron_data.xml",
        "views/order_sla_policy_views.xml",
        "views/resource_calendar_views.xml",
        "views/order_review_menus.xml",
    ],
    "demo": [
        "demo/res_company_demo.xml",
        "demo/resource_calendar_demo.xml",
        "demo/res_partner_demo.xml",
        "demo/product_demo.xml",
        "demo/order_sla_policy_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "order_review/static/tests/tours/*.js",
        ],
    },
}
