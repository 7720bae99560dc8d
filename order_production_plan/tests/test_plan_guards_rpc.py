# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The production instruction's and the plan's workflow fields over real
HTTP JSON-RPC: the client asks, the server decides (R-REV-09, R-PLN-01,
R-PLN-08, R-PLN-09, R-PLN-10, R-PLN-26)."""

from datetime import timedelta

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged

from odoo.addons.order_review.tests.rpc import GUARDED, JsonRpcCase

from .plan_common import PlanCase

FROZEN = r"can no longer change"


@tagged("post_install", "-at_install")
class TestPlanGuardsRpc(JsonRpcCase, PlanCase, HttpCase):
    """One draft instruction (``draft``), one issued to manufacturing
    (``issued``, with packing requirements and a drawing), one broken down
    into an issued plan (``plan``) with a step outsourced to a subcontractor
    (``outsourcing``, a purchase order waiting for the general manager)."""

    refused_exceptions = (UserError,)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        delivery = fields.Datetime.now().replace(microsecond=0) + timedelta(days=120)
        cls.draft = cls._order([(cls.breaker, 2)], commitment_date=delivery)
        cls.draft = cls.draft.production_instruction_ids

        order = cls._order([(cls.cabinet, 2), (cls.breaker, 3)], commitment_date=delivery)
        cls.issued = order.production_instruction_ids
        cls.drawing = cls.env["ir.attachment"].create(
            {
                "name": "layout.pdf",
                "raw": b"%PDF-1.4 layout",
                "res_model": cls.issued._name,
                "res_id": cls.issued.id,
            }
        )
        cls.issued.write(
            {
                "packing_requirement": "Wooden crate, fumigated.",
                "drawing_ids": [(6, 0, cls.drawing.ids)],
            }
        )
        cls._as(cls.issued, cls.clerk).action_issue()

        order = cls._order([(cls.cabinet, 1)], commitment_date=delivery)
        cls.planned = order.production_instruction_ids
        cls._as(cls.planned, cls.clerk).action_issue()
        cls._as(cls.planned, cls.mfg_head).action_receive()
        action = cls._as(cls.planned, cls.mfg_head).action_create_plan()
        cls.plan = cls.env["order.production.plan"].browse(action["res_id"])
        cls._as(cls.plan, cls.mfg_head).action_check_material()
        cls._as(cls.plan, cls.mfg_head).action_issue()
        cls.step = cls.plan.step_ids.filtered(lambda s: s.kind == "assembly_finish")
        cls.coop_step = cls.plan.step_ids.filtered(lambda s: s.kind == "cooperation")

        cls.painting = cls.env["product.product"].create(
            {"name": "Powder coating", "type": "service", "purchase_ok": True}
        )
        wizard = (
            cls.env["order.production.step.outsource"]
            .with_user(cls.mfg_head)
            .with_company(cls.company)
            .with_context(default_step_id=cls.coop_step.id)
            .create(
                {
                    "partner_id": cls.vendor.id,
                    "product_id": cls.painting.id,
                    "quantity": 1,
                    "price_unit": 800,
                    "date_planned": cls.coop_step.planned_finish,
                    "reason": "The paint line is full this month.",
                }
            )
        )
        cls.outsourcing = cls.env["purchase.order"].browse(wizard.action_confirm()["res_id"])

    def setUp(self):
        super().setUp()
        self.assertEqual(self.draft.state, "draft")
        self.assertEqual(self.issued.state, "issued")
        self.assertEqual((self.planned.state, self.plan.state), ("planned", "issued"))
        self.assertEqual(len(self.step), 1)
        self.assertTrue(self.outsourcing.order_plan_outsourcing)

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _attack(self, attacks):
        for model, method, args, kwargs, message in attacks:
            with self.subTest(model=model, method=method, args=args, kwargs=kwargs):
                self._assert_refused(model, method, args, message, kwargs)
        self.env.invalidate_all()

    # ------------------------------------------------------------------
    # The production instruction
    # ------------------------------------------------------------------
    def test_clerk_cannot_write_the_instruction_workflow(self):
        """R-REV-09, R-PLN-01: the clerk's own instruction is issued only by
        its Issue button, which stops the clock: over JSON-RPC the clerk
        cannot write its state, issue date, on-time fact or deadline, nor
        those of an issued one, even with a context key asking to; nothing
        changes. Writing an ordinary field passes (the refusal is the guard,
        not the access rights)."""
        model = "order.production.instruction"
        deadline = self.draft.sla_deadline
        issued_deadline = self.issued.issue_deadline
        self.authenticate("plan_clerk", "plan_clerk")
        late = "2020-01-01 08:00:00"
        self._attack(
            [
                (model, "write", [self.draft.ids, {"state": "issued"}], {}, GUARDED),
                (model, "write", [self.draft.ids, {"issued_date": late}], {}, GUARDED),
                (model, "write", [self.draft.ids, {"sla_deadline": late}], {}, GUARDED),
                (model, "write", [self.draft.ids, {"sla_state": "met"}], {}, GUARDED),
                (model, "write", [self.draft.ids, {"issue_on_time": True}], {}, GUARDED),
                (
                    model,
                    "write",
                    [self.draft.ids, {"state": "issued", "issued_date": late}],
                    {"context": {"workflow_transition": True}},
                    GUARDED,
                ),
                (model, "write", [self.issued.ids, {"state": "planned"}], {}, GUARDED),
                (model, "write", [self.issued.ids, {"issue_on_time": False}], {}, GUARDED),
                (model, "write", [self.issued.ids, {"issue_deadline": late}], {}, GUARDED),
                (model, "write", [self.issued.ids, {"breakdown_on_time": True}], {}, GUARDED),
            ]
        )
        self.assertEqual(self.draft.state, "draft")
        self.assertFalse(self.draft.issued_date)
        self.assertFalse(self.draft.issue_on_time)
        self.assertEqual(self.draft.sla_deadline, deadline)
        self.assertIn(self.draft.sla_state, ("running", "due_soon", "overdue"))
        self.assertEqual(self.issued.state, "issued")
        self.assertTrue(self.issued.issue_on_time)
        self.assertEqual(self.issued.issue_deadline, issued_deadline)
        self.assertFalse(self.issued.breakdown_on_time)
        # the clerk may still write what the guard does not cover
        self._call(model, "write", [self.draft.ids, {"packing_requirement": "Pallet."}])
        self.env.invalidate_all()
        self.assertEqual(self.draft.packing_requirement, "Pallet.")

    def test_clerk_cannot_edit_an_issued_instruction(self):
        """R-REV-09, R-PLN-04: what was issued to manufacturing is what it
        plans: the clerk cannot change an issued instruction's products,
        packing requirements or drawings over JSON-RPC, through the
        instruction or its lines; nothing changes."""
        model = "order.production.instruction"
        line_model = "order.production.instruction.line"
        line = self.issued.line_ids[0]
        before = [(li.id, li.product_id.id, li.product_uom_qty) for li in self.issued.line_ids]
        self.authenticate("plan_clerk", "plan_clerk")
        ids = self.issued.ids
        self._attack(
            [
                (model, "write", [ids, {"packing_requirement": "None."}], {}, FROZEN),
                (model, "write", [ids, {"spares_requirement": "Two breakers."}], {}, FROZEN),
                (model, "write", [ids, {"note": "<p>Other layout</p>"}], {}, FROZEN),
                (model, "write", [ids, {"drawing_ids": [(6, 0, [])]}], {}, FROZEN),
                (
                    model,
                    "write",
                    [ids, {"line_ids": [(1, line.id, {"product_uom_qty": 99})]}],
                    {},
                    FROZEN,
                ),
                (
                    model,
                    "write",
                    [
                        ids,
                        {"line_ids": [(0, 0, {"product_id": self.frame.id, "product_uom_qty": 1})]},
                    ],
                    {},
                    FROZEN,
                ),
                (line_model, "write", [line.ids, {"product_uom_qty": 99}], {}, FROZEN),
                (line_model, "write", [line.ids, {"product_id": self.frame.id}], {}, FROZEN),
                (
                    line_model,
                    "create",
                    [{"instruction_id": ids[0], "product_id": self.frame.id}],
                    {},
                    r"its products can no longer change",
                ),
                (line_model, "unlink", [line.ids], {}, r"its products can no longer change"),
            ]
        )
        self.assertEqual(
            [(li.id, li.product_id.id, li.product_uom_qty) for li in self.issued.line_ids], before
        )
        self.assertEqual(self.issued.packing_requirement, "Wooden crate, fumigated.")
        self.assertFalse(self.issued.spares_requirement)
        self.assertEqual(self.issued.drawing_ids, self.drawing)

    # ------------------------------------------------------------------
    # The issued plan
    # ------------------------------------------------------------------
    def test_workshop_head_cannot_move_or_complete_steps(self):
        """R-PLN-08, R-PLN-09, R-PLN-10: an issued plan's dates change only
        through an objection or a revision, a step completes from its
        documents or its owner's confirmation, the plan's state and objection
        window only by its own actions: a workshop head writing them over
        JSON-RPC is refused and nothing changes. The step's description
        remains writable (the refusal is the guard, not the access rights)."""
        step_model = "order.production.plan.step"
        plan_model = "order.production.plan"
        finish = self.step.planned_finish
        start = self.step.planned_start
        window = self.plan.objection_deadline
        later = fields.Datetime.to_string(finish + timedelta(days=30))
        self.authenticate("plan_workshop_head", "plan_workshop_head")
        ids = self.step.ids
        plan_ids = self.plan.ids
        self._attack(
            [
                (step_model, "write", [ids, {"planned_finish": later}], {}, FROZEN),
                (step_model, "write", [ids, {"planned_start": later}], {}, FROZEN),
                (
                    step_model,
                    "write",
                    [ids, {"department_id": self.dept_workshop.id}],
                    {},
                    FROZEN,
                ),
                (step_model, "write", [ids, {"state": "done"}], {}, GUARDED),
                (step_model, "write", [ids, {"actual_finish": later}], {}, GUARDED),
                (step_model, "write", [ids, {"on_time": True, "done_count": 1}], {}, GUARDED),
                (
                    plan_model,
                    "write",
                    [plan_ids, {"step_ids": [(1, ids[0], {"planned_finish": later})]}],
                    {},
                    FROZEN,
                ),
                (plan_model, "write", [plan_ids, {"state": "done"}], {}, GUARDED),
                (plan_model, "write", [plan_ids, {"state": "draft"}], {}, GUARDED),
                (plan_model, "write", [plan_ids, {"objection_deadline": later}], {}, GUARDED),
                (
                    plan_model,
                    "write",
                    [plan_ids, {"objection_deadline": later}],
                    {"context": {"workflow_transition": True}},
                    GUARDED,
                ),
            ]
        )
        self.assertEqual(self.step.planned_finish, finish)
        self.assertEqual(self.step.planned_start, start)
        self.assertNotEqual(self.step.department_id, self.dept_workshop)
        self.assertEqual(self.step.state, "pending")
        self.assertFalse(self.step.actual_finish)
        self.assertFalse(self.step.on_time)
        self.assertEqual(self.plan.state, "issued")
        self.assertEqual(self.plan.objection_deadline, window)
        self._call(step_model, "write", [ids, {"name": "Final assembly, line 2"}])
        self.env.invalidate_all()
        self.assertEqual(self.step.name, "Final assembly, line 2")

    def test_objecting_department_does_not_write_the_answer(self):
        """R-PLN-08: the answer to an objection is the issuing department's
        (or the general manager's): the workshop head who objected writing it
        over JSON-RPC is refused; the manufacturing head answers."""
        model = "order.production.plan.objection"
        objection = self._as(self.env[model], self.workshop_head).create(
            {
                "plan_id": self.plan.id,
                "step_id": self.step.id,
                "department_id": self.dept_workshop.id,
                "reason": "The frames come late.",
                "proposed_finish": self.step.planned_finish + timedelta(days=3),
            }
        )
        self.authenticate("plan_workshop_head", "plan_workshop_head")
        self._attack(
            [
                (
                    model,
                    "write",
                    [objection.ids, {"answer": "Accepted, of course."}],
                    {},
                    "answered by the department that issued the plan",
                )
            ]
        )
        self.assertFalse(objection.answer)
        self.authenticate("plan_mfg_head", "plan_mfg_head")
        self._call(model, "write", [objection.ids, {"answer": "The frames are ready."}])
        self.env.invalidate_all()
        self.assertEqual(objection.answer, "The frames are ready.")

    def test_workshop_head_cannot_take_over_a_step_or_the_plan(self):
        """R-PLN-08, R-PLN-10: the workshop head of another department does
        not write their own name on a design step (to confirm it as its
        owner) nor on the plan as its planner (to answer the objections to
        it): over JSON-RPC both are refused and nothing changes; the head of
        the step's department may hand it to one of their people."""
        design = self.plan.step_ids.filtered(lambda s: s.kind == "design")
        owner = design.user_id
        planner = self.plan.user_id
        self.authenticate("plan_workshop_head", "plan_workshop_head")
        me = self.workshop_head.id
        self._attack(
            [
                (
                    "order.production.plan.step",
                    "write",
                    [design.ids, {"user_id": me}],
                    {},
                    "assigned by its department or a planner",
                ),
                ("order.production.plan", "write", [self.plan.ids, {"user_id": me}], {}, FROZEN),
                (
                    "order.production.plan.step",
                    "action_done",
                    [design.ids],
                    {},
                    "confirmed by its owner, its department or the planner",
                ),
            ]
        )
        self.assertEqual(design.user_id, owner)
        self.assertEqual(design.state, "pending")
        self.assertEqual(self.plan.user_id, planner)
        # the step's own department hands it over
        design.department_id = self.dept_workshop
        self._call("order.production.plan.step", "write", [design.ids, {"user_id": me}])
        self.env.invalidate_all()
        self.assertEqual(design.user_id, self.workshop_head)

    def test_no_step_moved_into_an_issued_plan_nor_plan_cancelled(self):
        """R-PLN-08, R-PLN-09: a step of a draft plan is not moved into an
        issued plan (it would join it without a revision), an instruction
        line not into an issued instruction, and a workshop head does not
        cancel an issued plan: over JSON-RPC all are refused and nothing
        changes."""
        order = self._order([(self.cabinet, 1)])
        instruction = order.production_instruction_ids
        self._as(instruction, self.clerk).action_issue()
        self._as(instruction, self.mfg_head).action_receive()
        draft_plan = self.env["order.production.plan"].browse(
            self._as(instruction, self.mfg_head).action_create_plan()["res_id"]
        )
        step = draft_plan.step_ids[:1]
        line = self.draft.line_ids[:1]
        fixed = "cannot change once it is created"
        self.authenticate("plan_workshop_head", "plan_workshop_head")
        self._attack(
            [
                (
                    "order.production.plan.step",
                    "write",
                    [step.ids, {"plan_id": self.plan.id}],
                    {},
                    fixed,
                ),
                ("order.production.plan", "action_cancel", [self.plan.ids], {}, "cancelled by"),
            ]
        )
        self.authenticate("plan_clerk", "plan_clerk")
        self._attack(
            [
                (
                    "order.production.instruction.line",
                    "write",
                    [line.ids, {"instruction_id": self.issued.id}],
                    {},
                    fixed,
                ),
            ]
        )
        self.assertEqual(step.plan_id, draft_plan)
        self.assertEqual(line.instruction_id, self.draft)
        self.assertEqual(self.plan.state, "issued")

    def test_no_step_added_to_or_removed_from_an_issued_plan(self):
        """R-PLN-09: a step is added to an issued plan through a revision the
        managers approve: a workshop head creating one over JSON-RPC,
        directly or through the plan, or deleting one, is refused and the
        plan keeps its steps."""
        steps = self.plan.step_ids
        step_type = self.env.ref("order_production_plan.step_type_packing")
        vals = {
            "step_type_id": step_type.id,
            "department_id": self.dept_workshop.id,
            "planned_finish": fields.Datetime.to_string(self.step.planned_finish),
        }
        self.authenticate("plan_workshop_head", "plan_workshop_head")
        self._attack(
            [
                (
                    "order.production.plan.step",
                    "create",
                    [dict(vals, plan_id=self.plan.id)],
                    {},
                    r"a step is added through a revision",
                ),
                (
                    "order.production.plan",
                    "write",
                    [self.plan.ids, {"step_ids": [(0, 0, vals)]}],
                    {},
                    r"a step is added through a revision",
                ),
                (
                    "order.production.plan.step",
                    "unlink",
                    [self.step.ids],
                    {},
                    r"never deleted",
                ),
            ]
        )
        self.assertEqual(self.plan.step_ids, steps)
        self.assertFalse(
            self.env["order.production.plan.step"].search(
                [("plan_id", "=", self.plan.id), ("id", "not in", steps.ids)]
            )
        )

    def test_buyer_cannot_clear_the_outsourcing_flag(self):
        """R-PLN-26: an outsourced step's subcontract order waits for the
        general manager; a buyer clearing its outsourcing flag over JSON-RPC
        (to escape that approval) is refused and the flag stays."""
        self.assertEqual(self.coop_step.outsource_purchase_id, self.outsourcing)
        review_state = self.outsourcing.review_state
        self.authenticate("plan_buyer", "plan_buyer")
        self._attack(
            [
                (
                    "purchase.order",
                    "write",
                    [self.outsourcing.ids, {"order_plan_outsourcing": False}],
                    {},
                    r"Outsourced Plan Step.*" + GUARDED,
                ),
                (
                    "purchase.order",
                    "write",
                    [self.outsourcing.ids, {"order_plan_outsourcing": False}],
                    {"context": {"workflow_transition": True}},
                    r"Outsourced Plan Step.*" + GUARDED,
                ),
                (
                    "order.production.plan.step",
                    "write",
                    [self.coop_step.ids, {"outsource_purchase_id": False}],
                    {},
                    GUARDED,
                ),
            ]
        )
        self.assertTrue(self.outsourcing.order_plan_outsourcing)
        self.assertEqual(self.outsourcing.review_state, review_state)
        self.assertEqual(self.coop_step.outsource_purchase_id, self.outsourcing)

    # ------------------------------------------------------------------
    # Context keys and create values
    # ------------------------------------------------------------------
    def test_workshop_head_cannot_attach_documents_to_a_step(self):
        """R-PLN-10: a step completes from its manufacturing orders and
        transfers, which only the plan links: the workshop head (an MRP and
        stock user) attaching his own manufacturing order or transfer to the
        issued plan's step, or writing an order's done date, is refused
        with_user and over JSON-RPC, on write and on create; the documents'
        other fields remain writable."""
        env = self.env(context=dict(self.env.context, allowed_company_ids=self.company.ids))
        production = env["mrp.production"].create(
            {
                "product_id": self.frame.id,
                "product_qty": 1,
                "company_id": self.company.id,
                "picking_type_id": self.warehouse.manu_type_id.id,
            }
        )
        stock = self.warehouse.lot_stock_id
        picking_vals = {
            "picking_type_id": self.warehouse.int_type_id.id,
            "location_id": stock.id,
            "location_dest_id": stock.id,
            "company_id": self.company.id,
        }
        picking = env["stock.picking"].create(picking_vals)
        done = fields.Datetime.to_string(fields.Datetime.now())
        attacks = [
            (production, {"order_plan_id": self.plan.id}),
            (production, {"order_plan_step_id": self.step.id}),
            (production, {"order_done_on": done}),
            (picking, {"order_plan_id": self.plan.id}),
            (picking, {"order_plan_step_id": self.step.id}),
        ]
        for record, vals in attacks:
            with self.subTest(model=record._name, vals=vals), self._refused(GUARDED):
                self._as(record, self.workshop_head).write(vals)
        with self._refused(GUARDED):
            self._as(env["stock.picking"], self.workshop_head).create(
                {**picking_vals, "order_plan_step_id": self.step.id}
            )
        self.authenticate("plan_workshop_head", "plan_workshop_head")
        self._attack(
            [
                (record._name, "write", [record.ids, fields_vals], {}, GUARDED)
                for record, fields_vals in attacks
            ]
            + [
                (
                    "stock.picking",
                    "create",
                    [{**picking_vals, "order_plan_step_id": self.step.id}],
                    {},
                    GUARDED,
                )
            ]
        )
        for record in (production, picking):
            self.assertFalse(record.order_plan_id)
            self.assertFalse(record.order_plan_step_id)
        self.assertFalse(production.order_done_on)
        self.assertNotIn(production, self.step.production_ids)
        self.assertNotIn(picking, self.step.picking_ids)
        self._call("stock.picking", "write", [picking.ids, {"origin": "Shelf move"}])
        self.env.invalidate_all()
        self.assertEqual(picking.origin, "Shelf move")

    def test_context_defaults_do_not_set_workflow_fields(self):
        """R-REV-09, R-PLN-01, R-PLN-08: a client's context key such as
        ``default_state`` never sets a workflow field: an instruction, a plan,
        a step and an objection created over JSON-RPC with such keys start in
        their first state with their clocks as the server computes them; a
        workflow value sent in the create values is refused."""
        fake = "2020-01-01 08:00:00"
        self.authenticate("plan_clerk", "plan_clerk")
        instruction_id = self._call(
            "order.production.instruction",
            "create",
            [{"sale_order_id": self.draft.sale_order_id.id}],
            {
                "context": {
                    "default_state": "issued",
                    "default_issued_date": fake,
                    "default_issue_on_time": True,
                    "default_sla_deadline": fake,
                    "default_sla_state": "met",
                }
            },
        )
        self._assert_refused(
            "order.production.instruction",
            "create",
            [{"sale_order_id": self.draft.sale_order_id.id, "state": "issued"}],
            GUARDED,
            {},
        )
        instruction = self.env["order.production.instruction"].browse(instruction_id)
        self.env.invalidate_all()
        self.assertEqual(instruction.state, "draft")
        self.assertFalse(instruction.issued_date)
        self.assertFalse(instruction.issue_on_time)
        self.assertEqual(instruction.sla_deadline, self.draft.sla_deadline)
        self.assertEqual(instruction.sla_state, self.draft.sla_state)
        self.assertEqual(
            self.env["order.production.instruction"].search_count(
                [("sale_order_id", "=", self.draft.sale_order_id.id)]
            ),
            2,
        )

        self.authenticate("plan_workshop_head", "plan_workshop_head")
        plan_id = self._call(
            "order.production.plan",
            "create",
            [{"instruction_id": self.planned.id}],
            {"context": {"default_state": "issued", "default_objection_deadline": fake}},
        )
        plan = self.env["order.production.plan"].browse(plan_id)
        step_id = self._call(
            "order.production.plan.step",
            "create",
            [
                {
                    "plan_id": plan_id,
                    "step_type_id": self.env.ref("order_production_plan.step_type_packing").id,
                }
            ],
            {"context": {"default_state": "done", "default_actual_finish": fake}},
        )
        objection_id = self._call(
            "order.production.plan.objection",
            "create",
            [
                {
                    "plan_id": self.plan.id,
                    "step_id": self.step.id,
                    "department_id": self.dept_workshop.id,
                    "reason": "The frames arrive a week later.",
                    "proposed_finish": fields.Datetime.to_string(
                        self.step.planned_finish + timedelta(days=7)
                    ),
                }
            ],
            {"context": {"default_state": "accepted", "default_arbitrated": True}},
        )
        self.env.invalidate_all()
        self.assertEqual(plan.state, "draft")
        self.assertFalse(plan.objection_deadline)
        step = self.env["order.production.plan.step"].browse(step_id)
        self.assertEqual(step.state, "pending")
        self.assertFalse(step.actual_finish)
        objection = self.env["order.production.plan.objection"].browse(objection_id)
        self.assertEqual(objection.state, "submitted")
        self.assertFalse(objection.arbitrated)
        self.assertFalse(objection.decided_date)
