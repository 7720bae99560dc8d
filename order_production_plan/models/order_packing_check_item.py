# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models

CHECK_KINDS = [
    ("accessory", "Accessory"),
    ("document", "Accompanying Document"),
]


class OrderPackingCheckItem(models.Model):
    """An accessory or accompanying document (附件 / 随机资料) packed with a
    product: the pre-packing notice's checklist (R-PLN-27)."""

    _name = "order.packing.check.item"
    _description = "Packing Checklist Item"
    _order = "product_tmpl_id, sequence, id"

    sequence = fields.Integer(default=10)
    product_tmpl_id = fields.Many2one(
        comodel_name="product.template",
        string="Product",
        required=True,
        ondelete="cascade",
        index=True,
    )
    company_id = fields.Many2one(related="product_tmpl_id.company_id", store=True)
    kind = fields.Selection(selection=CHECK_KINDS, required=True, default="accessory")
    name = fields.Char(required=True, translate=True)
    quantity = fields.Float(default=1.0, digits="Product Unit of Measure")
