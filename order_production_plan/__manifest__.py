# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Order Production Plan",
    "summary": "Production instruction, task breakdown, order plan with steps, objections "
    "and material check, from an effective sale order",
    "version": "18.0.1.0.0",
    "development_status": "Alpha",
    "category": "Manufacturing/Manufacturing",
    "website": "https://github.com/order-management-suite/order-management",
    "author": "Order Management Suite contributors",
    "maintainers": [],
    "license": "LGPL-3",
    "application": False,
    "installable": True,
    "depends": ["order_review", "order_exception", "sale_mrp", "purchase_stock", "calendar"],
    "data": [
        "security/order_production_plan_security.xml",
        "security/ir.model.access.csv",
        "data/ir_sequence_data.xml",
        "data/order_sla_policy_data.xml",
        "data/order_production_step_type_data.xml",
        "data/order_review_stage_data.xml",
        "wizard/order_production_step_outsource_views.xml",
        "views/order_production_instruction_views.xml",
        "views/order_production_plan_views.xml",
        "views/order_production_plan_step_views.xml",
        "views/order_production_plan_objection_views.xml",
        "views/order_production_plan_revision_views.xml",
        "views/order_production_step_type_views.xml",
        "views/sale_order_views.xml",
        "views/res_config_settings_views.xml",
        "report/order_production_plan_report.xml",
        "views/order_production_plan_menus.xml",
    ],
    "demo": [
        "demo/res_users_demo.xml",
        "demo/mrp_bom_demo.xml",
        "demo/order_production_plan_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "order_production_plan/static/tests/tours/*.js",
        ],
    },
}
