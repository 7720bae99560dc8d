# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class SaleOrder(models.Model):
    _name = "sale.order"
    _inherit = ["sale.order", "order.change.mixin"]

    change_notice_ids = fields.One2many(
        comodel_name="order.change.notice", inverse_name="order_id", string="Change Notices"
    )
