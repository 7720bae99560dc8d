# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


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
    _workflow_guarded_fields = ("first_date_planned",)

    first_date_planned = fields.Datetime(
        string="First Promised Receipt Date",
        copy=False,
        readonly=True,
        help="The expected arrival of the line when its order was confirmed; stored once.",
    )
