# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    order_plan_auto_instruction = fields.Boolean(
        related="company_id.order_plan_auto_instruction", readonly=False
    )
    order_plan_department_id = fields.Many2one(
        related="company_id.order_plan_department_id", readonly=False
    )
    order_plan_sales_department_id = fields.Many2one(
        related="company_id.order_plan_sales_department_id", readonly=False
    )
    order_packing_department_id = fields.Many2one(
        related="company_id.order_packing_department_id", readonly=False
    )
    order_shipping_department_id = fields.Many2one(
        related="company_id.order_shipping_department_id", readonly=False
    )
    order_shipping_notice_required = fields.Boolean(
        related="company_id.order_shipping_notice_required", readonly=False
    )
    order_plan_purchase_department_id = fields.Many2one(
        related="company_id.order_plan_purchase_department_id", readonly=False
    )
    order_plan_meeting = fields.Boolean(related="company_id.order_plan_meeting", readonly=False)
    order_plan_meeting_day = fields.Integer(
        related="company_id.order_plan_meeting_day", readonly=False
    )
