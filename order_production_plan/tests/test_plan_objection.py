# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Objections to an issued plan: raised within 1 working day, answered by
the issuing department, appealed to and escalated to the general manager; a
delivery date put at risk goes back to the contract-order side
(docs/rules.md: R-PLN-08, R-EXC-12, R-EXC-15)."""

from freezegun import freeze_time

from odoo import Command
from odoo.tests import Form, tagged

from odoo.addons.mail.tests.common import mail_new_test_user
from odoo.addons.order_review.tests.common import local

from .plan_common import PlanCase


@tagged("post_install", "-at_install")
class TestPlanObjection(PlanCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Plan = cls.env["order.production.plan"]
        cls.Objection = cls.env["order.production.plan.objection"]
        cls.todo = cls.env.ref("mail.mail_activity_data_todo")
        cls.deadline_type = cls.env.ref("order_review.mail_activity_type_deadline")
        # a workshop head of the manufacturing department, which issues the plans
        cls.line_head = mail_new_test_user(
            cls.env,
            login="plan_line_head",
            password="plan_line_head",
            groups="base.group_user,order_production_plan.group_order_production_plan_user",
            tz="Asia/Shanghai",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        cls.dept_mfg.member_ids = [Command.link(cls.line_head.id)]

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _object(self, plan, kind, proposed_finish, user=None, **vals):
        """The assembly workshop objects to a step's completion time."""
        return self._as(self.Objection, user or self.workshop_head).create(
            {
                "plan_id": plan.id,
                "step_id": self._step(plan, kind).id,
                "department_id": self.dept_workshop.id,
                "reason": "The press brake is down for maintenance that week.",
                "proposed_finish": proposed_finish,
                **vals,
            }
        )

    def _activities(self, record, user, activity_type=None):
        return record.activity_ids.filtered(
            lambda a: a.user_id == user and a.activity_type_id == (activity_type or self.todo)
        )

    # ------------------------------------------------------------------
    # Window
    # ------------------------------------------------------------------
    def test_objection_window_is_one_working_day(self):
        """R-PLN-08, R-EXC-12: a department objects within 1 working day of
        the plan's issue. Issued on Friday 16:00, the window runs over the
        weekend to the make-up Sunday 28 September 16:00: objections on
        Saturday and on Sunday 15:59 are taken, one on Monday morning is
        refused with the date the window closed."""
        plan = self._issued_plan()
        self.assertEqual(plan.objection_deadline, local(2025, 9, 28, 16, 0))
        with freeze_time(local(2025, 9, 27, 11, 0)):
            saturday = self._object(plan, "assembly_start", local(2025, 10, 28, 17, 0))
        with freeze_time(local(2025, 9, 28, 15, 59)):
            sunday = self._object(plan, "assembly_finish", local(2025, 10, 31, 12, 0))
        self.assertEqual((saturday | sunday).mapped("state"), ["submitted", "submitted"])
        self.assertEqual(saturday.old_finish, local(2025, 10, 27, 17, 0))
        self.assertEqual(saturday.user_id, self.workshop_head)
        # the issuing department's head is asked to answer
        self.assertEqual(saturday.sla_state, "running")
        self.assertEqual(saturday.sla_deadline, local(2025, 9, 28, 14, 0), "4 working hours")
        self.assertTrue(self._activities(saturday, self.mfg_head, self.deadline_type))
        self.assertEqual(plan.objection_count, 2)
        with (
            freeze_time(local(2025, 9, 29, 9, 0)),
            self._refused(
                r"The time to object to .* ended on 2025-09-28 16:00: 1 working day after "
                r"the plan was issued \(R-PLN-08\)",
            ),
        ):
            self._object(plan, "packing", local(2025, 11, 3, 17, 0))
        self.assertEqual(plan.objection_count, 2)
        # what was objected does not change afterwards
        with self._refused("cannot change"):
            self._as(saturday, self.workshop_head).proposed_finish = local(2025, 10, 29, 17, 0)

    # ------------------------------------------------------------------
    # Decisions
    # ------------------------------------------------------------------
    def test_issuing_department_accepts_and_step_moves(self):
        """R-PLN-08: the objection goes to the department that issued the
        plan: the objecting department cannot answer it itself; accepted by
        the manufacturing head, the step moves to the proposed date and its
        owner's activity follows; the delivery date is kept, sales is not
        disturbed."""
        plan = self._issued_plan()
        step = self._step(plan, "assembly_start")
        activity = self._activities(step, self.mfg_head)
        self.assertEqual(activity.date_deadline.isoformat(), "2025-10-27")
        with freeze_time(local(2025, 9, 28, 9, 0)):
            objection = self._object(plan, "assembly_start", local(2025, 10, 28, 12, 0))
            # the objecting department does not decide its own objection
            with self._refused("not decided by the department that raised it"):
                self._as(objection, self.workshop_head).action_accept()
            with self._refused("department that issued the plan"):
                self._as(objection, self.buyer).action_accept()
        with freeze_time(local(2025, 9, 28, 10, 0)):
            self._as(objection, self.mfg_head).action_accept()
        self.assertEqual(objection.state, "accepted")
        self.assertEqual(objection.decided_by_id, self.mfg_head)
        self.assertEqual(objection.decided_date, local(2025, 9, 28, 10, 0))
        self.assertFalse(objection.arbitrated)
        self.assertEqual(objection.sla_state, "met")
        self.assertEqual(step.planned_finish, local(2025, 10, 28, 12, 0))
        self.assertEqual(step.planned_start, local(2025, 10, 24, 17, 0), "start unchanged")
        self.assertEqual(objection.old_finish, local(2025, 10, 27, 17, 0))
        self.assertEqual(activity.date_deadline.isoformat(), "2025-10-28")
        self.assertEqual(plan.objection_accepted_count, 1)
        self.assertTrue(
            any(
                f"Objection {objection.name} accepted" in str(message.body)
                for message in plan.message_ids
            )
        )
        self.assertFalse(plan.delivery_at_risk)
        self.assertFalse(plan.delivery_warned_date)
        with self._refused("already decided"):
            self._as(objection, self.mfg_head).action_reject()

    def test_rejection_answered_appeal_decided_by_general_manager(self):
        """R-PLN-08, R-EXC-12: a rejection says why; the objecting department
        appeals it and the general manager decides: neither the
        manufacturing head nor a workshop head of the issuing department may
        arbitrate; the general manager's acceptance moves the step."""
        plan = self._issued_plan()
        step = self._step(plan, "assembly_finish")
        with freeze_time(local(2025, 9, 28, 9, 0)):
            objection = self._object(plan, "assembly_finish", local(2025, 10, 31, 12, 0))
        with freeze_time(local(2025, 9, 28, 11, 0)):
            answered = self._as(objection, self.mfg_head)
            with self._refused("Say why"):
                answered.action_reject()
            answered.answer = "The frames are ready on the 27th: no reason to move the finish."
            answered.action_reject()
        self.assertEqual(objection.state, "rejected")
        self.assertEqual(step.planned_finish, local(2025, 10, 30, 17, 0), "dates kept")
        with self._refused("department that raised it"):
            self._as(objection, self.mfg_head).action_appeal()
        with freeze_time(local(2025, 9, 28, 14, 0)):
            self._as(objection, self.workshop_head).action_appeal()
        self.assertEqual(objection.state, "arbitration")
        self.assertFalse(objection.decided_by_id)
        self.assertTrue(self._activities(objection, self.gm, self.deadline_type))
        for user in (self.line_head, self.mfg_head, self.workshop_head):
            with self._refused("general manager's decision|department that raised it"):
                self._as(objection, user).action_accept()
            with self._refused("general manager's decision|department that raised it"):
                self._as(objection, user).action_reject()
        self.assertEqual(objection.state, "arbitration")
        with freeze_time(local(2025, 9, 29, 9, 0)):
            self._as(objection, self.gm).action_accept()
        self.assertEqual(objection.state, "accepted")
        self.assertTrue(objection.arbitrated)
        self.assertEqual(objection.decided_by_id, self.gm)
        self.assertEqual(step.planned_finish, local(2025, 10, 31, 12, 0))
        self.assertFalse(self._activities(objection, self.gm, self.deadline_type))
        with self._refused("cannot be appealed"):
            self._as(objection, self.workshop_head).action_appeal()

    def test_unanswered_objection_escalates_to_general_manager(self):
        """R-PLN-08: the issuing department answers within 4 working hours;
        left unanswered, the deadline engine's cron takes the objection to
        the general manager (raised Friday 16:30, due on the make-up Sunday
        11:30: nothing for the general manager at 11:00, an activity at
        11:45)."""
        plan = self._issued_plan()
        with freeze_time(local(2025, 9, 26, 16, 30)):
            objection = self._object(plan, "assembly_start", local(2025, 10, 28, 17, 0))
        self.assertEqual(objection.sla_deadline, local(2025, 9, 28, 11, 30))
        cron = self.env["order.sla.policy"]
        with freeze_time(local(2025, 9, 28, 11, 0)):
            cron._cron_process_deadlines()
        self.assertEqual(objection.sla_state, "due_soon")
        self.assertFalse(self._activities(objection, self.gm, self.deadline_type))
        with freeze_time(local(2025, 9, 28, 11, 45)):
            cron._cron_process_deadlines()
        self.assertEqual(objection.sla_state, "overdue")
        self.assertEqual(objection.sla_level, 2)
        escalation = self._activities(objection, self.gm, self.deadline_type)
        self.assertEqual(len(escalation), 1)
        self.assertIn("General manager decides", escalation.summary)
        escalated = objection.message_ids.filtered(lambda m: "Escalated to level 2" in str(m.body))
        self.assertEqual(len(escalated), 1)
        self.assertIn(self.gm.name, str(escalated.body))
        # the general manager decides the unanswered objection
        with freeze_time(local(2025, 9, 28, 14, 0)):
            self._as(objection, self.gm).action_accept()
        self.assertTrue(objection.arbitrated)
        self.assertEqual(objection.sla_state, "missed")

    # ------------------------------------------------------------------
    # Delivery date at risk
    # ------------------------------------------------------------------
    def test_accepted_date_past_delivery_warns_sales(self):
        """R-PLN-08, R-EXC-15: an accepted objection that makes the plan
        finish after the delivery date goes back to the contract-order side:
        the salesperson and the contract-order department head get an
        activity on the sale order, the plan stamps when they were told; from
        the order, an overdue delivery solution is then drawn up against the
        promised date."""
        plan = self._issued_plan()
        order = plan.sale_order_id
        with freeze_time(local(2025, 9, 28, 9, 0)):
            objection = self._object(plan, "packing", local(2025, 11, 4, 17, 0))
        self.assertFalse(plan.delivery_warned_date)
        with freeze_time(local(2025, 9, 28, 10, 0)):
            self._as(objection, self.mfg_head).action_accept()
        self.assertTrue(plan.delivery_at_risk)
        self.assertEqual(plan.finish_date, local(2025, 11, 4, 17, 0))
        self.assertEqual(plan.delivery_warned_date, local(2025, 9, 28, 10, 0))
        for user in (self.clerk, self.sales_manager):
            activity = self._activities(order, user)
            self.assertEqual(len(activity), 1, user.name)
            self.assertIn("after the delivery date", activity.summary)
        self.assertFalse(self._activities(order, self.mfg_head))
        self.assertTrue(
            any("2025-11-04 17:00" in str(message.body) for message in order.message_ids)
        )

        action = self._as(order, self.clerk).action_overdue_solution()
        form = Form(
            self.env[action["res_model"]]
            .with_user(self.clerk)
            .with_company(self.company)
            .with_context(**action["context"])
        )
        self.assertEqual(form.old_date, local(2025, 10, 31, 17, 0))
        form.new_date = local(2025, 11, 5, 17, 0)
        form.cause = "The press brake is down for maintenance: packing moves to 4 November."
        form.cause_category = "production"
        form.department_id = self.dept_mfg
        solution = form.save()
        self.assertEqual(solution.order_id, order)
        self.assertEqual(solution.state, "draft")
        self.assertEqual(order.overdue_solution_count, 1)
