# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from freezegun import freeze_time

from odoo.tests import tagged

from odoo.addons.order_review.tests.common import local

from .common import AftersalesCase


@tagged("post_install", "-at_install")
class TestServiceRequest(AftersalesCase):
    def test_transfer_clock_across_lunch(self):
        """R-AFS-01: a request received Friday 11:50 is due at after-sales at
        14:20 (60 working minutes across lunch); the solution clock runs beside."""
        request = self._request()
        self.assertRegex(request.name, r"^QR/JY-2005/")
        self.assertEqual(
            self._clock(request, "aftersales_transfer").sla_deadline, local(2025, 9, 26, 14, 20)
        )
        self.assertEqual(request.sla_clock_state, "running")
        with freeze_time(local(2025, 9, 26, 14, 0)):
            request.action_transfer()
        self.assertTrue(request.transfer_on_time)
        # R-AFS-02: first contact within 2 working hours of the transfer
        self.assertEqual(
            self._clock(request, "aftersales_contact").sla_deadline, local(2025, 9, 26, 16, 0)
        )

    def test_delivered_in_two(self):
        order, first, second, invoice = self._delivered_in_two()
        self.assertEqual(len(order.picking_ids), 2)
        self.assertEqual(invoice.amount_untaxed, 1200.0)

    def test_head_todo_done_on_transfer_or_cancel(self):
        """R-AFS-01: the after-sales head is asked to take a new request; once
        the request is transferred (or cancelled) the to-do is done, with the
        reason in the chatter; the other activities of the request (a to-do,
        the deadlines of its clocks) stay."""
        new_request = self.env.ref("order_aftersales.mail_activity_type_new_request")
        transferred, cancelled = (
            self._request(subject="Transferred"),
            self._request(subject="Cancelled"),
        )
        for request in transferred | cancelled:
            todo = request.activity_ids.filtered(lambda a: a.activity_type_id == new_request)
            self.assertEqual(todo.user_id, self.head)
        other = transferred.activity_schedule(
            "mail.mail_activity_data_todo", summary="Call back", user_id=self.agent.id
        )
        with freeze_time(local(2025, 9, 26, 12, 0)):
            transferred.with_user(self.clerk).action_transfer()
            cancelled.with_user(self.head).action_cancel()
        self.assertFalse(
            (transferred | cancelled).activity_ids.filtered(
                lambda a: a.activity_type_id == new_request
            )
        )
        self.assertIn(other, transferred.activity_ids)
        for request, reason in (
            (transferred, "Transferred to after-sales."),
            (cancelled, "The service request was cancelled."),
        ):
            done = request.message_ids.filtered(
                lambda m, r=reason: m.mail_activity_type_id == new_request and r in (m.body or "")
            )
            self.assertEqual(len(done), 1)
