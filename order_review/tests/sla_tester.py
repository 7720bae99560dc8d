# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class OrderSlaTester(models.Model):
    """A throwaway document running deadline clocks (loaded by the tests
    only): a new document of another addon, which declares its workflow field
    and writes no guard of its own."""

    _name = "order.sla.tester"
    _description = "Deadline Tester"
    _inherit = ["mail.thread", "mail.activity.mixin", "order.sla.mixin"]
    _workflow_guarded_fields = ("state",)

    name = fields.Char()
    user_id = fields.Many2one(comodel_name="res.users")
    company_id = fields.Many2one(comodel_name="res.company")
    state = fields.Selection(
        selection=[("draft", "Draft"), ("done", "Done")], default="draft", required=True
    )

    def action_done(self):
        self._workflow_write({"state": "done"})
