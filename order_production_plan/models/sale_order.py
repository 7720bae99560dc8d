# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError


class SaleOrder(models.Model):
    _inherit = "sale.order"

    production_instruction_ids = fields.One2many(
        comodel_name="order.production.instruction",
        inverse_name="sale_order_id",
        string="Production Instructions",
    )
    production_instruction_count = fields.Integer(compute="_compute_production_plan_counts")
    production_plan_ids = fields.One2many(
        comodel_name="order.production.plan",
        inverse_name="sale_order_id",
        string="Production Plans",
    )
    production_plan_count = fields.Integer(compute="_compute_production_plan_counts")

    def _compute_production_plan_counts(self):
        for field, model in (
            ("production_instruction_count", "order.production.instruction"),
            ("production_plan_count", "order.production.plan"),
        ):
            # counts read with the server's rights: an invoicing user opens
            # the order without any right on the production documents
            counts = dict(
                self.env[model]
                .sudo()
                ._read_group([("sale_order_id", "in", self.ids)], ["sale_order_id"], ["__count"])
            )
            for order in self:
                order[field] = counts.get(order, 0)

    def _compute_order_effective_date(self):
        """R-REV-09: once the order takes effect, its production instruction
        is drawn up and the clerk's 4-hour clock starts (where the company
        asks for it)."""
        before = {order.id: order.order_effective_date for order in self}
        result = super()._compute_order_effective_date()
        effective = self.filtered(
            lambda o: isinstance(o.id, int)
            and o.order_effective_date
            and not before.get(o.id)
            and o.company_id.order_plan_auto_instruction
        )
        if effective:
            effective._create_production_instructions()
        return result

    def _create_production_instructions(self):
        """The instructions of these orders (one each, for goods), in one batch."""
        orders = self.filtered(
            lambda o: not o.production_instruction_ids.filtered(lambda i: i.state != "cancel")
            and any(
                not line.display_type and line.product_id.type == "consu" for line in o.order_line
            )
        )
        if not orders:
            return self.env["order.production.instruction"]
        return self.env["order.production.instruction"].sudo()._create_from_orders(orders)

    def _get_procured_productions(self):
        """Manufacturing orders Odoo's procurement made for these orders (make
        to order) and the ones they made in turn; read with the server's
        rights, they are attached to the plan by the server."""
        moves = self.sudo().procurement_group_id.stock_move_ids
        productions = moves.created_production_id
        children = productions.browse()
        for production in productions:
            children |= production._get_children()
        return productions | children

    def _get_procured_purchase_lines(self):
        """Purchase lines Odoo's procurement made for these orders (make to
        order, directly or through the pickings before delivery)."""
        moves = self.sudo().procurement_group_id.stock_move_ids
        origins = moves.browse(moves._rollup_move_origs())
        return (
            moves.created_purchase_line_ids
            | origins.created_purchase_line_ids
            | (origins.purchase_line_id)
        )

    def action_create_production_instruction(self):
        """Draw up the production instruction by hand (an order effective
        before the company asked for them): by the people who change the
        order (its salesperson, the sales managers) or a planner; the
        instruction itself is written with the server's rights."""
        self.ensure_one()
        if not self.env.user.has_group("order_production_plan.group_order_production_plan_planner"):
            self.check_access("write")
        instructions = self._create_production_instructions()
        if not instructions:
            return self.action_view_production_instructions()
        return {
            "type": "ir.actions.act_window",
            "res_model": "order.production.instruction",
            "res_id": instructions.id,
            "views": [(False, "form")],
        }

    @api.model
    def _production_action(self, xmlid, records):
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action["domain"] = [("id", "in", records.ids)]
        action["context"] = {"create": False}
        if len(records) == 1:
            action.update(res_id=records.id, views=[(False, "form")])
        return action

    def action_view_production_instructions(self):
        return self._production_action(
            "order_production_plan.action_order_production_instruction",
            self.production_instruction_ids,
        )

    def action_view_production_plans(self):
        return self._production_action(
            "order_production_plan.action_order_production_plan", self.production_plan_ids
        )

    # ------------------------------------------------------------------
    # Shipping notices (R-PLN-41)
    # ------------------------------------------------------------------
    shipping_notice_ids = fields.One2many(
        comodel_name="order.shipping.notice",
        inverse_name="sale_order_id",
        string="Shipping Notices",
    )
    shipping_notice_count = fields.Integer(compute="_compute_shipping_notice_count")

    def _compute_shipping_notice_count(self):
        counts = dict(
            self.env["order.shipping.notice"]
            .sudo()
            ._read_group([("sale_order_id", "in", self.ids)], ["sale_order_id"], ["__count"])
        )
        for order in self:
            order.shipping_notice_count = counts.get(order, 0)

    def write(self, vals):
        # R-PLN-41: the payment terms the shipping gate checked stay as they
        # were once a notice is issued (else: no-advance terms to issue and
        # ship, the contract's terms back afterwards)
        if "payment_term_id" in vals and not self._workflow_is_trusted():
            issued = (
                self.sudo()
                .shipping_notice_ids.filtered(lambda n: n.state in ("issued", "dispatched", "done"))
                .sale_order_id
            )
            changed = issued.filtered(lambda o: o.payment_term_id.id != vals["payment_term_id"])
            if changed:
                raise UserError(
                    self.env._(
                        "%(orders)s: the goods are noticed for shipment on these payment "
                        "terms; they can no longer change (R-PLN-41).",
                        orders=", ".join(changed.mapped("display_name")),
                    )
                )
        return super().write(vals)

    def action_create_shipping_notice(self):
        """A draft shipping notice of the order's goods (R-PLN-41)."""
        self.ensure_one()
        if self.state != "sale":
            raise UserError(self.env._("Confirm the order before noticing its shipment."))
        plan = self.production_plan_ids.filtered(lambda p: p.state in ("issued", "done"))[:1]
        notice = self.env["order.shipping.notice"]._create_for_orders(self, plan or None)
        return {
            "type": "ir.actions.act_window",
            "res_model": "order.shipping.notice",
            "res_id": notice.id,
            "views": [(False, "form")],
        }

    def action_view_shipping_notices(self):
        return self._production_action(
            "order_production_plan.action_order_shipping_notice", self.shipping_notice_ids
        )
