# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models

from ..models.order_service_request_line_returns import INSPECTION_RESULTS, RESOLUTIONS


class OrderServiceRequestInspectionLine(models.TransientModel):
    _name = "order.service.request.inspection.line"
    _description = "Inspection of a Returned Product"

    inspection_id = fields.Many2one(
        comodel_name="order.service.request.inspection", required=True, ondelete="cascade"
    )
    request_line_id = fields.Many2one(comodel_name="order.service.request.line", required=True)
    product_id = fields.Many2one(related="request_line_id.product_id")
    picking_id = fields.Many2one(related="request_line_id.picking_id", string="Delivery")
    quantity_received = fields.Float(
        related="request_line_id.quantity_received", digits="Product Unit of Measure"
    )
    uom_id = fields.Many2one(related="request_line_id.uom_id")
    problem = fields.Text(related="request_line_id.problem", string="Reason")
    result = fields.Selection(selection=INSPECTION_RESULTS, required=True, default="pass")
    resolution = fields.Selection(
        selection=RESOLUTIONS,
        required=True,
        help="A product that does not meet the return conditions is repaired or settled "
        "otherwise (R-AFS-15).",
    )
    note = fields.Text(help="The product's condition, the accessories missing…")
