# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models
from odoo.exceptions import UserError

from .utils import related_counts


class SaleOrder(models.Model):
    _name = "sale.order"
    _inherit = ["sale.order", "order.change.mixin", "order.exception.rule.mixin"]

    _exception_draft_states = ("draft", "sent")
    _exception_confirm_states = ("sale",)

    change_notice_ids = fields.One2many(
        comodel_name="order.change.notice", inverse_name="order_id", string="Change Notices"
    )
    overdue_solution_ids = fields.One2many(
        comodel_name="order.overdue.solution",
        inverse_name="order_id",
        string="Overdue Delivery Solutions",
    )
    overdue_solution_count = fields.Integer(compute="_compute_overdue_solution_count")

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
