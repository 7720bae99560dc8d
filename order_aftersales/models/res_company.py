# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    aftersales_department_id = fields.Many2one(
        comodel_name="order.department",
        string="After-sales Department",
        check_company=True,
        help="The department service requests are transferred to (售后服务部门, "
        "R-AFS-01); its head answers for them when nobody is assigned.",
    )
    aftersales_mail_type_id = fields.Many2one(
        comodel_name="order.service.request.type",
        string="Type of E-mailed Requests",
        domain="['|', ('company_id', '=', False), ('company_id', '=', id)]",
        help="The type of a request created from an e-mail to the service alias "
        "(technical support when empty). An alias may set its own type.",
    )
