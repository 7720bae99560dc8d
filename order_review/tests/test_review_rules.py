# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Order class, credit and risk, delivery date feasibility, effectiveness,
purchase orders and companies (docs/rules.md: R-REV-01 to R-REV-19)."""

from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .review_common import OrderReviewCase


@tagged("post_install", "-at_install")
class TestReviewRules(OrderReviewCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stage_manager = cls._stage("Sales manager", cls.sales_manager)

    # R-REV-01 ---------------------------------------------------------
    def test_order_class_criteria(self):
        order = self._order(qty=10)
        self.assertEqual(order.order_class, "regular")
        # quantity outside the normal range
        self.product.order_regular_max_qty = 5
        order.order_line.product_uom_qty = 10
        self.assertTrue(order.nr_quantity)
        self.assertEqual(order.order_class, "non_regular")
        self.product.order_regular_max_qty = 0
        order.order_line.product_uom_qty = 9
        self.assertEqual(order.order_class, "regular")
        # customised product
        self.product.order_custom_made = True
        order.order_line.product_uom_qty = 8
        self.assertTrue(order.nr_custom_product)
        self.product.order_custom_made = False
        order.order_line.product_uom_qty = 7
        # delivery date shorter than the lead time
        order.order_line.customer_lead = 10
        order.commitment_date = order.date_order + timedelta(days=3)
        self.assertTrue(order.nr_short_lead_time)
        order.commitment_date = False
        # quality above the company's standard: a deliberate choice of sales,
        # not any text in the requirements (criterion 3)
        order.technical_requirement = "Salt-spray tested enclosure, IP65"
        self.assertEqual(order.order_class, "regular")
        order.nr_technical = True
        self.assertEqual(order.order_class, "non_regular")

    def test_order_class_override_needs_reason(self):
        order = self._order(nr_technical=True)
        self.assertEqual(order.order_class_suggested, "non_regular")
        with self.assertRaises(ValidationError):
            order.order_class_override = "regular"
        order.write({"order_class_override": "regular", "order_class_reason": "Standard IP65 kit"})
        self.assertEqual(order.order_class, "regular")

    def test_stage_depends_on_order_class(self):
        self._stage(
            "Production",
            self.production,
            sequence=30,
            kind="delivery",
            domain="[('order_class', '=', 'non_regular')]",
        )
        regular = self._order()
        regular.with_user(self.salesman).action_request_review()
        self.assertEqual(regular.review_ids.mapped("name"), ["Sales manager"])
        special = self._order(nr_technical=True)
        special.with_user(self.salesman).action_request_review()
        self.assertEqual(set(special.review_ids.mapped("name")), {"Sales manager", "Production"})

    # R-REV-12 ---------------------------------------------------------
    def test_credit_limit_adds_finance_review(self):
        self._stage(
            "Finance credit", self.finance, sequence=20, kind="credit", opinion_required=True
        )
        self.company.account_use_credit_limit = True
        self.partner.with_company(self.company).credit_limit = 5000
        within = self._order(qty=10)  # 1,000
        within.with_user(self.salesman).action_request_review()
        self.assertNotIn("Finance credit", within.review_ids.mapped("name"))
        over = self._order(qty=100)  # 10,000 > 5,000
        over.with_user(self.salesman).action_request_review()
        credit = over.review_ids.filtered(lambda r: r.name == "Finance credit")
        self.assertEqual(credit.reviewer_ids, self.finance)
        with self.assertRaisesRegex(UserError, "needs your opinion"):
            credit.with_user(self.finance)._decide(True)
        credit.with_user(self.finance)._decide(True, "Customer paid last month; accept.")
        self.assertEqual(credit.state, "approved")

    def test_risky_customer_needs_management(self):
        self._stage("Management", self.gm, sequence=50, kind="risk")
        self.partner.order_risky = True
        order = self._order()
        order.with_user(self.salesman).action_request_review()
        self.assertIn("Management", order.review_ids.mapped("name"))
        self._decide(order, self.sales_manager)
        with self.assertRaises(UserError):
            order.action_confirm()
        self._decide(order, self.gm, "reject", opinion="Too risky: refuse.")
        self.assertEqual(order.review_state, "rejected")

    # R-REV-06 ---------------------------------------------------------
    def test_delivery_date_proposal_and_decline(self):
        self._stage("Production", self.production, sequence=30, kind="delivery")
        self._stage("Decline", self.gm, sequence=90, kind="decline")
        requested = fields.Datetime.now() + timedelta(days=5)
        order = self._order(commitment_date=requested)
        order.with_user(self.salesman).action_request_review()
        self._decide(order, self.sales_manager)
        proposed = requested + timedelta(days=10)
        self._decide(order, self.production, proposed_date=proposed, opinion="Capacity full")
        self.assertEqual(order.delivery_proposal_state, "proposed")
        self.assertEqual(order.delivery_proposed_date, proposed)
        with self.assertRaisesRegex(UserError, "proposed delivery date"):
            order.action_confirm()
        # the customer refuses: the general manager decides to decline
        action = order.with_user(self.salesman).action_decline_order()
        wizard = Form(
            self.env[action["res_model"]].with_user(self.salesman).with_context(**action["context"])
        )
        wizard.reason = "The customer needs the goods in 5 days."
        wizard.save().action_confirm()
        decline = order.review_ids.filtered(lambda r: r.kind == "decline")
        self.assertEqual(decline.reviewer_ids, self.gm)
        self.assertEqual(order.state, "draft", "nothing happens before the decision")
        with self.assertRaises(AccessError):
            decline.with_user(self.sales_manager)._decide(True)
        decline.with_user(self.gm)._decide(True, "Agreed, decline.")
        self.assertEqual(order.state, "cancel")
        self.assertEqual(order.decline_reason, "The customer needs the goods in 5 days.")

    def test_delivery_date_accepted(self):
        self._stage("Production", self.production, sequence=30, kind="delivery")
        requested = fields.Datetime.now() + timedelta(days=5)
        order = self._order(commitment_date=requested)
        order.with_user(self.salesman).action_request_review()
        self._decide(order, self.sales_manager)
        proposed = requested + timedelta(days=3)
        self._decide(order, self.production, proposed_date=proposed)
        order.with_user(self.salesman).action_delivery_date_accepted()
        self.assertEqual(order.commitment_date, proposed)
        self.assertEqual(order.review_state, "approved", "accepting the proposal is no change")
        order.action_confirm()
        self.assertEqual(order.state, "sale")

    # R-REV-08 ---------------------------------------------------------
    def test_effective_after_review_signature_and_advance(self):
        self.company.write({"order_effective_signature": True, "order_effective_payment": True})
        term = self.env["account.payment.term"].create(
            {"name": "30% advance", "order_advance_percent": 30.0}
        )
        order = self._order(payment_term_id=term.id)
        order.with_user(self.salesman).action_request_review()
        self._decide(order, self.sales_manager)
        order.action_confirm()
        self.assertFalse(order.order_effective_date, "not signed, no advance")
        order.action_mark_signed()
        self.assertFalse(order.order_effective_date, "advance not paid")
        advance = order.currency_id.round(order.amount_total * 0.3)
        self.assertEqual(order.advance_required, advance)
        invoice = order._create_invoices()
        invoice.action_post()
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=invoice.ids
        ).create({"amount": advance - 1})._create_payments()
        self.assertFalse(order.order_effective_date, "not the whole advance")
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=invoice.ids
        ).create({"amount": 1})._create_payments()
        self.assertTrue(order.order_effective_date)

    def test_invoice_cancelled_by_credit_note_is_no_advance(self):
        """R-REV-08, R-PLN-41: an advance invoice reversed by a credit note
        has no residual left, but brought no money: the advance is still
        unpaid and the order not effective."""
        self.company.write({"order_effective_payment": True})
        term = self.env["account.payment.term"].create(
            {"name": "Full advance", "order_advance_percent": 100.0}
        )
        order = self._order(payment_term_id=term.id)
        order.with_user(self.salesman).action_request_review()
        self._decide(order, self.sales_manager)
        order.action_confirm()
        invoice = order._create_invoices()
        invoice.action_post()
        invoice._reverse_moves(cancel=True)
        self.assertEqual(invoice.payment_state, "reversed")
        self.assertFalse(order.advance_paid)
        self.assertFalse(order.order_effective_date)

    def test_effective_at_confirmation_without_conditions(self):
        self.stage_manager.active = False
        order = self._order()
        order.action_confirm()
        self.assertTrue(order.order_effective_date)

    # R-REV-16 to R-REV-19 -------------------------------------------
    def test_purchase_order_same_mechanism(self):
        self._stage("Purchasing head", self.gm, model="purchase.order")
        order = (
            self.env["purchase.order"]
            .with_user(self.salesman)
            .create(
                {
                    "partner_id": self.partner.id,
                    "order_line": [
                        Command.create(
                            {"product_id": self.product.id, "product_qty": 5, "price_unit": 50}
                        )
                    ],
                }
            )
        )
        with self.assertRaisesRegex(UserError, "needs its review"):
            order.with_user(self.salesman).button_confirm()
        order.with_user(self.salesman).action_request_review()
        self.assertEqual(order.review_ids.name, "Purchasing head")
        self._decide(order, self.gm, opinion="Supplier on the qualified list.")
        order.with_user(self.salesman).button_confirm()
        self.assertEqual(order.state, "purchase")
        other = order.copy()
        self.assertFalse(other.review_ids)
        self.assertFalse(other.review_state)

    # Security -----------------------------------------------------------
    def test_reviewer_of_another_company(self):
        other_company = self.env["res.company"].create({"name": "Other company"})
        outsider = self.env["res.users"].create(
            {
                "name": "Outsider",
                "login": "rv_outsider",
                "company_id": other_company.id,
                "company_ids": [Command.set(other_company.ids)],
                "groups_id": [
                    Command.set(
                        [
                            self.env.ref("base.group_user").id,
                            self.env.ref("order_review.group_order_review_user").id,
                        ]
                    )
                ],
            }
        )
        self.stage_manager.user_ids |= outsider
        order = self._order()
        order.with_user(self.salesman).action_request_review()
        review = order.review_ids
        self.assertIn(outsider, review.reviewer_ids)
        self.assertFalse(self.env["order.review"].with_user(outsider).search([]))
        with self.assertRaises(AccessError):
            review.with_user(outsider).read(["state"])
        with self.assertRaises(AccessError):
            review.with_user(outsider)._decide(True)
