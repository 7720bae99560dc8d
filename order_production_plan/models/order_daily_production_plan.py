# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import math
from datetime import datetime, time, timedelta

from pytz import timezone, utc

from odoo import api, fields, models
from odoo.exceptions import UserError

DAILY_PLAN_STATES = [
    ("draft", "Draft"),
    ("approved", "Approved"),
    ("done", "Done"),
    ("cancel", "Cancelled"),
]


class OrderDailyProductionPlan(models.Model):
    """工序日生产计划: the daily production plan of a workshop, per machine
    (workcenter) and shift (R-PLN-15 B, R-PLN-19, R-PLN-31).

    The planner draws it up from the day's work orders, it is reviewed and
    approved (审核 / 批准); the workshop head enters the actual output of the
    day and middle shifts with the reason of a gap; closing the day reads the
    output of the work orders. The achievement (actual / planned) is stored
    per line and per plan, for the daily achievement review."""

    _name = "order.daily.production.plan"
    _description = "Daily Production Plan"
    _inherit = ["mail.thread", "mail.activity.mixin", "order.workflow.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    _workflow_guarded_fields = (
        "state",
        "reviewed_by_id",
        "approved_by_id",
        "approved_date",
        "done_date",
    )
    # what was signed (R-PLN-19): the planner and the staffing standard are
    # frozen once approved; the staff present and the note until the day closes
    _workflow_frozen_fields = (
        "date",
        "department_id",
        "company_id",
        "planner_id",
        "machines_per_person",
    )

    name = fields.Char(string="Number", readonly=True, copy=False, default="/")
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True, index=True)
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    department_id = fields.Many2one(
        comodel_name="order.department",
        string="Workshop",
        check_company=True,
        tracking=True,
        help="车间: the plan takes the day's work orders of the workshop's machines "
        "(all machines when none is assigned to it).",
    )
    planner_id = fields.Many2one(
        comodel_name="res.users",
        default=lambda self: self.env.user,
        tracking=True,
    )
    reviewed_by_id = fields.Many2one(comodel_name="res.users", readonly=True, copy=False)
    approved_by_id = fields.Many2one(comodel_name="res.users", readonly=True, copy=False)
    approved_date = fields.Datetime(string="Approved On", readonly=True, copy=False)
    done_date = fields.Datetime(string="Closed On", readonly=True, copy=False)
    state = fields.Selection(
        selection=DAILY_PLAN_STATES,
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    line_ids = fields.One2many(
        comodel_name="order.daily.production.plan.line",
        inverse_name="plan_id",
        string="Lines",
        copy=True,
    )
    machines_per_person = fields.Float(
        string="Machines per Person",
        default=1.0,
        help="开机标准: how many machines one operator runs.",
    )
    machines_scheduled = fields.Integer(
        compute="_compute_totals",
        store=True,
        help="实排机台: machines with a planned quantity.",
    )
    required_staff = fields.Integer(
        compute="_compute_totals",
        store=True,
        help="需配置人员: machines scheduled / machines per person, rounded up.",
    )
    actual_staff = fields.Integer(help="实际人员: operators present.")
    planned_qty = fields.Float(
        string="Planned", compute="_compute_totals", store=True, digits="Product Unit of Measure"
    )
    actual_qty = fields.Float(
        string="Actual", compute="_compute_totals", store=True, digits="Product Unit of Measure"
    )
    achievement = fields.Float(
        string="Achievement (%)",
        compute="_compute_totals",
        store=True,
        aggregator="avg",
        help="Actual output / planned quantity of the plan's lines.",
    )
    note = fields.Text()

    _sql_constraints = [
        ("machines_per_person_positive", "CHECK(machines_per_person >= 0)", "Invalid standard."),
    ]

    @api.depends(
        "line_ids.planned_qty",
        "line_ids.actual_qty",
        "line_ids.workcenter_id",
        "machines_per_person",
    )
    def _compute_totals(self):
        for plan in self:
            lines = plan.line_ids
            machines = len(lines.filtered(lambda li: li.planned_qty > 0).workcenter_id)
            plan.machines_scheduled = machines
            plan.required_staff = (
                math.ceil(machines / plan.machines_per_person) if plan.machines_per_person else 0
            )
            plan.planned_qty = sum(lines.mapped("planned_qty"))
            plan.actual_qty = sum(lines.mapped("actual_qty"))
            plan.achievement = (
                round(100.0 * plan.actual_qty / plan.planned_qty, 2) if plan.planned_qty else 0.0
            )

    @api.model_create_multi
    def create(self, vals_list):
        # the number comes from the sequence: a client's own number is ignored
        self._workflow_number(vals_list, "order.daily.production.plan", sudo=True)
        return super().create(vals_list)

    def write(self, vals):
        if not self._workflow_is_trusted() and {"actual_staff", "note"}.intersection(vals):
            closed = self.filtered(lambda p: p.state in ("done", "cancel"))
            if closed:
                raise UserError(
                    self.env._(
                        "%(plans)s: the day is closed, its staff and note can no longer change.",
                        plans=", ".join(closed.mapped("display_name")),
                    )
                )
        return super().write(vals)

    def _workflow_guard_hint(self, fnames):
        return self.env._("Use the buttons Review, Approve, Close Day or Cancel.")

    @api.ondelete(at_uninstall=False)
    def _unlink_if_draft(self):
        if self.filtered(lambda p: p.state not in ("draft", "cancel")):
            raise UserError(self.env._("Only a draft or cancelled daily plan can be deleted."))

    # ------------------------------------------------------------------
    # Work orders of the day
    # ------------------------------------------------------------------
    def _day_bounds(self):
        """The plan's day in the company's time zone, as naive UTC datetimes."""
        self.ensure_one()
        tz = timezone(self.company_id.resource_calendar_id.tz or self.env.user.tz or "UTC")
        start = tz.localize(datetime.combine(self.date, time.min)).astimezone(utc)
        stop = tz.localize(datetime.combine(self.date + timedelta(days=1), time.min)).astimezone(
            utc
        )
        return start.replace(tzinfo=None), stop.replace(tzinfo=None)

    def action_generate_lines(self):
        """Lines from the work orders planned to start on the plan's day on the
        workshop's machines (all machines when the workshop has none): one
        search, one batched create; work orders already in the plan are skipped."""
        self._workflow_check_state(("draft",))
        line_model = self.env["order.daily.production.plan.line"]
        vals_list = []
        for plan in self:
            start, stop = plan._day_bounds()
            domain = [
                ("date_start", ">=", start),
                ("date_start", "<", stop),
                ("state", "not in", ("done", "cancel")),
                ("production_id.company_id", "=", plan.company_id.id),
            ]
            workcenters = (
                self.env["mrp.workcenter"].search(
                    [
                        ("order_department_id", "=", plan.department_id.id),
                        ("company_id", "in", (plan.company_id.id, False)),
                    ]
                )
                if plan.department_id
                else self.env["mrp.workcenter"]
            )
            if workcenters:
                domain.append(("workcenter_id", "in", workcenters.ids))
            known = plan.line_ids.workorder_id
            workorders = self.env["mrp.workorder"].search(domain, order="workcenter_id, date_start")
            for workorder in workorders - known:
                outstanding = max(workorder.qty_production - workorder.qty_produced, 0.0)
                vals_list.append(
                    {
                        "plan_id": plan.id,
                        "workcenter_id": workorder.workcenter_id.id,
                        "product_id": workorder.product_id.id,
                        "production_id": workorder.production_id.id,
                        "workorder_id": workorder.id,
                        "order_qty": workorder.qty_production,
                        "outstanding_qty": outstanding,
                        "planned_qty": outstanding,
                        "produced_start_qty": workorder.qty_produced,
                    }
                )
        with self._workflow_transition():
            line_model.create(vals_list)
        return True

    # ------------------------------------------------------------------
    # Transitions
    # ------------------------------------------------------------------
    def action_review(self):
        """审核: the workshop's review of the draft, once (a second review
        would overwrite the reviewer the approver relies on)."""
        self._workflow_check_state(("draft",))
        reviewed = self.filtered("reviewed_by_id")
        if reviewed:
            raise UserError(
                self.env._(
                    "%(plans)s: already reviewed; cancel and reset the plan to review it again.",
                    plans=", ".join(reviewed.mapped("display_name")),
                )
            )
        self._workflow_write({"reviewed_by_id": self.env.user.id})

    def action_approve(self):
        """批准: the planning head approves the reviewed plan; the plan is
        issued to the workshop. Three people sign it (R-PLN-19: 计划员, 审核,
        批准): the approver is neither its planner nor its reviewer."""
        self._workflow_check_state(("draft",))
        if not self.env.user.has_group("order_production_plan.group_order_production_plan_planner"):
            raise UserError(self.env._("Only a planner approves a daily production plan."))
        for plan in self:
            if not plan.line_ids:
                raise UserError(
                    self.env._("%(plan)s has no lines to approve.", plan=plan.display_name)
                )
            if not plan.reviewed_by_id:
                raise UserError(self.env._("%(plan)s is not reviewed yet.", plan=plan.display_name))
            if self.env.user in (plan.planner_id | plan.reviewed_by_id):
                raise UserError(
                    self.env._(
                        "%(plan)s: its planner or reviewer cannot approve it too.",
                        plan=plan.display_name,
                    )
                )
        self._workflow_write(
            {
                "state": "approved",
                "approved_by_id": self.env.user.id,
                "approved_date": fields.Datetime.now(),
            }
        )

    def action_read_workorders(self):
        """The output of the lines' work orders since the plan was drawn up
        (their produced quantity, ``mrp.workorder.qty_produced``)."""
        self._workflow_check_state(("approved",))
        self.line_ids._read_workorder_output()

    def action_done(self):
        """Close the day: the work orders' output is read one last time."""
        self._workflow_check_state(("approved",))
        self.line_ids._read_workorder_output()
        self._workflow_write({"state": "done", "done_date": fields.Datetime.now()})

    def action_cancel(self):
        self._workflow_check_state(("draft", "approved"))
        self._workflow_write({"state": "cancel"})

    def action_draft(self):
        self._workflow_check_state(("cancel",))
        self._workflow_write(
            {
                "state": "draft",
                "approved_by_id": False,
                "approved_date": False,
                "reviewed_by_id": False,
            }
        )
