# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    order_complete_set = fields.Boolean(
        string="Complete Set",
        help="成套产品: a production instruction with such a product is broken down "
        "within 24 working hours instead of 4 (R-PLN-01).",
    )
    order_packing_check_item_ids = fields.One2many(
        comodel_name="order.packing.check.item",
        inverse_name="product_tmpl_id",
        string="Packing Checklist",
        help="Accessories and accompanying documents (附件、随机资料) the packing "
        "department checks before the product is packed (R-PLN-27).",
    )
    order_delivery_class = fields.Selection(
        selection=[
            ("general", "General"),
            ("high_value", "High Value"),
            ("custom", "Custom"),
        ],
        string="Delivery Class",
        default="general",
        help="一般 / 高價值 / 定制: the delivery-cycle standard of the orders selling "
        "the product (§2.9); an order takes its strictest product's class.",
    )
