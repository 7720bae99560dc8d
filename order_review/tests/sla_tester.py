# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class OrderSlaTester(models.Model):
    """A throwaway document running deadline clocks (loaded by the tests only)."""

    _name = "order.sla.tester"
    _description = "Deadline Tester"
    _inherit = ["mail.thread", "mail.activity.mixin", "order.sla.mixin"]

    name = fields.Char()
    user_id = fields.Many2one(comodel_name="res.users")
    company_id = fields.Many2one(comodel_name="res.company")
