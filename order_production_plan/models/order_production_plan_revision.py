# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError


class OrderProductionPlanRevision(models.Model):
    """A change of an issued plan's dates or sequence (R-PLN-09, R-PLN-26).

    When capacity or an unforeseen problem keeps orders from finishing on
    time, the plan is changed jointly by the manufacturing manager and the
    sales-side manager: the revision goes through the suite's review stages
    (shipped with the module, one per manager); approved, it moves the steps
    and stays in the plan's history with who, why and the old and new dates.
    """

    _name = "order.production.plan.revision"
    _description = "Plan Revision"
    _inherit = ["mail.thread", "mail.activity.mixin", "order.review.mixin"]
    _order = "id desc"

    _review_draft_states = ("draft", "submitted")
    _review_confirm_states = ("approved",)
    _review_user_field = "user_id"
    _workflow_guarded_fields = ("user_id", "state", "approved_date")
    _workflow_frozen_fields = ("plan_id", "reason", "line_ids")

    name = fields.Char(string="Number", readonly=True, copy=False, default="/")
    plan_id = fields.Many2one(
        comodel_name="order.production.plan",
        required=True,
        ondelete="cascade",
        index=True,
        domain=[("state", "=", "issued")],
        tracking=True,
    )
    company_id = fields.Many2one(related="plan_id.company_id", store=True, index=True)
    sale_order_id = fields.Many2one(related="plan_id.sale_order_id", store=True)
    partner_id = fields.Many2one(related="plan_id.partner_id")
    currency_id = fields.Many2one(related="sale_order_id.currency_id")
    amount_total = fields.Monetary(related="sale_order_id.amount_total")
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Requested By",
        default=lambda self: self.env.user,
        readonly=True,
    )
    reason = fields.Text(
        required=True,
        help="Why the plan changes: capacity, an unforeseen problem (R-PLN-09).",
    )
    line_ids = fields.One2many(
        comodel_name="order.production.plan.revision.line",
        inverse_name="revision_id",
        string="New Dates",
        copy=True,
    )
    state = fields.Selection(
        selection=[
            ("draft", "Draft"),
            ("submitted", "Under Review"),
            ("approved", "Approved"),
            ("rejected", "Rejected"),
            ("cancel", "Cancelled"),
        ],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    approved_date = fields.Datetime(string="Applied On", readonly=True, copy=False)

    @api.model_create_multi
    def create(self, vals_list):
        # the number comes from the sequence: a client's own number is ignored
        self._workflow_number(vals_list, "order.production.plan.revision")
        return super().create(vals_list)

    @api.depends("name", "plan_id.name")
    def _compute_display_name(self):
        for revision in self:
            revision.display_name = f"{revision.name} ({revision.plan_id.name or ''})"

    def _review_summary_vals(self):
        self.ensure_one()
        return {
            "res_name": self.display_name,
            "partner_id": self.partner_id.id,
            "amount_total": self.amount_total,
            "currency_id": self.currency_id.id,
        }

    def _workflow_guard_hint(self, fnames):
        if fnames & {"state", "approved_date"}:
            return self.env._("Use Submit; the managers approve or reject it.")
        return super()._workflow_guard_hint(fnames)

    def _check_requester(self):
        """A revision is submitted or withdrawn by who asked for it, or a planner."""
        if self.env.user.has_group("order_production_plan.group_order_production_plan_planner"):
            return
        for revision in self:
            if revision.user_id != self.env.user:
                raise UserError(
                    self.env._(
                        "%(revision)s is submitted or withdrawn by %(user)s or a planner.",
                        revision=revision.display_name,
                        user=revision.user_id.name,
                    )
                )

    def action_submit(self):
        """The managers review the revision; without review stages it applies
        at once."""
        self._check_requester()
        for revision in self.filtered(lambda r: r.state == "draft"):
            if revision.plan_id.state != "issued":
                raise UserError(
                    self.env._(
                        "%(plan)s is not issued: change its steps directly.",
                        plan=revision.plan_id.display_name,
                    )
                )
            if not revision.line_ids:
                raise UserError(
                    self.env._("%(revision)s moves no step.", revision=revision.display_name)
                )
            revision._workflow_write({"state": "submitted"})
            revision.action_request_review()
            if not revision.review_state:
                revision._review_on_approved()
        return True

    def action_cancel(self):
        self._check_requester()
        for revision in self.filtered(lambda r: r.state in ("draft", "submitted")):
            revision._review_cancel(self.env._("The plan revision was cancelled."))
            revision._workflow_write({"state": "cancel"})
        return True

    def _review_on_rejected(self, review):
        self.sudo()._workflow_write({"state": "rejected"})

    def _review_on_approved(self):
        """Both managers approved: the steps move, the history keeps the old
        dates (the revision's lines) and the owners' activities follow."""
        self.ensure_one()
        revision = self.sudo()
        if revision.state != "submitted":
            raise UserError(
                self.env._("%(revision)s cannot be applied now.", revision=revision.display_name)
            )
        if revision.plan_id.state != "issued" or any(
            line.step_id.plan_id != revision.plan_id or line.step_id.state != "pending"
            for line in revision.line_ids
        ):
            raise UserError(
                self.env._(
                    "%(revision)s can no longer be applied: its plan or steps have moved on.",
                    revision=revision.display_name,
                )
            )
        lines = []
        with self._workflow_transition():
            for line in revision.line_ids:
                step = line.step_id
                vals = {}
                if line.new_start:
                    vals["planned_start"] = line.new_start
                if line.new_finish:
                    vals["planned_finish"] = line.new_finish
                step.write(vals)
                lines.append(
                    Markup("<li>%s</li>")
                    % self.env._(
                        "%(step)s: %(old)s → %(new)s",
                        step=step.display_name,
                        old=revision.plan_id._format_date(line.old_finish) or "-",
                        new=revision.plan_id._format_date(step.planned_finish),
                    )
                )
            revision.write({"state": "approved", "approved_date": fields.Datetime.now()})
        revision.line_ids.step_id._move_owner_activities()
        revision.plan_id._message_log(
            body=Markup("<p>%s</p><ul>%s</ul>")
            % (
                self.env._(
                    "Plan revised by %(revision)s (%(user)s): %(reason)s",
                    revision=revision.name,
                    user=revision.user_id.name,
                    reason=revision.reason,
                ),
                Markup("").join(lines),
            )
        )
        revision.plan_id._check_delivery_date()
