# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class PurchaseOrderLine(models.Model):
    _inherit = "purchase.order.line"

    # the parts purchasing step completes when its lines are received: only
    # the plan links them
    _workflow_guarded_fields = ("order_plan_step_id",)

    order_plan_step_id = fields.Many2one(
        comodel_name="order.production.plan.step",
        string="Plan Step",
        index="btree_not_null",
        copy=False,
        readonly=True,
    )
