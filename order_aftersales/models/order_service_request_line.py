# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class OrderServiceRequestLine(models.Model):
    """A product the request is about: what, how many, the problem, and the
    delivery it came with (a return of several lines may span several
    deliveries, R-AFS-14)."""

    _name = "order.service.request.line"
    _description = "Service Request Line"
    _inherit = ["order.review.line.mixin"]
    _order = "request_id, sequence, id"

    _review_line_parent_field = "request_id"
    _review_line_watched_fields = ("product_id", "quantity", "sale_line_id", "move_id")
    _workflow_fixed_fields = ("request_id",)

    request_id = fields.Many2one(
        comodel_name="order.service.request",
        string="Service Request",
        required=True,
        ondelete="cascade",
        index=True,
    )
    sequence = fields.Integer(default=10)
    company_id = fields.Many2one(related="request_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="request_id.currency_id")
    commercial_partner_id = fields.Many2one(related="request_id.commercial_partner_id")
    sale_line_id = fields.Many2one(
        comodel_name="sale.order.line",
        string="Order Line",
        index="btree_not_null",
        domain="[('order_id.partner_id.commercial_partner_id', '=', commercial_partner_id), "
        "('order_id.state', '=', 'sale'), ('display_type', '=', False)]",
    )
    move_id = fields.Many2one(
        comodel_name="stock.move",
        string="Delivered Move",
        index="btree_not_null",
        domain="[('sale_line_id', '=', sale_line_id), ('state', '=', 'done'), "
        "('picking_code', '=', 'outgoing')]",
        help="The delivery the goods came with.",
    )
    picking_id = fields.Many2one(
        related="move_id.picking_id", string="Delivery", store=True, index="btree_not_null"
    )
    product_id = fields.Many2one(
        comodel_name="product.product",
        compute="_compute_product_id",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
    )
    lot_id = fields.Many2one(
        comodel_name="stock.lot",
        string="Lot/Serial Number",
        domain="[('product_id', '=', product_id)]",
    )
    quantity = fields.Float(default=1.0, digits="Product Unit of Measure", required=True)
    uom_id = fields.Many2one(related="product_id.uom_id", string="Unit")
    problem = fields.Text(help="The problem, the product's condition, the reason of a return.")
    price_unit = fields.Float(
        compute="_compute_price_unit",
        store=True,
        readonly=False,
        precompute=True,
        digits="Product Price",
    )
    price_subtotal = fields.Monetary(compute="_compute_price_subtotal", store=True)

    _sql_constraints = [
        ("quantity_positive", "CHECK(quantity > 0)", "A quantity must be positive."),
    ]

    @api.depends("sale_line_id", "move_id")
    def _compute_product_id(self):
        for line in self:
            line.product_id = (
                line.move_id.product_id or line.sale_line_id.product_id or line.product_id
            )

    @api.depends("sale_line_id")
    def _compute_price_unit(self):
        for line in self:
            sale_line = line.sale_line_id
            if sale_line:
                line.price_unit = sale_line.price_subtotal / (sale_line.product_uom_qty or 1.0)
            else:
                line.price_unit = line.price_unit or 0.0

    @api.depends("price_unit", "quantity")
    def _compute_price_subtotal(self):
        for line in self:
            line.price_subtotal = line.price_unit * line.quantity

    @api.constrains("sale_line_id", "move_id", "request_id")
    def _check_documents(self):
        """The order line and the delivery are the customer's and match
        (checked whatever the user may read of the order)."""
        for line in self.sudo():
            customer = line.request_id.commercial_partner_id
            order = line.sale_line_id.order_id
            if order and order.partner_id.commercial_partner_id != customer:
                raise ValidationError(
                    self.env._(
                        "%(order)s is not an order of %(customer)s.",
                        order=order.display_name,
                        customer=customer.display_name,
                    )
                )
            move = line.move_id
            if move and (
                move.picking_id.partner_id.commercial_partner_id != customer
                or move.company_id != line.company_id
            ):
                raise ValidationError(
                    self.env._(
                        "The delivery of %(product)s is not a delivery to %(customer)s.",
                        product=line.product_id.display_name,
                        customer=customer.display_name,
                    )
                )
            if move and move.sale_line_id != line.sale_line_id:
                raise ValidationError(
                    self.env._(
                        "The delivered move of %(product)s does not belong to its order line.",
                        product=line.product_id.display_name,
                    )
                )
