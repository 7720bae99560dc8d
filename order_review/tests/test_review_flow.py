# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Review stages on sale and purchase orders (docs/rules.md: R-REV-*)."""

from datetime import datetime

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import as_local
from .review_common import OrderReviewCase


@tagged("post_install", "-at_install")
class TestReviewFlow(OrderReviewCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # R-REV-10: the sales manager checks every order against the price policy
        cls.stage_manager = cls._stage("Sales manager", cls.sales_manager)
        # R-REV-12: finance checks large orders
        cls.stage_finance = cls._stage(
            "Finance", cls.finance, sequence=20, domain="[('amount_total', '>', 500000)]"
        )

    def test_no_stage_means_standard_odoo(self):
        self.Stage.search([]).active = False
        order = self._order()
        order.action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertFalse(order.review_state)

    def test_unreviewed_order_cannot_be_confirmed_by_any_path(self):
        """The check is server-side: button, RPC write, server action."""
        order = self._order()
        with self.assertRaisesRegex(UserError, "needs its review before it is confirmed"):
            order.with_user(self.salesman).action_confirm()
        with self.assertRaises(UserError):
            order.with_user(self.salesman).write({"state": "sale"})
        server_action = self.env["ir.actions.server"].create(
            {
                "name": "Confirm",
                "model_id": self.env["ir.model"]._get_id("sale.order"),
                "state": "code",
                "code": "records.action_confirm()",
            }
        )
        with self.assertRaises(UserError):
            server_action.with_context(active_model="sale.order", active_ids=order.ids).run()
        self.assertEqual(order.state, "draft")

    def test_request_freezes_stages_and_reviewers(self):
        order = self._order()
        with freeze_time(self.at(2025, 9, 12, 16, 0)):  # Friday 16:00
            order.with_user(self.salesman).action_request_review()
        self.assertEqual(order.review_state, "pending")
        review = order.review_ids
        self.assertEqual(review.name, "Sales manager", "finance only reviews large orders")
        self.assertEqual(review.reviewer_ids, self.sales_manager)
        # the reviewer has an activity due on the 4-working-hour deadline
        self.assertEqual(as_local(review.sla_deadline), datetime(2025, 9, 15, 11, 0))
        activity = order.activity_ids.filtered(lambda a: a.user_id == self.sales_manager)
        self.assertEqual(str(activity.date_deadline), "2025-09-15")
        # editing the stage later does not change the running review (OCA server-ux#306)
        self.stage_manager.user_ids = self.gm
        self.assertEqual(review.reviewer_ids, self.sales_manager)
        with self.assertRaises(AccessError):
            review.with_user(self.gm)._decide(True)

    def test_approve_then_confirm(self):
        order = self._order()
        order.with_user(self.salesman).action_request_review()
        self._decide(order, self.sales_manager, opinion="Price policy respected.")
        review = order.review_ids
        self.assertEqual(review.state, "approved")
        self.assertEqual(review.decided_by_id, self.sales_manager)
        self.assertEqual(review.opinion, "Price policy respected.")
        self.assertEqual(order.review_state, "approved")
        order.with_user(self.salesman).action_confirm()
        self.assertEqual(order.state, "sale")

    def test_rejection_needs_a_reason_and_returns_to_draft(self):
        order = self._order()
        order.with_user(self.salesman).action_request_review()
        self._decide(order, self.sales_manager)
        order.with_context(mark_so_as_sent=True).message_post(body="Quotation sent")
        self.assertEqual(order.state, "sent")
        # the customer asks for a change: the review starts again, and fails
        order.with_user(self.salesman).order_line.price_unit = 80
        order.with_user(self.salesman).action_request_review()
        review = order.review_ids.filtered(lambda r: r.state == "pending")
        with self.assertRaisesRegex(UserError, "reason"):
            review.with_user(self.sales_manager)._decide(False)
        self._decide(order, self.sales_manager, "reject", opinion="Price below the floor.")
        self.assertEqual(order.review_state, "rejected")
        self.assertEqual(order.state, "draft")
        self.assertIn("Price below the floor.", order.message_ids[0].body)
        with self.assertRaisesRegex(UserError, "rejected in review"):
            order.action_confirm()

    def test_sequential_stage_waits(self):
        self._stage("General manager", self.gm, sequence=40, sequential=True)
        order = self._order()
        order.with_user(self.salesman).action_request_review()
        by_name = {r.name: r for r in order.review_ids}
        self.assertEqual(by_name["Sales manager"].state, "pending")
        self.assertEqual(by_name["General manager"].state, "waiting")
        self.assertFalse(order.activity_ids.filtered(lambda a: a.user_id == self.gm))
        self._decide(order, self.sales_manager)
        self.assertEqual(by_name["General manager"].state, "pending")
        self.assertEqual(order.review_state, "pending")
        self._decide(order, self.gm)
        self.assertEqual(order.review_state, "approved")

    def test_parallel_stages_run_together(self):
        order = self._order(qty=10, price=60000)  # 600,000: finance too
        order.with_user(self.salesman).action_request_review()
        self.assertEqual(set(order.review_ids.mapped("state")), {"pending"})
        self._decide(order, self.finance)
        self.assertEqual(order.review_state, "pending")
        self._decide(order, self.sales_manager)
        self.assertEqual(order.review_state, "approved")

    def test_change_after_approval_asks_again(self):
        order = self._order()
        order.with_user(self.salesman).action_request_review()
        self._decide(order, self.sales_manager)
        order.with_user(self.salesman).order_line.product_uom_qty = 20
        self.assertFalse(order.review_state)
        self.assertEqual(order.review_ids.state, "approved", "history is kept")
        self.assertIn("Quantity", order.message_ids[0].body)
        with self.assertRaisesRegex(UserError, "needs its review"):
            order.action_confirm()
        # a new line, a removed line, the payment terms: each asks again
        order.with_user(self.salesman).action_request_review()
        self._decide(order, self.sales_manager)
        order.with_user(self.salesman).order_line = [
            Command.create({"product_id": self.product.id, "product_uom_qty": 1})
        ]
        self.assertFalse(order.review_state)
        self.assertIn("added", order.message_ids[0].body)

    def test_send_and_portal_wait_for_the_review(self):
        order = self._order(require_signature=True, require_payment=False)
        with self.assertRaisesRegex(UserError, "needs its review"):
            order.with_user(self.salesman).action_quotation_send()
        with self.assertRaises(UserError):
            order.with_context(mark_so_as_sent=True).message_post(body="Quotation")
        self.assertFalse(order._has_to_be_signed())
        order.with_user(self.salesman).action_request_review()
        self.assertFalse(order._has_to_be_signed())
        self._decide(order, self.sales_manager)
        self.assertTrue(order._has_to_be_signed())
        order.with_user(self.salesman).action_quotation_send()

    def test_only_the_reviewer_decides(self):
        order = self._order()
        order.with_user(self.salesman).action_request_review()
        review = order.review_ids
        for intruder in (self.finance, self.salesman):
            with self.assertRaises(AccessError):
                review.with_user(intruder)._decide(True)
        self.assertEqual(review.state, "pending")

    def test_salesperson_cannot_approve_own_order(self):
        order = self._order(user=self.sales_manager)
        order.with_user(self.sales_manager).action_request_review()
        with self.assertRaisesRegex(AccessError, "your own order"):
            order.review_ids.with_user(self.sales_manager)._decide(True)
        self.stage_manager.allow_own_approval = True
        order.with_user(self.sales_manager).action_request_review()
        self._decide(order, self.sales_manager)
        self.assertEqual(order.review_state, "approved")

    def test_delegation_records_both_names(self):
        """A reviewer away delegates for a date range; the decision says who
        decided and for whom."""
        with freeze_time("2025-09-15 02:00:00"):
            self.env["order.review.delegation"].with_user(self.sales_manager).create(
                {
                    "delegate_id": self.finance.id,
                    "date_from": "2025-09-15",
                    "date_to": "2025-09-19",
                }
            )
            order = self._order()
            order.with_user(self.salesman).action_request_review()
            self.assertTrue(order.with_user(self.finance).review_can_decide)
            self._decide(order, self.finance, opinion="For Li Ming.")
        review = order.review_ids
        self.assertEqual(review.decided_by_id, self.finance)
        self.assertEqual(review.on_behalf_of_id, self.sales_manager)
        self.assertIn("on behalf of", order.message_ids[0].body)
        # outside the date range the delegate is nobody
        with freeze_time("2025-09-22 02:00:00"):
            order.with_user(self.salesman).action_request_review()
            with self.assertRaises(AccessError):
                order.review_ids.filtered(lambda r: r.state == "pending").with_user(
                    self.finance
                )._decide(True)

    def test_my_reviews_and_deadline_states(self):
        order = self._order()
        with freeze_time(self.at(2025, 9, 12, 16, 0)):
            order.with_user(self.salesman).action_request_review()
        mine = (
            self.env["order.review"]
            .with_user(self.sales_manager)
            .search([("can_decide", "=", True)])
        )
        self.assertEqual(mine, order.review_ids)
        self.assertFalse(
            self.env["order.review"].with_user(self.finance).search([("can_decide", "=", True)])
        )
        with freeze_time(self.at(2025, 9, 15, 11, 30)):
            self.env["order.sla.policy"]._cron_process_deadlines()
        self.assertEqual(order.review_ids.sla_state, "overdue")
        with freeze_time(self.at(2025, 9, 15, 13, 40)):
            self._decide(order, self.sales_manager)
        self.assertEqual(order.review_ids.sla_state, "missed")
        self.assertAlmostEqual(order.review_ids.duration_hours, 69.67, places=1)

    def test_import_cannot_create_confirmed_orders(self):
        """An import (or RPC create) of an order already confirmed is refused
        while a stage applies to it."""
        partner_xmlid = self.partner.export_data(["id"])["datas"][0][0]
        product_xmlid = self.product.export_data(["id"])["datas"][0][0]
        result = (
            self.env["sale.order"]
            .with_user(self.salesman)
            .load(
                ["partner_id/id", "state", "order_line/product_id/id"],
                [[partner_xmlid, "sale", product_xmlid]],
            )
        )
        self.assertFalse(result["ids"])
        self.assertIn("needs its review", result["messages"][0]["message"])
        with self.assertRaisesRegex(UserError, "needs its review"):
            self.env["sale.order"].with_user(self.salesman).create(
                {"partner_id": self.partner.id, "state": "sale"}
            )
