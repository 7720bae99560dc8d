# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class PurchaseOrder(models.Model):
    _name = "purchase.order"
    _inherit = ["purchase.order", "order.change.mixin", "order.exception.rule.mixin"]

    _exception_draft_states = ("draft", "sent")
    _exception_confirm_states = ("to approve", "purchase")
    _exception_confirm_method = "button_confirm"
    _exception_report_field = "purchase_id"
    _exception_report_sequence = 20

    _change_notice_field = "purchase_id"
    _change_confirmed_states = ("purchase", "done")
    _change_line_field = "purchase_line_id"
    _change_qty_field = "product_qty"
    _change_date_field = "date_planned"
    # 物控部: the planning department consulted before a purchase quantity drops
    _change_planning_department_code = "PMC"

    change_notice_ids = fields.One2many(
        comodel_name="order.change.notice", inverse_name="purchase_id", string="Change Notices"
    )

    def _change_prepare_line_vals(self, notice_line, notice):
        vals = super()._change_prepare_line_vals(notice_line, notice)
        if notice_line.change == "added":
            vals["date_planned"] = notice.commitment_date or self.date_planned
        return vals

    def _change_consulted_department_code(self, notice):
        """R-REV-22: purchasing reduces a planned purchase quantity only after
        consulting the planning (issuing) department."""
        if notice._reduces_quantities():
            return self._change_planning_department_code
        return super()._change_consulted_department_code(notice)
