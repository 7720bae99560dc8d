# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The production instruction (R-REV-09, R-PLN-04) and the task-breakdown
clock (R-PLN-01), on the seeds' working calendar."""

from freezegun import freeze_time

from odoo import Command
from odoo.tests import tagged

from odoo.addons.order_review.tests.common import as_local, local

from .plan_common import PlanCase


@tagged("post_install", "-at_install")
class TestProductionInstruction(PlanCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.service = cls.env["product.product"].create(
            {"name": "On-site commissioning", "type": "service", "list_price": 300}
        )
        cls.Plan = cls.env["order.production.plan"]
        cls.deadline_type = cls.env.ref("order_review.mail_activity_type_deadline")

    def _deadline_activities(self, record):
        """The open deadline activities of `record`'s clock."""
        return self.env["mail.activity"].search(
            [
                ("sla_res_model", "=", record._name),
                ("sla_res_id", "=", record.id),
                ("activity_type_id", "=", self.deadline_type.id),
            ]
        )

    def _issue(self, instruction):
        self._as(instruction, self.clerk).action_issue()

    def _receive(self, instruction):
        self._as(instruction, self.mfg_head).action_receive()

    def _issue_plan(self, instruction):
        """The manufacturing head breaks the instruction down into a plan and
        issues it (after the stock check, R-PLN-02)."""
        action = self._as(instruction, self.mfg_head).action_create_plan()
        plan = self._as(self.Plan.browse(action["res_id"]), self.mfg_head)
        plan.action_check_material()
        plan.action_issue()
        return plan

    # ------------------------------------------------------------------
    # R-REV-09 / R-PLN-04: drawn up when the order takes effect
    # ------------------------------------------------------------------
    def test_instruction_drawn_up_when_order_takes_effect(self):
        """R-REV-09, R-PLN-04: when the order takes effect its production
        instruction is drawn up for the clerk, to the manufacturing
        department: the order's goods lines (not its services or notes), its
        delivery date and class, and copies of the order's attachments as the
        drawings issued with it."""
        with freeze_time(local(2025, 9, 22, 9, 0)):
            order = self._order(
                [(self.cabinet, 2), (self.breaker, 3), (self.service, 1)],
                commitment_date=local(2025, 11, 14, 17, 0),
                confirm=False,
            )
            order.order_line = [
                Command.create({"display_type": "line_note", "name": "Paint RAL 7035"})
            ]
            drawing = self.env["ir.attachment"].create(
                {
                    "name": "cabinet-layout.pdf",
                    "raw": b"%PDF-1.4 cabinet layout",
                    "res_model": "sale.order",
                    "res_id": order.id,
                }
            )
            self.assertFalse(order.production_instruction_ids)
            # the class is suggested while the order is drafted (the form saves it)
            self.assertEqual(order.order_class, "regular")
            order.action_confirm()
            order.flush_recordset()
        self.assertEqual(order.order_effective_date, local(2025, 9, 22, 9, 0))
        instruction = order.production_instruction_ids
        self.assertEqual(len(instruction), 1)
        self.assertEqual(instruction.state, "draft")
        self.assertEqual(instruction.user_id, self.clerk)
        self.assertEqual(instruction.department_id, self.dept_mfg)
        self.assertEqual(instruction.manager_id, self.mfg_head)
        self.assertEqual(instruction.effective_date, local(2025, 9, 22, 9, 0))
        self.assertEqual(instruction.delivery_date, local(2025, 11, 14, 17, 0))
        self.assertEqual(instruction.order_class, "regular")
        self.assertEqual(instruction.order_class, order.order_class)
        goods = order.order_line.filtered(lambda line: line.product_id.type == "consu")
        self.assertEqual(
            sorted(
                (line.sale_line_id.id, line.product_id, line.product_uom_qty)
                for line in instruction.line_ids
            ),
            sorted((line.id, line.product_id, line.product_uom_qty) for line in goods),
        )
        self.assertNotIn(self.service, instruction.line_ids.product_id)
        self.assertTrue(instruction.complete_set)
        # the drawings: copies attached to the instruction, the order keeps its own
        copy = instruction.drawing_ids
        self.assertEqual(len(copy), 1)
        self.assertNotEqual(copy, drawing)
        self.assertEqual(copy.name, "cabinet-layout.pdf")
        self.assertEqual(copy.raw, b"%PDF-1.4 cabinet layout")
        self.assertEqual((copy.res_model, copy.res_id), (instruction._name, instruction.id))
        self.assertEqual((drawing.res_model, drawing.res_id), ("sale.order", order.id))

    def test_instruction_carries_non_regular_class(self):
        """R-REV-09: the instruction tells the order's class; a non-regular
        order's instruction says so (its plan is then made in a coordination
        meeting, R-PLN-03)."""
        with freeze_time(local(2025, 9, 22, 9, 0)):
            order = self._order([(self.cabinet, 1)], confirm=False)
            self.assertEqual(order.order_class, "regular")
            order.write(
                {
                    "order_class_override": "non_regular",
                    "order_class_reason": "Custom busbar layout.",
                }
            )
            order.action_confirm()
            order.flush_recordset()
        self.assertEqual(order.order_class, "non_regular")
        self.assertEqual(order.production_instruction_ids.order_class, "non_regular")

    def test_no_instruction_until_configured(self):
        """R-REV-09: installing the module changes nothing until the company
        asks for instructions: with the setting off, an effective order gets
        no instruction and no clock; the clerk can still draw one up by hand."""
        self.company.order_plan_auto_instruction = False
        order = self._order([(self.cabinet, 1)])
        self.assertTrue(order.order_effective_date)
        self.assertFalse(order.production_instruction_ids)
        self.assertEqual(order.production_instruction_count, 0)
        action = order.with_user(self.clerk).action_create_production_instruction()
        instruction = order.production_instruction_ids
        self.assertEqual(len(instruction), 1)
        self.assertEqual(action["res_id"], instruction.id)
        self.assertEqual(instruction.line_ids.product_id, self.cabinet)

    def test_no_instruction_for_services_only(self):
        """R-REV-09: an order of services only has nothing to produce: no
        instruction, no clock, even with the setting on."""
        order = self._order([(self.service, 2)])
        self.assertTrue(order.order_effective_date)
        self.assertTrue(self.company.order_plan_auto_instruction)
        self.assertFalse(order.production_instruction_ids)
        self.assertFalse(
            self.env["order.production.instruction"].search([("sale_order_id", "=", order.id)])
        )

    # ------------------------------------------------------------------
    # R-REV-09: the clerk's 4-working-hour clock
    # ------------------------------------------------------------------
    def test_issue_clock_on_the_working_calendar(self):
        """R-REV-09: the clerk issues the instruction within 4 working hours
        of the order taking effect, counted on the seeds' calendar (08:30–12:00,
        13:30–17:30, weekends off except the National Day make-up days, 1–8
        October off); the clerk is the one asked, by the deadline's date."""
        cases = [
            ("across lunch", local(2025, 9, 22, 11, 0), local(2025, 9, 22, 16, 30)),
            ("across a night", local(2025, 9, 18, 15, 30), local(2025, 9, 19, 10, 30)),
            ("across a night, late", local(2025, 9, 18, 16, 0), local(2025, 9, 19, 11, 0)),
            ("across a weekend", local(2025, 9, 19, 16, 0), local(2025, 9, 22, 11, 0)),
            ("on a Saturday off", local(2025, 9, 20, 10, 0), local(2025, 9, 22, 14, 0)),
            ("to the make-up Sunday", local(2025, 9, 26, 16, 0), local(2025, 9, 28, 11, 0)),
            ("to the make-up Saturday", local(2025, 10, 10, 16, 0), local(2025, 10, 11, 11, 0)),
            ("across National Day", local(2025, 9, 30, 16, 0), local(2025, 10, 9, 11, 0)),
        ]
        for label, effective, deadline in cases:
            with self.subTest(label), freeze_time(effective):
                order = self._order([(self.breaker, 1)])
                instruction = order.production_instruction_ids
                self.assertEqual(instruction.sla_policy_id.code, "production_instruction")
                self.assertEqual(instruction.sla_start, effective)
                self.assertEqual(as_local(instruction.sla_deadline), as_local(deadline), "deadline")
                self.assertEqual(instruction.sla_state, "running")
                activity = self._deadline_activities(instruction)
                self.assertEqual(activity.user_id, self.clerk)
                self.assertEqual(activity.date_deadline, as_local(deadline).date())
                self.assertEqual(
                    (activity.res_model, activity.res_id), (instruction._name, instruction.id)
                )

    def test_issue_on_time_stops_the_clock(self):
        """R-REV-09: issuing stops the clock: the instruction keeps the issue
        date, the deadline and the on-time fact (for the KPIs), the clerk's
        deadline activity is done and the manufacturing head is asked to
        receive it."""
        with freeze_time(local(2025, 9, 26, 16, 0)) as frozen:
            order = self._order([(self.cabinet, 2), (self.breaker, 3)])
            instruction = order.production_instruction_ids
            self.assertEqual(self._deadline_activities(instruction).user_id, self.clerk)
            frozen.move_to(local(2025, 9, 28, 10, 45))
            self._issue(instruction)
        self.assertEqual(instruction.state, "issued")
        self.assertEqual(instruction.issued_date, local(2025, 9, 28, 10, 45))
        self.assertEqual(instruction.issued_by_id, self.clerk)
        self.assertEqual(instruction.issue_deadline, local(2025, 9, 28, 11, 0))
        self.assertTrue(instruction.issue_on_time)
        self.assertEqual(instruction.sla_state, "met")
        self.assertEqual(instruction.sla_done_date, local(2025, 9, 28, 10, 45))
        self.assertFalse(instruction.sla_next_check)
        self.assertFalse(self._deadline_activities(instruction))
        todo = instruction.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref("mail.mail_activity_data_todo")
        )
        self.assertEqual(todo.user_id, self.mfg_head)

    def test_issued_late(self):
        """R-REV-09: an instruction issued after its 4 working hours is
        recorded late (issue_on_time False, clock missed), with the deadline
        it missed."""
        with freeze_time(local(2025, 9, 30, 16, 0)) as frozen:
            order = self._order([(self.breaker, 5)])
            instruction = order.production_instruction_ids
            frozen.move_to(local(2025, 10, 9, 11, 1))
            self._issue(instruction)
        self.assertEqual(instruction.state, "issued")
        self.assertEqual(instruction.issue_deadline, local(2025, 10, 9, 11, 0))
        self.assertFalse(instruction.issue_on_time)
        self.assertEqual(instruction.sla_state, "missed")
        self.assertEqual(instruction.issued_date, local(2025, 10, 9, 11, 1))
        self.assertFalse(self._deadline_activities(instruction))

    def test_issued_exactly_at_the_deadline_is_on_time(self):
        """R-REV-09: "within 4 hours": issued at the deadline itself is on time."""
        with freeze_time(local(2025, 10, 10, 16, 0)) as frozen:
            instruction = self._order([(self.breaker, 1)]).production_instruction_ids
            frozen.move_to(local(2025, 10, 11, 11, 0))
            self._issue(instruction)
        self.assertEqual(instruction.issue_deadline, local(2025, 10, 11, 11, 0))
        self.assertTrue(instruction.issue_on_time)
        self.assertEqual(instruction.sla_state, "met")

    # ------------------------------------------------------------------
    # R-PLN-01: the breakdown clock
    # ------------------------------------------------------------------
    def test_breakdown_clock_on_receipt(self):
        """R-PLN-01: receiving the instruction starts the breakdown clock of
        the manufacturing head (the manufacturing department's manager, not
        the clerk): 24 working hours when a line is a complete set, 4
        otherwise, on the working calendar."""
        cases = [
            # (label, products, received, deadline, policy)
            (
                "complete set over the make-up Sunday",
                [(self.cabinet, 2), (self.breaker, 3)],
                local(2025, 9, 26, 16, 0),
                local(2025, 9, 30, 17, 30),
                "production_breakdown_set",
            ),
            (
                "complete set over National Day to the make-up Saturday",
                [(self.cabinet, 1)],
                local(2025, 9, 30, 9, 0),
                local(2025, 10, 11, 10, 30),
                "production_breakdown_set",
            ),
            (
                "other products across a night",
                [(self.breaker, 10)],
                local(2025, 9, 18, 16, 0),
                local(2025, 9, 19, 11, 0),
                "production_breakdown",
            ),
            (
                "other products across National Day",
                [(self.breaker, 10)],
                local(2025, 9, 30, 16, 0),
                local(2025, 10, 9, 11, 0),
                "production_breakdown",
            ),
        ]
        for label, lines, received, deadline, code in cases:
            with self.subTest(label), freeze_time(received):
                instruction = self._order(lines).production_instruction_ids
                self._issue(instruction)
                self._receive(instruction)
                self.assertEqual(instruction.state, "received")
                self.assertEqual(instruction.received_date, received)
                self.assertEqual(instruction.received_by_id, self.mfg_head)
                self.assertEqual(instruction.complete_set, code == "production_breakdown_set")
                self.assertEqual(instruction.sla_policy_id.code, code)
                self.assertEqual(as_local(instruction.breakdown_deadline), as_local(deadline))
                self.assertEqual(instruction.sla_deadline, instruction.breakdown_deadline)
                self.assertEqual(instruction.sla_state, "running")
                activity = self._deadline_activities(instruction)
                self.assertEqual(activity.user_id, self.dept_mfg.manager_id)
                self.assertEqual(activity.user_id, self.mfg_head)
                self.assertEqual(activity.date_deadline, as_local(deadline).date())

    def test_issued_plan_marks_breakdown_done(self):
        """R-PLN-01: issuing a plan of the instruction is the breakdown: the
        instruction is broken down (state planned) with its date and the
        on-time fact, and the breakdown clock stops."""
        with freeze_time(local(2025, 9, 26, 16, 0)) as frozen:
            instruction = self._order(
                [(self.cabinet, 2), (self.breaker, 3)]
            ).production_instruction_ids
            self._issue(instruction)
            self._receive(instruction)
            frozen.move_to(local(2025, 9, 29, 10, 0))
            plan = self._issue_plan(instruction)
        self.assertEqual(plan.state, "issued")
        self.assertEqual(instruction.state, "planned")
        self.assertEqual(instruction.breakdown_deadline, local(2025, 9, 30, 17, 30))
        self.assertEqual(instruction.breakdown_date, local(2025, 9, 29, 10, 0))
        self.assertTrue(instruction.breakdown_on_time)
        self.assertEqual(instruction.sla_state, "met")
        self.assertFalse(self._deadline_activities(instruction))

    def test_breakdown_late(self):
        """R-PLN-01: a plan issued after the 4 working hours of an instruction
        without complete sets: broken down, but late."""
        with freeze_time(local(2025, 9, 18, 16, 0)) as frozen:
            instruction = self._order([(self.breaker, 10)]).production_instruction_ids
            self._issue(instruction)
            self._receive(instruction)
            self.assertEqual(instruction.breakdown_deadline, local(2025, 9, 19, 11, 0))
            frozen.move_to(local(2025, 9, 19, 11, 30))
            self._issue_plan(instruction)
        self.assertEqual(instruction.state, "planned")
        self.assertEqual(instruction.breakdown_date, local(2025, 9, 19, 11, 30))
        self.assertFalse(instruction.breakdown_on_time)
        self.assertEqual(instruction.sla_state, "missed")
        # the issue fact of R-REV-09 is kept apart from the breakdown's
        self.assertTrue(instruction.issue_on_time)
        self.assertEqual(instruction.issue_deadline, local(2025, 9, 19, 11, 0))
