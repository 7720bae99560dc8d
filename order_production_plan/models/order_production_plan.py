# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import defaultdict
from datetime import datetime, time, timedelta

from markupsafe import Markup
from pytz import timezone, utc

from odoo import Command, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.order_review.models.order_workflow_mixin import next_sequence_numbers

PLAN_STATES = [
    ("draft", "Draft"),
    ("issued", "Issued"),
    ("done", "Done"),
    ("cancel", "Cancelled"),
]


class OrderProductionPlan(models.Model):
    """生产计划 of one production instruction (R-PLN-02, R-PLN-03, R-PLN-05,
    R-PLN-08, R-PLN-11).

    Steps with their department, person and dates; a regular order's plan is
    drafted after the stock check, a non-regular one's in a planning
    coordination meeting. Issued, its steps' dates change only through an
    objection (within 1 working day) or a revision both managers approve.
    Manufacturing orders, purchase orders and transfers are Odoo's own,
    linked to the steps, which complete themselves from them.
    """

    _name = "order.production.plan"
    _description = "Production Plan"
    _inherit = ["mail.thread", "mail.activity.mixin", "order.workflow.mixin"]
    _order = "id desc"

    _workflow_guarded_fields = (
        "state",
        "issued_date",
        "issued_by_id",
        "objection_deadline",
        "stock_checked_date",
        "done_date",
        "delivery_warned_date",
        "meeting_id",
    )
    # who answers the objections is fixed when the plan is issued
    _workflow_frozen_fields = (
        "instruction_id",
        "warehouse_id",
        "department_id",
        "user_id",
        "planning_mode",
        "meeting_id",
        "meeting_user_ids",
    )

    name = fields.Char(string="Number", readonly=True, copy=False, default="/")
    instruction_id = fields.Many2one(
        comodel_name="order.production.instruction",
        string="Production Instruction",
        required=True,
        ondelete="restrict",
        index=True,
        domain=[("state", "in", ("received", "planned"))],
        tracking=True,
    )
    sale_order_id = fields.Many2one(
        related="instruction_id.sale_order_id", store=True, index=True, string="Sale Order"
    )
    partner_id = fields.Many2one(related="instruction_id.partner_id", store=True)
    company_id = fields.Many2one(related="instruction_id.company_id", store=True, index=True)
    order_class = fields.Selection(related="instruction_id.order_class", store=True)
    delivery_date = fields.Datetime(related="instruction_id.delivery_date", store=True)
    planning_mode = fields.Selection(
        selection=[
            ("regular", "Workshop plan after the stock check"),
            ("meeting", "Planning coordination meeting"),
        ],
        compute="_compute_planning_mode",
        store=True,
        precompute=True,
        readonly=False,
        required=True,
        help="R-PLN-02: a regular order is planned by the workshop head after a stock "
        "check. R-PLN-03: a non-regular order is planned in a coordination meeting "
        "of technical, workshop, purchasing and, if needed, quality.",
    )
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Planner",
        default=lambda self: self.env.user,
        tracking=True,
        help="The workshop head or planner who draws up and issues the plan.",
    )
    department_id = fields.Many2one(
        comodel_name="order.department",
        string="Issuing Department",
        compute="_compute_department_id",
        store=True,
        precompute=True,
        readonly=False,
        domain="['|', ('company_id', '=', False), ('company_id', '=', company_id)]",
        help="Answers the objections to the plan (R-PLN-08).",
    )
    warehouse_id = fields.Many2one(
        comodel_name="stock.warehouse",
        compute="_compute_warehouse_id",
        store=True,
        precompute=True,
        readonly=False,
        help="Where the order is made: the material check looks at its forecast first.",
    )
    state = fields.Selection(
        selection=PLAN_STATES,
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    step_ids = fields.One2many(
        comodel_name="order.production.plan.step",
        inverse_name="plan_id",
        string="Steps",
        copy=True,
    )
    material_ids = fields.One2many(
        comodel_name="order.production.plan.material",
        inverse_name="plan_id",
        string="Material Check",
        readonly=True,
    )
    objection_ids = fields.One2many(
        comodel_name="order.production.plan.objection",
        inverse_name="plan_id",
        string="Objections",
        readonly=True,
    )
    revision_ids = fields.One2many(
        comodel_name="order.production.plan.revision",
        inverse_name="plan_id",
        string="Revisions",
        readonly=True,
    )
    production_ids = fields.One2many(
        comodel_name="mrp.production",
        inverse_name="order_plan_id",
        string="Manufacturing Orders",
        readonly=True,
    )
    purchase_ids = fields.One2many(
        comodel_name="purchase.order",
        inverse_name="order_plan_id",
        string="Purchase Orders",
        readonly=True,
    )
    picking_ids = fields.One2many(
        comodel_name="stock.picking",
        inverse_name="order_plan_id",
        string="Transfers",
        readonly=True,
    )
    production_count = fields.Integer(compute="_compute_counts")
    purchase_count = fields.Integer(compute="_compute_counts")
    picking_count = fields.Integer(compute="_compute_counts")
    meeting_id = fields.Many2one(
        comodel_name="calendar.event",
        string="Coordination Meeting",
        copy=False,
        help="The planning coordination meeting (计划协调会) of a non-regular order.",
    )
    meeting_user_ids = fields.Many2many(
        comodel_name="res.users",
        relation="order_production_plan_meeting_user_rel",
        string="Meeting Participants",
        help="Heads of technical, workshop, purchasing and, if needed, quality (R-PLN-03).",
    )
    start_date = fields.Datetime(
        string="Planned Start", compute="_compute_dates", store=True, readonly=True
    )
    finish_date = fields.Datetime(
        string="Planned Finish", compute="_compute_dates", store=True, readonly=True
    )
    delivery_at_risk = fields.Boolean(
        compute="_compute_dates",
        store=True,
        help="The plan finishes after the delivery date.",
    )
    progress = fields.Float(compute="_compute_progress", store=True, aggregator="avg")
    issued_date = fields.Datetime(string="Issued On", readonly=True, copy=False)
    issued_by_id = fields.Many2one(comodel_name="res.users", readonly=True, copy=False)
    objection_deadline = fields.Datetime(
        readonly=True,
        copy=False,
        help="Departments may object to their dates until then: 1 working day after "
        "the plan was issued (R-PLN-08).",
    )
    stock_checked_date = fields.Datetime(string="Stock Checked On", readonly=True, copy=False)
    done_date = fields.Datetime(string="Done On", readonly=True, copy=False)
    delivery_warned_date = fields.Datetime(
        string="Sales Told On",
        readonly=True,
        copy=False,
        help="When the contract-order side was told the plan finishes after the delivery date.",
    )
    objection_count = fields.Integer(compute="_compute_objection_count", store=True)
    objection_accepted_count = fields.Integer(compute="_compute_objection_count", store=True)
    note = fields.Html()

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.constrains("planning_mode", "instruction_id")
    def _check_planning_mode(self):
        """R-PLN-03: a non-regular order is planned in a coordination meeting;
        R-PLN-01: a plan breaks down a received instruction."""
        for plan in self:
            if plan.order_class == "non_regular" and plan.planning_mode != "meeting":
                raise UserError(
                    self.env._(
                        "%(plan)s: a non-regular order is planned in a coordination meeting "
                        "(R-PLN-03).",
                        plan=plan.display_name,
                    )
                )

    @api.depends("instruction_id.order_class")
    def _compute_planning_mode(self):
        for plan in self:
            plan.planning_mode = (
                "meeting" if plan.instruction_id.order_class == "non_regular" else "regular"
            )

    @api.depends("instruction_id")
    def _compute_department_id(self):
        for plan in self:
            plan.department_id = plan.instruction_id.department_id

    @api.depends("instruction_id")
    def _compute_warehouse_id(self):
        for plan in self:
            plan.warehouse_id = plan.instruction_id.sale_order_id.warehouse_id

    @api.depends("step_ids.planned_start", "step_ids.planned_finish", "delivery_date")
    def _compute_dates(self):
        for plan in self:
            starts = [d for d in plan.step_ids.mapped("planned_start") if d]
            finishes = [d for d in plan.step_ids.mapped("planned_finish") if d]
            plan.start_date = min(starts) if starts else False
            plan.finish_date = max(finishes) if finishes else False
            plan.delivery_at_risk = bool(
                plan.finish_date and plan.delivery_date and plan.finish_date > plan.delivery_date
            )

    @api.depends("step_ids.state")
    def _compute_progress(self):
        for plan in self:
            steps = plan.step_ids.filtered(lambda s: s.state != "cancel")
            done = steps.filtered(lambda s: s.state == "done")
            plan.progress = 100.0 * len(done) / len(steps) if steps else 0.0

    @api.depends("objection_ids.state")
    def _compute_objection_count(self):
        for plan in self:
            plan.objection_count = len(plan.objection_ids)
            plan.objection_accepted_count = len(
                plan.objection_ids.filtered(lambda o: o.state == "accepted")
            )

    def _compute_counts(self):
        for field, model in (
            ("production_count", "mrp.production"),
            ("purchase_count", "purchase.order"),
            ("picking_count", "stock.picking"),
        ):
            counts = dict(
                self.env[model]._read_group(
                    [("order_plan_id", "in", self.ids)], ["order_plan_id"], ["__count"]
                )
            )
            for plan in self:
                plan[field] = counts.get(plan, 0)

    @api.depends("name", "sale_order_id.name")
    def _compute_display_name(self):
        for plan in self:
            plan.display_name = (
                f"{plan.name} ({plan.sale_order_id.name})" if plan.sale_order_id else plan.name
            ) or ""

    # ------------------------------------------------------------------
    # Creation: a first draft of the steps
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        unnamed = [vals for vals in vals_list if vals.get("name", "/") == "/"]
        names = next_sequence_numbers(self.env, "order.production.plan", len(unnamed))
        for vals, name in zip(unnamed, names, strict=True):
            vals["name"] = name
        plans = super().create(vals_list)
        for plan in plans:
            if plan.instruction_id.state not in ("received", "planned"):
                raise UserError(
                    self.env._(
                        "%(instruction)s is not received by manufacturing: it cannot be "
                        "broken down into a plan yet.",
                        instruction=plan.instruction_id.display_name,
                    )
                )
        plans.filtered(lambda p: not p.step_ids)._draft_steps()
        return plans

    def _draft_steps(self):
        """One step per step type 'in new plans', its finish that many working
        days before the delivery date (a draft the planner adjusts). The dates
        of a batch are shifted once per calendar and step type."""
        step_types = self.env["order.production.step.type"].search([("in_new_plans", "=", True)])
        policy_model = self.env["order.sla.policy"]
        plan_types = {}
        groups = defaultdict(list)  # (calendar, step type) -> plans
        for plan in self:
            types = step_types.filtered(
                lambda t, p=plan: not t.company_id or t.company_id == p.company_id
            )
            if not types or not plan.delivery_date:
                continue
            plan_types[plan] = types
            calendar = plan.company_id.resource_calendar_id or self.env.company.resource_calendar_id
            for step_type in types:
                groups[(calendar, step_type)].append(plan)
        dates = {}  # (plan, step type) -> (start, finish)
        for (calendar, step_type), plans in groups.items():
            deliveries = [plan.delivery_date for plan in plans]
            finishes = (
                policy_model._shift(calendar, deliveries, -step_type.lead_days, "working_days")
                if step_type.lead_days
                else deliveries
            )
            starts = policy_model._shift(
                calendar, finishes, -(step_type.duration_days or 1.0), "working_days"
            )
            for plan, start, finish in zip(plans, starts, finishes, strict=True):
                dates[(plan, step_type)] = (start, finish)
        vals_list = []
        for plan, types in plan_types.items():
            for step_type in types:
                start, finish = dates[(plan, step_type)]
                vals_list.append(
                    {
                        "plan_id": plan.id,
                        "sequence": step_type.sequence,
                        "step_type_id": step_type.id,
                        "department_id": (step_type.department_id or plan.department_id).id,
                        "user_id": step_type.department_id.manager_id.id,
                        "planned_start": start,
                        "planned_finish": finish,
                    }
                )
        self.env["order.production.plan.step"].create(vals_list)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        if any(plan.state != "draft" for plan in self):
            raise UserError(self.env._("An issued plan is never deleted: cancel it."))

    def _get_form_action(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "order_production_plan.action_order_production_plan"
        )
        action.update(res_id=self.id, views=[(False, "form")])
        return action

    def _workflow_guard_hint(self, fnames):
        return self.env._(
            "Use the plan's buttons; an issued plan's dates change through an objection "
            "or a revision."
        )

    # ------------------------------------------------------------------
    # Stock check (R-PLN-02, R-PLN-05, R-PLN-06)
    # ------------------------------------------------------------------
    def action_check_material(self):
        """Recompute the material check of the plans (one batch)."""
        self._workflow_check_state(("draft", "issued"))
        self.env["order.production.plan.material"]._compute_for_plans(self)
        self._workflow_write({"stock_checked_date": fields.Datetime.now()})
        return True

    def _get_material_date(self):
        """When the materials are needed: the start of assembly (or of the
        plan), at the latest the delivery date."""
        self.ensure_one()
        assembly = self.step_ids.filtered(
            lambda s: s.step_type_id.kind in ("assembly_start", "assembly_finish")
            and s.planned_start
        )
        dates = assembly.mapped("planned_start") or [self.start_date]
        dates = [d for d in dates if d]
        return min(dates) if dates else (self.delivery_date or fields.Datetime.now())

    # ------------------------------------------------------------------
    # Coordination meeting (R-PLN-03)
    # ------------------------------------------------------------------
    def action_schedule_meeting(self):
        """A calendar event for the planning coordination meeting, with the
        participants of the plan, on the next working hour."""
        self.ensure_one()
        self._workflow_check_state(("draft",))
        if not self.meeting_user_ids:
            raise UserError(
                self.env._(
                    "%(plan)s: name the participants of the coordination meeting "
                    "(technical, workshop, purchasing, quality) first.",
                    plan=self.display_name,
                )
            )
        if not self.meeting_id:
            calendar = self.company_id.resource_calendar_id or self.env.company.resource_calendar_id
            start = (
                self.env["order.sla.policy"]
                ._shift(calendar, [fields.Datetime.now()], 1, "working_hours")[0]
                .replace(minute=0, second=0, microsecond=0)
            )
            event = self.env["calendar.event"].create(
                {
                    "name": self.env._(
                        "Planning coordination meeting: %(plan)s", plan=self.display_name
                    ),
                    "start": start,
                    "stop": start + timedelta(hours=1),
                    "user_id": self.user_id.id or self.env.user.id,
                    "partner_ids": [Command.set(self.meeting_user_ids.partner_id.ids)],
                    "res_model_id": self.env["ir.model"]._get_id(self._name),
                    "res_id": self.id,
                }
            )
            self._workflow_write({"meeting_id": event.id})
        return {
            "type": "ir.actions.act_window",
            "res_model": "calendar.event",
            "res_id": self.meeting_id.id,
            "views": [(False, "form")],
        }

    # ------------------------------------------------------------------
    # Workflow
    # ------------------------------------------------------------------
    def _check_ready_to_issue(self):
        for plan in self:
            steps = plan.step_ids.filtered(lambda s: s.state != "cancel")
            if not steps:
                raise UserError(
                    self.env._("%(plan)s has no step to issue.", plan=plan.display_name)
                )
            incomplete = steps.filtered(
                lambda s: not s.planned_finish or not (s.department_id or s.user_id)
            )
            if incomplete:
                raise UserError(
                    self.env._(
                        "%(plan)s: every step needs a planned finish and a responsible "
                        "department or person (R-PLN-02): %(steps)s.",
                        plan=plan.display_name,
                        steps=", ".join(incomplete.mapped("display_name")),
                    )
                )
            if plan.planning_mode == "regular" and not plan.stock_checked_date:
                raise UserError(
                    self.env._(
                        "%(plan)s: a regular order is planned after the stock check "
                        "(R-PLN-02). Check the material first.",
                        plan=plan.display_name,
                    )
                )
            if plan.planning_mode == "meeting" and not plan.meeting_id:
                raise UserError(
                    self.env._(
                        "%(plan)s: a non-regular order is planned in a coordination "
                        "meeting (R-PLN-03). Schedule it first.",
                        plan=plan.display_name,
                    )
                )

    def action_issue(self):
        """Issue the plan to the departments: each step's owner gets an
        activity with the step's deadline; objections are open for 1 working
        day (R-PLN-08); the instruction's breakdown is done (R-PLN-01)."""
        self._workflow_check_state(("draft",))
        if not self.env.user.has_group("order_production_plan.group_order_production_plan_planner"):
            raise UserError(
                self.env._(
                    "A plan is issued to the departments by the manufacturing head or a planner."
                )
            )
        self._check_ready_to_issue()
        now = fields.Datetime.now()
        policy_model = self.env["order.sla.policy"]
        for plan in self:
            policy = policy_model._get_by_code("plan_objection_window", plan.company_id)
            if policy:
                calendar = policy._get_calendar(plan.company_id)
                deadline = policy._compute_deadlines([(calendar, now)])[0][0]
            else:
                # the regulation's 1 working day when no policy says otherwise
                calendar = (
                    plan.company_id.resource_calendar_id or self.env.company.resource_calendar_id
                )
                deadline = policy_model._shift(calendar, [now], 1, "working_days")[0]
            plan._workflow_write(
                {
                    "state": "issued",
                    "issued_date": now,
                    "issued_by_id": self.env.user.id,
                    "objection_deadline": deadline,
                }
            )
        pending = self.step_ids.filtered(lambda s: s.state == "pending")
        pending._schedule_owner_activities()
        # documents done while the plan was drafted complete their steps now
        pending._plan_check_completion()
        self.instruction_id._plan_breakdown_done(now)
        self._check_delivery_date()
        self.env["order.packing.notice"]._create_from_plans(self)
        return True

    def action_cancel(self):
        self._workflow_check_state(("draft", "issued"))
        if not self.env.user.has_group("order_production_plan.group_order_production_plan_planner"):
            raise UserError(
                self.env._("A plan is cancelled by the manufacturing head or a planner.")
            )
        self._workflow_write({"state": "cancel"})
        self.step_ids._drop_owner_activities()
        self.packing_notice_ids._cancel_with_plan()
        return True

    def _check_done(self):
        """Every step done: the plan is done."""
        for plan in self.filtered(lambda p: p.state == "issued"):
            steps = plan.step_ids.filtered(lambda s: s.state != "cancel")
            if steps and all(step.state == "done" for step in steps):
                plan._workflow_write(
                    {"state": "done", "done_date": max(steps.mapped("actual_finish"))}
                )

    def _check_delivery_date(self):
        """R-PLN-08: a plan finishing after the delivery date goes back to the
        contract-order side, to negotiate with the customer (and, from the
        order, an overdue-delivery solution)."""
        late = self.filtered(lambda p: p.state == "issued" and p.delivery_at_risk)
        for plan in late:
            order = plan.sale_order_id.sudo()
            users = order.user_id | plan.company_id.order_plan_sales_department_id.manager_id
            summary = self.env._(
                "Plan finishes after the delivery date: negotiate with the customer"
            )
            note = self.env._(
                "%(plan)s finishes on %(finish)s, after the delivery date %(delivery)s. "
                "Negotiate a new date with the customer, then draw up an overdue "
                "delivery solution from the order.",
                plan=plan.display_name,
                finish=plan._format_date(plan.finish_date),
                delivery=plan._format_date(plan.delivery_date),
            )
            for user in users:
                order.activity_schedule(
                    "mail.mail_activity_data_todo",
                    user_id=user.id,
                    summary=summary,
                    note=note,
                )
            order._message_log(body=Markup("<p>%s</p>") % note)
            plan._workflow_write({"delivery_warned_date": fields.Datetime.now()})
            plan._message_log(body=Markup("<p>%s</p>") % note)

    @api.model
    def _date_to_datetime(self, value, hour=17):
        """A date as a naive UTC datetime at `hour` in the user's timezone."""
        tz = timezone(self.env.user.tz or "UTC")
        local = tz.localize(datetime.combine(value, time(hour)))
        return local.astimezone(utc).replace(tzinfo=None)

    # ------------------------------------------------------------------
    # Odoo's own documents (R-PLN-05, R-PLN-06)
    # ------------------------------------------------------------------
    def _get_step(self, kinds):
        self.ensure_one()
        return self.step_ids.filtered(
            lambda s: s.step_type_id.kind in kinds and s.state != "cancel"
        )[:1]

    def action_create_productions(self):
        """Manufacturing orders for the order's products that have a bill of
        materials, with the plan's assembly dates: the ones Odoo's
        procurement already made for the order (make to order) are attached,
        not duplicated."""
        self._workflow_check_state(("draft", "issued"))
        for plan in self:
            plan._create_productions()
        return self.action_view_productions() if len(self) == 1 else True

    def _create_productions(self):
        self.ensure_one()
        order = self.sale_order_id
        step = self._get_step(("assembly_finish",)) or self._get_step(("assembly_start",))
        start_step = self._get_step(("assembly_start",)) or step
        # only what Odoo's procurement made for the order (make to order) or
        # the plan itself: a manufacturing order a user created with the
        # order's group is not attached
        existing = order._get_procured_productions().filtered(lambda p: p.state != "cancel")
        with self._workflow_transition():
            existing.filtered(lambda p: not p.order_plan_id).write(
                {"order_plan_id": self.id, "order_plan_step_id": step.id}
            )
        covered = defaultdict(float)
        for production in existing | self.production_ids.filtered(lambda p: p.state != "cancel"):
            covered[production.product_id] += production.product_uom_qty
        # the order's products, then the sub-assemblies the material check
        # found missing (a multi-level bill of materials)
        needs = []
        for line in self.instruction_id.line_ids:
            qty = (
                line.product_uom_id._compute_quantity(line.product_uom_qty, line.product_id.uom_id)
                if line.product_uom_id
                else line.product_uom_qty
            )
            needs.append((line.product_id, qty))
        for material in self.material_ids.filtered(
            lambda m: m.level > 1 and m.action == "make" and m.shortage_qty
        ):
            needs.append((material.product_id, material.shortage_qty))
        products = self.env["product.product"].browse({product.id for product, _qty in needs})
        boms = self.env["mrp.bom"]._bom_find(
            products, company_id=self.company_id.id, bom_type="normal"
        )
        vals_list = []
        for product, qty in needs:
            bom = boms.get(product)
            if not bom:
                continue
            missing = qty - covered[product]
            covered[product] = max(covered[product] - qty, 0.0)
            if missing <= 0:
                continue
            vals = {
                "product_id": product.id,
                "product_qty": missing,
                "product_uom_id": product.uom_id.id,
                "bom_id": bom.id,
                "company_id": self.company_id.id,
                "origin": f"{order.name} / {self.name}",
                "order_plan_id": self.id,
                "order_plan_step_id": step.id,
                "procurement_group_id": order.procurement_group_id.id,
            }
            if self.warehouse_id:
                vals["picking_type_id"] = self.warehouse_id.manu_type_id.id
            if start_step.planned_start:
                vals["date_start"] = start_step.planned_start
            if step.planned_finish:
                # Odoo schedules the end from the start and the bill of
                # materials; the plan's finish is the order's deadline
                vals["date_deadline"] = step.planned_finish
            vals_list.append(vals)
        if vals_list:
            with self._workflow_transition():
                self.env["mrp.production"].create(vals_list)

    def action_create_purchases(self):
        """Requests for quotation for what the material check says to buy,
        one per supplier, with the planned receipt dates; lines already
        ordered by Odoo's procurement for the order are attached instead."""
        self._workflow_check_state(("draft", "issued"))
        self.material_ids._create_purchases()
        return self.action_view_purchases() if len(self) == 1 else True

    def action_create_transfers(self):
        """Inter-warehouse transfers (调拨) proposed by the material check."""
        self._workflow_check_state(("draft", "issued"))
        self.material_ids._create_transfers()
        return self.action_view_pickings() if len(self) == 1 else True

    def action_revise(self):
        """A revision of the issued plan's dates (R-PLN-09)."""
        self.ensure_one()
        self._workflow_check_state(("issued",))
        return {
            "type": "ir.actions.act_window",
            "res_model": "order.production.plan.revision",
            "views": [(False, "form")],
            "context": {"default_plan_id": self.id},
        }

    def _action_view(self, model, records):
        action = {
            "type": "ir.actions.act_window",
            "res_model": model,
            "name": self.env["ir.model"]._get(model).name,
            "domain": [("id", "in", records.ids)],
            "views": [(False, "list"), (False, "form")],
            "context": {"create": False},
        }
        if len(records) == 1:
            action.update(res_id=records.id, views=[(False, "form")])
        return action

    def action_view_productions(self):
        return self._action_view("mrp.production", self.production_ids)

    def action_view_purchases(self):
        return self._action_view("purchase.order", self.purchase_ids)

    def action_view_pickings(self):
        return self._action_view("stock.picking", self.picking_ids)

    # ------------------------------------------------------------------
    # Packing and shipping (R-PLN-27, R-PLN-41)
    # ------------------------------------------------------------------
    packing_notice_ids = fields.One2many(
        comodel_name="order.packing.notice",
        inverse_name="plan_id",
        string="Pre-packing Notices",
        readonly=True,
    )
    shipping_notice_ids = fields.One2many(
        comodel_name="order.shipping.notice",
        inverse_name="plan_id",
        string="Shipping Notices",
        readonly=True,
    )
    packing_notice_count = fields.Integer(compute="_compute_document_counts")
    shipping_notice_count = fields.Integer(compute="_compute_document_counts")

    def _compute_document_counts(self):
        """The smart buttons' counts of the plan's notices, follow-ups and
        contact sheets, one grouped count per model. A count reveals nothing:
        whoever reads the plan (a buyer, a salesperson) sees it without
        reading every document counted."""
        for field, model in (
            ("packing_notice_count", "order.packing.notice"),
            ("shipping_notice_count", "order.shipping.notice"),
            ("followup_count", "order.production.followup"),
            ("work_contact_count", "order.work.contact"),
        ):
            counts = dict(
                self.env[model]
                .sudo()
                ._read_group([("plan_id", "in", self.ids)], ["plan_id"], ["__count"])
            )
            for plan in self:
                plan[field] = counts.get(plan, 0)

    def action_create_shipping_notice(self):
        """The shipping notice of the plan's order (R-PLN-41), in draft."""
        self.ensure_one()
        self._workflow_check_state(("issued", "done"))
        notice = self.env["order.shipping.notice"]._create_for_orders(self.sale_order_id, self)
        return self._action_view("order.shipping.notice", notice)

    def action_view_packing_notices(self):
        return self._action_view("order.packing.notice", self.packing_notice_ids)

    def action_view_shipping_notices(self):
        return self._action_view("order.shipping.notice", self.shipping_notice_ids)

    # ------------------------------------------------------------------
    # Follow-ups and work contact sheets (R-PLN-22, R-PLN-23)
    # ------------------------------------------------------------------
    followup_count = fields.Integer(compute="_compute_document_counts")
    work_contact_count = fields.Integer(compute="_compute_document_counts")

    def action_view_followups(self):
        self.ensure_one()
        followups = self.env["order.production.followup"].search([("plan_id", "=", self.id)])
        return self._action_view("order.production.followup", followups)

    def action_view_work_contacts(self):
        self.ensure_one()
        action = self._action_view(
            "order.work.contact",
            self.env["order.work.contact"].search([("plan_id", "=", self.id)]),
        )
        action["context"] = {"default_plan_id": self.id, "default_company_id": self.company_id.id}
        return action

    def action_create_work_contact(self):
        """A cross-department work contact sheet about this plan, by hand."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "order.work.contact",
            "views": [(False, "form")],
            "context": {"default_plan_id": self.id, "default_company_id": self.company_id.id},
        }
