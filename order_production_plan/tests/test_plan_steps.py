# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The plan and its steps: a first draft on the working calendar, issued
after the stock check or the coordination meeting, each owner asked by the
step's deadline; steps completing themselves from Odoo's documents
(docs/rules.md: R-PLN-02, R-PLN-03, R-PLN-05, R-PLN-10)."""

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from odoo.addons.order_review.tests.common import local

from .plan_common import PlanCase


@tagged("post_install", "-at_install")
class TestPlanSteps(PlanCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Plan = cls.env["order.production.plan"]
        cls.Quant = cls.env["stock.quant"]
        cls.todo = cls.env.ref("mail.mail_activity_data_todo")

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _owner_activities(self, step):
        return step.activity_ids.filtered(lambda a: a.activity_type_id == self.todo)

    def _validate(self, picking, user, qty=None):
        """The warehouse keeper fills the quantities and validates."""
        picking = self._as(picking, user)
        picking.action_assign()
        for move in picking.move_ids:
            move.quantity = qty if qty is not None else move.product_uom_qty
            move.picked = True
        return picking.button_validate()

    def _produce(self, production):
        """Produce the whole quantity, as the workshop records it."""
        production = production.with_company(self.company)
        production.action_assign()
        form = Form(production)
        form.qty_producing = production.product_qty
        production = form.save()
        production.move_raw_ids.picked = True
        result = production.button_mark_done()
        self.assertEqual(production.state, "done", result)
        return production

    # ------------------------------------------------------------------
    # Draft, meeting, issue
    # ------------------------------------------------------------------
    def test_new_plan_drafts_each_step_on_working_calendar(self):
        """R-PLN-02: a new plan holds one step per step type (technical
        design, cooperation, purchasing, assembly start and finish, packing),
        each with a responsible department and a completion time counted in
        working days back from the delivery date on the company's calendar:
        the National Day holidays are skipped, the make-up Sunday 28
        September and Saturday 11 October count."""
        with freeze_time(local(2025, 9, 22, 10, 0)):
            plan = self._plan([(self.cabinet, 1)], commitment_date=local(2025, 10, 14, 17, 0))
        step_types = self.env["order.production.step.type"].search([("in_new_plans", "=", True)])
        self.assertEqual(plan.step_ids.step_type_id, step_types)
        self.assertEqual(len(plan.step_ids), len(step_types), "one step per step type")
        expected = {
            "design": (local(2025, 9, 19, 17, 0), local(2025, 9, 24, 17, 0)),
            "cooperation": (local(2025, 9, 24, 17, 0), local(2025, 9, 29, 17, 0)),
            "purchase": (local(2025, 9, 24, 17, 0), local(2025, 9, 30, 17, 0)),
            # 4 working days before Tuesday 14 October: 13, Saturday 11
            # (make-up), 10, 9 October; the day before: 30 September
            "assembly_start": (local(2025, 9, 30, 17, 0), local(2025, 10, 9, 17, 0)),
            "assembly_finish": (local(2025, 10, 9, 17, 0), local(2025, 10, 13, 17, 0)),
            "packing": (local(2025, 10, 13, 17, 0), local(2025, 10, 14, 17, 0)),
        }
        for kind, (start, finish) in expected.items():
            step = self._step(plan, kind)
            self.assertEqual((step.planned_start, step.planned_finish), (start, finish), kind)
            self.assertLessEqual(step.planned_finish, plan.delivery_date)
            self.assertEqual(step.department_id, self.dept_mfg)
            self.assertEqual(step._get_owner(), self.mfg_head)
            self.assertEqual(step.state, "pending")
        self.assertEqual(plan.state, "draft")
        self.assertEqual(plan.planning_mode, "regular")
        self.assertEqual(plan.start_date, local(2025, 9, 19, 17, 0))
        self.assertEqual(plan.finish_date, plan.delivery_date)
        self.assertFalse(plan.delivery_at_risk)

    def test_regular_plan_issued_after_stock_check_with_owner_activities(self):
        """R-PLN-02: a regular order's plan is drawn up after the stock check:
        it cannot be issued before; issued, each step owner gets an activity
        due on the step's planned finish as a date of the owner's timezone
        (a finish at 07:30 in Shanghai is the day before in UTC), and the
        objections are open for 1 working day (R-PLN-08)."""
        with freeze_time(local(2025, 9, 26, 16, 0)):
            plan = self._plan([(self.cabinet, 2), (self.breaker, 3)])
            planner_plan = self._as(plan, self.mfg_head)
            with self._refused("after the stock check"):
                planner_plan.action_issue()
            self.assertEqual(plan.state, "draft")
            design = self._step(plan, "design")
            self._as(design, self.mfg_head).write(
                {
                    "user_id": self.workshop_head.id,
                    "planned_finish": local(2025, 10, 17, 7, 30),
                }
            )
            planner_plan.action_check_material()
            self.assertTrue(plan.stock_checked_date)
            planner_plan.action_issue()
        self.assertEqual(plan.state, "issued")
        self.assertEqual(plan.issued_by_id, self.mfg_head)
        self.assertEqual(plan.issued_date, local(2025, 9, 26, 16, 0))
        # 1 working day: the make-up Sunday
        self.assertEqual(plan.objection_deadline, local(2025, 9, 28, 16, 0))
        self.assertEqual(plan.instruction_id.state, "planned", "R-PLN-01: broken down")
        for step in plan.step_ids:
            activity = self._owner_activities(step)
            self.assertEqual(len(activity), 1, step.display_name)
            owner = self.workshop_head if step == design else self.mfg_head
            self.assertEqual(activity.user_id, owner)
            finish = step.planned_finish
            self.assertEqual(activity.date_deadline, plan._user_date(finish, owner))
        design_activity = self._owner_activities(design)
        self.assertEqual(design.planned_finish.date().isoformat(), "2025-10-16", "UTC")
        self.assertEqual(design_activity.date_deadline.isoformat(), "2025-10-17", "Shanghai")
        self.assertEqual(
            self._owner_activities(self._step(plan, "packing")).date_deadline.isoformat(),
            "2025-10-31",
        )
        # issued: the dates change only through an objection or a revision
        with self.assertRaises(UserError):
            self._as(design, self.mfg_head).planned_finish = local(2025, 10, 20, 17, 0)

    def test_non_regular_plan_needs_coordination_meeting(self):
        """R-PLN-03: a non-regular order (class set by sales, with its reason)
        is planned in a coordination meeting: its plan cannot be issued
        without it, even after the stock check; the meeting is a calendar
        event with the named participants on the next working hour (Friday
        17:00 → the make-up Sunday 09:00), linked to the plan."""
        with freeze_time(local(2025, 9, 26, 17, 0)):
            order = self._order([(self.cabinet, 1)], confirm=False)
            order.write(
                {
                    "order_class_override": "non_regular",
                    "order_class_reason": "Cabinet in the customer's colour and size.",
                }
            )
            order.action_confirm()
            order.flush_recordset()
            plan = self._plan(order=order)
            self.assertEqual(plan.order_class, "non_regular")
            self.assertEqual(plan.planning_mode, "meeting")
            planner_plan = self._as(plan, self.mfg_head)
            planner_plan.action_check_material()
            with self._refused("coordination meeting"):
                planner_plan.action_issue()
            with self._refused("participants"):
                planner_plan.action_schedule_meeting()
            planner_plan.meeting_user_ids = [
                Command.set((self.workshop_head | self.buyer | self.mfg_head).ids)
            ]
            action = planner_plan.action_schedule_meeting()
            event = self.env["calendar.event"].browse(action["res_id"])
            self.assertEqual(plan.meeting_id, event)
            self.assertEqual(event.start, local(2025, 9, 28, 9, 0))
            self.assertEqual(event.stop, local(2025, 9, 28, 10, 0))
            self.assertEqual(
                event.partner_ids,
                (self.workshop_head | self.buyer | self.mfg_head).partner_id,
            )
            self.assertEqual(event.res_model, "order.production.plan")
            self.assertEqual(event.res_id, plan.id)
            self.assertEqual(event.user_id, self.mfg_head)
            # a second click opens the same meeting
            self.assertEqual(planner_plan.action_schedule_meeting()["res_id"], event.id)
            self.assertEqual(
                self.env["calendar.event"].search_count(
                    [("res_id", "=", plan.id), ("res_model", "=", "order.production.plan")]
                ),
                1,
            )
            planner_plan.action_issue()
        self.assertEqual(plan.state, "issued")

    # ------------------------------------------------------------------
    # Completion (R-PLN-10)
    # ------------------------------------------------------------------
    def test_manual_step_confirmed_by_its_owner_only(self):
        """R-PLN-10: a technical design is done when it can guide production:
        its owner (the workshop head it was given to), its department or the
        planner confirm it, another department's user is refused; confirmed
        after its planned finish it is late (on_time False, counted done but
        not on time in the stored counters); a step Odoo records (assembly
        finish) cannot be confirmed by hand."""
        with freeze_time(local(2025, 9, 26, 16, 0)):
            plan = self._plan([(self.cabinet, 1)])
            design = self._step(plan, "design")
            self._as(design, self.mfg_head).department_id = self.dept_workshop
            self.assertEqual(design._get_owner(), self.workshop_head)
            self._as(plan, self.mfg_head).action_check_material()
            self._as(plan, self.mfg_head).action_issue()
        self.assertEqual(self._owner_activities(design).user_id, self.workshop_head)
        with freeze_time(local(2025, 10, 20, 10, 0)):
            with self._refused("owner, its department or the planner"):
                self._as(design, self.buyer).action_done()
            self.assertEqual(design.state, "pending")
            with self._refused("completes itself"):
                self._as(self._step(plan, "assembly_finish"), self.workshop_head).action_done()
            self._as(design, self.workshop_head).action_done()
        self.assertEqual(design.state, "done")
        self.assertEqual(design.actual_finish, local(2025, 10, 20, 10, 0))
        self.assertGreater(design.actual_finish, design.planned_finish)
        self.assertFalse(design.on_time)
        self.assertEqual((design.done_count, design.on_time_count), (1, 0))
        self.assertFalse(self._owner_activities(design), "the owner's activity is done")
        Step = self.env["order.production.plan.step"]
        self.assertEqual(Step.search([("plan_id", "=", plan.id), ("done_count", "=", 1)]), design)
        self.assertFalse(Step.search([("plan_id", "=", plan.id), ("on_time_count", "=", 1)]))
        self.assertEqual(plan.state, "issued")
        with self._refused("cannot be completed now"):
            self._as(design, self.workshop_head).action_done()

    def test_purchase_step_done_when_all_parts_received(self):
        """R-PLN-05, R-PLN-10: purchased parts are done when they arrive at
        the company's warehouse: the parts purchasing step completes itself
        when the request for quotation made from the material check is
        confirmed and all of its receipt validated, not at a partial
        receipt."""
        with freeze_time(local(2025, 9, 26, 16, 0)):
            plan = self._plan([(self.breaker, 6)])
            planner_plan = self._as(plan, self.mfg_head)
            planner_plan.action_check_material()
            planner_plan.action_create_purchases()
            planner_plan.action_issue()
        purchase_step = self._step(plan, "purchase")
        order = plan.purchase_ids
        self.assertEqual(len(order), 1)
        self.assertEqual(order.partner_id, self.vendor)
        self.assertEqual(order.order_line.order_plan_step_id, purchase_step)
        self.assertEqual(order.order_line.product_qty, 6)
        with freeze_time(local(2025, 10, 9, 10, 0)):
            self._as(order, self.buyer).button_confirm()
            self.assertEqual(order.state, "purchase")
            self.assertEqual(purchase_step.state, "pending", "ordered is not received")
            result = self._validate(order.picking_ids, self.mfg_head, qty=2)
            # the rest follows in a backorder
            Form.from_action(self.env, result).save().process()
            self.assertEqual(order.order_line.qty_received, 2)
            self.assertEqual(purchase_step.state, "pending", "partly received")
        with freeze_time(local(2025, 10, 20, 11, 0)):
            backorder = order.picking_ids.filtered(lambda p: p.state not in ("done", "cancel"))
            self.assertEqual(len(backorder), 1)
            self._validate(backorder, self.mfg_head)
        self.assertEqual(order.order_line.qty_received, 6)
        self.assertEqual(purchase_step.state, "done")
        self.assertEqual(purchase_step.actual_finish, local(2025, 10, 20, 11, 0))
        self.assertTrue(purchase_step.on_time, "planned finish: Friday 24 October")
        self.assertEqual((purchase_step.done_count, purchase_step.on_time_count), (1, 1))
        self.assertEqual(plan.material_ids.schedule_state, "received")
        self.assertEqual(plan.state, "issued", "the other steps are still to do")

    def _outsource(self, step, product, partner):
        """The manufacturing head outsources `step` (R-PLN-25); the general
        manager approves the subcontract order, the buyer confirms it."""
        wizard = Form(
            self.env["order.production.step.outsource"]
            .with_user(self.mfg_head)
            .with_company(self.company)
            .with_context(default_step_id=step.id)
        )
        wizard.partner_id = partner
        wizard.product_id = product
        wizard.quantity = 2
        wizard.reason = "Our plating line is full."
        order = self.env["purchase.order"].browse(wizard.save().action_confirm()["res_id"])
        self._decide(order, self.gm)
        self._as(order, self.buyer).button_confirm()
        return order

    def test_steps_complete_from_documents_and_plan_done(self):
        """R-PLN-05, R-PLN-06, R-PLN-10, R-PLN-25: the order made for real.
        The plated parts of the outsourced cooperation step received complete
        it; the purchasing step waits for both the steel transferred from the
        second warehouse (调拨) and the breakers' receipt; starting the cabinet's
        manufacturing order completes the assembly start; the assembly finish
        waits for every manufacturing order of the step (the frame, then the
        cabinet); design and packing are confirmed by hand, packing late.
        Every step done: the plan is done on the last finish, with the stored
        counters of done and on-time steps."""
        warehouse2 = self.env["stock.warehouse"].create(
            {"name": "Plan second warehouse", "code": "PW2", "company_id": self.company.id}
        )
        self._stock(self.steel, 10, warehouse2)
        with freeze_time(local(2025, 9, 26, 16, 0)):
            plan = self._plan([(self.cabinet, 2)])
            planner_plan = self._as(plan, self.mfg_head)
            planner_plan.action_check_material()
            planner_plan.action_create_transfers()
            planner_plan.action_create_purchases()
            planner_plan.action_create_productions()
            planner_plan.action_issue()
        steps = {kind: self._step(plan, kind) for kind in plan.step_ids.mapped("kind")}
        transfer = plan.picking_ids
        self.assertEqual(transfer.location_id, warehouse2.lot_stock_id)
        self.assertEqual(transfer.order_plan_step_id, steps["purchase"])
        frame_mo = plan.production_ids.filtered(lambda p: p.product_id == self.frame)
        cabinet_mo = plan.production_ids.filtered(lambda p: p.product_id == self.cabinet)
        self.assertEqual((frame_mo.product_qty, cabinet_mo.product_qty), (2, 2))
        self.assertEqual(plan.production_ids.order_plan_step_id, steps["assembly_finish"])
        self.assertEqual(cabinet_mo.date_start, steps["assembly_start"].planned_start)
        self.assertEqual(cabinet_mo.date_deadline, steps["assembly_finish"].planned_finish)
        self._as(plan.production_ids, self.mfg_head).action_confirm()

        with freeze_time(local(2025, 9, 29, 10, 0)):
            self._as(steps["design"], self.mfg_head).action_done()
        plated = self.env["product.product"].create(
            {"name": "Plated frame parts", "is_storable": True}
        )
        with freeze_time(local(2025, 10, 9, 9, 0)):
            subcontract = self._outsource(steps["cooperation"], plated, self.vendor)
        self.assertEqual(steps["cooperation"].state, "pending")
        with freeze_time(local(2025, 10, 9, 10, 0)):
            self._validate(subcontract.picking_ids, self.mfg_head)
            self._validate(transfer, self.mfg_head)
        self.assertEqual(steps["cooperation"].state, "done")
        self.assertEqual(steps["purchase"].state, "pending", "the breakers are not received")
        with freeze_time(local(2025, 10, 20, 10, 0)):
            self._as(plan.purchase_ids, self.buyer).button_confirm()
            self._validate(plan.purchase_ids.picking_ids, self.mfg_head)
        self.assertEqual(steps["purchase"].state, "done")
        self.assertEqual(steps["assembly_start"].state, "pending")
        with freeze_time(local(2025, 10, 24, 9, 0)):
            self._as(cabinet_mo, self.workshop_head).action_start()
        self.assertEqual(cabinet_mo.state, "progress")
        self.assertEqual(steps["assembly_start"].state, "done")
        self.assertEqual(steps["assembly_start"].actual_finish, local(2025, 10, 24, 9, 0))
        self.assertTrue(steps["assembly_start"].on_time)
        with freeze_time(local(2025, 10, 27, 10, 0)):
            self._produce(frame_mo)
        self.assertEqual(steps["assembly_finish"].state, "pending", "the cabinet is not made")
        with freeze_time(local(2025, 10, 29, 15, 0)):
            self._produce(cabinet_mo)
        self.assertEqual(steps["assembly_finish"].state, "done")
        self.assertEqual(steps["assembly_finish"].actual_finish, local(2025, 10, 29, 15, 0))
        self.assertTrue(steps["assembly_finish"].on_time)
        self.assertEqual(self.cabinet.with_company(self.company).qty_available, 2)
        self.assertEqual(plan.state, "issued", "packing is still to do")
        with freeze_time(local(2025, 11, 3, 10, 0)):
            self._as(steps["packing"], self.mfg_head).action_done()
        self.assertFalse(steps["packing"].on_time, "packed after Friday 31 October 17:00")
        self.assertEqual(set(plan.step_ids.mapped("state")), {"done"})
        self.assertEqual(plan.state, "done")
        self.assertEqual(plan.done_date, local(2025, 11, 3, 10, 0))
        self.assertEqual(plan.progress, 100.0)
        totals = self.env["order.production.plan.step"]._read_group(
            [("plan_id", "=", plan.id)], [], ["done_count:sum", "on_time_count:sum"]
        )
        self.assertEqual(totals, [(6, 5)])
