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
