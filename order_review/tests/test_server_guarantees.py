# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""What the server guarantees, tried as a determined user would: over
XML-RPC, with the user's own login, on the calls the web client never makes.
Each attempt is refused (or has no effect) and the record is unchanged."""

from xmlrpc.client import Fault

from odoo import Command
from odoo.tests import HttpCase, tagged

from odoo.addons.mail.tests.common import mail_new_test_user


class RpcCase(HttpCase):
    """Users with passwords (login = password) and XML-RPC calls as them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company

        def user(login, groups):
            return mail_new_test_user(
                cls.env,
                login=login,
                password=login + "-pwd",
                name=login,
                groups=groups,
                company_id=cls.company.id,
                company_ids=[Command.set(cls.company.ids)],
            )

        reviewer = (
            "base.group_user,sales_team.group_sale_salesman_all_leads,"
            "purchase.group_purchase_user,order_review.group_order_review_user"
        )
        cls.salesman = user("g_sales", "base.group_user,sales_team.group_sale_salesman")
        cls.other_salesman = user("g_sales2", "base.group_user,sales_team.group_sale_salesman")
        cls.sales_manager = user("g_manager", reviewer)
        cls.employee = user("g_employee", "base.group_user")
        cls.partner = cls.env["res.partner"].create({"name": "Huadian Switchgear"})
        cls.product = cls.env["product.product"].create(
            {"name": "Breaker OY-63", "list_price": 100.0, "type": "consu"}
        )
        cls.stage = cls.env["order.review.stage"].create(
            {
                "name": "Sales manager",
                "company_id": cls.company.id,
                "user_ids": [Command.set(cls.sales_manager.ids)],
            }
        )

    def rpc(self, user, model, method, *args, **kwargs):
        login = user.login
        uid = self.xmlrpc_common.authenticate(self.env.cr.dbname, login, login + "-pwd", {})
        return self.xmlrpc_object.execute_kw(
            self.env.cr.dbname, uid, login + "-pwd", model, method, list(args), kwargs
        )

    def order(self, user=None, price=1000.0):
        user = user or self.salesman
        return (
            self.env["sale.order"]
            .with_user(user)
            .create(
                {
                    "partner_id": self.partner.id,
                    "user_id": user.id,
                    "order_line": [
                        Command.create(
                            {
                                "product_id": self.product.id,
                                "product_uom_qty": 1,
                                "price_unit": price,
                            }
                        )
                    ],
                }
            )
        )


