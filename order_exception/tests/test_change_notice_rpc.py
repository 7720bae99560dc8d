# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Change notice guards over JSON-RPC: the client asks, the server decides."""

from odoo import Command
from odoo.tests import HttpCase, tagged
from odoo.tests.common import JsonRpcException

from odoo.addons.mail.tests.common import mail_new_test_user
from odoo.addons.order_review.tests.rpc import JsonRpcCase


@tagged("post_install", "-at_install")
class TestChangeNoticeRpc(JsonRpcCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.salesman = mail_new_test_user(
            cls.env,
            login="cn_rpc_salesman",
            password="cn_rpc_salesman",
            groups="base.group_user,sales_team.group_sale_salesman",
        )
        cls.env["order.review.stage"].create(
            {
                "name": "RPC change stage",
                "model": "order.change.notice",
                "user_ids": [Command.set(cls.env.ref("base.user_admin").ids)],
            }
        )
        partner = cls.env["res.partner"].create({"name": "RPC change customer"})
        product = cls.env["product.product"].create({"name": "RPC breaker", "list_price": 10})
        cls.order = cls.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "user_id": cls.salesman.id,
                "order_line": [Command.create({"product_id": product.id, "product_uom_qty": 10})],
            }
        )
        cls.order.action_confirm()

    def test_rpc_cannot_send_a_submitted_notice_back_to_draft(self):
        """R-EXC-01: what the reviewers review stays as submitted: a salesman
        writing the state of a submitted notice over JSON-RPC is refused, even
        with a context key asking to relax the check, and nothing changes."""
        notice = self.env["order.change.notice"].create(
            {"order_id": self.order.id, "customer_reason": "Fewer breakers."}
        )
        notice.line_ids.product_uom_qty = 8
        notice.action_submit()
        self.assertEqual(notice.state, "submitted")
        self.authenticate("cn_rpc_salesman", "cn_rpc_salesman")
        attacks = [
            ("write", [notice.ids, {"state": "draft"}], {}),
            ("write", [notice.ids, {"state": "draft"}], {"context": {"workflow_transition": 1}}),
            ("write", [notice.ids, {"version": 9, "snapshot_before": {}}], {}),
            ("create", [{"order_id": self.order.id, "state": "applied"}], {}),
        ]
        for method, args, kwargs in attacks:
            with (
                self.subTest(method=method, args=args),
                self.assertRaisesRegex(JsonRpcException, "odoo.exceptions.UserError"),
            ):
                self._call("order.change.notice", method, args, kwargs)
        self.env.invalidate_all()
        self.assertEqual(notice.state, "submitted")
        self.assertEqual(notice.version, 1)
        self.assertTrue(notice.snapshot_before)
        self.assertEqual(self.order.change_notice_count, 1)
