# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The daily production plan per machine and shift (R-PLN-19, R-PLN-31),
fed from the work orders of real manufacturing orders with operations."""

from freezegun import freeze_time

from odoo import Command
from odoo.tests import Form, tagged

from odoo.addons.order_review.tests.common import as_local, local

from .plan_common import PlanCase


class DailyPlanCase(PlanCase):
    """A press (workcenter) of the assembly workshop; a bracket made on it
    from steel in one 60-minute operation."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        routing = env.ref("mrp.group_mrp_routings")
        (cls.workshop_head | cls.mfg_head).write({"groups_id": [Command.link(routing.id)]})
        env.user.groups_id = [Command.link(routing.id)]
        cls.press = env["mrp.workcenter"].create(
            {
                "name": "Press 7",
                "code": "P07",
                "company_id": cls.company.id,
                "resource_calendar_id": cls.calendar.id,
                "order_department_id": cls.dept_workshop.id,
            }
        )
        cls.other_press = env["mrp.workcenter"].create(
            {
                "name": "Press 9",
                "company_id": cls.company.id,
                "resource_calendar_id": cls.calendar.id,
            }
        )
        cls.bracket = env["product.product"].create(
            {"name": "Bracket", "is_storable": True, "default_code": "BR-01"}
        )
        env["mrp.bom"].create(
            {
                "product_tmpl_id": cls.bracket.product_tmpl_id.id,
                "company_id": cls.company.id,
                "product_qty": 1,
                "bom_line_ids": [Command.create({"product_id": cls.steel.id, "product_qty": 1})],
                "operation_ids": [
                    Command.create(
                        {
                            "name": "Stamping",
                            "workcenter_id": cls.press.id,
                            "time_cycle_manual": 6,
                        }
                    )
                ],
            }
        )

    @classmethod
    def _production(cls, qty=10):
        """A bracket order confirmed and planned on Monday 13 October 08:00:
        its one work order starts at 08:30 on the press."""
        cls.env["stock.quant"]._update_available_quantity(
            cls.steel, cls.warehouse.lot_stock_id, 100
        )
        with freeze_time(local(2025, 10, 13, 8, 0)):
            production = (
                cls.env["mrp.production"]
                .with_company(cls.company)
                .create(
                    {
                        "product_id": cls.bracket.id,
                        "product_qty": qty,
                        "company_id": cls.company.id,
                        "picking_type_id": cls.warehouse.manu_type_id.id,
                    }
                )
            )
            production.action_confirm()
            production.button_plan()
        return production

    def _daily_plan(self, user, day="2025-10-13"):
        return self._as(self.env["order.daily.production.plan"], user).create(
            {"date": day, "department_id": self.dept_workshop.id, "machines_per_person": 2}
        )

    def _produce(self, production, qty):
        """The workshop records `qty` produced and closes the order with a
        backorder for the rest."""
        production = production.with_company(self.company)
        production.action_assign()
        form = Form(production)
        form.qty_producing = qty
        production = form.save()
        production.move_raw_ids.picked = True
        action = production.button_mark_done()
        if isinstance(action, dict) and action.get("res_model") == "mrp.production.backorder":
            Form(
                self.env["mrp.production.backorder"].with_context(**action["context"])
            ).save().action_backorder()
        self.assertEqual(production.state, "done")
        return production


