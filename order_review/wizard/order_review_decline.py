# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class OrderReviewDecline(models.TransientModel):
    """The customer refused the proposed delivery date: sales asks the
    general manager to decline the order (核准不接订单)."""

    _name = "order.review.decline"
    _description = "Decline an Order"

    order_id = fields.Many2one(comodel_name="sale.order", required=True, ondelete="cascade")
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.ensure_one()
        self.order_id._request_decline(self.reason)
        return {"type": "ir.actions.act_window_close"}
