# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import defaultdict

from odoo import Command, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.order_review.models.order_workflow_mixin import next_sequence_numbers

INSTRUCTION_STATES = [
    ("draft", "Draft"),
    ("issued", "Issued"),
    ("received", "Received"),
    ("planned", "Broken Down"),
    ("cancel", "Cancelled"),
]


class OrderProductionInstruction(models.Model):
    """生产指令单 (R-REV-09, R-PLN-01, R-PLN-04).

    Drawn up from a sale order once it takes effect: what to make, for whom
    and by when, with the order's drawings. The clerk issues it within 4
    working hours of the effective date; the manufacturing head receives it
    and breaks it down into a plan within 24 working hours for complete sets,
    4 for other products. Both clocks run on the suite's deadline engine;
    their outcome stays on the instruction as facts for the KPIs.
    """

    _name = "order.production.instruction"
    _description = "Production Instruction"
    _inherit = ["mail.thread", "mail.activity.mixin", "order.sla.mixin"]
    _order = "id desc"

    _workflow_guarded_fields = (
        "state",
        "issued_date",
        "issued_by_id",
        "issue_deadline",
        "issue_on_time",
        "received_date",
        "received_by_id",
        "breakdown_deadline",
        "breakdown_date",
        "breakdown_on_time",
    )
    _workflow_frozen_fields = (
        "sale_order_id",
        "line_ids",
        "packing_requirement",
        "spares_requirement",
        "department_id",
        "drawing_ids",
        "note",
    )

    name = fields.Char(string="Number", readonly=True, copy=False, default="/")
    sale_order_id = fields.Many2one(
        comodel_name="sale.order",
        required=True,
        ondelete="restrict",
        index=True,
        domain=[("state", "=", "sale")],
        tracking=True,
    )
    partner_id = fields.Many2one(related="sale_order_id.partner_id", store=True, string="Customer")
    company_id = fields.Many2one(
        related="sale_order_id.company_id", store=True, index=True, string="Company"
    )
    order_class = fields.Selection(related="sale_order_id.order_class", store=True)
    effective_date = fields.Datetime(
        related="sale_order_id.order_effective_date", store=True, string="Order Effective On"
    )
    delivery_date = fields.Datetime(
        compute="_compute_delivery_date",
        store=True,
        precompute=True,
        readonly=True,
        help="The delivery date the review accepted, when the instruction was drawn up.",
    )
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Sales Clerk",
        default=lambda self: self.env.user,
        tracking=True,
        help="The sales clerk who issues the instruction (R-REV-09).",
    )
    department_id = fields.Many2one(
        comodel_name="order.department",
        string="Manufacturing Department",
        default=lambda self: self.env.company.order_plan_department_id,
        domain="['|', ('company_id', '=', False), ('company_id', '=', company_id)]",
        tracking=True,
    )
    manager_id = fields.Many2one(
        related="department_id.manager_id", string="Manufacturing Head", store=True
    )
    line_ids = fields.One2many(
        comodel_name="order.production.instruction.line",
        inverse_name="instruction_id",
        string="Products",
        copy=True,
    )
    complete_set = fields.Boolean(
        compute="_compute_complete_set",
        store=True,
        help="A product of the instruction is a complete set: 24 working hours to "
        "break it down instead of 4 (R-PLN-01).",
    )
    packing_requirement = fields.Text(string="Packing Requirements")
    spares_requirement = fields.Text(string="Spare Parts")
    note = fields.Html(string="Technical Notes")
    drawing_ids = fields.Many2many(
        comodel_name="ir.attachment",
        relation="order_production_instruction_attachment_rel",
        string="Drawings and Attachments",
        help="Issued with the instruction (R-PLN-04): the sale order's attachments are "
        "copied here when the instruction is drawn up.",
    )
    state = fields.Selection(
        selection=INSTRUCTION_STATES,
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    issued_date = fields.Datetime(string="Issued On", readonly=True, copy=False)
    issued_by_id = fields.Many2one(comodel_name="res.users", readonly=True, copy=False)
    issue_deadline = fields.Datetime(readonly=True, copy=False)
    issue_on_time = fields.Boolean(string="Issued On Time", readonly=True, copy=False)
    received_date = fields.Datetime(string="Received On", readonly=True, copy=False)
    received_by_id = fields.Many2one(comodel_name="res.users", readonly=True, copy=False)
    breakdown_deadline = fields.Datetime(readonly=True, copy=False)
    breakdown_date = fields.Datetime(string="Broken Down On", readonly=True, copy=False)
    breakdown_on_time = fields.Boolean(string="Broken Down On Time", readonly=True, copy=False)
    plan_ids = fields.One2many(
        comodel_name="order.production.plan", inverse_name="instruction_id", string="Plans"
    )
    plan_count = fields.Integer(compute="_compute_plan_count")

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("sale_order_id")
    def _compute_delivery_date(self):
        for instruction in self:
            order = instruction.sale_order_id
            instruction.delivery_date = order and (
                order.commitment_date or order.expected_date or False
            )

    @api.constrains("sale_order_id")
    def _check_sale_order_confirmed(self):
        for instruction in self:
            if instruction.sale_order_id.state != "sale":
                raise UserError(
                    self.env._(
                        "%(order)s is not a confirmed order: it gets no production instruction.",
                        order=instruction.sale_order_id.display_name,
                    )
                )

    @api.depends("line_ids.product_id.order_complete_set")
    def _compute_complete_set(self):
        for instruction in self:
            instruction.complete_set = any(
                instruction.line_ids.product_id.mapped("order_complete_set")
            )

    @api.depends("plan_ids")
    def _compute_plan_count(self):
        counts = dict(
            self.env["order.production.plan"]._read_group(
                [("instruction_id", "in", self.ids)], ["instruction_id"], ["__count"]
            )
        )
        for instruction in self:
            instruction.plan_count = counts.get(instruction, 0)

    @api.depends("name", "sale_order_id.name")
    def _compute_display_name(self):
        for instruction in self:
            instruction.display_name = (
                f"{instruction.name} ({instruction.sale_order_id.name})"
                if instruction.sale_order_id
                else instruction.name or ""
            )

    # ------------------------------------------------------------------
    # Creation
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        unnamed = [vals for vals in vals_list if vals.get("name", "/") == "/"]
        names = next_sequence_numbers(self.env, "order.production.instruction", len(unnamed))
        for vals, name in zip(unnamed, names, strict=True):
            vals["name"] = name
        instructions = super().create(vals_list)
        instructions.filtered(lambda i: not i.line_ids)._fill_from_order()
        instructions._start_issue_clock()
        return instructions

    @api.model
    def _prepare_from_orders(self, orders):
        """Create values of the instructions of `orders` (one each)."""
        vals_list = []
        for order in orders:
            company = order.company_id
            vals_list.append(
                {
                    "sale_order_id": order.id,
                    "user_id": order.user_id.id or self.env.user.id,
                    "department_id": company.order_plan_department_id.id,
                }
            )
        return vals_list

    @api.model
    def _create_from_orders(self, orders):
        """The instructions of effective orders (R-REV-09), in one batch."""
        return self.create(self._prepare_from_orders(orders))

    def _fill_from_order(self):
        """The order's goods lines and attachments (R-PLN-04)."""
        if not self:
            return
        line_vals = []
        for instruction in self:
            for sale_line in instruction.sale_order_id.order_line:
                if sale_line.display_type or sale_line.product_id.type != "consu":
                    continue
                line_vals.append(
                    {
                        "instruction_id": instruction.id,
                        "sale_line_id": sale_line.id,
                        "product_id": sale_line.product_id.id,
                        "name": sale_line.name,
                        "product_uom_qty": sale_line.product_uom_qty,
                        "product_uom_id": sale_line.product_uom.id,
                    }
                )
        self.env["order.production.instruction.line"].create(line_vals)
        attachments = (
            self.env["ir.attachment"]
            .sudo()
            .search(
                [
                    ("res_model", "=", "sale.order"),
                    ("res_id", "in", self.sale_order_id.ids),
                    ("res_field", "=", False),
                ]
            )
        )
        by_order = {}
        for attachment in attachments:
            by_order.setdefault(attachment.res_id, []).append(attachment)
        for instruction in self:
            copies = [
                attachment.copy({"res_model": instruction._name, "res_id": instruction.id}).id
                for attachment in by_order.get(instruction.sale_order_id.id, [])
            ]
            if copies:
                instruction.drawing_ids = [Command.link(att_id) for att_id in copies]

    def _start_issue_clock(self):
        """R-REV-09: 4 working hours from the order's effective date."""
        drafts = self.filtered(lambda i: i.state == "draft")
        if not drafts:
            return
        by_company = {}
        for instruction in drafts:
            by_company.setdefault(instruction.company_id, drafts.browse())
            by_company[instruction.company_id] |= instruction
        policy_model = self.env["order.sla.policy"]
        for company, instructions in by_company.items():
            policy = policy_model._get_by_code("production_instruction", company)
            if policy:
                instructions._sla_start(
                    policy,
                    {i.id: i.effective_date or fields.Datetime.now() for i in instructions},
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        if any(instruction.state != "draft" for instruction in self):
            raise UserError(
                self.env._("An issued production instruction is never deleted: cancel it.")
            )

    # ------------------------------------------------------------------
    # Deadline hooks
    # ------------------------------------------------------------------
    def _sla_get_user(self):
        """The clerk before issue, the manufacturing head afterwards."""
        self.ensure_one()
        if self.state == "draft":
            return self.user_id
        return self.manager_id or self.user_id

    def _workflow_guard_hint(self, fnames):
        return self.env._("Use the Issue, Receive and Cancel buttons.")

    # ------------------------------------------------------------------
    # Workflow
    # ------------------------------------------------------------------
    def action_issue(self):
        """The clerk issues the instruction to the manufacturing department."""
        self._workflow_check_state(("draft",))
        for instruction in self:
            if not instruction.line_ids:
                raise UserError(
                    self.env._(
                        "%(instruction)s has no product to make.",
                        instruction=instruction.display_name,
                    )
                )
            if not instruction.manager_id:
                raise UserError(
                    self.env._(
                        "%(instruction)s: choose a manufacturing department with a head "
                        "to issue it to.",
                        instruction=instruction.display_name,
                    )
                )
        now = fields.Datetime.now()
        self._sla_stop(now)
        for instruction in self:
            instruction._workflow_write(
                {
                    "state": "issued",
                    "issued_date": now,
                    "issued_by_id": self.env.user.id,
                    "issue_deadline": instruction.sla_deadline,
                    "issue_on_time": not instruction.sla_deadline
                    or now <= instruction.sla_deadline,
                }
            )
            instruction.sudo().activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=instruction.manager_id.id,
                summary=self.env._("Receive the production instruction and break it down"),
            )
        return True

    def action_receive(self):
        """The manufacturing head receives it: the breakdown clock starts,
        24 working hours for complete sets, 4 for other products (R-PLN-01)."""
        self._workflow_check_state(("issued",))
        user = self.env.user
        for instruction in self:
            department = instruction.department_id
            if user not in department._get_people() and not user.has_group(
                "order_production_plan.group_order_production_plan_planner"
            ):
                raise UserError(
                    self.env._(
                        "%(instruction)s is received by the manufacturing department.",
                        instruction=instruction.display_name,
                    )
                )
        now = fields.Datetime.now()
        for instruction in self:
            instruction._workflow_write(
                {"state": "received", "received_date": now, "received_by_id": self.env.user.id}
            )
        self.activity_feedback(["mail.mail_activity_data_todo"])
        # one policy and one clock start per code and company, for the batch
        groups = defaultdict(lambda: self.browse())
        for instruction in self:
            code = (
                "production_breakdown_set" if instruction.complete_set else "production_breakdown"
            )
            groups[(code, instruction.company_id)] |= instruction
        for (code, company), instructions in groups.items():
            policy = self.env["order.sla.policy"]._get_by_code(code, company)
            if policy:
                instructions._sla_start(policy, now)
                for instruction in instructions:
                    instruction._workflow_write({"breakdown_deadline": instruction.sla_deadline})
        return True

    def _plan_breakdown_done(self, when=None):
        """A plan of the instruction was issued: the breakdown is done."""
        when = when or fields.Datetime.now()
        received = self.filtered(lambda i: i.state == "received")
        received._sla_stop(when)
        for instruction in received:
            deadline = instruction.breakdown_deadline
            instruction._workflow_write(
                {
                    "state": "planned",
                    "breakdown_date": when,
                    "breakdown_on_time": not deadline or when <= deadline,
                }
            )

    def action_cancel(self):
        """The clerk withdraws a draft; once issued, manufacturing cancels
        it, and never while one of its plans runs."""
        self._workflow_check_state(("draft", "issued", "received"))
        planner = self.env.user.has_group(
            "order_production_plan.group_order_production_plan_planner"
        )
        for instruction in self:
            if instruction.state != "draft" and not planner:
                raise UserError(
                    self.env._(
                        "%(instruction)s is issued: manufacturing cancels it.",
                        instruction=instruction.display_name,
                    )
                )
            if instruction.plan_ids.filtered(lambda p: p.state != "cancel"):
                raise UserError(
                    self.env._(
                        "%(instruction)s has a plan: cancel the plan first.",
                        instruction=instruction.display_name,
                    )
                )
        self._sla_cancel()
        self._workflow_write({"state": "cancel"})
        return True

    def action_create_plan(self):
        """The manufacturing head breaks the instruction down into a plan."""
        self.ensure_one()
        self._workflow_check_state(("received", "planned"))
        plan = self.env["order.production.plan"].create({"instruction_id": self.id})
        return plan._get_form_action()

    def action_view_plans(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "order_production_plan.action_order_production_plan"
        )
        action["domain"] = [("instruction_id", "=", self.id)]
        action["context"] = {"default_instruction_id": self.id}
        if len(self.plan_ids) == 1:
            action.update(res_id=self.plan_ids.id, views=[(False, "form")])
        return action