@tagged("post_install", "-at_install")
class TestDailyPlan(DailyPlanCase):
    def test_generated_from_work_orders_and_achievement(self):
        """R-PLN-19, R-PLN-31: the planner's daily plan of the workshop takes
        the day's work orders of the workshop's machines (the other press is
        not the workshop's): machine, product, order quantity 10, outstanding
        10, planned 10; the planner approves; 6 are produced; closing the day
        reads the work order's output: actual 6, achievement 60 % on the line,
        the plan and the achievement report per machine."""
        production = self._production()
        workorder = production.workorder_ids
        self.assertEqual(len(workorder), 1)
        self.assertEqual(as_local(workorder.date_start).date().isoformat(), "2025-10-13")
        plan = self._daily_plan(self.workshop_head)
        plan.action_generate_lines()
        line = plan.line_ids
        self.assertEqual(len(line), 1)
        self.assertEqual(
            (line.workcenter_id, line.product_id, line.production_id, line.workorder_id),
            (self.press, self.bracket, production, workorder),
        )
        self.assertEqual((line.order_qty, line.outstanding_qty, line.planned_qty), (10, 10, 10))
        self.assertEqual((plan.machines_scheduled, plan.required_staff), (1, 1))
        # generating again adds nothing
        plan.action_generate_lines()
        self.assertEqual(len(plan.line_ids), 1)
        with self._refused("Only a planner approves"):
            plan.action_approve()
        with self._refused("not reviewed yet"):
            self._as(plan, self.mfg_head).action_approve()
        plan.action_review()
        with self._refused("already reviewed"):
            self._as(plan, self.mfg_head).action_review()
        self._as(plan, self.mfg_head).action_approve()
        self.assertEqual((plan.state, plan.approved_by_id), ("approved", self.mfg_head))
        self._produce(production, 6)
        self.assertEqual(workorder.qty_produced, 6)
        plan.line_ids.write({"actual_day_qty": 4, "actual_middle_qty": 2, "reason_middle": "Mould"})
        plan.action_done()
        self.assertEqual(plan.state, "done")
        self.assertEqual((line.actual_workorder_qty, line.actual_qty, line.achievement), (6, 6, 60))
        self.assertEqual(plan.achievement, 60)
        # the printed plan shows the work order's output as the line's total
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(
                "order_production_plan.action_report_order_daily_production_plan", plan.ids
            )[0]
            .decode()
        )
        self.assertIn("合计", html)
        self.assertRegex(html, r"Mould</span></td>\s*<td class=\"text-end\"><span[^>]*>6\.00<")
        report = self.env["order.daily.production.achievement"].search(
            [("workcenter_id", "=", self.press.id)]
        )
        self.assertEqual((report.planned_qty, report.actual_qty, report.achievement), (10, 6, 60))

    def test_outstanding_quantity_of_a_backorder(self):
        """R-PLN-19 欠数: after 6 of 10 were produced, the backorder's work
        order owes 4: the next plan shows order quantity 4, outstanding 4; a
        hand line (no work order) counts the shifts entered: 3 + 2 of 10 = 50 %."""
        production = self._production()
        self._produce(production, 6)
        backorder = production.procurement_group_id.mrp_production_ids - production
        self.assertEqual(backorder.product_qty, 4)
        with freeze_time(local(2025, 10, 14, 8, 0)):
            if not backorder.workorder_ids.date_start:
                backorder.button_plan()
        day = as_local(backorder.workorder_ids.date_start).date().isoformat()
        plan = self._daily_plan(self.mfg_head, day)
        plan.action_generate_lines()
        self.assertEqual(plan.line_ids.workorder_id, backorder.workorder_ids)
        self.assertEqual((plan.line_ids.order_qty, plan.line_ids.outstanding_qty), (4, 4))
        hand = plan.line_ids.create(
            {
                "plan_id": plan.id,
                "workcenter_id": self.other_press.id,
                "product_id": self.bracket.id,
                "order_qty": 20,
                "outstanding_qty": 10,
                "planned_qty": 10,
            }
        )
        self._as(plan, self.workshop_head).action_review()
        self._as(plan, self.gm).action_approve()
        hand.write({"actual_day_qty": 3, "actual_middle_qty": 2})
        self.assertEqual((hand.actual_qty, hand.achievement), (5, 50))
        self.assertEqual(plan.machines_scheduled, 2)

    def test_daily_plan_pdf(self):
        """R-PLN-19: the daily plan prints in the seeds' layout (工序日生产计划,
        机台号, 欠数, 白班 / 中班, 开机标准, 批准 / 审核 / 计划员)."""
        self._production()
        plan = self._daily_plan(self.mfg_head)
        plan.action_generate_lines()
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(
                "order_production_plan.action_report_order_daily_production_plan", plan.ids
            )[0]
            .decode()
        )
        for text in (
            "工序日生产计划",
            "机台号",
            "欠数",
            "白班",
            "中班",
            "开机标准",
            "计划员",
            "P07",
        ):
            self.assertIn(text, html)

    def test_numbers_of_a_batch_in_one_query(self):
        """R-PLN-19: the plans the workshop head creates in one call get
        distinct, consecutive numbers of the daily plan sequence, drawn in one
        query whatever their count (7 queries for 1 plan as for 4); a number
        the client sends is not kept."""
        Plan = self._as(self.env["order.daily.production.plan"], self.workshop_head)
        vals = {"date": "2025-10-13", "department_id": self.dept_workshop.id, "name": "MINE"}
        Plan.create([dict(vals)])  # warm the caches
        for size in (1, 4):
            with self.subTest(size=size):
                with self.assertQueryCount(7):
                    plans = Plan.create([dict(vals) for _i in range(size)])
                names = plans.mapped("name")
                self.assertTrue(all(name.startswith("DP/") for name in names), names)
                numbers = [int(name.rsplit("/", 1)[1]) for name in names]
                self.assertEqual(numbers, list(range(numbers[0], numbers[0] + size)), names)
