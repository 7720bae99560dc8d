# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Order After-sales",
    "summary": "Service and complaint requests, returns and repairs, response deadlines",
    "version": "18.0.1.0.0",
    "development_status": "Alpha",
    "category": "Sales/Sales",
    "website": "https://github.com/order-management-suite/order-management",
    "author": "Order Management Suite contributors",
    "maintainers": [],
    "license": "LGPL-3",
    "application": False,
    "installable": True,
    "depends": [
        "order_exception",
        "sale_stock",
        "repair",
        "portal",
        "rating",
        "calendar",
    ],
    "data": [
        "security/order_aftersales_security.xml",
        "security/ir.model.access.csv",
        "data/ir_sequence_data.xml",
        "data/order_sla_policy_data.xml",
        "data/order_service_request_type_data.xml",
        "views/order_service_request_views.xml",
        "views/order_service_request_type_views.xml",
        "views/res_config_settings_views.xml",
        "views/order_aftersales_menus.xml",
        "data/order_review_stage_data.xml",
        "data/mail_template_data.xml",
        "wizard/order_service_request_inspection_views.xml",
        "views/order_service_request_returns_views.xml",
        "views/product_views.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "order_aftersales/static/src/js/tours/*.js",
        ],
    },
}
