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
