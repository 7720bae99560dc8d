# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Order KPI Report",
    "summary": "Monthly order KPIs with targets, warnings, dashboard and xlsx export",
    "version": "18.0.1.0.0",
    "development_status": "Alpha",
    "category": "Sales/Sales",
    "website": "https://github.com/order-management-suite/order-management",
    "author": "Order Management Suite contributors",
    "maintainers": [],
    "license": "LGPL-3",
    "application": False,
    "installable": True,
    "depends": ["order_production_plan", "order_exception", "order_aftersales"],
    "data": [
        "security/order_kpi_report_security.xml",
        "views/order_kpi_report_menus.xml",
    ],
}
