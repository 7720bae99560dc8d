# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class MrpProduction(models.Model):
    _name = "mrp.production"
    _inherit = ["mrp.production", "order.production.plan.link.mixin"]

    # the end of the production cycle is the server's (§2.9)
    _workflow_guarded_fields = ("order_done_on",)

    order_done_on = fields.Datetime(
        string="Done On (Server)",
        readonly=True,
        copy=False,
        help="When the order's production was posted, recorded by the server (an MRP "
        "user may write the end date): the end of the order's production cycle (§2.9).",
    )

    def _split_productions(self, amounts=False, cancel_remaining_qty=False, set_consumed_qty=False):
        """A backorder belongs to its order's plan step too."""
        productions = super()._split_productions(
            amounts=amounts,
            cancel_remaining_qty=cancel_remaining_qty,
            set_consumed_qty=set_consumed_qty,
        )
        linked = self.filtered("order_plan_step_id")
        if linked:
            with self._workflow_transition():
                for production in productions - self:
                    source = linked.filtered(
                        lambda p, b=production: p.procurement_group_id == b.procurement_group_id
                        and p.product_id == b.product_id
                    )[:1]
                    if source and not production.order_plan_step_id:
                        production.write(
                            {
                                "order_plan_id": source.order_plan_id.id,
                                "order_plan_step_id": source.order_plan_step_id.id,
                            }
                        )
        return productions

    def _order_get_children(self):
        """What Odoo's ``_get_children`` returns for each of these orders, for
        all of them at once: the orders made for their procurement groups'
        moves or for the moves feeding those, but not those of the order's own
        origin nor itself. The links are read for the whole set, then each
        order's children picked in memory."""
        groups = self.procurement_group_id
        procurement_moves = groups.stock_move_ids
        child_moves = procurement_moves.move_orig_ids
        made = (procurement_moves | child_moves).created_production_id
        # read once for the set; the loops below find them in the cache
        (made.procurement_group_id.mrp_production_ids | child_moves.production_id).mapped("origin")
        candidates = {}
        for group in groups:
            moves = group.stock_move_ids
            origins = moves.move_orig_ids
            candidates[group] = (
                moves | origins
            ).created_production_id.procurement_group_id.mrp_production_ids | origins.production_id
        children = {}
        for production in self.filtered("procurement_group_id"):
            children.update(
                (child.id, True)
                for child in candidates[production.procurement_group_id]
                if child.origin != production.origin and child != production
            )
        return self.browse(children)

    def _post_inventory(self, cancel_backorder=False):
        result = super()._post_inventory(cancel_backorder=cancel_backorder)
        self._workflow_write({"order_done_on": fields.Datetime.now()})
        # the facts come from the server: whoever validates needs no right on plans
        steps = self.sudo().order_plan_id.step_ids
        if steps:
            steps.sudo()._plan_check_completion()
        # §2.9: the production cycle of the orders ends with their last order done
        orders = self.sudo().procurement_group_id.sale_id | self.sudo().order_plan_id.sale_order_id
        if orders:
            orders._order_refresh_delivery_cycles()
        return result

    def action_start(self):
        result = super().action_start()
        # the facts come from the server: whoever validates needs no right on plans
        steps = self.sudo().order_plan_id.step_ids
        if steps:
            steps.sudo()._plan_check_completion()
        return result

    def action_view_order_plan(self):
        self.ensure_one()
        return self.order_plan_id._get_form_action()
