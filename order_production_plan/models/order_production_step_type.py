# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models

STEP_KINDS = [
    ("design", "Technical design"),
    ("cooperation", "Cooperation / matching parts"),
    ("purchase", "Parts purchasing"),
    ("assembly_start", "Assembly start"),
    ("assembly_finish", "Assembly finish"),
    ("packing", "Packing"),
    ("other", "Other"),
]

COMPLETION_SOURCES = [
    ("manual", "Confirmed by the person responsible"),
    ("production_start", "A manufacturing order started"),
    ("production_done", "Its manufacturing orders done"),
    ("purchase", "Its purchased parts received"),
    ("picking", "Its transfers done"),
]


class OrderProductionStepType(models.Model):
    """A kind of plan step (R-PLN-02, R-PLN-10): what it is, when it counts
    as done, and where Odoo holds that fact."""

    _name = "order.production.step.type"
    _inherit = ["order.audited.config.mixin", "mail.thread"]
    _description = "Plan Step Type"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one(
        comodel_name="res.company",
        index=True,
        tracking=True,
        help="Leave empty to use the step type in every company.",
    )
    kind = fields.Selection(selection=STEP_KINDS, required=True, default="other", tracking=True)
    completion_source = fields.Selection(
        selection=COMPLETION_SOURCES,
        string="Completed By",
        required=True,
        default="manual",
        tracking=True,
        help="Where the step's completion comes from. Other than a person's "
        "confirmation, the step completes itself when Odoo records the fact: the "
        "step's manufacturing orders done, its purchase receipts done, its transfers done.",
    )
    completion_criterion = fields.Text(
        translate=True,
        tracking=True,
        help="When the step counts as done (R-PLN-10), as the plan shows it.",
    )
    department_id = fields.Many2one(
        comodel_name="order.department",
        string="Default Department",
        tracking=True,
    )
    in_new_plans = fields.Boolean(
        default=True,
        tracking=True,
        help="A new plan starts with one step of this type.",
    )
    lead_days = fields.Float(
        string="Finish Before Delivery",
        tracking=True,
        help="Working days between the step's planned finish and the delivery date, "
        "for the first draft of a plan.",
    )
    duration_days = fields.Float(
        string="Duration",
        default=1.0,
        tracking=True,
        help="Working days from the step's planned start to its planned finish, for "
        "the first draft of a plan.",
    )
