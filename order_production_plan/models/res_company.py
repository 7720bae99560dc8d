# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    order_plan_auto_instruction = fields.Boolean(
        string="Production Instruction When Effective",
        help="A production instruction is drawn up for every sale order of goods "
        "when it takes effect, and its 4-hour clock starts (R-REV-09).",
    )
    order_plan_department_id = fields.Many2one(
        comodel_name="order.department",
        string="Manufacturing Department",
        help="The department receiving the production instructions; its head breaks "
        "them down into a plan (R-PLN-01).",
    )
    order_plan_sales_department_id = fields.Many2one(
        comodel_name="order.department",
        string="Contract Order Department",
        help="Told when a plan cannot finish by the delivery date, to negotiate "
        "with the customer (R-PLN-08).",
    )
    order_packing_department_id = fields.Many2one(
        comodel_name="order.department",
        string="Packing Department",
        help="Receives the pre-packing notices when the plan's packing step names "
        "no department (R-PLN-27).",
    )
    order_shipping_department_id = fields.Many2one(
        comodel_name="order.department",
        string="Shipping Department",
        help="Finished-goods warehouse / transport: its head dispatches the shipping "
        "notices whose delivery has no responsible (R-PLN-41).",
    )
    order_shipping_notice_required = fields.Boolean(
        string="Shipping Notice Before Delivery",
        help="A sale order's delivery is validated only with an issued shipping "
        "notice (R-PLN-41).",
    )
    order_plan_purchase_department_id = fields.Many2one(
        comodel_name="order.department",
        string="Purchasing Department",
        help="Its head follows up the suppliers when a purchase order has no buyer and "
        "receives the late-supply reports (R-PLN-32, R-PLN-33).",
    )
    order_plan_meeting = fields.Boolean(
        string="Monthly Coordination Meeting",
        help="产销协调会 (R-PLN-13, R-PLN-14): on the meeting day of every month, a "
        "calendar event for the production–sales coordination meeting is created, "
        "organised by the manufacturing department's head, with the heads of all "
        "departments invited and the month's figures attached.",
    )
    order_plan_meeting_day = fields.Integer(
        string="Meeting Day",
        default=25,
        help="Day of the month of the production–sales coordination meeting.",
    )
