# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError

from .order_production_followup import general_managers


class OrderProductionPlanObjection(models.Model):
    """A department objects to a step's dates (R-PLN-08).

    Raised within 1 working day of the plan's issue, to the issuing
    department, which accepts or rejects it within the time of its deadline
    policy; unanswered, the policy's ladder takes it to the general manager,
    and a rejected objection may be appealed to the general manager, who
    decides. An accepted objection moves the step; if the plan then finishes
    after the delivery date, the contract-order side is told.
    """

    _name = "order.production.plan.objection"
    _description = "Plan Objection"
    _inherit = ["mail.thread", "mail.activity.mixin", "order.sla.mixin"]
    _order = "id desc"

    _workflow_guarded_fields = (
        "user_id",
        "state",
        "decided_by_id",
        "decided_date",
        "arbitrated",
        "old_start",
        "old_finish",
    )
    # the answer is written until the decision; what was objected, never
    _workflow_frozen_fields = ("answer",)
    _workflow_editable_states = ("submitted", "arbitration")
    _workflow_fixed_fields = (
        "plan_id",
        "step_id",
        "department_id",
        "user_id",
        "reason",
        "proposed_start",
        "proposed_finish",
    )

    name = fields.Char(string="Number", readonly=True, copy=False, default="/")
    plan_id = fields.Many2one(
        comodel_name="order.production.plan",
        required=True,
        ondelete="cascade",
        index=True,
        domain=[("state", "=", "issued")],
    )
    step_id = fields.Many2one(
        comodel_name="order.production.plan.step",
        required=True,
        ondelete="cascade",
        domain="[('plan_id', '=', plan_id)]",
    )
    company_id = fields.Many2one(related="plan_id.company_id", store=True, index=True)
    sale_order_id = fields.Many2one(related="plan_id.sale_order_id", store=True)
    department_id = fields.Many2one(
        comodel_name="order.department",
        string="Objecting Department",
        required=True,
        domain="['|', ('company_id', '=', False), ('company_id', '=', company_id)]",
    )
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Raised By",
        default=lambda self: self.env.user,
        readonly=True,
    )
    reason = fields.Text(required=True)
    old_start = fields.Datetime(string="Planned Start Before", readonly=True)
    old_finish = fields.Datetime(string="Planned Finish Before", readonly=True)
    proposed_start = fields.Datetime()
    proposed_finish = fields.Datetime(required=True)
    state = fields.Selection(
        selection=[
            ("submitted", "Submitted"),
            ("arbitration", "General Manager to Decide"),
            ("accepted", "Accepted"),
            ("rejected", "Rejected"),
        ],
        default="submitted",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    answer = fields.Text(help="The issuing department's or the general manager's answer.")
    decided_by_id = fields.Many2one(comodel_name="res.users", readonly=True, copy=False)
    decided_date = fields.Datetime(readonly=True, copy=False)
    arbitrated = fields.Boolean(string="Decided by the General Manager", readonly=True, copy=False)

    @api.depends("name", "step_id.display_name")
    def _compute_display_name(self):
        for objection in self:
            objection.display_name = f"{objection.name} ({objection.step_id.display_name})"

    # ------------------------------------------------------------------
    # Raising it within the window
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        self._workflow_check_create(vals_list)
        # the number comes from the sequence: a client's own number is ignored
        self._workflow_number(vals_list, "order.production.plan.objection")
        with self._workflow_transition():
            objections = super().create(vals_list)
            for objection in objections:
                objection._check_window()
                objection.write(
                    {
                        "old_start": objection.step_id.planned_start,
                        "old_finish": objection.step_id.planned_finish,
                    }
                )
        objections._start_answer_clock()
        for objection in objections:
            objection.plan_id._message_log(
                body=Markup("<p>%s</p>")
                % self.env._(
                    "%(department)s objects to %(step)s: %(reason)s",
                    department=objection.department_id.name,
                    step=objection.step_id.display_name,
                    reason=objection.reason,
                )
            )
        return objections

    def _check_window(self):
        """R-PLN-08: within 1 working day of receiving the plan."""
        self.ensure_one()
        plan = self.plan_id
        if self.step_id.plan_id != plan:
            raise UserError(self.env._("The step belongs to another plan."))
        if plan.state != "issued":
            raise UserError(
                self.env._(
                    "%(plan)s is not issued: its dates are still being drawn up.",
                    plan=plan.display_name,
                )
            )
        if self.step_id.state != "pending":
            raise UserError(self.env._("%(step)s is finished.", step=self.step_id.display_name))
        if plan.objection_deadline and fields.Datetime.now() > plan.objection_deadline:
            raise UserError(
                self.env._(
                    "The time to object to %(plan)s ended on %(deadline)s: 1 working day "
                    "after the plan was issued (R-PLN-08). Ask the planner for a plan "
                    "revision instead.",
                    plan=plan.display_name,
                    deadline=plan._format_date(plan.objection_deadline),
                )
            )
        user = self.env.user
        if user not in self.department_id._get_people() and not user.has_group(
            "order_production_plan.group_order_production_plan_planner"
        ):
            raise UserError(
                self.env._(
                    "Only the head or a member of %(department)s objects in its name.",
                    department=self.department_id.name,
                )
            )
        if self.proposed_start and self.proposed_start > self.proposed_finish:
            raise UserError(self.env._("The proposed start must come before the proposed finish."))

    def _start_answer_clock(self):
        for objection in self:
            policy = self.env["order.sla.policy"]._get_by_code(
                "plan_objection_answer", objection.company_id
            )
            if policy:
                objection._sla_start(policy)

    # ------------------------------------------------------------------
    # Deadline hooks: the issuing department answers
    # ------------------------------------------------------------------
    def _sla_get_user(self):
        self.ensure_one()
        plan = self.plan_id
        return plan.department_id.manager_id or plan.user_id

    def _sla_escalation_fallback_users(self):
        """A rung that names nobody of the company asks its general managers."""
        self.ensure_one()
        return general_managers(self.env, self.company_id)

    def write(self, vals):
        if "answer" in vals and not self._workflow_is_trusted():
            self._check_can_answer()
        return super().write(vals)

    def _check_can_answer(self):
        """The answer is the deciding side's: the department that issued the
        plan while the objection waits for it, the general manager during an
        arbitration; never the department that objected."""
        for objection in self:
            objectors = objection._get_objectors()
            general_manager = objection._is_general_manager()
            if general_manager or (
                objection.state == "submitted"
                and objection._is_issuing_side()
                and self.env.user not in objectors
            ):
                continue
            raise UserError(
                self.env._(
                    "%(objection)s is answered by the department that issued the plan "
                    "(or the general manager).",
                    objection=objection.display_name,
                )
            )

    def _workflow_guard_hint(self, fnames):
        return self.env._("Use the Accept, Reject and Appeal buttons.")

    # ------------------------------------------------------------------
    # Decisions
    # ------------------------------------------------------------------
    def _is_general_manager(self):
        return self.env.user.has_group("order_production_plan.group_order_production_plan_manager")

    def _get_objectors(self):
        """Who speaks for the objecting department."""
        self.ensure_one()
        return self.user_id | self.department_id._get_people()

    def _is_issuing_side(self):
        self.ensure_one()
        plan = self.plan_id
        return self.env.user in (
            plan.user_id | plan.issued_by_id | plan.department_id._get_people()
        )

    def _check_can_decide(self):
        for objection in self:
            objectors = objection._get_objectors()
            if self.env.user in objectors and not objection._is_general_manager():
                raise UserError(
                    self.env._(
                        "%(objection)s is not decided by the department that raised it.",
                        objection=objection.display_name,
                    )
                )
            if objection.plan_id.state != "issued" or objection.step_id.state != "pending":
                raise UserError(
                    self.env._(
                        "%(objection)s can no longer be decided: its plan or step has moved on.",
                        objection=objection.display_name,
                    )
                )
            if objection.state == "submitted":
                if objection._is_issuing_side() or objection._is_general_manager():
                    continue
                raise UserError(
                    self.env._(
                        "%(objection)s is answered by the department that issued the plan "
                        "(or the general manager).",
                        objection=objection.display_name,
                    )
                )
            if objection.state == "arbitration":
                if objection._is_general_manager():
                    continue
                raise UserError(
                    self.env._(
                        "%(objection)s waits for the general manager's decision.",
                        objection=objection.display_name,
                    )
                )
            raise UserError(
                self.env._("%(objection)s is already decided.", objection=objection.display_name)
            )

    def _decide(self, state):
        now = fields.Datetime.now()
        for objection in self:
            objection._workflow_write(
                {
                    "state": state,
                    "decided_by_id": self.env.user.id,
                    "decided_date": now,
                    "arbitrated": objection.state == "arbitration"
                    or (objection.state == "submitted" and not objection._is_issuing_side()),
                }
            )
        self._sla_stop(now)

    def action_accept(self):
        """The step moves to the proposed dates."""
        self._check_can_decide()
        self._decide("accepted")
        for objection in self:
            step = objection.step_id
            vals = {"planned_finish": objection.proposed_finish}
            if objection.proposed_start:
                vals["planned_start"] = objection.proposed_start
            elif step.planned_start and step.planned_start > objection.proposed_finish:
                vals["planned_start"] = objection.proposed_finish
            with self._workflow_transition():
                step.sudo().write(vals)
            step._move_owner_activities()
            objection.plan_id._message_log(
                body=Markup("<p>%s</p>")
                % self.env._(
                    "Objection %(objection)s accepted: %(step)s now finishes on %(date)s.",
                    objection=objection.name,
                    step=step.display_name,
                    date=objection.plan_id._format_date(objection.proposed_finish),
                )
            )
        self.plan_id.sudo()._check_delivery_date()
        return True

    def action_reject(self):
        self._check_can_decide()
        if any(not objection.answer for objection in self):
            raise UserError(self.env._("Say why the objection is rejected (Answer)."))
        self._decide("rejected")
        return True

    def action_appeal(self):
        """The objecting department does not accept the rejection: the
        general manager decides (R-PLN-08)."""
        for objection in self:
            if objection.state != "rejected" or objection.arbitrated:
                raise UserError(
                    self.env._(
                        "%(objection)s cannot be appealed.", objection=objection.display_name
                    )
                )
            if self.env.user not in objection._get_objectors():
                raise UserError(
                    self.env._(
                        "%(objection)s is appealed by the department that raised it.",
                        objection=objection.display_name,
                    )
                )
        for objection in self:
            objection._workflow_write(
                {"state": "arbitration", "decided_by_id": False, "decided_date": False}
            )
            policy = self.env["order.sla.policy"]._get_by_code(
                "plan_objection_answer", objection.company_id
            )
            if policy:
                objection._sla_start(policy, user=general_managers(self.env, objection.company_id))
        return True
