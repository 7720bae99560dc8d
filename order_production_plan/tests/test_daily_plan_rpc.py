# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The daily production plan's workflow over real HTTP JSON-RPC, as the
workshop head (R-PLN-19, R-PLN-31): the state, the approval and the output
read from the work orders come from the server; the plan changes only while
drafted, the shifts' actual output only once approved."""

from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged

from odoo.addons.order_review.tests.rpc import GUARDED, JsonRpcCase

from .test_daily_plan import DailyPlanCase

FROZEN = r"can no longer change"


@tagged("post_install", "-at_install")
class TestDailyPlanRpc(JsonRpcCase, DailyPlanCase, HttpCase):
    refused_exceptions = (UserError,)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.production = cls._production()
        cls.draft = cls._as(cls.env["order.daily.production.plan"], cls.mfg_head).create(
            {"date": "2025-10-13", "department_id": cls.dept_workshop.id}
        )
        cls.draft.action_generate_lines()
        cls.approved = cls._as(cls.env["order.daily.production.plan"], cls.mfg_head).create(
            {"date": "2025-10-13", "department_id": cls.dept_workshop.id}
        )
        cls.approved.action_generate_lines()
        cls._as(cls.approved, cls.workshop_head).action_review()
        cls._as(cls.approved, cls.gm).action_approve()
        cls.draft = cls.draft.with_env(cls.env)
        cls.approved = cls.approved.with_env(cls.env)

    def test_workshop_head_cannot_write_the_workflow(self):
        """R-PLN-19: over JSON-RPC the workshop head cannot approve a plan by
        writing its state or approver, cannot write the output read from a
        work order (on the line or through the plan's lines, raw x2many
        tuples), cannot change the planned quantity of an approved plan nor
        enter actual output in a draft; the approve button is a planner's.
        The reasons and the shifts of the approved plan pass."""
        plan, line = "order.daily.production.plan", "order.daily.production.plan.line"
        draft_line, approved_line = self.draft.line_ids, self.approved.line_ids
        self.authenticate("plan_workshop_head", "plan_workshop_head")
        for model, method, args, message in [
            (plan, "write", [self.draft.ids, {"state": "approved"}], GUARDED),
            (plan, "write", [self.draft.ids, {"approved_by_id": self.mfg_head.id}], GUARDED),
            (plan, "write", [self.approved.ids, {"state": "done"}], GUARDED),
            (line, "write", [approved_line.ids, {"actual_workorder_qty": 10}], GUARDED),
            (
                plan,
                "write",
                [
                    self.approved.ids,
                    {"line_ids": [(1, approved_line.id, {"actual_workorder_qty": 10})]},
                ],
                GUARDED,
            ),
            (line, "write", [approved_line.ids, {"planned_qty": 2}], FROZEN),
            (
                plan,
                "write",
                [self.approved.ids, {"line_ids": [(1, approved_line.id, {"planned_qty": 2})]}],
                FROZEN,
            ),
            (line, "write", [draft_line.ids, {"actual_day_qty": 10}], FROZEN),
            (plan, "write", [self.approved.ids, {"date": "2025-10-14"}], FROZEN),
            (plan, "action_approve", [self.draft.ids], r"Only a planner"),
        ]:
            with self.subTest(model=model, method=method, args=args):
                self._assert_refused(model, method, args, message)
        self.env.invalidate_all()
        self.assertEqual((self.draft.state, self.approved.state), ("draft", "approved"))
        self.assertFalse(self.draft.approved_by_id)
        self.assertEqual(approved_line.planned_qty, 10)
        self.assertEqual(approved_line.actual_workorder_qty, 0)
        self.assertEqual(draft_line.actual_day_qty, 0)
        self._call(line, "write", [approved_line.ids, {"actual_day_qty": 7, "reason_day": "Mould"}])
        self.env.invalidate_all()
        self.assertEqual((approved_line.actual_qty, approved_line.actual_day_qty), (0, 7))

    def test_signatures_outputs_and_verdicts_over_rpc(self):
        """Attacks over JSON-RPC, each as the user who would try it:
        the salesman writes his order's delivery class, cycle verdict or
        confirmation date, the workshop head an MO's done date (§2.9);
        the workshop head creates a draft line with actual output, or with a
        machine of another company (R-PLN-19); the planner approves his own
        plan unreviewed, then reviewed by himself or by the workshop head and
        approved by himself; the signed plan's planner and staffing standard,
        the closed day's staff and note change (R-PLN-19: 计划员 / 审核 / 批准)."""
        plan, line = "order.daily.production.plan", "order.daily.production.plan.line"
        order = self._order([(self.bracket, 1)], confirm=False)
        other = self.env["res.company"].create({"name": "Other plan company"})
        foreign = self.env["mrp.workcenter"].create(
            {"name": "Foreign", "company_id": other.id, "resource_calendar_id": False}
        )
        mine = self._as(self.env[plan], self.mfg_head).create(
            {"date": "2025-10-13", "department_id": self.dept_workshop.id}
        )
        mine.action_generate_lines()
        closed = self.approved.copy()
        closed.line_ids.unlink()
        closed._workflow_write({"state": "done"})
        hand = {
            "plan_id": self.draft.id,
            "workcenter_id": self.press.id,
            "product_id": self.bracket.id,
            "planned_qty": 5,
        }
        attacks = [
            ("plan_clerk", "sale.order", "write", [order.ids, {"order_delivery_class": "custom"}]),
            (
                "plan_clerk",
                "sale.order",
                "write",
                [order.ids, {"order_cycle_production_met": "met"}],
            ),
            (
                "plan_clerk",
                "sale.order",
                "write",
                [order.ids, {"order_confirmed_on": "2025-09-01 01:00:00"}],
            ),
            (
                "plan_workshop_head",
                "mrp.production",
                "write",
                [self.production.ids, {"order_done_on": "2025-09-01 01:00:00"}],
            ),
            ("plan_workshop_head", line, "create", [{**hand, "actual_day_qty": 5}], FROZEN),
            ("plan_workshop_head", line, "create", [{**hand, "actual_qty": 5}], GUARDED),
            ("plan_workshop_head", line, "create", [{**hand, "achievement": 100}], GUARDED),
            (
                "plan_workshop_head",
                line,
                "create",
                [{**hand, "workcenter_id": foreign.id}],
                r"[Cc]ompan",
            ),
            ("plan_mfg_head", plan, "action_approve", [mine.ids], r"not reviewed yet"),
            ("plan_workshop_head", plan, "write", [self.approved.ids, {"planner_id": 2}], FROZEN),
            (
                "plan_workshop_head",
                plan,
                "write",
                [self.approved.ids, {"machines_per_person": 9}],
                FROZEN,
            ),
            ("plan_workshop_head", plan, "write", [closed.ids, {"actual_staff": 9}], r"closed"),
            ("plan_workshop_head", plan, "write", [closed.ids, {"note": "x"}], r"closed"),
        ]
        for login, model, method, args, *message in attacks:
            with self.subTest(login=login, model=model, method=method, args=args):
                self.authenticate(login, login)
                self._assert_refused(model, method, args, message[0] if message else GUARDED)
        # a self-review does not let the planner approve; a review by the
        # workshop head does not either: the approver is a third person
        self.authenticate("plan_mfg_head", "plan_mfg_head")
        self._call(plan, "action_review", [mine.ids])
        self._assert_refused(plan, "action_approve", [mine.ids], r"planner or reviewer")
        self.authenticate("plan_workshop_head", "plan_workshop_head")
        self._assert_refused(plan, "action_review", [mine.ids], r"already reviewed")
        self.env.invalidate_all()
        self.assertEqual((mine.state, mine.reviewed_by_id), ("draft", self.mfg_head))
        self.assertEqual(order.order_delivery_class, "general")
        self.assertFalse(self.draft.line_ids.filtered(lambda li: li.planned_qty == 5))
        # the day's staff of the approved plan still passes
        self._call(plan, "write", [self.approved.ids, {"actual_staff": 3}])
        self._as(mine, self.gm).action_approve()
        self.assertEqual((mine.state, mine.approved_by_id), ("approved", self.gm))

    def test_client_number_not_kept_over_rpc(self):
        """R-PLN-19: over JSON-RPC the workshop head creates two plans in one
        call, each with a number of his own: they get the sequence's next
        two numbers instead."""
        self.authenticate("plan_workshop_head", "plan_workshop_head")
        vals = {"date": "2025-10-13", "department_id": self.dept_workshop.id, "name": "DP/MINE"}
        ids = self._call("order.daily.production.plan", "create", [[vals, vals]])
        names = self.env["order.daily.production.plan"].browse(ids).mapped("name")
        self.assertNotIn("DP/MINE", names)
        numbers = [int(name.rsplit("/", 1)[1]) for name in names]
        self.assertEqual(numbers, [numbers[0], numbers[0] + 1], names)
