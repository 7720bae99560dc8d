# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models
from odoo.exceptions import UserError


class StockPicking(models.Model):
    _inherit = "stock.picking"

    # a step completes when its transfers are done: only the plan links them
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

    def _create_backorder_picking(self):
        """The backorder of a plan's transfer belongs to the plan's step too."""
        backorder = super()._create_backorder_picking()
        if self.order_plan_id:
            with self._workflow_transition():
                backorder.write(
                    {
                        "order_plan_id": self.order_plan_id.id,
                        "order_plan_step_id": self.order_plan_step_id.id,
                    }
                )
        return backorder

    def _action_done(self):
        self._check_shipping_notice()
        result = super()._action_done()
        # the facts come from the server: whoever validates needs no right on plans
        records = self.sudo()
        steps = records.order_plan_step_id | records.move_ids.purchase_line_id.order_plan_step_id
        if steps:
            steps.sudo()._plan_check_completion()
        # §2.9: the logistics cycle of the orders ends with their last delivery done
        orders = records.filtered(lambda p: p.picking_type_code == "outgoing").sale_id
        if orders:
            orders._order_refresh_delivery_cycles()
        return result

    order_shipping_notice_ids = fields.One2many(
        comodel_name="order.shipping.notice",
        inverse_name="picking_id",
        string="Shipping Notices",
        readonly=True,
    )

    def _check_shipping_notice(self):
        """R-PLN-41: where the company asks for it, a sale order's delivery
        leaves only with an issued shipping notice (every validation path
        ends in ``_action_done``)."""
        pickings = self.sudo().filtered(
            lambda p: p.picking_type_code == "outgoing"
            and p.sale_id
            and p.company_id.order_shipping_notice_required
        )
        for picking in pickings:
            if not picking.order_shipping_notice_ids.filtered(
                lambda n: n.state in ("issued", "dispatched", "done")
            ):
                raise UserError(
                    self.env._(
                        "%(picking)s: the goods of %(order)s leave only with an issued "
                        "shipping notice (R-PLN-41).",
                        picking=picking.display_name,
                        order=picking.sale_id.display_name,
                    )
                )

    def action_view_shipping_notices(self):
        self.ensure_one()
        return self.sale_id._production_action(
            "order_production_plan.action_order_shipping_notice", self.order_shipping_notice_ids
        )
