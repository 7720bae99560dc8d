# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command
from odoo.tests import HttpCase, tagged

from .common import AftersalesCase


@tagged("post_install", "-at_install")
class TestReturnsTour(AftersalesCase, HttpCase):
    def test_agent_takes_a_return_to_closure(self):
        """R-AFS-02, R-AFS-14 in the browser, acceptance: an agent takes a
        return request received by the clerk through first contact and the
        submission; the after-sales manager approves it; the agent receives
        the goods, inspects them, settles the return (a credit note),
        notifies the customer, solves and closes the request."""
        order, first, _second, invoice = self._delivered_in_two()
        request = self._request("return", subject="Scratched widgets")
        request.write(
            {
                "line_ids": [
                    Command.create(
                        {
                            "sale_line_id": order.order_line[0].id,
                            "move_id": self._move(first, self.widget).id,
                            "quantity": 2,
                            "problem": "Scratched on arrival",
                        }
                    )
                ]
            }
        )
        url = f"/odoo/action-order_aftersales.order_service_request_action/{request.id}"
        self.start_tour(url, "order_aftersales_return_tour", login="afs_agent")
        self.assertEqual(request.return_state, "submitted")
        self.assertEqual(request.review_state, "pending")
        self.start_tour(url, "order_aftersales_return_approve_tour", login="afs_manager")
        self.assertEqual(request.return_state, "awaiting")
        self.assertEqual(len(request.return_picking_ids), 1)
        self.start_tour(url, "order_aftersales_return_close_tour", login="afs_agent")
        self.env.invalidate_all()
        self.assertEqual(request.state, "closed")
        self.assertEqual(request.return_state, "notified")
        self.assertEqual(request.return_picking_ids.state, "done")
        self.assertEqual(request.line_ids.inspection_result, "pass")
        self.assertEqual(request.refund_ids.reversed_entry_id, invoice)
        self.assertAlmostEqual(request.refund_ids.amount_untaxed, 200.0)
        self.assertIn("Refunded by credit note.", request.solution)
        self.assertEqual(request.closed_by_id, self.agent)
