# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class StockPicking(models.Model):
    _inherit = "stock.picking"

    order_plan_id = fields.Many2one(
        comodel_name="order.production.plan",
        string="Production Plan",
        index="btree_not_null",
        copy=False,
        readonly=True,
    )
    order_plan_step_id = fields.Many2one(
        comodel_name="order.production.plan.step",
        string="Plan Step",
        index="btree_not_null",
        copy=False,
        readonly=True,
    )

    def _action_done(self):
        result = super()._action_done()
        steps = self.order_plan_step_id | self.move_ids.purchase_line_id.order_plan_step_id
        if steps:
            steps._plan_check_completion()
        return result
