# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import xmlrpc.client

from odoo import Command
from odoo.tests import HttpCase, tagged

from odoo.addons.mail.tests.common import mail_new_test_user


@tagged("post_install", "-at_install")
class TestReviewTour(HttpCase):
    def test_reviewer_approves_in_the_browser(self):
        """A reviewer opens My Reviews, approves with an opinion (R-REV-12)."""
        reviewer = mail_new_test_user(
            self.env,
            login="tour_reviewer",
            name="Tour reviewer",
            groups="base.group_user,sales_team.group_sale_salesman_all_leads,"
            "order_review.group_order_review_user",
        )
        self.env["order.review.stage"].create(
            {"name": "Tour stage", "user_ids": [Command.set(reviewer.ids)]}
        )
        partner = self.env["res.partner"].create({"name": "Tour customer"})
        product = self.env["product.product"].create({"name": "Tour product", "list_price": 10})
        order = self.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "order_line": [Command.create({"product_id": product.id, "product_uom_qty": 3})],
            }
        )
        order.action_request_review()
        self.start_tour("/odoo", "order_review_approve_tour", login="tour_reviewer")
        review = order.review_ids
        self.assertEqual(review.state, "approved")
        self.assertEqual(review.decided_by_id, reviewer)
        self.assertEqual(review.opinion, "Price policy respected.")
        self.assertEqual(order.review_state, "approved")

    def test_rpc_confirmation_is_refused(self):
        """A salesperson confirming an unreviewed order through XML-RPC gets the
        review message, and the order stays a quotation."""
        salesman = mail_new_test_user(
            self.env,
            login="rpc_salesman",
            name="RPC salesman",
            groups="base.group_user,sales_team.group_sale_salesman",
        )
        reviewer = mail_new_test_user(self.env, login="rpc_reviewer", name="RPC reviewer")
        self.env["order.review.stage"].create(
            {"name": "RPC stage", "user_ids": [Command.set(reviewer.ids)]}
        )
        partner = self.env["res.partner"].create({"name": "RPC customer"})
        product = self.env["product.product"].create({"name": "RPC product", "list_price": 10})
        order = (
            self.env["sale.order"]
            .with_user(salesman)
            .create(
                {
                    "partner_id": partner.id,
                    "order_line": [Command.create({"product_id": product.id})],
                }
            )
        )
        with self.assertRaisesRegex(xmlrpc.client.Fault, "needs its review before it is confirmed"):
            self.xmlrpc_object.execute_kw(
                self.env.cr.dbname,
                salesman.id,
                "rpc_salesman",
                "sale.order",
                "action_confirm",
                [order.ids],
            )
        with self.assertRaisesRegex(xmlrpc.client.Fault, "needs its review"):
            self.xmlrpc_object.execute_kw(
                self.env.cr.dbname,
                salesman.id,
                "rpc_salesman",
                "sale.order",
                "write",
                [order.ids, {"state": "sale"}],
            )
        self.assertEqual(order.state, "draft")
