# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import psycopg2
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.osv import expression
from odoo.tools import mute_logger

REVIEW_STATES = [
    ("waiting", "Waiting"),
    ("pending", "To Review"),
    ("approved", "Approved"),
    ("rejected", "Rejected"),
    ("cancelled", "Cancelled"),
]


class OrderReview(models.Model):
    """One stage of the review of one order, frozen when the review is
    requested: its name, conditions and reviewers no longer follow the stage's
    configuration. Each pending review runs a deadline clock."""

    _name = "order.review"
    _description = "Order Review"
    _inherit = ["order.sla.mixin"]
    _order = "request_date desc, sequence, id"

    res_model = fields.Char(string="Document Model", required=True, index=True, readonly=True)
    res_id = fields.Many2oneReference(
        string="Document ID", model_field="res_model", required=True, index=True, readonly=True
    )
    res_name = fields.Char(string="Document", readonly=True)
    partner_id = fields.Many2one(comodel_name="res.partner", readonly=True)
    amount_total = fields.Monetary(readonly=True)
    currency_id = fields.Many2one(comodel_name="res.currency", readonly=True)
    company_id = fields.Many2one(
        comodel_name="res.company", required=True, index=True, readonly=True
    )
    stage_id = fields.Many2one(
        comodel_name="order.review.stage",
        string="Stage Definition",
        required=True,
        ondelete="restrict",
        readonly=True,
    )
    name = fields.Char(string="Stage", required=True, readonly=True)
    kind = fields.Selection(
        selection="_selection_kind",
        readonly=True,
        index=True,
        help="The stage's kind when the review was requested (frozen like its name).",
    )
    sequence = fields.Integer(readonly=True)
    sequential = fields.Boolean(readonly=True)
    reason_required = fields.Boolean(readonly=True)
    opinion_required = fields.Boolean(readonly=True)
    allow_own_approval = fields.Boolean(readonly=True)
    reviewer_ids = fields.Many2many(
        comodel_name="res.users",
        relation="order_review_res_users_rel",
        string="Reviewers",
        readonly=True,
    )
    salesperson_id = fields.Many2one(
        comodel_name="res.users", string="Salesperson / Buyer", readonly=True
    )
    state = fields.Selection(
        selection=REVIEW_STATES, required=True, default="pending", readonly=True, index=True
    )
    requested_by_id = fields.Many2one(comodel_name="res.users", readonly=True)
    request_date = fields.Datetime(readonly=True, index=True)
    decided_by_id = fields.Many2one(comodel_name="res.users", readonly=True)
    on_behalf_of_id = fields.Many2one(
        comodel_name="res.users",
        readonly=True,
        help="The reviewer who delegated the decision.",
    )
    decision_date = fields.Datetime(readonly=True)
    opinion = fields.Text(readonly=True)
    proposed_date = fields.Datetime(
        string="Proposed Delivery Date",
        readonly=True,
        help="The delivery date the production reviewer proposes instead of the requested one.",
    )
    duration_hours = fields.Float(
        string="Review Time (h)",
        compute="_compute_duration_hours",
        store=True,
        aggregator="avg",
    )
    can_decide = fields.Boolean(compute="_compute_can_decide", search="_search_can_decide")
    document_readable = fields.Boolean(
        compute="_compute_document_readable",
        search="_search_document_readable",
        help="The current user may read the reviewed document (record rules use it: a "
        "review is read by its reviewers, the people who read its document and the "
        "review managers).",
    )

    @api.model
    def _selection_kind(self):
        return self.env["order.review.stage"]._fields["kind"]._description_selection(self.env)

    @api.depends_context("uid")
    def _compute_document_readable(self):
        user_env = self.env(su=False)
        readable = set()
        for model, reviews in self.grouped("res_model").items():
            if model in user_env and user_env[model].has_access("read"):
                documents = user_env[model].browse(reviews.mapped("res_id")).exists()
                readable.update(
                    (model, doc_id) for doc_id in documents._filtered_access("read").ids
                )
        for review in self:
            review.document_readable = (review.res_model, review.res_id) in readable

    def _search_document_readable(self, operator, value):
        """Reviews whose document the real user (not the superuser the record
        rules run as) may read, one sub-query per reviewed model."""
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on 'document readable'."))
        user_env = self.env(su=False)
        models_domains = []
        for model in self.env["order.review.mixin"]._review_models():
            documents = user_env[model]
            if documents.has_access("read"):
                models_domains.append(
                    [("res_model", "=", model), ("res_id", "in", documents._search([]))]
                )
        domain = expression.OR(models_domains) if models_domains else expression.FALSE_DOMAIN
        positive = (operator == "=") == value
        return domain if positive else ["!", *expression.normalize_domain(domain)]

    @api.depends("request_date", "decision_date")
    def _compute_duration_hours(self):
        for review in self:
            if review.request_date and review.decision_date:
                delta = review.decision_date - review.request_date
                review.duration_hours = delta.total_seconds() / 3600.0
            else:
                review.duration_hours = 0.0

    @api.depends("state", "reviewer_ids")
    @api.depends_context("uid")
    def _compute_can_decide(self):
        user = self.env.user
        delegators = self.env["order.review.delegation"]._get_delegators(user)
        for review in self:
            review.can_decide = review.state == "pending" and bool(
                review.reviewer_ids & (user | delegators)
            )

    def _search_can_decide(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on 'can decide'."))
        users = self.env.user | self.env["order.review.delegation"]._get_delegators(self.env.user)
        domain = [("state", "=", "pending"), ("reviewer_ids", "in", users.ids)]
        positive = (operator == "=") == value
        return domain if positive else expression.distribute_not(["!"] + domain)

    # ------------------------------------------------------------------
    # Deadline clock: the reviewers answer, the order's chatter tells
    # ------------------------------------------------------------------
    def _sla_get_thread(self):
        return self._get_document()

    def _sla_get_user(self):
        return self.reviewer_ids

    def _get_document(self):
        self.ensure_one()
        return self.env[self.res_model].browse(self.res_id)

    # ------------------------------------------------------------------
    # Decisions
    # ------------------------------------------------------------------
    def _get_acting_reviewer(self, user):
        """The reviewer `user` decides for: themselves, or a reviewer who
        delegated to them today. Empty when they may not decide."""
        self.ensure_one()
        if user in self.reviewer_ids:
            return user
        delegators = self.env["order.review.delegation"]._get_delegators(user)
        return (self.reviewer_ids & delegators)[:1]

    def _check_can_decide(self):
        user = self.env.user
        for review in self:
            if self.env.su:
                continue
            if review.company_id not in user.company_ids:
                raise AccessError(
                    self.env._(
                        "You cannot decide reviews of %(company)s.", company=review.company_id.name
                    )
                )
            if not review._get_acting_reviewer(user):
                raise AccessError(
                    self.env._(
                        "Only %(reviewers)s (or their delegates) can decide the stage "
                        "%(stage)s of %(order)s.",
                        reviewers=", ".join(review.reviewer_ids.mapped("name")) or "-",
                        stage=review.name,
                        order=review.res_name,
                    )
                )
            if (
                user in (review.salesperson_id | review.requested_by_id)
                and not review.allow_own_approval
            ):
                raise AccessError(
                    self.env._(
                        "You cannot decide the stage %(stage)s of your own order %(order)s.",
                        stage=review.name,
                        order=review.res_name,
                    )
                )

    def _lock_pending(self):
        """Lock the rows, so that two reviewers deciding the same stage at the
        same moment produce one decision: the second one is refused."""
        try:
            with mute_logger("odoo.sql_db"):
                self.env.cr.execute(
                    "SELECT id FROM order_review WHERE id IN %s FOR UPDATE NOWAIT",
                    [tuple(self.ids)],
                )
        except (psycopg2.errors.LockNotAvailable, psycopg2.errors.SerializationFailure) as error:
            raise UserError(
                self.env._("Someone else is deciding this review right now. Reload the order.")
            ) from error
        self.invalidate_recordset(["state"])
        decided = self.filtered(lambda r: r.state != "pending")
        if decided:
            raise UserError(
                self.env._(
                    "The stage %(stage)s of %(order)s was already decided or withdrawn.",
                    stage=decided[0].name,
                    order=decided[0].res_name,
                )
            )

    def _decide(self, approve, opinion=False, proposed_date=False):
        """Approve or reject, with the reviewer's opinion."""
        self._check_can_decide()
        self._lock_pending()
        for review in self:
            if approve and review.opinion_required and not opinion:
                raise UserError(
                    self.env._(
                        "The stage %(stage)s needs your opinion to approve.", stage=review.name
                    )
                )
            if not approve and review.reason_required and not opinion:
                raise UserError(
                    self.env._("Give the reason of the rejection of %(stage)s.", stage=review.name)
                )
        now = fields.Datetime.now()
        user = self.env.user
        for review in self:
            acting = review._get_acting_reviewer(user)
            review.sudo().write(
                {
                    "state": "approved" if approve else "rejected",
                    "decided_by_id": user.id,
                    "on_behalf_of_id": acting.id if acting and acting != user else False,
                    "decision_date": now,
                    "opinion": opinion,
                    "proposed_date": proposed_date or False,
                }
            )
        self.sudo()._sla_stop(now)
        for review in self:
            review._get_document()._review_after_decision(review)
        return True

    def _decision_message(self):
        self.ensure_one()
        values = {
            "stage": self.name,
            "user": self.decided_by_id.name,
            "delegator": self.on_behalf_of_id.name,
        }
        if self.state == "approved":
            if self.on_behalf_of_id:
                text = self.env._("%(stage)s approved by %(user)s on behalf of %(delegator)s.")
            else:
                text = self.env._("%(stage)s approved by %(user)s.")
        elif self.on_behalf_of_id:
            text = self.env._("%(stage)s rejected by %(user)s on behalf of %(delegator)s.")
        else:
            text = self.env._("%(stage)s rejected by %(user)s.")
        body = Markup("<p>%s</p>") % (text % values)
        if self.opinion:
            body += Markup("<p>%s</p>") % self.opinion
        if self.proposed_date:
            body += Markup("<p>%s</p>") % self.env._(
                "Proposed delivery date: %(date)s", date=self._sla_format(self.proposed_date)
            )
        return body

    def action_open_decision(self):
        """The decision wizard (approve / reject with an opinion)."""
        self.ensure_one()
        self._check_can_decide()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Review: %(stage)s", stage=self.name),
            "res_model": "order.review.decision",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_review_id": self.id,
                "default_decision": self.env.context.get("decision", "approve"),
            },
        }

    def action_open_document(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model,
            "res_id": self.res_id,
            "view_mode": "form",
        }
