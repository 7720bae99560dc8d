# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class OrderProductionPlanLinkMixin(models.AbstractModel):
    """A document of Odoo's flows a production plan's step is made of
    (manufacturing orders, transfers): the step completes when its documents
    are done, so only the plan links them, a client may not attach any
    document to any step."""

    _name = "order.production.plan.link.mixin"
    _description = "Order Management Production Plan Link"
    _inherit = ["order.workflow.mixin"]

    _workflow_guarded_fields = ("order_plan_id", "order_plan_step_id")

    order_plan_id = fields.Many2one(
        comodel_name="order.production.plan",
        string="Production Plan",
        index="btree_not_null",
        readonly=True,
    )
    order_plan_step_id = fields.Many2one(
        comodel_name="order.production.plan.step",
        string="Plan Step",
        index="btree_not_null",
        readonly=True,
    )
