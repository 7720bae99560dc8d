# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare


class OrderProductionPlanStep(models.Model):
    """A step of a production plan (R-PLN-02, R-PLN-05, R-PLN-10, R-PLN-11):
    what, who, from when to when, and when it really finished.

    Its dates freeze when the plan is issued: they change through an
    objection or a revision. It completes itself from Odoo's documents
    (manufacturing orders, receipts, transfers) according to its type, or by
    its owner's confirmation for steps no document records (a design usable
    for production). The planned and actual dates and the on-time flag stay
    on the step for the KPIs.
    """

    _name = "order.production.plan.step"
    _description = "Plan Step"
    _inherit = ["mail.thread", "mail.activity.mixin", "order.workflow.mixin"]
    _order = "plan_id, sequence, planned_finish, id"

    _workflow_guarded_fields = (
        "state",
        "actual_finish",
        "on_time",
        "on_time_count",
        "done_count",
        "outsource_purchase_id",
    )
    _workflow_fixed_fields = ("plan_id",)
    _workflow_state_field = "plan_state"
    _workflow_frozen_fields = (
        "plan_id",
        "step_type_id",
        "department_id",
        "planned_start",
        "planned_finish",
    )

    plan_id = fields.Many2one(
        comodel_name="order.production.plan", required=True, ondelete="cascade", index=True
    )
    plan_state = fields.Selection(related="plan_id.state", store=True, string="Plan Status")
    sale_order_id = fields.Many2one(
        related="plan_id.sale_order_id", store=True, index=True, string="Sale Order"
    )
    company_id = fields.Many2one(related="plan_id.company_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    step_type_id = fields.Many2one(
        comodel_name="order.production.step.type",
        required=True,
        ondelete="restrict",
    )
    kind = fields.Selection(related="step_type_id.kind", store=True)
    completion_source = fields.Selection(related="step_type_id.completion_source")
    completion_criterion = fields.Text(related="step_type_id.completion_criterion")
    name = fields.Char(string="Description")
    department_id = fields.Many2one(
        comodel_name="order.department",
        index=True,
        domain="['|', ('company_id', '=', False), ('company_id', '=', company_id)]",
    )
    user_id = fields.Many2one(comodel_name="res.users", string="Responsible", index=True)
    planned_start = fields.Datetime()
    planned_finish = fields.Datetime(index=True)
    actual_finish = fields.Datetime(readonly=True, copy=False)
    state = fields.Selection(
        selection=[("pending", "To Do"), ("done", "Done"), ("cancel", "Cancelled")],
        default="pending",
        required=True,
        readonly=True,
        copy=False,
        index=True,
    )
    on_time = fields.Boolean(readonly=True, copy=False, help="Finished by its planned finish.")
    done_count = fields.Integer(
        string="Done", readonly=True, copy=False, help="1 once the step is done (for the pivots)."
    )
    on_time_count = fields.Integer(
        string="Done On Time",
        readonly=True,
        copy=False,
        help="1 once the step is done by its planned finish (for the pivots).",
    )
    progress = fields.Float(
        compute="_compute_progress", store=True, aggregator="avg", string="Progress (%)"
    )
    production_ids = fields.One2many(
        comodel_name="mrp.production", inverse_name="order_plan_step_id", readonly=True
    )
    purchase_line_ids = fields.One2many(
        comodel_name="purchase.order.line", inverse_name="order_plan_step_id", readonly=True
    )
    picking_ids = fields.One2many(
        comodel_name="stock.picking", inverse_name="order_plan_step_id", readonly=True
    )
    objection_ids = fields.One2many(
        comodel_name="order.production.plan.objection", inverse_name="step_id", readonly=True
    )
    outsource_purchase_id = fields.Many2one(
        comodel_name="purchase.order",
        string="Subcontract Order",
        readonly=True,
        copy=False,
        help="The subcontract purchase order of an outsourced step (R-PLN-25).",
    )

    @api.depends("state")
    def _compute_progress(self):
        for step in self:
            step.progress = 100.0 if step.state == "done" else 0.0

    @api.depends("step_type_id.name", "name", "plan_id.name")
    def _compute_display_name(self):
        for step in self:
            label = step.name or step.step_type_id.name or ""
            step.display_name = f"{step.plan_id.name}: {label}" if step.plan_id else label

    @api.constrains("planned_start", "planned_finish")
    def _check_dates(self):
        for step in self:
            if (
                step.planned_start
                and step.planned_finish
                and step.planned_start > step.planned_finish
            ):
                raise UserError(
                    self.env._(
                        "%(step)s: the planned start must come before the planned finish.",
                        step=step.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        steps = super().create(vals_list)
        if not self._workflow_is_trusted() and any(s.plan_id.state != "draft" for s in steps):
            raise UserError(
                self.env._(
                    "The plan is issued: a step is added through a revision approved by "
                    "the managers (R-PLN-09)."
                )
            )
        return steps

    def write(self, vals):
        if "user_id" in vals and not self._workflow_is_trusted():
            self.check_access("write")
            self._check_can_assign()
        return super().write(vals)

    def _check_can_assign(self):
        """Once the plan is issued, a step is given to another person by its
        department or a planner: nobody takes over a step (and confirms it)
        by writing their own name on it."""
        user = self.env.user
        if user.has_group("order_production_plan.group_order_production_plan_planner"):
            return
        for step in self.filtered(lambda s: s.plan_id.state != "draft"):
            department = step.department_id
            if user not in department._get_people():
                raise UserError(
                    self.env._(
                        "%(step)s is assigned by its department or a planner.",
                        step=step.display_name,
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        if any(step.plan_id.state != "draft" for step in self):
            raise UserError(self.env._("A step of an issued plan is never deleted."))

    def _workflow_guard_hint(self, fnames):
        return self.env._(
            "A step completes from its documents or its owner's confirmation; its dates "
            "change through an objection or a revision."
        )

    # ------------------------------------------------------------------
    # Owners' activities
    # ------------------------------------------------------------------
    def _get_owner(self):
        self.ensure_one()
        return self.user_id or self.department_id.manager_id

    def _schedule_owner_activities(self):
        """Each step owner gets an activity with the step's deadline."""
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        model_id = self.env["ir.model"]._get_id(self._name)
        vals_list = []
        for step in self:
            owner = step._get_owner()
            if not owner or not step.planned_finish:
                continue
            vals_list.append(
                {
                    "res_model_id": model_id,
                    "res_id": step.id,
                    "activity_type_id": activity_type.id,
                    "summary": step.display_name,
                    "note": step.completion_criterion or False,
                    "user_id": owner.id,
                    "date_deadline": step.plan_id._user_date(step.planned_finish, owner),
                }
            )
        if vals_list:
            self.env["mail.activity"].sudo().with_context(mail_activity_quick_update=True).create(
                vals_list
            )

    def _drop_owner_activities(self):
        self.sudo().activity_ids.unlink()

    def _move_owner_activities(self):
        """The dates moved: the owners' activities follow."""
        for step in self:
            for activity in step.sudo().activity_ids:
                activity.date_deadline = step.plan_id._user_date(
                    step.planned_finish, activity.user_id
                )

    # ------------------------------------------------------------------
    # Completion (R-PLN-10)
    # ------------------------------------------------------------------
    def action_done(self):
        """The owner confirms a step no document records (R-PLN-10: a design
        without obvious errors, usable for production)."""
        for step in self:
            if step.plan_id.state != "issued" or step.state != "pending":
                raise UserError(
                    self.env._("%(step)s cannot be completed now.", step=step.display_name)
                )
            planner = self.env.user.has_group(
                "order_production_plan.group_order_production_plan_planner"
            )
            if step.completion_source != "manual" and (step._get_documents() or not planner):
                # a step with nothing to wait for (nothing to buy, nothing
                # outsourced) is closed by a planner; else its documents say
                raise UserError(
                    self.env._(
                        "%(step)s completes itself when Odoo records it: %(criterion)s",
                        step=step.display_name,
                        criterion=dict(
                            self.env["order.production.step.type"]
                            ._fields["completion_source"]
                            ._description_selection(self.env)
                        )[step.completion_source],
                    )
                )
            allowed = step._get_owner() | step.department_id._get_people() | step.plan_id.user_id
            if self.env.user not in allowed and not self.env.user.has_group(
                "order_production_plan.group_order_production_plan_planner"
            ):
                raise UserError(
                    self.env._(
                        "%(step)s is confirmed by its owner, its department or the planner.",
                        step=step.display_name,
                    )
                )
        self._complete()
        return True

    def _complete(self, when=None):
        when = when or fields.Datetime.now()
        steps = self.filtered(lambda s: s.state == "pending")
        for step in steps:
            on_time = not step.planned_finish or when <= step.planned_finish
            step._workflow_write(
                {
                    "state": "done",
                    "actual_finish": when,
                    "on_time": on_time,
                    "done_count": 1,
                    "on_time_count": 1 if on_time else 0,
                }
            )
        if steps:
            steps.sudo().activity_ids.action_feedback(feedback=self.env._("Step completed."))
            steps.plan_id._check_done()

    def _get_documents(self):
        """The documents whose completion completes the step."""
        self.ensure_one()
        if self.completion_source in ("production_start", "production_done"):
            return (self.production_ids or self.plan_id.production_ids).filtered(
                lambda p: p.state != "cancel"
            )
        if self.completion_source in ("purchase", "picking"):
            lines = self.purchase_line_ids.filtered(lambda pl: pl.state != "cancel")
            pickings = self.picking_ids.filtered(lambda p: p.state != "cancel")
            return list(lines) + list(pickings)
        return []

    def _plan_check_completion(self):
        """Complete the steps whose documents say they are done."""
        done = self.browse()
        for step in self.filtered(lambda s: s.state == "pending" and s.plan_state == "issued"):
            source = step.completion_source
            productions = (step.production_ids or step.plan_id.production_ids).filtered(
                lambda p: p.state != "cancel"
            )
            if source == "production_start":
                if any(p.state in ("progress", "to_close", "done") for p in productions):
                    done |= step
            elif source == "production_done":
                if productions and all(p.state == "done" for p in productions):
                    done |= step
            elif source in ("purchase", "picking"):
                # purchased parts arrived (receipts of its purchase lines) and
                # parts delivered to the warehouse (its transfers: 调拨, the
                # return of plated parts), R-PLN-10
                lines = step.purchase_line_ids.filtered(lambda pl: pl.state != "cancel")
                pickings = step.picking_ids.filtered(lambda p: p.state != "cancel")
                if (
                    (lines or pickings)
                    and all(
                        float_compare(
                            pl.qty_received,
                            pl.product_qty,
                            precision_rounding=pl.product_uom.rounding,
                        )
                        >= 0
                        for pl in lines
                    )
                    and all(p.state == "done" for p in pickings)
                ):
                    done |= step
        done._complete()
        return done
