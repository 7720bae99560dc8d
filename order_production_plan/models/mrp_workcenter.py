# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class MrpWorkcenter(models.Model):
    _inherit = "mrp.workcenter"

    order_department_id = fields.Many2one(
        comodel_name="order.department",
        string="Workshop",
        index="btree_not_null",
        help="The workshop (车间) whose daily production plan schedules this machine "
        "(R-PLN-19).",
    )
