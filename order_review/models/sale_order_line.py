# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class SaleOrderLine(models.Model):
    _name = "sale.order.line"
    _inherit = ["sale.order.line", "order.review.line.mixin"]

    _review_line_watched_fields = (
        "product_id",
        "product_uom_qty",
        "product_uom",
        "price_unit",
        "discount",
        "tax_id",
        "customer_lead",
    )
    _workflow_guarded_fields = ("first_delivery_date",)

    first_delivery_date = fields.Datetime(
        string="First Promised Date",
        copy=False,
        readonly=True,
        help="The delivery date of the line when its order was confirmed; stored once.",
    )
