# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class PurchaseOrder(models.Model):
    _inherit = "purchase.order"

    # set by the plan: a client may not clear the outsourcing flag to escape
    # the general manager's approval (R-PLN-25), nor attach any order to a plan
    _workflow_guarded_fields = ("order_plan_id", "order_plan_outsourcing")

    order_plan_id = fields.Many2one(
        comodel_name="order.production.plan",
        string="Production Plan",
        index="btree_not_null",
        copy=False,
        readonly=True,
    )
    order_plan_outsourcing = fields.Boolean(
        string="Outsourced Plan Step",
        copy=False,
        readonly=True,
        help="A subcontract order for a step of a production plan: the general manager "
        "approves it before it is confirmed (R-PLN-25).",
    )

    def action_view_order_plan(self):
        self.ensure_one()
        return self.order_plan_id._get_form_action()
