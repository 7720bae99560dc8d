# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Revisions of an issued plan, approved jointly by the manufacturing and
the sales managers through the shipped review stages; outsourcing a step
through a subcontract purchase order the general manager approves
(docs/rules.md: R-PLN-09, R-PLN-25, R-PLN-26)."""

from freezegun import freeze_time

from odoo import Command
from odoo.tests import Form, tagged

from odoo.addons.order_review.tests.common import local

from .plan_common import PlanCase


@tagged("post_install", "-at_install")
class TestPlanRevision(PlanCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Plan = cls.env["order.production.plan"]
        cls.Revision = cls.env["order.production.plan.revision"]
        cls.todo = cls.env.ref("mail.mail_activity_data_todo")
        cls.stage_mfg = cls.env.ref("order_production_plan.review_stage_revision_manufacturing")
        cls.stage_sales = cls.env.ref("order_production_plan.review_stage_revision_sales")
        cls.stage_outsourcing = cls.env.ref("order_production_plan.review_stage_outsourcing_gm")
        cls.subcontractor = cls.env["res.partner"].create({"name": "Plan powder coating shop"})
        cls.coating = cls.env["product.product"].create(
            {"name": "Powder coating (subcontracted)", "type": "service", "purchase_ok": True}
        )

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _wizard(self, step):
        """The outsourcing wizard of `step`, as the manufacturing head opens it."""
        return Form(
            self.env["order.production.step.outsource"]
            .with_user(self.mfg_head)
            .with_company(self.company)
            .with_context(default_step_id=step.id)
        )

    def _revision(self, plan, moves, reason="An urgent order takes the assembly line that week."):
        """The manufacturing head asks to move steps {kind: (start, finish)}."""
        return self._as(self.Revision, self.mfg_head).create(
            {
                "plan_id": plan.id,
                "reason": reason,
                "line_ids": [
                    Command.create(
                        {
                            "step_id": self._step(plan, kind).id,
                            "new_start": start,
                            "new_finish": finish,
                        }
                    )
                    for kind, (start, finish) in moves.items()
                ],
            }
        )

    # ------------------------------------------------------------------
    # Revision (R-PLN-09)
    # ------------------------------------------------------------------
    def test_revision_approved_by_both_managers_moves_steps(self):
        """R-PLN-09: a re-sequenced plan is decided jointly by the
        manufacturing manager and the sales manager: submitted, the revision
        asks both shipped review stages; one approval is not enough; with
        both, the steps move, the revision keeps the old and new dates, the
        plan's history says who changed what and why, and the owners'
        activities follow."""
        plan = self._issued_plan()
        start, finish = self._step(plan, "assembly_start"), self._step(plan, "assembly_finish")
        activity = finish.activity_ids.filtered(lambda a: a.activity_type_id == self.todo)
        self.assertEqual(activity.date_deadline.isoformat(), "2025-10-30")
        with freeze_time(local(2025, 10, 9, 10, 0)):
            revision = self._revision(
                plan,
                {
                    "assembly_start": (local(2025, 10, 27, 17, 0), local(2025, 10, 28, 17, 0)),
                    "assembly_finish": (local(2025, 10, 28, 17, 0), local(2025, 10, 31, 12, 0)),
                },
            )
            self.assertEqual(revision.user_id, self.mfg_head)
            self._as(revision, self.mfg_head).action_submit()
        self.assertEqual(revision.state, "submitted")
        self.assertEqual(revision.review_state, "pending")
        reviews = revision.review_ids
        self.assertEqual(reviews.stage_id, self.stage_mfg | self.stage_sales)
        self.assertEqual(set(reviews.mapped("state")), {"pending"})
        mfg_review = reviews.filtered(lambda r: r.stage_id == self.stage_mfg)
        sales_review = reviews.filtered(lambda r: r.stage_id == self.stage_sales)
        self.assertIn(self.gm, mfg_review.reviewer_ids)
        self.assertNotIn(self.sales_manager, mfg_review.reviewer_ids)
        self.assertIn(self.sales_manager, sales_review.reviewer_ids)
        self.assertNotIn(self.gm, sales_review.reviewer_ids)
        # the requester decides nothing; lines are frozen under review
        with self._refused("Nothing waits for your decision"):
            self._as(revision, self.mfg_head).action_review_decide()
        with self._refused(r"PP-REV/\d{4}/\d+: .*Assembly start is Under Review"):
            self._as(revision.line_ids[:1], self.mfg_head).new_finish = local(2025, 10, 29, 17, 0)

        with freeze_time(local(2025, 10, 9, 14, 0)):
            self._decide(revision, self.gm, opinion="Capacity is the constraint: agreed.")
        self.assertEqual(revision.state, "submitted", "the sales manager has not decided")
        self.assertEqual(finish.planned_finish, local(2025, 10, 30, 17, 0))
        with freeze_time(local(2025, 10, 10, 9, 0)):
            self._decide(revision, self.sales_manager, opinion="The customer is told.")
        self.assertEqual(revision.state, "approved")
        self.assertEqual(revision.review_state, "approved")
        self.assertEqual(revision.approved_date, local(2025, 10, 10, 9, 0))
        self.assertEqual(
            (start.planned_start, start.planned_finish),
            (local(2025, 10, 27, 17, 0), local(2025, 10, 28, 17, 0)),
        )
        self.assertEqual(finish.planned_finish, local(2025, 10, 31, 12, 0))
        line = revision.line_ids.filtered(lambda rl: rl.step_id == finish)
        self.assertEqual(
            (line.old_start, line.old_finish, line.new_finish),
            (local(2025, 10, 27, 17, 0), local(2025, 10, 30, 17, 0), local(2025, 10, 31, 12, 0)),
        )
        self.assertEqual(activity.date_deadline.isoformat(), "2025-10-31")
        history = plan.message_ids.filtered(lambda m: revision.name in str(m.body))
        self.assertEqual(len(history), 1)
        body = str(history.body)
        self.assertIn("urgent order", body)
        self.assertIn(self.mfg_head.name, body)
        self.assertIn("2025-10-30 17:00", body)
        self.assertIn("2025-10-31 12:00", body)
        self.assertFalse(plan.delivery_warned_date, "still before the delivery date")

    def test_revision_rejected_leaves_dates(self):
        """R-PLN-09: a revision one manager rejects changes nothing: the
        steps keep their dates, the other stage is withdrawn."""
        plan = self._issued_plan()
        packing = self._step(plan, "packing")
        with freeze_time(local(2025, 10, 9, 10, 0)):
            revision = self._revision(
                plan, {"packing": (local(2025, 11, 3, 17, 0), local(2025, 11, 4, 17, 0))}
            )
            self._as(revision, self.mfg_head).action_submit()
        with self._refused("Nothing waits for your decision"):
            self._decide(revision, self.workshop_head)
        with freeze_time(local(2025, 10, 9, 15, 0)):
            self._decide(
                revision,
                self.sales_manager,
                "reject",
                opinion="The customer's site opens on 1 November: no delay.",
            )
        self.assertEqual(revision.state, "rejected")
        self.assertEqual(revision.review_state, "rejected")
        self.assertEqual(
            revision.review_ids.filtered(lambda r: r.stage_id == self.stage_mfg).state,
            "cancelled",
        )
        self.assertEqual(packing.planned_finish, local(2025, 10, 31, 17, 0))
        self.assertFalse(revision.approved_date)
        self.assertFalse(plan.delivery_at_risk)
        self.assertFalse(plan.delivery_warned_date)

    # ------------------------------------------------------------------
    # Outsourcing (R-PLN-25, R-PLN-26)
    # ------------------------------------------------------------------
    def test_outsourced_step_needs_general_manager_approval(self):
        """R-PLN-25, R-PLN-26: when the own capacity cannot keep the plan, a
        step is outsourced: the wizard makes a subcontract purchase order
        for the step, flagged as an outsourcing and waiting for the general
        manager's review; it cannot be confirmed (nor unflagged) before the
        general manager approves, then it can."""
        plan = self._issued_plan()
        step = self._step(plan, "cooperation")
        with freeze_time(local(2025, 10, 9, 10, 0)):
            wizard = self._wizard(step)
            self.assertEqual(wizard.date_planned, step.planned_finish)
            wizard.partner_id = self.subcontractor
            wizard.product_id = self.coating
            wizard.quantity = 2
            wizard.price_unit = 150
            wizard.reason = "Our coating line is booked for an export order."
            action = wizard.save().action_confirm()
        order = self.env["purchase.order"].browse(action["res_id"])
        self.assertTrue(order.order_plan_outsourcing)
        self.assertEqual(order.order_plan_id, plan)
        self.assertEqual(order.partner_id, self.subcontractor)
        self.assertEqual(order.state, "draft")
        self.assertEqual(step.outsource_purchase_id, order)
        self.assertEqual(order.order_line.order_plan_step_id, step)
        self.assertEqual(order.order_line.date_planned, step.planned_finish)
        self.assertEqual(order.review_state, "pending")
        self.assertEqual(order.review_ids.stage_id, self.stage_outsourcing)
        self.assertIn(self.gm, order.review_ids.reviewer_ids)
        self.assertTrue(any("outsourced" in str(m.body) for m in plan.message_ids))

        buyer_order = self._as(order, self.mfg_head)
        with self._refused("still under review"):
            buyer_order.button_confirm()
        self.assertEqual(order.state, "draft")
        with self._refused("change only through the document's own actions"):
            buyer_order.order_plan_outsourcing = False
        again = self._wizard(step)
        again.partner_id = self.subcontractor
        again.product_id = self.coating
        again.reason = "A second shop for the same parts."
        with self._refused("already outsourced"):
            again.save().action_confirm()
        # the requester does not approve their own outsourcing
        with self._refused("Nothing waits for your decision"):
            self._decide(order, self.mfg_head)

        with freeze_time(local(2025, 10, 9, 15, 0)):
            self._decide(order, self.gm, opinion="Approved: keep the coating thickness spec.")
        self.assertEqual(order.review_state, "approved")
        buyer_order.button_confirm()
        self.assertEqual(order.state, "purchase")
