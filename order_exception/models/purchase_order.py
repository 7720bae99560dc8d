# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class PurchaseOrder(models.Model):
    _name = "purchase.order"
    _inherit = ["purchase.order", "order.change.mixin", "order.exception.rule.mixin"]

    _exception_draft_states = ("draft", "sent")
    _exception_confirm_states = ("to approve", "purchase")
    _exception_confirm_method = "button_confirm"

    _change_notice_field = "purchase_id"

    change_notice_ids = fields.One2many(
        comodel_name="order.change.notice", inverse_name="purchase_id", string="Change Notices"
    )
