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


# the documents told of their clocks turning overdue, per call of the hook
OVERDUE_CALLS = []


class OrderSlaClockTester(models.Model):
    """A throwaway document running several clocks at once (a service
    request's transfer, first contact and solution), loaded by the tests
    only."""

    _name = "order.sla.clock.tester"
    _description = "Deadline Clocks Tester"
    _inherit = ["mail.thread", "mail.activity.mixin", "order.sla.clock.mixin"]

    name = fields.Char()
    user_id = fields.Many2one(comodel_name="res.users")
    company_id = fields.Many2one(comodel_name="res.company")
    escalate_to_id = fields.Many2one(
        comodel_name="res.users", help="Asked at every rung instead of the rung's people."
    )

    def _sla_clock_escalation_users(self, clock, rung):
        return self.escalate_to_id or super()._sla_clock_escalation_users(clock, rung)

    def _sla_clocks_overdue(self, clocks):
        OVERDUE_CALLS.append((self._name, self.ids, clocks.ids))
