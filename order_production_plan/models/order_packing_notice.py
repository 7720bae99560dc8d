# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError

PACKING_STATES = [
    ("draft", "Draft"),
    ("notified", "Packing Notified"),
    ("packed", "Packed"),
    ("cancel", "Cancelled"),
]


class OrderPackingNotice(models.Model):
    """预包装通知 (R-PLN-27, §8.9): 3 working days (complete sets) or 1
    working day (other products) before the planned shipping date, the
    packing department is told to pack, with the completeness checklist of
    the accessories and accompanying documents of every product. A missing
    part ships only with the customer's documented consent and a department
    named to deliver it later."""

    _name = "order.packing.notice"
    _description = "Pre-packing Notice"
    _inherit = ["mail.thread", "mail.activity.mixin", "order.sla.mixin"]
    _order = "shipping_date, id desc"

    _workflow_guarded_fields = (
        "state",
        "notified_on",
        "notified_by_id",
        "packed_on",
        "packed_by_id",
    )
    _workflow_fixed_fields = ("name", "plan_id")
    _workflow_frozen_fields = ("shipping_date", "department_id", "user_id")

    name = fields.Char(string="Number", readonly=True, copy=False, default="/")
    plan_id = fields.Many2one(
        comodel_name="order.production.plan",
        string="Production Plan",
        required=True,
        ondelete="cascade",
        index=True,
    )
    sale_order_id = fields.Many2one(related="plan_id.sale_order_id", store=True, index=True)
    partner_id = fields.Many2one(related="plan_id.partner_id", store=True)
    company_id = fields.Many2one(related="plan_id.company_id", store=True, index=True)
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Planner",
        help="Sends the notice to the packing department.",
    )
    department_id = fields.Many2one(
        comodel_name="order.department",
        string="Packing Department",
        domain="['|', ('company_id', '=', False), ('company_id', '=', company_id)]",
    )
    shipping_date = fields.Datetime(
        string="Planned Shipping",
        required=True,
        help="The plan's delivery date: the notice is due 3 working days before "
        "it for a complete set, 1 working day for other products (R-PLN-27).",
    )
    complete_set = fields.Boolean(compute="_compute_complete_set", store=True)
    state = fields.Selection(
        selection=PACKING_STATES,
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    line_ids = fields.One2many(
        comodel_name="order.packing.notice.line",
        inverse_name="notice_id",
        string="Completeness Checklist",
    )
    notified_on = fields.Datetime(readonly=True, copy=False)
    notified_by_id = fields.Many2one(comodel_name="res.users", readonly=True, copy=False)
    packed_on = fields.Datetime(readonly=True, copy=False)
    packed_by_id = fields.Many2one(comodel_name="res.users", readonly=True, copy=False)
    missing_count = fields.Integer(compute="_compute_missing_count")
    note = fields.Html()

    @api.depends("plan_id.instruction_id.line_ids.product_id.order_complete_set")
    def _compute_complete_set(self):
        for notice in self:
            notice.complete_set = any(
                notice.plan_id.instruction_id.line_ids.product_id.mapped("order_complete_set")
            )

    @api.depends("line_ids.checked")
    def _compute_missing_count(self):
        for notice in self:
            notice.missing_count = len(notice.line_ids.filtered(lambda line: not line.checked))

    @api.model_create_multi
    def create(self, vals_list):
        self._workflow_check_create(vals_list)
        # the number comes from the sequence: a client's own number is ignored
        self._workflow_number(vals_list, "order.packing.notice")
        if not self._workflow_is_trusted() and any("department_id" in vals for vals in vals_list):
            self._check_planner()
        notices = super().create(vals_list)
        notices.filtered(lambda n: not n.line_ids)._create_checklist()
        notices._start_clock()
        return notices

    def write(self, vals):
        # the packing department is named by the planners: a workshop head
        # does not make himself the packer of a notice
        if "department_id" in vals and not self._workflow_is_trusted():
            field = self._fields["department_id"]
            if any(not self._workflow_same(field, n, vals["department_id"]) for n in self):
                self._check_planner()
        moved = self.browse()
        if "shipping_date" in vals:
            field = self._fields["shipping_date"]
            moved = self.filtered(
                lambda n: n.state == "draft"
                and not self._workflow_same(field, n, vals["shipping_date"])
            )
        result = super().write(vals)
        # a new planned shipping moves the draft's deadline (R-PLN-27)
        moved._start_clock()
        return result

    def _create_checklist(self):
        """One line per product of the plan and item of its checklist."""
        vals_list = []
        for notice in self:
            products = notice.plan_id.instruction_id.line_ids.product_id
            for product in products:
                for item in product.product_tmpl_id.order_packing_check_item_ids:
                    vals_list.append(
                        {
                            "notice_id": notice.id,
                            "product_id": product.id,
                            "item_id": item.id,
                            "kind": item.kind,
                            "name": item.name,
                            "quantity": item.quantity,
                        }
                    )
        self.env["order.packing.notice.line"].create(vals_list)

    def _start_clock(self):
        """R-PLN-27: a backward clock from the planned shipping date, 3
        working days for a complete set (policy ``packing_notice_set``), 1
        for other products (``packing_notice``)."""
        policy_model = self.env["order.sla.policy"]
        drafts = self.filtered(lambda n: n.state == "draft")
        for company in drafts.company_id:
            for complete_set, code in ((True, "packing_notice_set"), (False, "packing_notice")):
                notices = drafts.filtered(
                    lambda n, c=company, s=complete_set: n.company_id == c and n.complete_set == s
                )
                policy = notices and policy_model._get_by_code(code, company)
                if policy:
                    notices._sla_start(policy, {n.id: n.shipping_date for n in notices})

    def _sla_get_user(self):
        self.ensure_one()
        return self.user_id or self.plan_id.user_id

    @api.model
    def _create_from_plans(self, plans):
        """The draft notice of each issued plan (one per plan)."""
        plans = plans.filtered(
            lambda p: p.delivery_date
            and not p.packing_notice_ids.filtered(lambda n: n.state != "cancel")
        )
        vals_list = []
        for plan in plans:
            # the packing step type's department, the company's packing
            # department, else whoever the plan made responsible for packing
            step = plan._get_step(("packing",))
            department = (
                step.step_type_id.department_id
                or plan.company_id.order_packing_department_id
                or step.department_id
            )
            vals_list.append(
                {
                    "plan_id": plan.id,
                    "user_id": plan.user_id.id,
                    "department_id": department.id,
                    "shipping_date": plan.delivery_date,
                }
            )
        return self.sudo().create(vals_list).with_env(self.env)

    def _check_planner(self):
        if not self.env.user.has_group("order_production_plan.group_order_production_plan_planner"):
            raise UserError(
                self.env._("The packing department is notified by the planner or a manager.")
            )

    def action_notify(self):
        """Send the notice: the clock stops, the packing department's head
        gets an activity."""
        self._workflow_check_state(("draft",))
        self._check_planner()
        now = fields.Datetime.now()
        for notice in self:
            if not notice.department_id.manager_id:
                raise UserError(
                    self.env._(
                        "%(notice)s: name the packing department and its head first.",
                        notice=notice.display_name,
                    )
                )
            notice._workflow_write(
                {"state": "notified", "notified_on": now, "notified_by_id": self.env.user.id}
            )
            notice._sla_stop(now)
            notice.activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=notice.department_id.manager_id.id,
                date_deadline=notice._user_date(
                    notice.shipping_date, notice.department_id.manager_id
                ),
                summary=self.env._("Pack the order with every accessory and document"),
            )
        return True

    def _check_packer(self):
        """The packing department (its head or members): who packs ticks and
        says packed, a planner does not pack on the department's behalf."""
        user = self.env.user
        for notice in self.sudo():
            department = notice.department_id
            if user in department._get_people():
                continue
            raise UserError(
                self.env._(
                    "%(notice)s is checked and packed by the packing department.",
                    notice=notice.display_name,
                )
            )

    def action_packed(self):
        """Packed: every line checked, or the missing ones shipped later
        with the customer's documented consent and a follow-up department
        (§8.9)."""
        self._workflow_check_state(("notified",))
        self._check_packer()
        now = fields.Datetime.now()
        user = self.env.user
        # a packer who is only a warehouse user records it with the server's
        # rights, after the membership check
        for notice in self.sudo():
            missing = notice.line_ids.filtered(lambda line: not line.checked)
            undocumented = missing.filtered(lambda line: not line._has_consent())
            if undocumented:
                raise UserError(
                    self.env._(
                        "%(notice)s: %(lines)s not checked. Pack them, or record the "
                        "customer's consent (a note or an attachment, the date and who "
                        "agreed) and the department that delivers them later (§8.9).",
                        notice=notice.display_name,
                        lines=", ".join(undocumented.mapped("display_name")),
                    )
                )
            notice._workflow_write({"state": "packed", "packed_on": now, "packed_by_id": user.id})
            manager = notice.department_id.manager_id
            notice.activity_ids.filtered(lambda a, m=manager: a.user_id == m).action_feedback()
            for line in missing:
                body = self.env._(
                    "Shipped without %(item)s (%(product)s), with the customer's consent "
                    "(%(who)s, %(date)s); %(department)s delivers it later.",
                    item=line.name,
                    product=line.product_id.display_name,
                    who=line.consent_by,
                    date=line.consent_date,
                    department=line.followup_department_id.display_name,
                )
                notice._message_log(body=Markup("<p>%s</p>") % body)
                manager = line.followup_department_id.manager_id
                if manager:
                    notice.activity_schedule(
                        "mail.mail_activity_data_todo",
                        user_id=manager.id,
                        summary=self.env._("Deliver the missing part later"),
                        note=body,
                    )
        return True

    def action_cancel(self):
        self._workflow_check_state(("draft", "notified"))
        self._check_planner()
        self._cancel()
        return True

    def _cancel(self):
        """Cancelled: the clock withdrawn, the packing head's to-do closed."""
        self._workflow_write({"state": "cancel"})
        self._sla_cancel()
        self.sudo().activity_unlink(["mail.mail_activity_data_todo"])

    def _cancel_with_plan(self):
        """The plan is cancelled: nothing is packed for it any more."""
        self.filtered(lambda n: n.state in ("draft", "notified"))._cancel()
