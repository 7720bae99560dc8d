# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models

from .utils import related_counts


class OrderChangeMixin(models.AbstractModel):
    """An order that takes change notices once confirmed (sale: the customer's
    changes; purchase: the supplier's). ``_change_notice_field`` names the
    notice's field pointing to the order."""

    _name = "order.change.mixin"
    _description = "Order Taking Change Notices"

    _change_notice_field = "order_id"

    change_notice_count = fields.Integer(compute="_compute_change_notice_count")

    def _compute_change_notice_count(self):
        field = self._change_notice_field
        counts = related_counts(self, "order.change.notice", field)
        for order in self:
            order.change_notice_count = counts.get(order, 0)

    def action_change_order(self):
        """合同订单更改通知单: a new change notice on this confirmed order."""
        self.ensure_one()
        notice = self.env["order.change.notice"].create({self._change_notice_field: self.id})
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Change Notice"),
            "res_model": "order.change.notice",
            "res_id": notice.id,
            "view_mode": "form",
        }

    def action_view_change_notices(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Change Notices"),
            "res_model": "order.change.notice",
            "view_mode": "list,form",
            "domain": [(self._change_notice_field, "=", self.id)],
            "context": {f"default_{self._change_notice_field}": self.id},
        }
