# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import UserError

from .order_production_followup import general_managers


class OrderProductionExpedite(models.Model):
    """Expedite Note (催促单, R-PLN-22, R-EXC-13).

    The order follower found that the delivery date cannot be kept: after
    talking with the customer, they send the final delivery date to the
    manufacturing head and the general managers, who must answer within the
    time of policy ``expedite_answer`` (its ladder escalates). From the note,
    an overdue-delivery solution of the order can be drawn up.
    """

    _name = "order.production.expedite"
    _description = "Expedite Note"
    _inherit = ["mail.thread", "mail.activity.mixin", "order.sla.mixin"]
    _order = "id desc"

    _workflow_guarded_fields = (
        "name",
        "state",
        "followup_id",
        "plan_id",
        "sale_order_id",
        "company_id",
        "user_id",
        "addressee_ids",
        "answered_by_id",
        "answered_date",
    )
    _workflow_fixed_fields = ("late_summary", "late_step_ids", "customer_final_date")
    _workflow_frozen_fields = ("answer",)
    _workflow_editable_states = ("open",)

    name = fields.Char(string="Number", readonly=True, copy=False, default="/")
    followup_id = fields.Many2one(
        comodel_name="order.production.followup", string="Follow-up", readonly=True
    )
    plan_id = fields.Many2one(comodel_name="order.production.plan", readonly=True, index=True)
    sale_order_id = fields.Many2one(comodel_name="sale.order", readonly=True, index=True)
    partner_id = fields.Many2one(related="sale_order_id.partner_id", string="Customer")
    delivery_date = fields.Datetime(related="plan_id.delivery_date", string="Reviewed Delivery")
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        readonly=True,
        index=True,
        default=lambda self: self.env.company,
    )
    user_id = fields.Many2one(
        comodel_name="res.users", string="Sent By", readonly=True, help="The order follower."
    )
    late_summary = fields.Text(string="What Is Late", required=True)
    late_step_ids = fields.Many2many(
        comodel_name="order.production.plan.step",
        relation="order_production_expedite_step_rel",
        string="Late Steps",
    )
    customer_final_date = fields.Datetime(string="Final Date Told to the Customer", required=True)
    addressee_ids = fields.Many2many(
        comodel_name="res.users",
        relation="order_production_expedite_user_rel",
        string="Sent To",
        readonly=True,
        help="The manufacturing department head and the general managers.",
    )
    state = fields.Selection(
        selection=[("open", "To Answer"), ("answered", "Answered"), ("cancel", "Cancelled")],
        default="open",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    answer = fields.Text()
    answered_by_id = fields.Many2one(comodel_name="res.users", readonly=True, copy=False)
    answered_date = fields.Datetime(readonly=True, copy=False)

    @api.model
    def _create_from_followup(self, followup, user):
        """The note of an order follow-up's deviation, with its clock."""
        plan = followup.plan_id
        company = followup.company_id
        addressees = (
            company.order_plan_department_id.manager_id | general_managers(self.env, company)
        ).filtered("active")
        vals = {
            "followup_id": followup.id,
            "plan_id": plan.id,
            "sale_order_id": followup.sale_order_id.id,
            "company_id": company.id,
            "user_id": user.id,
            "late_summary": followup.deviation_note,
            "late_step_ids": [Command.set(followup.late_step_ids.ids)],
            "customer_final_date": followup.customer_final_date,
            "addressee_ids": [Command.set(addressees.ids)],
        }
        with self._workflow_transition():
            self.with_company(company)._workflow_number([vals], "order.production.expedite")
            expedite = self.create(vals)
        policy = self.env["order.sla.policy"]._get_by_code("expedite_answer", company)
        if policy:
            expedite._sla_start(policy, user=addressees)
        note = self.env._(
            "Expedite note %(note)s: %(late)s The customer was told %(date)s.",
            note=expedite.name,
            late=followup.deviation_note,
            date=plan._format_date(followup.customer_final_date),
        )
        for record in (plan, followup.sale_order_id):
            if record:
                record.sudo()._message_log(body=Markup("<p>%s</p>") % note)
        return expedite

    def _sla_get_user(self):
        self.ensure_one()
        return self.addressee_ids

    def _sla_escalation_fallback_users(self):
        """A rung that names nobody of the company asks its general managers,
        else the note's addressees."""
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

    def write(self, vals):
        if "answer" in vals and not self._workflow_is_trusted():
            self._check_can_answer()
        return super().write(vals)

    def _check_can_answer(self):
        """The people the note was sent to (or a general manager) answer,
        never its sender (R-PLN-22)."""
        user = self.env.user
        for expedite in self:
            if user == expedite.user_id or (
                user not in expedite.addressee_ids
                and not user.has_group("order_production_plan.group_order_production_plan_manager")
            ):
                raise UserError(
                    self.env._(
                        "%(note)s is answered by the people it was sent to.",
                        note=expedite.display_name,
                    )
                )

    def action_answer(self):
        """The manufacturing head or a general manager answers: the clock stops."""
        self._workflow_check_state(("open",))
        user = self.env.user
        self._check_can_answer()
        for expedite in self:
            if not expedite.answer:
                raise UserError(self.env._("Write the answer first."))
        now = fields.Datetime.now()
        self._workflow_write({"state": "answered", "answered_by_id": user.id, "answered_date": now})
        self._sla_stop(now)
        for expedite in self:
            if expedite.followup_id.user_id:
                expedite.activity_schedule(
                    "mail.mail_activity_data_todo",
                    user_id=expedite.followup_id.user_id.id,
                    summary=self.env._("Expedite note answered"),
                    note=expedite.answer,
                )
        return True

    def action_cancel(self):
        self._workflow_check_state(("open",))
        for expedite in self:
            if self.env.user != expedite.user_id and not self.env.user.has_group(
                "order_production_plan.group_order_production_plan_manager"
            ):
                raise UserError(
                    self.env._("%(note)s is withdrawn by its sender.", note=expedite.display_name)
                )
        self._sla_cancel()
        self._workflow_write({"state": "cancel"})
        return True

    def action_overdue_solution(self):
        """逾期交付解决方案 of the order (order_exception)."""
        self.ensure_one()
        return self.sale_order_id.action_overdue_solution()
