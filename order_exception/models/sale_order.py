# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    change_notice_ids = fields.One2many(
        comodel_name="order.change.notice", inverse_name="order_id", string="Change Notices"
    )
    change_notice_count = fields.Integer(compute="_compute_change_notice_count")

    def _compute_change_notice_count(self):
        counts = dict(
            self.env["order.change.notice"]._read_group(
                [("order_id", "in", self.ids)], ["order_id"], ["__count"]
            )
        )
        for order in self:
            order.change_notice_count = counts.get(order, 0)

    def _change_snapshot(self):
        """The order lines as they are now (kept by each change notice)."""
        self.ensure_one()
        return {
            "commitment_date": fields.Datetime.to_string(self.commitment_date),
            "lines": [
                {
                    "id": line.id,
                    "product_id": line.product_id.id,
                    "product": line.product_id.display_name,
                    "name": line.name,
                    "product_uom_qty": line.product_uom_qty,
                    "price_unit": line.price_unit,
                }
                for line in self.order_line.filtered(lambda item: not item.display_type)
            ],
        }

    def action_change_order(self):
        """合同订单更改通知单: open a new change notice on this confirmed order."""
        self.ensure_one()
        notice = self.env["order.change.notice"].create({"order_id": self.id})
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
            "domain": [("order_id", "=", self.id)],
            "context": {"default_order_id": self.id},
        }
