# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError

from .order_workflow_mixin import in_workflow_transition


class OrderReviewMixin(models.AbstractModel):
    """Review stages on a document (sale order, purchase order, change notice).

    "Request review" freezes the stages that apply and their reviewers; each
    reviewer gets an activity with the stage's deadline; decisions go through a
    wizard with an opinion. While a blocking review is pending or rejected the
    document cannot reach its confirmed states, whatever the path (button, RPC,
    import, server action, another addon's override): the check sits in
    ``write``. Changing a reviewed field after the request resets the reviews.

    Configuration, on the inheriting class:

    * ``_review_state_field``, ``_review_draft_states``: the states in which
      the document is reviewed;
    * ``_review_confirm_states``: the states it may not reach unreviewed;
    * ``_review_send_states``: states that also need the review (sent to the
      customer);
    * ``_review_watched_fields``: header fields whose change resets the reviews;
    * ``_workflow_frozen_fields``, ``_workflow_editable_states`` (of
      :class:`order.workflow.mixin`): fields that cannot change at all
      outside those states (what the reviewers saw is what gets applied:
      change notices, overdue-delivery solutions);
    * ``_review_user_field``: the salesperson or buyer (a change of it is a
      watched change);
    * ``_review_date_field``: the delivery date a reviewer of a 'Delivery
      date feasibility' stage may propose to move (override
      :meth:`_review_apply_proposed_date` for another treatment);
    * ``_review_kinds``: the stage kinds that make up the document's review
      (other kinds, e.g. declining an order, are decided beside it and
      handled by the document's :meth:`_review_after_decision`).

    Fields the review mixin needs on the document, through small hooks:
    ``company_id`` (:meth:`_review_get_company`), ``partner_id``,
    ``amount_total`` and ``currency_id`` (:meth:`_review_summary_vals`, the
    frozen summary of a review), the partner's risk flag
    (:meth:`_review_is_risky`). A document lacking them overrides the hooks.

    Workflow fields (``review_state``, the reviews) change only through the
    review's own actions: :class:`order.workflow.mixin` refuses them from
    any client.
    """

    _name = "order.review.mixin"
    _inherit = ["order.workflow.mixin"]
    _description = "Order Review Mixin"

    _workflow_guarded_fields = ("review_state", "review_ids")

    _review_state_field = "state"
    _review_draft_states = ("draft", "sent")
    _review_confirm_states = ()
    _review_send_states = ()
    _review_watched_fields = ()
    _review_user_field = "user_id"
    _review_date_field = None
    _review_kinds = ("standard", "delivery", "credit", "risk")

    review_ids = fields.One2many(
        comodel_name="order.review",
        inverse_name="res_id",
        string="Reviews",
        domain=lambda self: [("res_model", "=", self._name)],
        copy=False,
        readonly=True,
    )
    review_state = fields.Selection(
        selection=[
            ("pending", "Under Review"),
            ("approved", "Reviewed"),
            ("rejected", "Review Rejected"),
        ],
        copy=False,
        readonly=True,
        index=True,
        tracking=True,
        help="Empty: no review requested (or none needed).",
    )
    review_can_decide = fields.Boolean(compute="_compute_review_can_decide")

    @api.model
    def _review_models(self):
        """Names of every concrete model reviewed through this mixin."""
        registry = self.env.registry
        return sorted(
            name
            for name in registry.descendants(["order.review.mixin"], "_inherit")
            if not registry[name]._abstract and registry[name]._auto
        )

    def _compute_review_can_decide(self):
        pending = self.env["order.review"].search(
            [("res_model", "=", self._name), ("res_id", "in", self.ids), ("can_decide", "=", True)]
        )
        decidable = set(pending.mapped("res_id"))
        for record in self:
            record.review_can_decide = record.id in decidable

    # ------------------------------------------------------------------
    # Which stages apply
    # ------------------------------------------------------------------
    def _review_get_stages(self, kinds=None):
        """{record: stages} of the stages that apply to each record now."""
        kinds = self._review_kinds if kinds is None else kinds
        result = {record: self.env["order.review.stage"] for record in self}
        stages = self.env["order.review.stage"]._get_stages(self._name)
        if not stages or not self:
            return result
        for stage in stages.filtered(lambda s: s.kind in kinds):
            candidates = self.filtered(
                lambda r, s=stage: not s.company_id or r._review_get_company() == s.company_id
            )
            if stage.kind == "credit":
                candidates = candidates.filtered(lambda r: r._review_over_credit_limit())
            elif stage.kind == "risk":
                candidates = candidates.filtered(lambda r: r._review_is_risky())
            domain = stage._get_domain()
            if domain and candidates:
                candidates = candidates.filtered_domain(domain)
            for record in candidates:
                result[record] |= stage
        return result

    def _review_over_credit_limit(self):
        """Override: whether the partner's open amount plus this document
        exceeds its credit limit."""
        return False

    def _review_is_risky(self):
        self.ensure_one()
        return bool(self.partner_id.commercial_partner_id.order_risky)

    def _review_get_company(self):
        return self.company_id

    def _review_summary_vals(self):
        """What a review keeps of the document when it is requested (the
        reviewers' list shows it)."""
        self.ensure_one()
        return {
            "res_name": self.display_name,
            "partner_id": self.partner_id.id,
            "amount_total": self.amount_total,
            "currency_id": self.currency_id.id,
        }

    # ------------------------------------------------------------------
    # Request
    # ------------------------------------------------------------------
    def action_request_review(self):
        """Freeze the applicable stages and their reviewers and ask them.
        Works on many documents at once: the queries depend on the stages
        and policies involved, not on the number of documents."""
        for record in self:
            if record[self._review_state_field] not in self._review_draft_states:
                raise UserError(
                    self.env._(
                        "%(order)s is no longer a draft: it cannot be reviewed.",
                        order=record.display_name,
                    )
                )
        self._review_before_request()
        stages_by_record = self._review_get_stages()
        self._review_cancel(self.env._("Review requested again."))
        now = fields.Datetime.now()
        reviewers = {}
        vals_list = []
        for record in self:
            for stage in stages_by_record[record]:
                if stage not in reviewers:
                    reviewers[stage] = stage._get_reviewers()
                vals_list.append(record._review_prepare_vals(stage, now, reviewers[stage]))
        reviews = self.env["order.review"].sudo().create(vals_list)
        self._review_activate(reviews)
        reviewed = self.browse(reviews.mapped("res_id"))
        with self._workflow_transition():
            reviewed.write({"review_state": "pending"})
            (self - reviewed).filtered("review_state").write({"review_state": False})
        bodies = {}
        by_record = reviews.grouped("res_id")
        for record in self:
            record_reviews = by_record.get(record.id)
            if record_reviews:
                bodies[record.id] = Markup("<p>%s</p><ul>%s</ul>") % (
                    self.env._("Review requested:"),
                    Markup("").join(
                        Markup("<li>%s: %s</li>")
                        % (r.name, ", ".join(reviewers[r.stage_id].mapped("name")))
                        for r in record_reviews
                    ),
                )
            else:
                bodies[record.id] = Markup("<p>%s</p>") % self.env._(
                    "No review stage applies to this order."
                )
        self._message_log_batch(bodies=bodies)
        return True

    def _review_before_request(self):
        """Hook: freeze what the reviewers judge (the order class…)."""

    def _review_prepare_vals(self, stage, now, reviewers=None):
        self.ensure_one()
        reviewers = stage._get_reviewers() if reviewers is None else reviewers
        if not reviewers:
            raise UserError(
                self.env._("The review stage %(stage)s has no reviewer.", stage=stage.name)
            )
        return {
            **self._review_summary_vals(),
            "res_model": self._name,
            "res_id": self.id,
            "company_id": self._review_get_company().id,
            "stage_id": stage.id,
            "name": stage.name,
            "kind": stage.kind,
            "sequence": stage.sequence,
            "sequential": stage.sequential,
            "reason_required": stage.reason_required,
            "opinion_required": stage.opinion_required,
            "allow_own_approval": stage.allow_own_approval,
            "reviewer_ids": [fields.Command.set(reviewers.ids)],
            "salesperson_id": self[self._review_user_field].id,
            "state": "waiting",
            "requested_by_id": self.env.user.id,
            "request_date": now,
        }

    def _review_activate(self, reviews):
        """Open the waiting reviews that may start: parallel ones at once,
        a sequential one when every review before it (of its document) is
        approved. `reviews` may belong to many documents."""
        to_start = self.env["order.review"]
        for _res_id, doc_reviews in reviews.grouped("res_id").items():
            for review in doc_reviews.filtered(lambda r: r.state == "waiting"):
                if review.sequential and any(
                    r.state != "approved" for r in doc_reviews if r.sequence < review.sequence
                ):
                    continue
                to_start |= review
        if not to_start:
            return
        to_start.sudo().write({"state": "pending"})
        default = self.env.ref("order_review.sla_policy_review_default")
        for policy, stage_reviews in to_start.grouped(
            lambda r: r.stage_id.policy_id or default
        ).items():
            stage_reviews.sudo()._sla_start(policy)

    def _review_open(self):
        return self.review_ids.filtered(lambda r: r.state in ("waiting", "pending"))

    def _review_cancel(self, reason):
        """Withdraw the open reviews (the order changed, or was reset)."""
        reviews = self.sudo().review_ids.filtered(lambda r: r.state in ("waiting", "pending"))
        reviews._sla_cancel()
        reviews.write({"state": "cancelled", "opinion": reason})

    # ------------------------------------------------------------------
    # After a decision
    # ------------------------------------------------------------------
    def _review_after_decision(self, review):
        """The hooks run with the review's authority: a reviewer passed the
        review's own checks and needs no right of their own on the document
        (a production manager approving a change notice on a sale order)."""
        self.ensure_one()
        self._message_log(body=review._decision_message())
        # the other stages' reviews, which this reviewer may not read
        current = self.sudo().review_ids.filtered(
            lambda r: r.state != "cancelled" and r.kind in self._review_kinds
        )
        if review.state == "rejected":
            self._review_cancel(self.env._("Another stage rejected the order."))
            self.sudo()._workflow_write({"review_state": "rejected"})
            self.sudo()._review_on_rejected(review)
            return
        if review.proposed_date:
            self.sudo()._review_apply_proposed_date(review)
        self._review_activate(current)
        if all(r.state == "approved" for r in current):
            self.sudo()._workflow_write({"review_state": "approved"})
            self.sudo()._review_on_approved()

    def _review_apply_proposed_date(self, review):
        """A reviewer of the delivery date proposed another one: by default
        it becomes the document's date (``_review_date_field``), said in the
        chatter. A sale order asks the customer instead (R-REV-06)."""
        self.ensure_one()
        fname = self._review_date_field
        if not fname:
            return
        old = self[fname]
        with self._workflow_transition():
            self.write({fname: review.proposed_date})
        self._message_log(
            body=self.env._(
                "%(field)s moved from %(old)s to %(new)s, as proposed by %(user)s in the "
                "review %(stage)s.",
                field=self._fields[fname].get_description(self.env)["string"],
                old=review._sla_format(old) if old else "-",
                new=review._sla_format(review.proposed_date),
                user=review.decided_by_id.name,
                stage=review.name,
            )
        )

    def _review_on_rejected(self, review):
        """Hook: a document already sent goes back to draft."""
        field = self._review_state_field
        sent = self.filtered(lambda r: r[field] == "sent")
        if sent:
            sent._workflow_write({field: "draft"})

    def _review_on_approved(self):
        """Hook: every stage approved."""

    def _review_on_confirmed(self):
        """Hook: the document reached one of its confirmed states (keep what
        was promised: the first delivery dates)."""

    # ------------------------------------------------------------------
    # Guards
    # ------------------------------------------------------------------
    def _workflow_guard_hint(self, fnames):
        if fnames & {"review_state", "review_ids"}:
            return self.env._("Use Request Review; the reviewers decide with Approve / Reject.")
        return super()._workflow_guard_hint(fnames)

    def _review_blocking_message(self):
        """Why each record may not be confirmed now, or an empty dict."""
        problems = {}
        if not self.env["order.review.stage"]._get_stage_ids(self._name):
            return problems
        # every record not confirmed yet: a draft, and also a cancelled
        # order written straight back to a confirmed state
        unreviewed = self.filtered(
            lambda r: r.review_state != "approved"
            and r[self._review_state_field] not in self._review_confirm_states
        )
        if not unreviewed:
            return problems
        needed = unreviewed._review_get_stages()
        for record in unreviewed:
            if record.review_state == "pending":
                names = ", ".join(record._review_open().mapped("name"))
                problems[record] = self.env._(
                    "%(order)s is still under review (%(stages)s).",
                    order=record.display_name,
                    stages=names,
                )
            elif record.review_state == "rejected":
                problems[record] = self.env._(
                    "%(order)s was rejected in review: change it and request the review again.",
                    order=record.display_name,
                )
            elif needed[record]:
                problems[record] = record._review_needed_message(needed[record])
        return problems

    def _review_needed_message(self, stages):
        self.ensure_one()
        return self.env._(
            "%(order)s needs its review before it is confirmed or sent (%(stages)s): "
            "use Request Review.",
            order=self.display_name,
            stages=", ".join(stages.mapped("name")),
        )

    def _review_check_state_change(self, new_state):
        guarded = set(self._review_confirm_states) | set(self._review_send_states)
        if new_state not in guarded:
            return
        problems = self._review_blocking_message()
        if problems:
            raise UserError("\n".join(problems.values()))

    def _review_watch(self, vals):
        """Names of the watched fields `vals` changes on reviewed records:
        the declared ones and the salesperson / buyer."""
        watched = (*self._review_watched_fields, self._review_user_field)
        return [fname for fname in watched if fname in vals and fname in self._fields]

    def _review_reset_on_change(self, labels):
        """The order changed after its review was requested: ask again. A
        change made by the suite's own transitions (a reviewer's proposed
        date accepted by the customer…) does not reset."""
        if in_workflow_transition():
            return
        # a change outside the confirmed states (a draft, or an order
        # cancelled to be changed and confirmed again) asks the review again
        records = self.filtered(
            lambda r: r.review_state in ("pending", "approved")
            and r[self._review_state_field] not in self._review_confirm_states
        )
        if not records:
            return
        records._review_cancel(self.env._("The order changed."))
        records.sudo()._workflow_write({"review_state": False})
        body = self.env._(
            "The review must be requested again: %(changes)s changed.", changes=", ".join(labels)
        )
        for record in records:
            record._message_log(body=body)

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        guarded = set(self._review_confirm_states) | set(self._review_send_states)
        born_confirmed = records.filtered(lambda r: r[self._review_state_field] in guarded)
        if born_confirmed and self.env["order.review.stage"]._get_stage_ids(self._name):
            needed = born_confirmed._review_get_stages()
            problems = [
                record._review_needed_message(stages) for record, stages in needed.items() if stages
            ]
            if problems:
                raise UserError("\n".join(problems))
        if born_confirmed:
            born_confirmed.filtered(
                lambda r: r[self._review_state_field] in self._review_confirm_states
            )._review_on_confirmed()
        return records

    def write(self, vals):
        if self._review_state_field in vals:
            # a guarded state written by a client is refused as such first
            self._workflow_check_write(vals)
            self._review_check_state_change(vals[self._review_state_field])
        watched = self._review_watch(vals)
        confirming = vals.get(self._review_state_field) in self._review_confirm_states
        result = super().write(vals)
        if watched:
            self._review_reset_on_change(
                [self._fields[f].get_description(self.env)["string"] for f in watched]
            )
        if confirming:
            self._review_on_confirmed()
        return result

    def action_review_decide(self):
        """Open the decision of the first stage the current user may decide."""
        self.ensure_one()
        review = self.review_ids.filtered("can_decide")[:1]
        if not review:
            raise UserError(
                self.env._("Nothing waits for your decision on %(order)s.", order=self.display_name)
            )
        return review.with_context(
            decision=self.env.context.get("decision", "approve")
        ).action_open_decision()
