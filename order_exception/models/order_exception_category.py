# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class OrderExceptionCategory(models.Model):
    """What kind of problem an exception report is about (R-EXC-31): quality,
    equipment, material, manufacturing, process, planning, delivery, customer.

    Each category names the deadline policy of the reaction (20 minutes, then
    the department head, then the general manager: R-EXC-10) and the
    department that answers for it by default.
    """

    _name = "order.exception.category"
    _inherit = ["order.coded.mixin"]
    _description = "Exception Category"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, index=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        comodel_name="res.company", help="Leave empty to use the category in every company."
    )
    policy_id = fields.Many2one(
        comodel_name="order.sla.policy",
        string="Reaction Deadline",
        domain=[("model", "in", (False, "order.exception.report"))],
        help="Deadline and escalation ladder of the reaction to a report of this category. "
        "Empty: the reports run no clock.",
    )
    department_id = fields.Many2one(
        comodel_name="order.department",
        string="Responsible Department",
        help="The department a report of this category goes to by default.",
    )
    description = fields.Text(translate=True)

    _sql_constraints = [
        ("code_company_uniq", "unique(code, company_id)", "A code appears once per company."),
    ]
