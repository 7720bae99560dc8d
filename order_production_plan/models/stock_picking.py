# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models
from odoo.exceptions import UserError


class StockPicking(models.Model):
    _name = "stock.picking"
    _inherit = ["stock.picking", "order.production.plan.link.mixin"]

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
        groups="sales_team.group_sale_salesman,stock.group_stock_user,"
        "order_production_plan.group_order_production_plan_user",
    )
    order_shipping_notice_count = fields.Integer(
        compute="_compute_order_shipping_notice_count",
        compute_sudo=True,
        string="Shipping Notice Count",
    )

    def _compute_order_shipping_notice_count(self):
        # a count reveals nothing: whoever opens a transfer (a buyer, an
        # accountant) reads it without any right on the notices
        counts = dict(
            self.env["order.shipping.notice"]
            .sudo()
            ._read_group([("picking_id", "in", self.ids)], ["picking_id"], ["__count"])
        )
        for picking in self:
            picking.order_shipping_notice_count = counts.get(picking, 0)

    def _order_is_delivery(self):
        """Goods leaving to a customer: a delivery, or a dropship."""
        self.ensure_one()
        return self.picking_type_code == "outgoing" or self.location_dest_id.usage == "customer"

    def _order_sale_orders(self):
        """The sale orders whose goods this transfer carries."""
        self.ensure_one()
        return self.sale_id | self.move_ids.sale_line_id.order_id

    def _check_shipping_notice(self):
        """R-PLN-41: where the company asks for it, a sale order's delivery
        leaves only with an issued shipping notice of that order, whose gate
        (signature, advance) still holds at the validation (every
        validation path ends in ``_action_done``)."""
        pickings = self.sudo().filtered(
            lambda p: p.company_id.order_shipping_notice_required
            and p._order_is_delivery()
            and p._order_sale_orders()
        )
        for picking in pickings:
            orders = picking._order_sale_orders()
            notices = picking.order_shipping_notice_ids.filtered(
                lambda n, o=orders: n.state in ("issued", "dispatched", "done")
                and n.sale_order_id in o
            )
            if not notices or notices.sale_order_id != orders:
                raise UserError(
                    self.env._(
                        "%(picking)s: the goods of %(order)s leave only with an issued "
                        "shipping notice (R-PLN-41).",
                        picking=picking.display_name,
                        order=", ".join(orders.mapped("display_name")),
                    )
                )
            for notice in notices:
                problems = notice._shipping_gate_problems()
                if problems:
                    raise UserError(
                        self.env._(
                            "%(picking)s cannot leave: %(problems)s (R-PLN-41).",
                            picking=picking.display_name,
                            problems="; ".join(problems),
                        )
                    )

    def action_view_shipping_notices(self):
        self.ensure_one()
        return self.sale_id._production_action(
            "order_production_plan.action_order_shipping_notice",
            self.order_shipping_notice_ids,
        )
