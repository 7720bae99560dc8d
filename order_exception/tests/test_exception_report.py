# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Exception reports: the 20 / 30 minute ladder, the closed loop, the
responsibility decision and the repeat rule (seeds-digest §3.4, §3.5:
R-EXC-10, R-EXC-25 to R-EXC-29)."""

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.order_review.tests.common import local

from .exception_common import OrderExceptionCase


@tagged("post_install", "-at_install")
class TestExceptionReport(OrderExceptionCase):
    def _cron(self, when):
        with freeze_time(when):
            self.env["order.sla.policy"]._cron_process_deadlines()

    def test_ladder_moves_at_20_and_50_minutes_on_the_working_calendar(self):
        """R-EXC-10: found at 11:50 on a Monday, the 20 minutes run to 12:00
        and on from 13:30 after lunch: the department head is asked at 13:40,
        the general manager 30 working minutes later, at 14:10."""
        with freeze_time(local(2025, 9, 15, 11, 50)):
            report = self._report(found_date=local(2025, 9, 15, 11, 50))
        self.assertEqual(report.name[:3], "EX/")
        self.assertEqual(report.department_id, self.qc, "the category's department")
        self.assertEqual(report.addressee_ids, self.qc_head, "the report goes to its head")
        self.assertEqual(report.sla_deadline, local(2025, 9, 15, 13, 40))
        self.assertEqual(self._activity_users(report), self.qc_head)

        self._cron(local(2025, 9, 15, 13, 39))
        self.assertEqual((report.sla_state, report.sla_level), ("running", 1))
        self._cron(local(2025, 9, 15, 13, 41))
        self.assertEqual((report.sla_state, report.sla_level), ("overdue", 2))
        self.assertEqual(report.sla_next_check, local(2025, 9, 15, 14, 10))
        self._cron(local(2025, 9, 15, 14, 9))
        self.assertEqual(report.sla_level, 2)
        self._cron(local(2025, 9, 15, 14, 11))
        self.assertEqual(report.sla_level, 3)
        self.assertIn(self.gm, self._activity_users(report))
        self.assertIn("General manager Wang", report.message_ids[0].body)

    def test_ladder_skips_the_night(self):
        """Found at 17:20, the reaction is due at 08:40 the next working morning."""
        with freeze_time(local(2025, 9, 19, 17, 20)):  # a Friday
            report = self._report(found_date=local(2025, 9, 19, 17, 20))
        self.assertEqual(report.sla_deadline, local(2025, 9, 22, 8, 40))

    def test_acknowledge_stops_the_clock(self):
        with freeze_time(local(2025, 9, 15, 9, 0)):
            report = self._report(found_date=local(2025, 9, 15, 9, 0))
        with freeze_time(local(2025, 9, 15, 9, 12)):
            report.with_user(self.qc_head).action_acknowledge()
        self.assertEqual(report.state, "acknowledged")
        self.assertEqual(report.acknowledged_by_id, self.qc_head)
        self.assertEqual(report.sla_state, "met")
        self.assertFalse(self._activity_users(report), "the reaction activity is done")
        self._cron(local(2025, 9, 15, 10, 0))
        self.assertEqual(report.sla_level, 1, "a met clock never escalates")

    def test_who_handles_a_report(self):
        """The people it concerns and the heads act on a report; others do not."""
        report = self._report()
        with self.assertRaises(AccessError):
            report.with_user(self.other_inspector).action_acknowledge()
        with self.assertRaises(AccessError):
            report.with_user(self.salesman).write({"title": "Nothing"})
        report.with_user(self.inspector).action_acknowledge()  # a member of QA
        self.assertEqual(report.user_id, self.inspector)

    def test_closed_loop(self):
        """R-EXC-27: resolved with a root cause and an action, the improvement
        verified by a head, then closed."""
        report = self._report()
        report.with_user(self.qc_head).action_start()
        self.assertEqual(report.state, "in_progress")
        with self.assertRaises(UserError):
            report.with_user(self.inspector).action_resolve()
        report.with_user(self.inspector).write(
            {"root_cause": "Enamelled wire batch", "corrective_action": "Change the batch"}
        )
        report.with_user(self.inspector).action_resolve()
        with self.assertRaises(AccessError):
            report.with_user(self.inspector).action_verify()
        report.with_user(self.qc_head).action_not_improved()
        self.assertEqual(report.state, "in_progress")
        report.with_user(self.inspector).action_resolve()
        report.with_user(self.qc_head).action_verify()
        self.assertTrue(report.improvement_verified)
        self.assertEqual(report.verified_by_id, self.qc_head)
        report.with_user(self.qc_head).action_close()
        self.assertEqual(report.state, "closed")
        with self.assertRaises(UserError):
            report.unlink()

    def test_only_a_manager_closes_unverified_and_decides_responsibility(self):
        """R-EXC-27, R-EXC-32: the manager arbitrates responsibility."""
        report = self._report()
        with self.assertRaises(AccessError):
            report.with_user(self.qc_head).action_close()
        with self.assertRaises(AccessError):
            report.with_user(self.qc_head).write({"responsibility_decision": "Supplier"})
        report.with_user(self.gm).write(
            {"responsibility_department_id": self.purchasing.id, "responsibility_decision": "Ok"}
        )
        self.assertEqual(report.responsibility_decided_by_id, self.gm)
        report.with_user(self.gm).action_close()
        self.assertEqual(report.state, "closed")
        self.assertFalse(report.improvement_verified)

    def test_second_unimproved_repeat_escalates(self):
        """R-EXC-29: the same product and category back after reports closed
        without verified improvement; the second such repeat goes one level up
        at once and says why."""
        first = self._report(product_id=self.product.id, found_date=local(2025, 9, 1, 9, 0))
        first.with_user(self.gm).action_close()
        second = self._report(product_id=self.product.id, found_date=local(2025, 9, 8, 9, 0))
        self.assertEqual((second.repeat_count, second.previous_report_id), (1, first))
        self.assertEqual(second.sla_level, 1, "the first repeat is not escalated")
        self.assertFalse(second.escalation_reason)
        second.with_user(self.gm).action_close()

        with freeze_time(local(2025, 9, 15, 9, 0)):
            third = self._report(product_id=self.product.id, found_date=local(2025, 9, 15, 9, 0))
        self.assertEqual((third.repeat_count, third.previous_report_id), (2, second))
        self.assertEqual(third.sla_level, 2, "escalated one level at once")
        self.assertIn("2 reports closed in a row", third.escalation_reason)
        self.assertIn("Why:", third.message_ids[0].body)
        # another product, or another category, is not a repeat
        other = self._report(found_date=local(2025, 9, 15, 9, 0))
        self.assertEqual(other.repeat_count, 0)

    def test_verified_improvement_breaks_the_chain(self):
        first = self._report(product_id=self.product.id, found_date=local(2025, 9, 1, 9, 0))
        first.with_user(self.gm).action_close()
        fixed = self._report(
            product_id=self.product.id,
            found_date=local(2025, 9, 5, 9, 0),
            root_cause="Wire",
            corrective_action="Supplier changed",
        )
        fixed.with_user(self.qc_head).action_start()
        fixed.with_user(self.qc_head).action_resolve()
        fixed.with_user(self.qc_head).action_verify()
        fixed.with_user(self.qc_head).action_close()
        again = self._report(product_id=self.product.id, found_date=local(2025, 9, 15, 9, 0))
        self.assertEqual(again.repeat_count, 0)

    def test_overdue_search(self):
        late = self._report(date_due="2025-01-01")
        on_time = self._report(date_due="2099-01-01")
        found = self.Report.search([("is_overdue", "=", True), ("id", "in", (late | on_time).ids)])
        self.assertEqual(found, late)
        not_late = self.Report.search(
            [("is_overdue", "=", False), ("id", "in", (late | on_time).ids)]
        )
        self.assertEqual(not_late, on_time)
