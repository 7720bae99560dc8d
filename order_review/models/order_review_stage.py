# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models, tools
from odoo.tools.safe_eval import safe_eval

REVIEWED_MODELS = [("sale.order", "Sale Order"), ("purchase.order", "Purchase Order")]


class OrderReviewStage(models.Model):
    """Who must sign off an order before it takes effect, and on what condition
    (R-REV-06, R-REV-10, R-REV-12, R-REV-18/19 of the regulations). Changes
    to its meaningful fields are tracked in its chatter: who, when, old → new."""

    _name = "order.review.stage"
    _inherit = ["order.audited.config.mixin", "order.cached.config.mixin", "mail.thread"]
    _description = "Order Review Stage"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one(
        comodel_name="res.company",
        index=True,
        tracking=True,
        default=lambda self: self.env.company,
        help="Leave empty to review the orders of every company.",
    )
    model = fields.Selection(
        selection="_selection_model",
        string="Document",
        required=True,
        default="sale.order",
        tracking=True,
    )
    kind = fields.Selection(
        selection=[
            ("standard", "Standard"),
            ("delivery", "Delivery date feasibility"),
            ("credit", "Credit limit exceeded"),
            ("risk", "Risky customer"),
            ("decline", "Declining the order"),
        ],
        required=True,
        default="standard",
        tracking=True,
        help="Standard: applies when the condition holds. Delivery date feasibility: "
        "the reviewer confirms the requested date or proposes another one. Credit "
        "limit exceeded: added when the customer's open receivables plus the order "
        "exceed its credit limit. Risky customer: added for customers flagged as "
        "risky. Declining the order: asked when sales declines an order whose "
        "customer refused the proposed date.",
    )
    domain = fields.Char(
        string="Condition",
        default="[]",
        tracking=True,
        help="The orders this stage reviews (amount, customer, product category, order "
        "class, company…). Empty: every order.",
    )
    user_ids = fields.Many2many(comodel_name="res.users", string="Reviewers", tracking=True)
    group_id = fields.Many2one(
        comodel_name="res.groups",
        string="Reviewer Group",
        tracking=True,
        help="Every member of this group may decide, besides the reviewers above.",
    )
    sequential = fields.Boolean(
        tracking=True,
        help="Start this stage only when every stage before it is approved. "
        "Otherwise it runs in parallel with them.",
    )
    policy_id = fields.Many2one(
        comodel_name="order.sla.policy",
        string="Deadline Policy",
        tracking=True,
        default=lambda self: self.env.ref(
            "order_review.sla_policy_review_default", raise_if_not_found=False
        ),
        help="How long the reviewers have (4 working hours by default).",
    )
    reason_required = fields.Boolean(string="Rejection Needs a Reason", default=True, tracking=True)
    opinion_required = fields.Boolean(
        string="Approval Needs an Opinion",
        tracking=True,
        help="The reviewer must write an opinion (确认意见) to approve.",
    )
    allow_own_approval = fields.Boolean(
        string="Salesperson May Approve",
        tracking=True,
        help="Allow the order's own salesperson (or buyer) to decide this stage.",
    )

    @api.model
    def _selection_model(self):
        # labels in the user's language: the models' names, which Odoo translates
        return [
            (model, self.env["ir.model"]._get(model).name or label)
            for model, label in REVIEWED_MODELS
        ]

    @api.model
    @tools.ormcache("model")
    def _get_stage_ids(self, model):
        """Ids of every active stage of a document model, cached so that a
        database without stages pays no query on confirmation."""
        return tuple(self.sudo().search([("model", "=", model)]).ids)

    @api.model
    def _get_stages(self, model, kind=None, company=None):
        """The active stages of `model` (of one `kind`, for one `company`:
        its own and the shared ones), from the cached ids."""
        stages = self.sudo().browse(self._get_stage_ids(model))
        if kind:
            stages = stages.filtered(lambda s: s.kind == kind)
        if company is not None:
            stages = stages.filtered(lambda s: not s.company_id or s.company_id == company)
        return stages

    def _get_domain(self):
        self.ensure_one()
        return safe_eval(self.domain or "[]")

    def _get_reviewers(self):
        """Frozen when the review is requested (later edits of the stage do
        not change the people asked about a running review)."""
        self.ensure_one()
        return (self.user_ids | self.group_id.sudo().users).filtered("active")
