# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Confirmed orders change only through a change notice (R-EXC-01, R-EXC-07),
tried over XML-RPC as the salesperson who would change the price directly;
a manager's direct change with a reason; the override of blocking rules
taken from the override wizard only."""

from datetime import timedelta
from xmlrpc.client import Fault

from odoo import Command, fields
from odoo.tests import Form, tagged

from odoo.addons.order_review.tests.test_server_guarantees import RpcCase

MANAGER = "order_exception.group_order_exception_manager"


@tagged("post_install", "-at_install")
class TestChangeControl(RpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stage.active = False  # the review is not what is tried here
        cls.company.order_change_control = True
        cls.manager = cls.env["res.users"].create(
            {
                "name": "Exception manager",
                "login": "g_exc_manager",
                "password": "g_exc_manager-pwd",
                "groups_id": [
                    Command.set(
                        [
                            cls.env.ref("base.group_user").id,
                            cls.env.ref("sales_team.group_sale_salesman_all_leads").id,
                            cls.env.ref("purchase.group_purchase_user").id,
                            cls.env.ref(MANAGER).id,
                        ]
                    )
                ],
            }
        )

    def confirmed(self, price=1000.0):
        order = self.order(price=price)
        order.commitment_date = fields.Datetime.now().replace(microsecond=0) + timedelta(days=20)
        order.action_confirm()
        return order

    def test_salesman_cannot_change_a_confirmed_order_directly(self):
        """R-EXC-01: the price of a confirmed order, its delivery date, its
        lines: refused over RPC, the order unchanged; the error points to
        Change Order."""
        order = self.confirmed()
        line = order.order_line
        date = order.commitment_date
        attempts = [
            {"order_line": [(1, line.id, {"price_unit": 5.0})]},
            {"commitment_date": fields.Datetime.to_string(date + timedelta(days=9))},
            {"order_line": [(0, 0, {"product_id": self.product.id, "price_unit": 1})]},
            {"order_line": [(2, line.id, 0)]},
        ]
        for vals in attempts:
            with self.subTest(vals=vals), self.assertRaisesRegex(Fault, "Change Order"):
                self.rpc(self.salesman, "sale.order", "write", order.ids, vals)
        with self.assertRaisesRegex(Fault, "Change Order"):
            self.rpc(self.salesman, "sale.order.line", "write", line.ids, {"product_uom_qty": 99})
        order.invalidate_recordset()
        self.assertEqual(line.price_unit, 1000.0)
        self.assertEqual(line.product_uom_qty, 1)
        self.assertEqual(order.commitment_date, date)
        self.assertEqual(len(order.order_line), 1)
        # the manager too needs a reason first, and no context key replaces it
        with self.assertRaisesRegex(Fault, "Change Order"):
            self.rpc(
                self.manager,
                "sale.order",
                "write",
                order.ids,
                {"order_line": [(1, line.id, {"price_unit": 5.0})]},
                context={"order_workflow_transition": True},
            )
        # nor can anybody open the order for themselves through the fields
        with self.assertRaisesRegex(Fault, "own actions"):
            self.rpc(
                self.salesman,
                "sale.order",
                "write",
                order.ids,
                {
                    "change_direct_user_id": self.salesman.id,
                    "change_direct_until": "2099-01-01 00:00:00",
                },
            )
        # what is not reviewed stays free (Odoo's own flows: a note, a tag)
        self.rpc(self.salesman, "sale.order", "write", order.ids, {"note": "Call before delivery"})

    def test_manager_direct_change_with_a_reason(self):
        """A manager forces a direct change: the reason and every old → new
        value are in the chatter; the first promised date stays."""
        order = self.confirmed()
        first = order.first_commitment_date
        self.assertTrue(first)
        action = order.with_user(self.manager).action_direct_change()
        wizard = Form(
            self.env[action["res_model"]].with_user(self.manager).with_context(**action["context"])
        )
        wizard.reason = "Price error on the quotation, agreed with the customer by phone."
        wizard.save().action_confirm()
        # the salesperson still may not
        with self.assertRaisesRegex(Fault, "Change Order"):
            self.rpc(
                self.salesman,
                "sale.order",
                "write",
                order.ids,
                {"order_line": [(1, order.order_line.id, {"price_unit": 5.0})]},
            )
        new_date = first + timedelta(days=3)
        self.rpc(
            self.manager,
            "sale.order",
            "write",
            order.ids,
            {
                "order_line": [(1, order.order_line.id, {"price_unit": 900.0})],
                "commitment_date": fields.Datetime.to_string(new_date),
            },
        )
        order.invalidate_recordset()
        self.assertEqual(order.order_line.price_unit, 900.0)
        self.assertEqual(order.commitment_date, new_date)
        self.assertEqual(order.first_commitment_date, first, "stored once")
        log = "".join(order.message_ids.mapped("body"))
        self.assertIn("Price error on the quotation", log)
        self.assertIn("1000.0 → 900.0", log)
        order.with_user(self.manager).action_direct_change_end()
        with self.assertRaisesRegex(Fault, "Change Order"):
            self.rpc(
                self.manager,
                "sale.order",
                "write",
                order.ids,
                {"order_line": [(1, order.order_line.id, {"price_unit": 800.0})]},
            )

    def test_change_notice_still_changes_the_order(self):
        """R-EXC-01: the change notice is the way: applied, it changes the
        controlled order."""
        order = self.confirmed()
        notice = (
            self.env["order.change.notice"]
            .with_user(self.salesman)
            .create({"order_id": order.id, "customer_reason": "Budget cut"})
        )
        notice.line_ids.name = "Breaker OY-63, grey enclosure"
        notice.with_user(self.salesman).action_submit()
        self.assertEqual(notice.state, "applied")
        self.assertEqual(order.order_line.name, "Breaker OY-63, grey enclosure")

    def test_without_the_setting_odoo_behaves_as_before(self):
        self.company.order_change_control = False
        order = self.confirmed()
        self.rpc(
            self.salesman,
            "sale.order",
            "write",
            order.ids,
            {"order_line": [(1, order.order_line.id, {"price_unit": 5.0})]},
        )
        self.assertEqual(order.order_line.price_unit, 5.0)

    def test_notice_lines_change_only_their_own_order(self):
        """R-EXC-01: a notice of one order cannot carry a line of another
        order (and so change it past that order's own notice and review)."""
        order, other = self.confirmed(), self.confirmed()
        vals = {
            "order_id": order.id,
            "customer_reason": "Budget cut",
            "line_ids": [
                (
                    0,
                    0,
                    {
                        "sale_line_id": other.order_line.id,
                        "product_id": self.product.id,
                        "product_uom_qty": 5000,
                        "price_unit": 1000.0,
                    },
                )
            ],
        }
        with self.assertRaisesRegex(Fault, "can only change lines of that order"):
            self.rpc(self.salesman, "order.change.notice", "create", vals)
        self.assertFalse(
            self.env["order.change.notice"].search([("order_id", "in", (order | other).ids)])
        )
        self.assertEqual(other.order_line.product_uom_qty, 1)

    def test_only_a_manager_ends_a_direct_change(self):
        order = self.confirmed()
        order.with_user(self.manager)._change_open_direct("Agreed by phone")
        with self.assertRaises(Fault):
            self.rpc(self.salesman, "sale.order", "action_direct_change_end", order.ids)
        self.assertEqual(order.change_direct_user_id, self.manager)

    def test_submitted_overdue_solution_cannot_go_back_to_draft(self):
        """R-EXC-17: what the departments review is what gets applied: the
        salesperson cannot write a submitted solution back to draft, nor
        change its date or compensation while its review is pending."""
        self.company.order_change_control = False
        self.env["order.review.stage"].create(
            {
                "name": "Overdue solution: sales manager",
                "model": "order.overdue.solution",
                "company_id": self.company.id,
                "user_ids": [Command.set(self.sales_manager.ids)],
            }
        )
        order = self.confirmed()
        solution = (
            self.env["order.overdue.solution"]
            .with_user(self.salesman)
            .create(
                {
                    "order_id": order.id,
                    "new_date": order.commitment_date + timedelta(days=10),
                    "cause": "Coil supplier late",
                    "compensation_type": "discount",
                    "compensation_amount": 100.0,
                }
            )
        )
        solution.with_user(self.salesman).action_submit()
        self.assertEqual((solution.state, solution.review_state), ("submitted", "pending"))
        for vals in (
            {"state": "draft"},
            {"review_state": "approved"},
            {"new_date": "2099-01-01 00:00:00"},
            {"compensation_amount": 1.0},
        ):
            with self.subTest(vals=vals), self.assertRaises(Fault):
                self.rpc(self.salesman, "order.overdue.solution", "write", solution.ids, vals)
        solution.invalidate_recordset()
        self.assertEqual((solution.state, solution.review_state), ("submitted", "pending"))
        self.assertEqual(solution.compensation_amount, 100.0)
