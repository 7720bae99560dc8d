# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models

from .order_sla_policy import DURATION_UNITS


class OrderSlaEscalation(models.Model):
    """One rung of a policy's escalation ladder.

    Level 1 is the responsible person, who has the policy's duration. Each rung
    here takes over after its delay, counted from the deadline for the first
    rung and from the rung before for the next ones (20 min → leader 30 min →
    general manager: rung 2 at +0, rung 3 at +30 working minutes).
    """

    _name = "order.sla.escalation"
    _description = "Deadline Escalation Level"
    _order = "policy_id, level, id"

    policy_id = fields.Many2one(
        comodel_name="order.sla.policy",
        required=True,
        ondelete="cascade",
        index=True,
    )
    company_id = fields.Many2one(related="policy_id.company_id", store=True)
    level = fields.Integer(required=True, default=2, help="2: department head, 3: general manager…")
    name = fields.Char(string="Role", required=True, translate=True)
    delay = fields.Float(
        string="After",
        help="Time after the deadline (first rung) or after the previous rung.",
    )
    delay_unit = fields.Selection(
        selection=DURATION_UNITS, string="Unit", required=True, default="working_minutes"
    )
    user_ids = fields.Many2many(comodel_name="res.users", string="People")
    group_id = fields.Many2one(
        comodel_name="res.groups",
        help="Everybody in this group is asked, besides the people above.",
    )

    _sql_constraints = [
        ("delay_positive", "CHECK(delay >= 0)", "An escalation delay cannot be negative."),
        ("level_uniq", "unique(policy_id, level)", "Each level appears once per policy."),
    ]

    def _get_users(self):
        """Users asked at this rung. Override to find them elsewhere."""
        self.ensure_one()
        return (self.user_ids | self.group_id.sudo().users).filtered("active")
