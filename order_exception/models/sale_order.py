# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from contextlib import contextmanager

from odoo import fields, models
from odoo.exceptions import UserError

from .utils import related_counts


class SaleOrder(models.Model):
    _name = "sale.order"
    _inherit = ["sale.order", "order.change.mixin", "order.exception.rule.mixin"]

    _exception_draft_states = ("draft", "sent")
    _exception_confirm_states = ("sale",)
    _exception_report_field = "sale_order_id"
    _exception_report_sequence = 30
    _change_confirmed_states = ("sale",)
    _change_line_field = "sale_line_id"
    _change_qty_field = "product_uom_qty"
    _change_date_field = "commitment_date"
    _change_extra_fields = ("partner_invoice_id",)

    change_notice_ids = fields.One2many(
        comodel_name="order.change.notice", inverse_name="order_id", string="Change Notices"
    )
    overdue_solution_ids = fields.One2many(
        comodel_name="order.overdue.solution",
        inverse_name="order_id",
        string="Overdue Delivery Solutions",
    )
    overdue_solution_count = fields.Integer(compute="_compute_overdue_solution_count")

    # ------------------------------------------------------------------
    # Change notices (order.change.mixin hooks)
    # ------------------------------------------------------------------
    def _change_header_map(self):
        """The customer may also change the delivery address (R-EXC-09)."""
        return {**super()._change_header_map(), "partner_shipping_id": "partner_shipping_id"}

    @contextmanager
    def _change_apply_context(self):
        """An approved notice changes a locked order too: Odoo refuses to
        write the lines of a locked order and launches no procurement for it,
        so the order is unlocked for the change and locked again after it
        (said in the chatter)."""
        locked = self.filtered("locked")
        locked.action_unlock()
        try:
            yield
        finally:
            locked.action_lock()
        for order in locked:
            order._message_log(
                body=self.env._(
                    "The locked order was unlocked to apply the change notice, and locked again."
                )
            )

    def _change_apply_header(self, vals):
        """The new delivery address reaches the deliveries not yet done (Odoo
        would only ask to update them by hand)."""
        shipping = vals.get("partner_shipping_id")
        if not shipping:
            return super()._change_apply_header(vals)
        open_pickings = self.picking_ids.filtered(
            lambda p: p.picking_type_code == "outgoing" and p.state not in ("done", "cancel")
        )
        super(
            SaleOrder, self.with_context(mail_activity_automation_skip=True)
        )._change_apply_header(vals)
        open_pickings.write({"partner_id": shipping})
        return None

    def _change_impacted_documents(self):
        """Manufacturing orders and purchase orders of the sale order, then
        its pickings; a manufacturing order in progress cannot follow a
        change by itself, nor a purchase already (partly) received."""
        self.ensure_one()
        impacts = [
            (production, production.qty_produced, production.state in ("progress", "to_close"))
            for production in self.mrp_production_ids
        ]
        purchases = self._get_purchase_orders() if hasattr(self, "_get_purchase_orders") else []
        for purchase in purchases:
            received = sum(purchase.order_line.mapped("qty_received"))
            impacts.append((purchase, received, bool(received)))
        return impacts + super()._change_impacted_documents()

    def _compute_overdue_solution_count(self):
        counts = related_counts(self, "order.overdue.solution", "order_id")
        for order in self:
            order.overdue_solution_count = counts.get(order, 0)

    def _check_overdue_solution_allowed(self):
        for order in self:
            if order.state != "sale":
                raise UserError(
                    self.env._(
                        "Only a confirmed sale order takes an overdue delivery solution "
                        "(%(order)s).",
                        order=order.display_name,
                    )
                )

    def _get_overdue_reference_date(self):
        """The delivery date promised now: the commitment date, or the
        expected date when none was promised."""
        self.ensure_one()
        return self.commitment_date or self.expected_date

    def action_overdue_solution(self):
        """逾期交付解决方案: a new solution for this late order."""
        self.ensure_one()
        self._check_overdue_solution_allowed()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Overdue Delivery Solution"),
            "res_model": "order.overdue.solution",
            "view_mode": "form",
            "context": {"default_order_id": self.id},
        }

    def action_view_overdue_solutions(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Overdue Delivery Solutions"),
            "res_model": "order.overdue.solution",
            "view_mode": "list,form",
            "domain": [("order_id", "=", self.id)],
            "context": {"default_order_id": self.id},
        }
