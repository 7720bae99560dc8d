# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Deadlines of the regulations counted on the working calendar.

Calendar (see common.py): Mon–Fri 08:30–12:00 and 13:30–17:30 in Shanghai,
2025 National Day off from 1 to 8 October, Sunday 28 September and Saturday
11 October worked instead (调休).
"""

from datetime import datetime

from odoo.tests import tagged

from .common import OrderSlaCase, local


@tagged("post_install", "-at_install", "is_query_count")
class TestDeadlineCalendar(OrderSlaCase):
    def test_production_instruction_4_working_hours(self):
        """R-REV-09: the production instruction is due 4 hours after the order
        takes effect, counted in working hours."""
        policy = self._policy(4, "working_hours")
        cases = {
            # within one afternoon
            local(2025, 9, 15, 13, 30): datetime(2025, 9, 15, 17, 30),
            # across a night: 0.5 h on Thursday, 3.5 h on Friday morning, ending
            # at noon and not after the lunch break
            local(2025, 9, 11, 17, 0): datetime(2025, 9, 12, 12, 0),
            # across a weekend: 1.5 h on Friday, 2.5 h on Monday
            local(2025, 9, 12, 16, 0): datetime(2025, 9, 15, 11, 0),
            # across the National Day holiday
            local(2025, 9, 30, 16, 0): datetime(2025, 10, 9, 11, 0),
            # into the make-up working Saturday after the holiday
            local(2025, 10, 10, 16, 0): datetime(2025, 10, 11, 11, 0),
            # into the make-up working Sunday before the holiday
            local(2025, 9, 26, 16, 0): datetime(2025, 9, 28, 11, 0),
            # an order effective at night counts from the next morning
            local(2025, 9, 15, 22, 0): datetime(2025, 9, 16, 14, 0),
        }
        for start, expected in cases.items():
            with self.subTest(start=start):
                self.assertEqual(self._deadline(policy, start), expected)

    def test_change_response_30_working_minutes(self):
        """R-EXC-01 / R-EXC-02: a change notice is answered within 30 minutes."""
        working = self._policy(30, "working_minutes")
        elapsed = self._policy(30, "minutes")
        start = local(2025, 9, 15, 11, 50)
        # 10 minutes before the lunch break, 20 after it
        self.assertEqual(self._deadline(working, start), datetime(2025, 9, 15, 13, 50))
        # elapsed minutes ignore the calendar
        self.assertEqual(self._deadline(elapsed, start), datetime(2025, 9, 15, 12, 20))

    def test_aftersales_transfer_and_first_contact(self):
        """R-AFS-01: a service request reaches after-sales within 60 minutes;
        R-AFS-02: after-sales contacts the customer within 2 hours."""
        transfer = self._policy(60, "working_minutes")
        contact = self._policy(2, "working_hours")
        received = local(2025, 9, 12, 17, 0)  # Friday evening
        self.assertEqual(self._deadline(transfer, received), datetime(2025, 9, 15, 9, 0))
        transferred = local(2025, 9, 15, 9, 0)
        self.assertEqual(self._deadline(contact, transferred), datetime(2025, 9, 15, 11, 0))
        # received on the eve of the holiday: the hour runs on 9 October
        self.assertEqual(
            self._deadline(transfer, local(2025, 9, 30, 17, 0)), datetime(2025, 10, 9, 9, 0)
        )

    def test_supplier_confirmation_5_working_days_before(self):
        """R-PLN-32: suppliers are contacted 5 working days before the planned
        receipt: counted backward from the due date."""
        policy = self._policy(5, "working_days", direction="backward")
        # Thu 16 Oct back over Wed, Tue, Mon, the make-up Saturday 11 Oct, Fri 10 Oct
        self.assertEqual(
            self._deadline(policy, local(2025, 10, 16, 10, 0)), datetime(2025, 10, 10, 10, 0)
        )
        # Thu 9 Oct back over the holiday: 30 Sep, 29 Sep, Sunday 28 Sep (make-up), 26, 25
        self.assertEqual(
            self._deadline(policy, local(2025, 10, 9, 10, 0)), datetime(2025, 9, 25, 10, 0)
        )
        # an ordinary week: Monday back to the Monday before
        self.assertEqual(
            self._deadline(policy, local(2025, 9, 22, 15, 0)), datetime(2025, 9, 15, 15, 0)
        )

    def test_plan_objection_1_working_day(self):
        """R-PLN-08 / R-EXC-12: an objection to a plan is raised within 1 working day."""
        policy = self._policy(1, "working_days")
        cases = {
            local(2025, 9, 15, 10, 0): datetime(2025, 9, 16, 10, 0),
            # Friday → Monday
            local(2025, 9, 12, 10, 0): datetime(2025, 9, 15, 10, 0),
            # the eve of the holiday → the first day back
            local(2025, 9, 30, 15, 0): datetime(2025, 10, 9, 15, 0),
            # received after hours or on a rest day: one full working day from
            # the next working morning
            local(2025, 9, 12, 20, 0): datetime(2025, 9, 16, 8, 30),
            local(2025, 9, 13, 10, 0): datetime(2025, 9, 16, 8, 30),
        }
        for start, expected in cases.items():
            with self.subTest(start=start):
                self.assertEqual(self._deadline(policy, start), expected)

    def test_calendar_days_and_hours_are_elapsed_time(self):
        days = self._policy(3, "calendar_days")
        hours = self._policy(24, "hours")
        start = local(2025, 9, 30, 16, 0)
        self.assertEqual(self._deadline(days, start), datetime(2025, 10, 3, 16, 0))
        self.assertEqual(self._deadline(hours, start), datetime(2025, 10, 1, 16, 0))

    def test_makeup_day_is_working_time_for_odoo_too(self):
        """The make-up Saturday counts in Odoo's own working-time computations."""
        start, stop = local(2025, 10, 11, 0, 0), local(2025, 10, 12, 0, 0)
        hours = self.calendar.get_work_hours_count(start, stop, compute_leaves=True)
        self.assertEqual(hours, 7.5)
        # an ordinary Saturday stays a rest day
        hours = self.calendar.get_work_hours_count(
            local(2025, 10, 18, 0, 0), local(2025, 10, 19, 0, 0), compute_leaves=True
        )
        self.assertEqual(hours, 0)

    def test_batch_uses_one_interval_fetch(self):
        """A batch of deadlines reads the calendar once, whatever its size:
        the policy, the calendar, its attendances, make-up days and leaves."""
        policy = self._policy(4, "working_hours")
        starts = [local(2025, 9, 15, 9, 0)] * 3
        self.env.invalidate_all()
        with self.assertQueryCount(9):
            small = policy._compute_deadlines([(self.calendar, s) for s in starts])
        self.env.invalidate_all()
        starts = [local(2025, 9, 15 + i % 10, 9, 0) for i in range(300)]
        with self.assertQueryCount(9):
            large = policy._compute_deadlines([(self.calendar, s) for s in starts])
        self.assertEqual(small[0], large[0])
