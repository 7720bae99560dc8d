# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class MrpProduction(models.Model):
    _inherit = "mrp.production"

    order_plan_id = fields.Many2one(
        comodel_name="order.production.plan",
        string="Production Plan",
        index="btree_not_null",
        copy=True,
        readonly=True,
    )
    order_plan_step_id = fields.Many2one(
        comodel_name="order.production.plan.step",
        string="Plan Step",
        index="btree_not_null",
        copy=True,
        readonly=True,
    )

    def _post_inventory(self, cancel_backorder=False):
        result = super()._post_inventory(cancel_backorder=cancel_backorder)
        steps = self.order_plan_id.step_ids
        if steps:
            steps._plan_check_completion()
        return result

    def action_start(self):
        result = super().action_start()
        steps = self.order_plan_id.step_ids
        if steps:
            steps._plan_check_completion()
        return result

    def action_view_order_plan(self):
        self.ensure_one()
        return self.order_plan_id._get_form_action()
