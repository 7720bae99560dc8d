# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Overdue delivery solutions (docs/rules.md: R-EXC-15, R-EXC-17, R-EXC-18)."""

from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from odoo.addons.mail.tests.common import mail_new_test_user
from odoo.addons.order_review.tests.review_common import OrderReviewCase


@tagged("post_install", "-at_install")
class TestOverdueSolution(OrderReviewCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.partner.email = "purchasing@huadian.example.com"
        cls.Solution = cls.env["order.overdue.solution"]
        cls.template = cls.env.ref("order_exception.mail_template_overdue_solution")
        cls.department = cls.env["order.department"].create(
            {"name": "Material control", "code": "PMC-T", "manager_id": cls.production.id}
        )
        cls.clerk = mail_new_test_user(
            cls.env,
            login="od_clerk",
            name="Office clerk",
            groups="base.group_user",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        # an order whose delivery date is promised in ten days
        cls.promised = fields.Datetime.now().replace(microsecond=0) + timedelta(days=10)
        cls.order = cls.env["sale.order"].create(
            {
                "partner_id": cls.partner.id,
                "user_id": cls.salesman.id,
                "commitment_date": cls.promised,
                "order_line": [
                    Command.create(
                        {"product_id": cls.product.id, "product_uom_qty": 10, "price_unit": 100.0}
                    )
                ],
            }
        )
        cls.order.action_confirm()

    def _solution(self, order=None, new_date=None, user=None, **values):
        """Draw up a solution from the order's button, as sales would."""
        order = order or self.order
        user = user or self.salesman
        action = order.with_user(user).action_overdue_solution()
        form = Form(self.env[action["res_model"]].with_user(user).with_context(**action["context"]))
        self.assertEqual(form.old_date, order.commitment_date or order.expected_date)
        form.new_date = new_date or self.promised + timedelta(days=14)
        form.cause = "The copper supplier stopped its line for maintenance."
        form.cause_category = "supply"
        form.department_id = self.department
        form.compensation_type = values.pop("compensation_type", "discount")
        if form.compensation_type != "none":
            form.compensation_amount = values.pop("compensation_amount", 500.0)
        form.compensation_note = "5% off the order, paid by credit note."
        for name, value in values.items():
            setattr(form, name, value)
        return form.save()

    def _solution_stage(self, name="Overdue: production", user=None):
        return self._stage(name, user or self.production, model="order.overdue.solution")

    def _customer_messages(self, solution):
        subject = f"{self.company.name}: new delivery date for order {self.order.name}"
        return solution.message_ids.filtered(lambda m: m.subject == subject)

    def test_approved_without_stage_moves_date_and_informs_customer(self):
        solution = self._solution()
        self.assertEqual(solution.state, "draft")
        self.assertTrue(solution.name.startswith("OD/"))
        self.assertEqual(solution.order_id, self.order)
        self.assertEqual(solution.partner_id, self.partner)
        self.assertEqual(solution.old_date, self.promised)
        self.assertEqual(self.order.overdue_solution_count, 1)
        new_date = solution.new_date
        self.assertFalse(self._customer_messages(solution), "nothing is sent before approval")

        solution.with_user(self.salesman).action_submit()

        self.assertEqual(solution.state, "approved")
        self.assertFalse(solution.review_state, "no stage applies")
        self.assertTrue(solution.approved_date)
        self.assertEqual(self.order.commitment_date, new_date)
        self.assertEqual(solution.old_date, self.promised, "the solution keeps the old date")
        self.assertEqual(self.order.state, "sale")
        # the order's history names both dates
        logged = self.order.message_ids.filtered(lambda m: solution.name in (m.body or ""))
        self.assertTrue(logged)
        self.assertIn(solution._format_date(self.promised), logged[0].body)
        self.assertIn(solution._format_date(new_date), logged[0].body)
        # the customer got the template's e-mail
        sent = self._customer_messages(solution)
        self.assertEqual(len(sent), 1)
        self.assertIn(self.partner, sent.partner_ids)
        self.assertEqual(sent.subtype_id, self.env.ref("mail.mt_comment"))
        self.assertIn(self.order.name, sent.body)
        self.assertIn("copper supplier", sent.body)
        self.assertIn("Discount", sent.body)
        self.assertTrue(solution.customer_informed_date)
        # approved once only, never deleted, frozen
        with self.assertRaisesRegex(UserError, "cannot be approved"):
            solution._review_on_approved()
        with self.assertRaises(UserError):
            solution.with_user(self.salesman).new_date = new_date + timedelta(days=3)
        with self.assertRaises(AccessError):
            solution.with_user(self.salesman).unlink()
        with self.assertRaisesRegex(UserError, "never deleted"):
            solution.sudo().unlink()

    def test_stage_reviewer_decides_before_the_date_moves(self):
        self._solution_stage()
        solution = self._solution()
        new_date = solution.new_date
        solution.with_user(self.salesman).action_submit()
        self.assertEqual(solution.state, "submitted")
        self.assertEqual(solution.review_state, "pending")
        self.assertEqual(solution.review_ids.mapped("name"), ["Overdue: production"])
        self.assertEqual(self.order.commitment_date, self.promised, "not before the approval")
        self.assertFalse(self._customer_messages(solution))
        # the salesperson cannot approve the solution
        with self.assertRaises(UserError):
            self._decide(solution, self.salesman)
        self._decide(solution, self.production, opinion="Supplier confirmed the new date.")
        self.assertEqual(solution.state, "approved")
        self.assertEqual(solution.review_state, "approved")
        self.assertEqual(self.order.commitment_date, new_date)
        self.assertEqual(solution.old_date, self.promised)
        self.assertEqual(len(self._customer_messages(solution)), 1)
        self.assertIn(self.partner, self._customer_messages(solution).partner_ids)

    def test_rejection_leaves_the_order_date(self):
        self._solution_stage()
        solution = self._solution()
        solution.with_user(self.salesman).action_submit()
        self._decide(
            solution, self.production, decision="reject", opinion="Ask the second supplier."
        )
        self.assertEqual(solution.state, "rejected")
        self.assertFalse(solution.approved_date)
        self.assertEqual(self.order.commitment_date, self.promised)
        self.assertFalse(self._customer_messages(solution))
        self.assertTrue(
            self.order.message_ids.filtered(
                lambda m: solution.name in (m.body or "") and "rejected" in m.body
            )
        )

    def test_new_date_must_be_after_the_old_one(self):
        with self.assertRaises(ValidationError):
            self._solution(new_date=self.promised - timedelta(days=1))
        with self.assertRaises(ValidationError):
            self._solution(new_date=self.promised)
        self.assertFalse(self.order.overdue_solution_ids)

    def test_only_confirmed_orders(self):
        quotation = self._order()
        with self.assertRaisesRegex(UserError, "confirmed sale order"):
            quotation.with_user(self.salesman).action_overdue_solution()
        with self.assertRaisesRegex(UserError, "confirmed sale order"):
            self.Solution.with_user(self.salesman).create(
                {
                    "order_id": quotation.id,
                    "new_date": self.promised,
                    "cause": "Late.",
                }
            )

    def test_expected_date_when_nothing_promised(self):
        order = self._order()
        order.action_confirm()
        self.assertFalse(order.commitment_date)
        solution = self._solution(order=order, new_date=order.expected_date + timedelta(days=5))
        self.assertEqual(solution.old_date, order.expected_date)
        solution.with_user(self.salesman).action_submit()
        self.assertEqual(order.commitment_date, solution.new_date)

    def test_cancel_and_rights(self):
        solution = self._solution(compensation_type="none")
        solution.with_user(self.salesman).action_cancel()
        self.assertEqual(solution.state, "cancel")
        self.assertEqual(self.order.commitment_date, self.promised)
        solution.with_user(self.salesman).action_submit()
        self.assertEqual(solution.state, "cancel", "a cancelled solution is not submitted")
        with self.assertRaisesRegex(UserError, "cannot be approved"):
            solution._review_on_approved()
        # a user outside sales and exceptions cannot draw up a solution
        with self.assertRaises(AccessError):
            self.Solution.with_user(self.clerk).create(
                {
                    "order_id": self.order.id,
                    "new_date": self.promised + timedelta(days=3),
                    "cause": "Late.",
                }
            )
