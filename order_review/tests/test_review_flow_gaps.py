# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Gaps of the review flow closed: the decline request, the reviewer's
proposed date on every reviewed document, the frozen order class, the first
promised dates (R-REV-01, R-REV-06, R-REV-16)."""

from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .review_common import OrderReviewCase


@tagged("post_install", "-at_install")
class TestReviewFlowGaps(OrderReviewCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stage_manager = cls._stage("Sales manager", cls.sales_manager)
        cls.stage_production = cls._stage(
            "Production", cls.production, sequence=30, kind="delivery"
        )
        cls.stage_decline = cls._stage("Decline", cls.gm, sequence=90, kind="decline")

    def _proposed(self, days=10):
        requested = fields.Datetime.now() + timedelta(days=5)
        order = self._order(commitment_date=requested)
        order.with_user(self.salesman).action_request_review()
        self._decide(order, self.sales_manager)
        proposed = requested + timedelta(days=days)
        self._decide(order, self.production, proposed_date=proposed, opinion="Capacity full")
        return order, proposed

    def _request_decline(self, order):
        action = order.with_user(self.salesman).action_decline_order()
        wizard = Form(
            self.env[action["res_model"]].with_user(self.salesman).with_context(**action["context"])
        )
        wizard.reason = "The customer needs the goods in 5 days."
        wizard.save().action_confirm()
        return order.review_ids.filtered(lambda r: r.kind == "decline")

    def test_customer_accepting_withdraws_the_decline_request(self):
        """R-REV-06: the customer finally accepts the proposed date while the
        general manager has not decided the declining yet: the request is
        withdrawn, a late decision cannot cancel the confirmed order."""
        order, proposed = self._proposed()
        decline = self._request_decline(order)
        self.assertEqual(decline.state, "pending")
        order.with_user(self.salesman).action_delivery_date_accepted()
        self.assertEqual(decline.state, "cancelled")
        self.assertFalse(decline._sla_get_activities(), "the GM's activity is gone")
        self.assertEqual(order.commitment_date, proposed)
        order.with_user(self.salesman).action_confirm()
        with self.assertRaisesRegex(UserError, "already decided or withdrawn"):
            decline.with_user(self.gm)._decide(True, "Decline after all")
        self.assertEqual(order.state, "sale")

    def test_refused_decline_leaves_a_usable_order(self):
        """R-REV-06: the general manager refuses to decline: the order goes
        back to sales, to agree a date and be reviewed again (it is not left
        blocked for ever)."""
        order, _proposed = self._proposed()
        decline = self._request_decline(order)
        decline.with_user(self.gm)._decide(False, "We keep this customer.")
        self.assertEqual(order.state, "draft")
        self.assertFalse(order.delivery_proposal_state)
        self.assertFalse(order.review_state)
        order.with_user(self.salesman).commitment_date = fields.Datetime.now() + timedelta(days=20)
        order.with_user(self.salesman).action_request_review()
        self.assertEqual(order.review_state, "pending")

    def test_decline_only_after_a_proposed_date(self):
        order = self._order()
        with self.assertRaisesRegex(UserError, "proposed delivery date"):
            order.with_user(self.salesman)._request_decline("No reason")

    def test_proposed_date_applies_to_purchase_orders(self):
        """R-REV-16/R-REV-06: a reviewer proposing another receipt date on a
        purchase order: the date is the order's, not dropped silently."""
        self._stage("Purchase production", self.production, kind="delivery", model="purchase.order")
        planned = fields.Datetime.now().replace(microsecond=0) + timedelta(days=5)
        order = (
            self.env["purchase.order"]
            .with_user(self.salesman)
            .create(
                {
                    "partner_id": self.partner.id,
                    "date_planned": planned,
                    "order_line": [
                        Command.create(
                            {
                                "product_id": self.product.id,
                                "product_qty": 3,
                                "date_planned": planned,
                            }
                        )
                    ],
                }
            )
        )
        order.with_user(self.salesman).action_request_review()
        proposed = planned + timedelta(days=7)
        self._decide(order, self.production, proposed_date=proposed)
        self.assertEqual(order.review_state, "approved")
        self.assertEqual(order.date_planned, proposed)
        self.assertEqual(order.order_line.date_planned, proposed)
        self.assertIn("as proposed by", "".join(order.message_ids.mapped("body")))
        order.with_user(self.salesman).button_confirm()
        self.assertEqual(order.first_date_planned, proposed)
        self.assertEqual(order.order_line.first_date_planned, proposed)

    def test_order_class_frozen_at_review_request(self):
        """R-REV-01: the class the reviewers judged stays: Odoo rewrites the
        order date at confirmation, the delivery date no longer looks short
        afterwards, the class does not flip."""
        self.product.order_custom_made = False
        order = self._order()
        order.order_line.customer_lead = 10
        order.commitment_date = order.date_order + timedelta(days=12)
        self.assertEqual(order.order_class, "regular")
        order.write({"order_class_override": "regular"})
        order.with_user(self.salesman).action_request_review()
        self._decide(order, self.sales_manager)
        self._decide(order, self.production)
        # a later order date would make the delivery date look short
        order.with_user(self.salesman).action_confirm()
        order.date_order = order.commitment_date - timedelta(days=1)
        self.assertFalse(order.nr_short_lead_time)
        self.assertEqual(order.order_class_suggested, "regular")
        self.assertEqual(order.order_class, "regular")

    def test_first_promised_date_kept_once(self):
        """The first reviewed delivery date is stored at confirmation and
        never overwritten (the on-time KPIs measure against it)."""
        requested = fields.Datetime.now().replace(microsecond=0) + timedelta(days=5)
        order = self._order(commitment_date=requested)
        order.with_user(self.salesman).action_request_review()
        self._decide(order, self.sales_manager)
        self._decide(order, self.production)
        order.with_user(self.salesman).action_confirm()
        self.assertEqual(order.first_commitment_date, requested)
        self.assertEqual(order.order_line.first_delivery_date, requested)
        order.commitment_date = requested + timedelta(days=30)
        self.assertEqual(order.first_commitment_date, requested)
        with self.assertRaisesRegex(UserError, "own actions"):
            order.with_user(self.salesman).first_commitment_date = requested + timedelta(days=30)