@tagged("post_install", "-at_install")
class TestServerGuarantees(RpcCase):
    def test_salesman_cannot_approve_own_order_by_writing_review_state(self):
        """R-REV-10: the review decides, not the salesperson: writing the
        review state, then confirming, is refused over RPC."""
        order = self.order()
        with self.assertRaisesRegex(Fault, "own actions"):
            self.rpc(self.salesman, "sale.order", "write", order.ids, {"review_state": "approved"})
        with self.assertRaisesRegex(Fault, "needs its review"):
            self.rpc(self.salesman, "sale.order", "action_confirm", order.ids)
        order.invalidate_recordset()
        self.assertFalse(order.review_state)
        self.assertEqual(order.state, "draft")

    def test_salesman_cannot_create_an_approved_or_effective_order(self):
        vals = {"partner_id": self.partner.id, "review_state": "approved"}
        with self.assertRaisesRegex(Fault, "own actions"):
            self.rpc(self.salesman, "sale.order", "create", vals)
        vals = {"partner_id": self.partner.id, "order_effective_date": "2026-01-01 08:00:00"}
        with self.assertRaisesRegex(Fault, "own actions"):
            self.rpc(self.salesman, "sale.order", "create", vals)
        # an import is refused the same way
        result = self.rpc(
            self.salesman,
            "sale.order",
            "load",
            ["partner_id/.id", "review_state"],
            [[str(self.partner.id), "approved"]],
        )
        self.assertFalse(result["ids"])
        self.assertIn("own actions", result["messages"][0]["message"])
        self.assertFalse(self.env["sale.order"].search([("partner_id", "=", self.partner.id)]))

    def test_salesman_cannot_sign_in_the_customer_s_name(self):
        """R-REV-08, R-PLN-41: the customer's signature makes the order
        effective and lets it ship: a salesperson writing it over RPC (on
        create or later) is refused; the "Customer Signed" button records
        the paper signature."""
        vals = {"partner_id": self.partner.id, "signed_on": "2026-01-01 08:00:00"}
        with self.assertRaisesRegex(Fault, "own actions"):
            self.rpc(self.salesman, "sale.order", "create", vals)
        order = self.order()
        order.with_user(self.salesman).action_request_review()
        order.review_ids.with_user(self.sales_manager)._decide(True)
        order.with_user(self.salesman).action_confirm()
        for vals in ({"signed_on": "2026-01-01 08:00:00"}, {"signed_by": "Huadian"}):
            with self.assertRaisesRegex(Fault, "own actions"):
                self.rpc(self.salesman, "sale.order", "write", order.ids, vals)
        order.invalidate_recordset()
        self.assertFalse(order.signed_on)
        self.rpc(self.salesman, "sale.order", "action_mark_signed", order.ids)
        order.invalidate_recordset()
        self.assertTrue(order.signed_on)
        self.assertEqual(order.signed_by, self.partner.name)

    def test_context_key_does_not_skip_the_review_reset(self):
        """A context key sent by the caller relaxes nothing: the price of an
        approved order changes, its review is asked again."""
        order = self.order()
        order.with_user(self.salesman).action_request_review()
        order.review_ids.with_user(self.sales_manager)._decide(True)
        self.assertEqual(order.review_state, "approved")
        line = order.order_line
        self.rpc(
            self.salesman,
            "sale.order",
            "write",
            order.ids,
            {"order_line": [(1, line.id, {"price_unit": 5.0})]},
            context={"order_review_no_reset": True, "order_workflow_transition": True},
        )
        order.invalidate_recordset()
        self.assertEqual(line.price_unit, 5.0)
        self.assertFalse(order.review_state)
        with self.assertRaisesRegex(Fault, "needs its review"):
            self.rpc(self.salesman, "sale.order", "action_confirm", order.ids)

    def test_nobody_delegates_somebody_else_s_reviews(self):
        """Only the reviewer (or a review manager) delegates their stages."""
        vals = {
            "user_id": self.sales_manager.id,
            "delegate_id": self.employee.id,
            "date_to": "2099-12-31",
        }
        with self.assertRaises(Fault):
            self.rpc(self.employee, "order.review.delegation", "create", vals)
        own = self.rpc(
            self.employee,
            "order.review.delegation",
            "create",
            {"delegate_id": self.salesman.id, "date_to": "2099-12-31"},
        )
        with self.assertRaises(Fault):
            self.rpc(
                self.employee,
                "order.review.delegation",
                "write",
                [own],
                {"user_id": self.sales_manager.id},
            )
        delegations = self.env["order.review.delegation"].search(
            [("user_id", "=", self.sales_manager.id)]
        )
        self.assertFalse(delegations)

    def test_switching_the_salesperson_does_not_let_a_reviewer_approve_own_request(self):
        """The 'own order' check uses who requested the review and who owned
        the order then; a change of salesperson is a watched change."""
        order = self.order(user=self.sales_manager)
        order.with_user(self.sales_manager).action_request_review()
        # the reviewer hands the order to a clerk: the review starts again
        self.rpc(
            self.sales_manager, "sale.order", "write", order.ids, {"user_id": self.salesman.id}
        )
        order.invalidate_recordset()
        self.assertFalse(order.review_state)
        # and requesting it again does not make the requester their own reviewer
        order.with_user(self.sales_manager).action_request_review()
        review = order.review_ids.filtered(lambda r: r.state == "pending")
        with self.assertRaisesRegex(Fault, "own order"):
            self.rpc(self.sales_manager, "order.review", "action_open_decision", review.ids)
        self.assertEqual(review.state, "pending")

    def test_reviews_are_read_by_the_people_concerned_only(self):
        """A review (customer, amount, opinions) is read by its reviewers,
        the readers of its document and review managers: not by any employee."""
        order = self.order()
        order.with_user(self.salesman).action_request_review()
        domain = [("res_model", "=", "sale.order"), ("res_id", "=", order.id)]
        seen = self.rpc(self.sales_manager, "order.review", "search_read", domain, ["name"])
        self.assertEqual(len(seen), 1)
        seen = self.rpc(self.salesman, "order.review", "search_read", domain, ["amount_total"])
        self.assertEqual(len(seen), 1, "the salesperson reads the review of their order")
        for intruder in (self.employee, self.other_salesman):
            self.assertFalse(
                self.rpc(intruder, "order.review", "search_read", domain, ["amount_total"])
            )
            with self.assertRaises(Fault):
                self.rpc(intruder, "order.review", "read", order.review_ids.ids, ["opinion"])

    def test_cancelled_order_cannot_be_written_back_to_confirmed(self):
        """R-REV-10: no way round the review through the cancelled state: a
        draft cancelled, then written straight to 'sale' (or a purchase order
        to 'purchase'), is refused like a draft."""
        order = self.order()
        self.rpc(self.salesman, "sale.order", "action_cancel", order.ids)
        with self.assertRaisesRegex(Fault, "needs its review"):
            self.rpc(self.salesman, "sale.order", "write", order.ids, {"state": "sale"})
        order.invalidate_recordset()
        self.assertEqual(order.state, "cancel")
        self.env["order.review.stage"].create(
            {
                "name": "Purchasing head",
                "model": "purchase.order",
                "company_id": self.company.id,
                "user_ids": [Command.set(self.sales_manager.ids)],
            }
        )
        purchase = (
            self.env["purchase.order"]
            .with_user(self.sales_manager)
            .create(
                {
                    "partner_id": self.partner.id,
                    "order_line": [Command.create({"product_id": self.product.id})],
                }
            )
        )
        self.rpc(self.sales_manager, "purchase.order", "write", purchase.ids, {"state": "cancel"})
        with self.assertRaisesRegex(Fault, "needs its review"):
            self.rpc(
                self.sales_manager, "purchase.order", "write", purchase.ids, {"state": "purchase"}
            )
        purchase.invalidate_recordset()
        self.assertEqual(purchase.state, "cancel")

    def test_cancel_change_and_confirm_again_asks_the_review_again(self):
        """A reviewed, confirmed order cancelled to be changed: the change
        asks the review again before it is confirmed a second time."""
        order = self.order()
        order.with_user(self.salesman).action_request_review()
        order.review_ids.with_user(self.sales_manager)._decide(True)
        order.with_user(self.salesman).action_confirm()
        self.rpc(
            self.salesman,
            "sale.order",
            "action_cancel",
            order.ids,
            context={"disable_cancel_warning": True},
        )
        self.rpc(
            self.salesman,
            "sale.order.line",
            "write",
            order.order_line.ids,
            {"price_unit": 1.0, "product_uom_qty": 999},
        )
        self.rpc(self.salesman, "sale.order", "action_draft", order.ids)
        with self.assertRaisesRegex(Fault, "needs its review"):
            self.rpc(self.salesman, "sale.order", "action_confirm", order.ids)
        order.invalidate_recordset()
        self.assertEqual(order.state, "draft")
        self.assertFalse(order.review_state)
