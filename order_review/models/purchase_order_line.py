# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class PurchaseOrderLine(models.Model):
    _name = "purchase.order.line"
    _inherit = ["purchase.order.line", "order.review.line.mixin"]

    _review_line_watched_fields = (
        "product_id",
        "product_qty",
        "product_uom",
        "price_unit",
        "discount",
        "taxes_id",
        "date_planned",
    )
