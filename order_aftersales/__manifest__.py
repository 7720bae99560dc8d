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
    "depends": ["order_review", "sale_stock"],
    "data": [
        "security/order_aftersales_security.xml",
        "views/order_aftersales_menus.xml",
    ],
}
