# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models

REQUEST_KINDS = [
    ("consultation", "Consultation"),
    ("support", "Technical Support"),
    ("complaint", "Complaint"),
    ("return", "Return"),
    ("exchange", "Exchange"),
    ("repair", "Repair"),
    ("onsite", "On-site Installation / Commissioning"),
]
# the kinds handled through the return flow (R-AFS-14..16)
RETURN_KINDS = ("return", "exchange", "repair")
PRIORITIES = [("0", "Normal"), ("1", "High"), ("2", "Urgent"), ("3", "Critical")]


class OrderServiceRequestType(models.Model):
    """A kind of service request and the time limits that apply to it.

    Which clocks run is configuration, per type and per company (the seeds
    disagree, §7.7: 60 minutes to hand the form to after-sales and 2 hours to
    contact the customer in one, a 24-hour answer in another): each policy
    field names a policy of the deadline engine, and a company's own policy of
    the same code replaces it for that company's requests."""

    _name = "order.service.request.type"
    _description = "Service Request Type"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        comodel_name="res.company",
        index=True,
        help="Leave empty to offer the type in every company.",
    )
    kind = fields.Selection(selection=REQUEST_KINDS, required=True, default="support")
    priority = fields.Selection(
        selection=PRIORITIES,
        string="Default Priority",
        default="0",
        required=True,
        help="Complaints, refunds and after-sales requests are handled first (R-AFS-08).",
    )
    transfer_policy_id = fields.Many2one(
        comodel_name="order.sla.policy",
        string="Transfer to After-sales",
        domain=[("model", "=", "order.service.request")],
        help="From receipt to the hand-over to the after-sales department "
        "(60 working minutes, R-AFS-01). Empty: no clock.",
    )
    contact_policy_id = fields.Many2one(
        comodel_name="order.sla.policy",
        string="First Contact",
        domain=[("model", "=", "order.service.request")],
        help="From the hand-over to the first contact with the customer "
        "(2 working hours, R-AFS-02). Empty: no clock.",
    )
    solution_policy_id = fields.Many2one(
        comodel_name="order.sla.policy",
        string="Solution",
        domain=[("model", "=", "order.service.request")],
        help="From receipt to the solution (24 hours, R-AFS-04, R-AFS-12). Empty: no clock.",
    )
    return_policy_id = fields.Many2one(
        comodel_name="order.sla.policy",
        string="Return Window",
        domain=[("model", "=", "order.service.request")],
        help="Returns, exchanges and repairs: from the approval to the goods "
        "back (7 working days, R-AFS-14); the application lapses when missed.",
    )
    description = fields.Html(translate=True)

    def _policy(self, fname, company):
        """The policy of `fname` for a request of `company`: the company's own
        policy of the same code, else the type's."""
        self.ensure_one()
        policy = self[fname]
        if policy and policy.code:
            return policy._get_by_code(policy.code, company) or policy
        return policy
