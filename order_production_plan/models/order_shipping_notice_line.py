# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class OrderShippingNoticeLine(models.Model):
    """A line of goods of a shipping notice: what the finished-goods keeper
    checks (R-PLN-42): product, specification, model, quantity, spares or
    matching parts."""

    _name = "order.shipping.notice.line"
    _description = "Shipping Notice Line"
    _inherit = ["order.workflow.mixin"]
    _order = "notice_id, sequence, id"

    _workflow_fixed_fields = ("notice_id", "sale_line_id")
    _workflow_state_field = "notice_state"
    _workflow_frozen_fields = ("product_id", "name", "model", "quantity", "spares")

    sequence = fields.Integer(default=10)
    notice_id = fields.Many2one(
        comodel_name="order.shipping.notice",
        required=True,
        ondelete="cascade",
        index=True,
    )
    notice_state = fields.Selection(related="notice_id.state", string="Notice Status")
    company_id = fields.Many2one(related="notice_id.company_id", store=True, index=True)
    sale_line_id = fields.Many2one(comodel_name="sale.order.line", ondelete="set null")
    product_id = fields.Many2one(comodel_name="product.product", required=True)
    name = fields.Text(string="Specification", help="产品规格")
    model = fields.Char(help="型号: the product's internal reference.")
    quantity = fields.Float(digits="Product Unit of Measure")
    product_uom_id = fields.Many2one(comodel_name="uom.uom", string="Unit")
    spares = fields.Text(
        string="Spares / Matching Parts",
        help="备件或配套件要求: spares and matching parts shipped with the goods.",
    )
