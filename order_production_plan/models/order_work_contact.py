# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError

from .order_production_followup import general_managers


class OrderWorkContact(models.Model):
    """Cross-Department Work Contact Sheet (跨部门工作联系单, R-PLN-23,
    R-EXC-14).

    A department asks another one to solve a problem by a required time:
    the head of the department asked gets the clock of policy
    ``work_contact`` (its ladder escalates to the general manager) and the
    sheet is answered with the solution by the head or a member of that
    department. Raised from a readiness check's problem, or by hand from a
    plan by any department.
    """

    _name = "order.work.contact"
    _description = "Work Contact Sheet"
    _inherit = ["mail.thread", "mail.activity.mixin", "order.sla.mixin"]
    _order = "id desc"

    _workflow_guarded_fields = (
        "name",
        "state",
        "followup_id",
        "user_id",
        "requesting_user_id",
        "answered_by_id",
        "answered_date",
    )
    _workflow_fixed_fields = (
        "plan_id",
        "company_id",
        "problem",
        "requesting_department_id",
        "department_id",
    )
    _workflow_frozen_fields = ("solution",)
    _workflow_editable_states = ("open",)

    name = fields.Char(string="Number", readonly=True, copy=False, default="/")
    plan_id = fields.Many2one(
        comodel_name="order.production.plan",
        index="btree_not_null",
        domain=[("state", "in", ("draft", "issued"))],
    )
    sale_order_id = fields.Many2one(related="plan_id.sale_order_id", store=True, index=True)
    followup_id = fields.Many2one(
        comodel_name="order.production.followup", string="Readiness Check", readonly=True
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    problem = fields.Text(required=True)
    requesting_department_id = fields.Many2one(
        comodel_name="order.department",
        domain="['|', ('company_id', '=', False), ('company_id', '=', company_id)]",
    )
    requesting_user_id = fields.Many2one(
        comodel_name="res.users",
        string="Requested By",
        readonly=True,
        default=lambda self: self.env.user,
    )
    department_id = fields.Many2one(
        comodel_name="order.department",
        string="Department Asked",
        required=True,
        domain="['|', ('company_id', '=', False), ('company_id', '=', company_id)]",
    )
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Person Asked",
        readonly=True,
        help="The head of the department asked.",
    )
    required_date = fields.Datetime(
        related="sla_deadline", string="Required Solution Time", readonly=True
    )
    state = fields.Selection(
        selection=[("open", "Open"), ("answered", "Answered"), ("cancel", "Cancelled")],
        default="open",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    solution = fields.Text()
    answered_by_id = fields.Many2one(comodel_name="res.users", readonly=True, copy=False)
    answered_date = fields.Datetime(readonly=True, copy=False)

    @api.model_create_multi
    def create(self, vals_list):
        self._workflow_check_create(vals_list)
        trusted = self._workflow_is_trusted()
        # the number comes from the sequence: a client's own number is ignored
        self._workflow_number(vals_list, "order.work.contact")
        with self._workflow_transition():
            contacts = super().create(vals_list)
            for contact in contacts:
                if contact.plan_id and contact.plan_id.company_id != contact.company_id:
                    raise UserError(self.env._("The plan belongs to another company."))
                contact._check_departments()
                contact.write({"user_id": contact.department_id.manager_id.id})
        if not trusted:
            contacts.filtered("solution")._check_can_answer()
        contacts._start_clock()
        for contact in contacts.filtered("plan_id"):
            contact.plan_id.sudo()._message_log(
                body=Markup("<p>%s</p>")
                % self.env._(
                    "Work contact sheet %(sheet)s to %(department)s: %(problem)s",
                    sheet=contact.name,
                    department=contact.department_id.name,
                    problem=contact.problem,
                )
            )
        return contacts

    def _check_departments(self):
        """Both departments belong to the sheet's company (or to none); the
        requesting department is one the requester belongs to, unless a
        planner raises the sheet (R-EXC-14)."""
        for contact in self:
            # read as the server: a department of another company is refused,
            # not hidden behind an access error
            departments = (contact.requesting_department_id | contact.department_id).sudo()
            if departments.company_id - contact.company_id.sudo():
                raise UserError(
                    self.env._(
                        "%(sheet)s: the departments belong to another company.",
                        sheet=contact.display_name,
                    )
                )
            requesting = contact.requesting_department_id.sudo()
            requester = contact.requesting_user_id
            if (
                requesting
                and requester not in requesting._get_people()
                and not requester.has_group(
                    "order_production_plan.group_order_production_plan_planner"
                )
            ):
                raise UserError(
                    self.env._(
                        "%(sheet)s: you ask on behalf of a department you belong to, not "
                        "%(department)s.",
                        sheet=contact.display_name,
                        department=requesting.display_name,
                    )
                )

    def _check_can_answer(self):
        """The head or a member of the department asked answers, not the
        person who asked (R-EXC-14)."""
        user = self.env.user
        for contact in self:
            department = contact.department_id
            if user not in department._get_people():
                raise UserError(
                    self.env._(
                        "%(sheet)s is answered by the head or a member of %(department)s.",
                        sheet=contact.display_name,
                        department=department.name,
                    )
                )
            if user == contact.requesting_user_id:
                raise UserError(
                    self.env._(
                        "%(sheet)s: you asked; another person of %(department)s answers.",
                        sheet=contact.display_name,
                        department=department.name,
                    )
                )

    def write(self, vals):
        if "solution" in vals and not self._workflow_is_trusted():
            self._check_can_answer()
        return super().write(vals)

    def _start_clock(self):
        policies = self.env["order.sla.policy"]
        for company, contacts in self.grouped("company_id").items():
            policy = policies._get_by_code("work_contact", company)
            if policy:
                contacts._sla_start(policy)

    def _sla_escalation_fallback_users(self):
        """A rung that names nobody of the company asks its general managers."""
        return (
            general_managers(self.env, self.company_id) or super()._sla_escalation_fallback_users()
        )

    def _workflow_guard_hint(self, fnames):
        return self.env._("Use the Answer button.")

    def _get_form_action(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "views": [(False, "form")],
        }

    def action_answer(self):
        """The department asked gives its solution: the clock stops."""
        self._workflow_check_state(("open",))
        user = self.env.user
        self._check_can_answer()
        for contact in self:
            if not contact.solution:
                raise UserError(self.env._("Write the solution first."))
        now = fields.Datetime.now()
        self._workflow_write({"state": "answered", "answered_by_id": user.id, "answered_date": now})
        self._sla_stop(now)
        for contact in self:
            if contact.requesting_user_id:
                contact.activity_schedule(
                    "mail.mail_activity_data_todo",
                    user_id=contact.requesting_user_id.id,
                    summary=self.env._("Work contact sheet answered"),
                    note=contact.solution,
                )
        return True

    def action_cancel(self):
        self._workflow_check_state(("open",))
        for contact in self:
            if self.env.user != contact.requesting_user_id and not self.env.user.has_group(
                "order_production_plan.group_order_production_plan_manager"
            ):
                raise UserError(
                    self.env._(
                        "%(sheet)s is withdrawn by the person who raised it.",
                        sheet=contact.display_name,
                    )
                )
        self._sla_cancel()
        self._workflow_write({"state": "cancel"})
        return True
