# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class OrderDepartment(models.Model):
    """A department of the regulations (销售部, 品保部, 物控部, 采购部…).

    The suite's documents name the department responsible and ask its head:
    an exception report goes to the head of the department concerned, a late
    batch to the heads of QC and purchasing. The suite does not depend on the
    Employees app: a department here is a head and its members, all users.
    """

    _name = "order.department"
    _inherit = ["order.coded.mixin"]
    _description = "Order Management Department"
    _order = "sequence, name, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(help="Short code used in reports and exports.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        comodel_name="res.company",
        index=True,
        default=lambda self: self.env.company,
        help="Leave empty to share the department between companies.",
    )
    manager_id = fields.Many2one(
        comodel_name="res.users",
        string="Head",
        help="The department head: asked when a problem of the department "
        "is escalated, and the one who acknowledges it.",
    )
    member_ids = fields.Many2many(comodel_name="res.users", string="Members")
    note = fields.Text()

    _sql_constraints = [
        ("code_company_uniq", "unique(code, company_id)", "A code appears once per company."),
    ]

    def _get_people(self):
        """The heads and members of these departments: who acts in a
        department's name."""
        return self.manager_id | self.member_ids
