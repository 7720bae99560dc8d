# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    order_custom_made = fields.Boolean(
        string="Non-standard Product",
        help="Customised or made to the customer's specification: orders selling it "
        "are non-regular (非常规订单).",
    )
    order_regular_max_qty = fields.Float(
        string="Largest Regular Quantity",
        help="An order line above this quantity makes the order non-regular. 0: no limit.",
    )
