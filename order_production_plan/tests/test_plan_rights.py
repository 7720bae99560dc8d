# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Who sees and who changes production instructions and plans: each company
its own (multi-company), the workshop heads and planners their plans, the
sales side reads them."""

from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.mail.tests.common import mail_new_test_user

from .plan_common import PlanCase


@tagged("post_install", "-at_install")
class TestPlanRights(PlanCase):
    """An issued plan of the test company with an objection; a second
    company with its own workshop head and its own production instruction."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        delivery = fields.Datetime.now().replace(microsecond=0) + timedelta(days=120)
        cls.order = cls._order([(cls.cabinet, 1), (cls.breaker, 2)], commitment_date=delivery)
        cls.instruction = cls.order.production_instruction_ids
        cls._as(cls.instruction, cls.clerk).action_issue()
        cls._as(cls.instruction, cls.mfg_head).action_receive()
        action = cls._as(cls.instruction, cls.mfg_head).action_create_plan()
        cls.plan = cls.env["order.production.plan"].browse(action["res_id"])
        cls._as(cls.plan, cls.mfg_head).action_check_material()
        cls._as(cls.plan, cls.mfg_head).action_issue()
        cls.steps = cls.plan.step_ids
        step = cls.steps.filtered(lambda s: s.kind == "assembly_finish")
        cls.objection = cls._as(
            cls.env["order.production.plan.objection"], cls.workshop_head
        ).create(
            {
                "plan_id": cls.plan.id,
                "step_id": step.id,
                "department_id": cls.dept_workshop.id,
                "reason": "Two fitters are on leave.",
                "proposed_finish": step.planned_finish + timedelta(days=3),
            }
        )
        cls.records = {
            "order.production.instruction": cls.instruction,
            "order.production.instruction.line": cls.instruction.line_ids,
            "order.production.plan": cls.plan,
            "order.production.plan.step": cls.steps,
            "order.production.plan.objection": cls.objection,
        }

        # a second company, its workshop head and its own instruction
        cls.company_b = cls.env["res.company"].create({"name": "Plan test company B"})
        cls.workshop_head_b = mail_new_test_user(
            cls.env,
            login="plan_workshop_head_b",
            groups="base.group_user,order_production_plan.group_order_production_plan_user",
            company_id=cls.company_b.id,
            company_ids=[Command.set(cls.company_b.ids)],
        )
        order_b = (
            cls.env["sale.order"]
            .with_company(cls.company_b)
            .create(
                {
                    "partner_id": cls.customer.id,
                    "company_id": cls.company_b.id,
                    "order_line": [Command.create({"product_id": cls.breaker.id})],
                }
            )
        )
        order_b.action_confirm()
        cls.instruction_b = order_b.with_company(cls.company_b)._create_production_instructions()
        cls.plain_user = mail_new_test_user(
            cls.env,
            login="plan_plain_user",
            groups="base.group_user",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )

    def test_fixture(self):
        """The records of the rights tests exist as the rules expect."""
        self.assertEqual(self.plan.state, "issued")
        self.assertEqual(self.objection.state, "submitted")
        self.assertTrue(self.steps)
        self.assertEqual(self.instruction_b.company_id, self.company_b)
        for model, records in self.records.items():
            with self.subTest(model=model):
                self.assertTrue(records)
                self.assertEqual(records.company_id, self.company)

    def test_other_company_sees_nothing(self):
        """Multi-company (R-REV-09, R-PLN-01, R-PLN-08): a workshop head of
        another company finds none of the first company's instructions,
        plans, steps or objections, and reading one by its id is refused; the
        same user sees the instruction of the own company (the rule filters,
        it does not hide everything)."""
        for model, records in self.records.items():
            with self.subTest(model=model):
                as_b = self.env[model].with_user(self.workshop_head_b)
                self.assertFalse(as_b.search([("id", "in", records.ids)]))
                self.assertFalse(as_b.search([("company_id", "=", self.company.id)]))
                with self.assertRaises(AccessError):
                    as_b.browse(records.ids).read(["display_name"])
        visible = (
            self.env["order.production.instruction"].with_user(self.workshop_head_b).search([])
        )
        self.assertEqual(visible, self.instruction_b)
        # the first company's workshop head sees them
        for model, records in self.records.items():
            with self.subTest(model=model, user="workshop_head"):
                as_a = self.env[model].with_user(self.workshop_head).with_company(self.company)
                self.assertEqual(as_a.search([("id", "in", records.ids)]), records)

    def test_plain_user_cannot_read_plans(self):
        """R-PLN-02: plans are the workshop's, the planners' and the sales
        side's: an internal user without those groups can neither search nor
        read instructions, plans, steps or objections."""
        for model, records in self.records.items():
            with self.subTest(model=model):
                as_plain = self._as(self.env[model], self.plain_user)
                with self.assertRaises(AccessError):
                    as_plain.search([])
                with self.assertRaises(AccessError):
                    as_plain.browse(records.ids).read(["display_name"])

    def test_salesman_reads_but_does_not_change_plans(self):
        """R-PLN-08, R-PLN-09: the sales side reads the plan of its order (to
        tell the customer) but does not draw it up: the clerk reads the plan,
        its steps and objections, and any write, create or delete of them is
        refused by the access rights, leaving them as they were."""
        plan = self._as(self.plan, self.clerk)
        self.assertEqual(plan.read(["state"])[0]["state"], "issued")
        self.assertEqual(self._as(self.order, self.clerk).production_plan_ids, self.plan)
        steps = self._as(self.steps, self.clerk)
        self.assertEqual(len(steps.read(["planned_finish"])), len(self.steps))
        self.assertEqual(self._as(self.objection, self.clerk).reason, "Two fitters are on leave.")
        note = self.plan.note
        user = self.steps[0].user_id
        attempts = [
            ("plan write", lambda: plan.write({"note": "<p>Moved by sales</p>"})),
            ("plan create", lambda: plan.create({"instruction_id": self.instruction.id})),
            ("plan unlink", lambda: plan.unlink()),
            ("step write", lambda: steps[0].write({"user_id": self.clerk.id})),
            (
                "step create",
                lambda: steps.create(
                    {
                        "plan_id": self.plan.id,
                        "step_type_id": self.steps[0].step_type_id.id,
                    }
                ),
            ),
            (
                "objection create",
                lambda: self._as(self.env["order.production.plan.objection"], self.clerk).create(
                    {
                        "plan_id": self.plan.id,
                        "step_id": self.steps[0].id,
                        "department_id": self.dept_sales.id,
                        "reason": "The customer wants it earlier.",
                        "proposed_finish": self.steps[0].planned_finish,
                    }
                ),
            ),
        ]
        for label, attempt in attempts:
            with self.subTest(label), self.assertRaises(AccessError):
                attempt()
        self.env.invalidate_all()
        self.assertEqual(self.plan.note, note)
        self.assertEqual(self.plan.state, "issued")
        self.assertEqual(self.steps[0].user_id, user)
        self.assertEqual(self.plan.step_ids, self.steps)
        self.assertEqual(self.plan.objection_ids, self.objection)

    def test_salesman_sees_the_plans_of_his_own_orders_only(self):
        """R-PLN-04, R-X-31, R-X-32: the instruction (with the order's drawings) and the
        plan follow the rights of their order: another salesman, who sees only
        his own orders, finds none of them and cannot read them; a sales
        manager, who sees every order, reads them."""
        other = mail_new_test_user(
            self.env,
            login="plan_other_clerk",
            password="plan_other_clerk",
            groups="base.group_user,sales_team.group_sale_salesman",
            company_id=self.company.id,
            company_ids=[Command.set(self.company.ids)],
        )
        for model, records in self.records.items():
            with self.subTest(model=model):
                as_other = self._as(self.env[model], other)
                self.assertFalse(as_other.search([("id", "in", records.ids)]))
                with self.assertRaises(AccessError):
                    as_other.browse(records.ids).read(["display_name"])
                as_manager = self._as(self.env[model], self.sales_manager)
                self.assertEqual(as_manager.search([("id", "in", records.ids)]), records)

    def test_only_who_changes_the_order_draws_up_its_instruction(self):
        """R-REV-09: the instruction drawn up by hand from the order is the
        clerk's (or a planner's) act: an accountant, who reads every order
        but changes none, is refused, though the instruction is written with
        the server's rights; the order's salesperson draws it up."""
        self.company.order_plan_auto_instruction = False
        order = self._order([(self.breaker, 1)])
        self.assertFalse(order.production_instruction_ids)
        auditor = mail_new_test_user(
            self.env,
            login="plan_auditor",
            groups="base.group_user,account.group_account_readonly",
            company_id=self.company.id,
            company_ids=[Command.set(self.company.ids)],
        )
        with self.assertRaises(AccessError):
            self._as(order, auditor).action_create_production_instruction()
        self.assertFalse(order.production_instruction_ids)
        self._as(order, self.clerk).action_create_production_instruction()
        self.assertEqual(len(order.production_instruction_ids), 1)
