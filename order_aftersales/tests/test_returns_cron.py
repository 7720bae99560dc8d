# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The return windows lapse in batch under the suite's one deadline cron
(R-AFS-14): its query count does not grow with the number of returns that
expire."""

from freezegun import freeze_time

from odoo.tests import tagged

from odoo.addons.order_review.tests.common import local

from .common import AftersalesCase


@tagged("post_install", "-at_install", "is_query_count")
class TestReturnsCron(AftersalesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.order, cls.first, cls.second, cls.invoice = cls._delivered_in_two()
        # approved at once on submission
        cls.env.ref("order_aftersales.review_stage_aftersales_manager").active = False

    def _expire(self, count):
        """`count` returns approved on Friday 26 September 2025 at 10:00,
        their other clocks moved by an earlier run; the queries of the run
        that lapses their windows."""
        requests = self.env["order.service.request"]
        for _index in range(count):
            requests |= self._return_request([(self._move(self.first, self.widget), 1, None)])
        with freeze_time(local(2025, 9, 26, 10, 0)):
            requests.with_user(self.agent).action_return_submit()
        cron = self.env["order.sla.policy"]._cron_process_deadlines
        with freeze_time(local(2025, 10, 13, 9, 59)):
            cron()
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        with freeze_time(local(2025, 10, 13, 10, 1)):
            cron()
        self.env.flush_all()
        queries = self.cr.sql_log_count - before
        self.assertEqual(set(requests.mapped("return_state")), {"expired"})
        self.assertEqual(set(requests.return_picking_ids.mapped("state")), {"cancel"})
        return queries

    def test_expiry_query_count_is_flat(self):
        """R-AFS-14: 3 or 6 returns lapsing in one run cost the same queries."""
        self._expire(1)  # warm-up, as Odoo's @warmup does
        self.assertEqual(self._expire(3), self._expire(6))
