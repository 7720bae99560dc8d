# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""A clock paused while the document waits for somebody else (the customer,
spare parts) keeps its remaining working time (R-AFS-01, R-AFS-02, R-AFS-04,
§7.7): the working time spent paused does not count, on the seeds' calendar
(lunch 12:00–13:30, nights, the National Day holiday)."""

from datetime import datetime

from freezegun import freeze_time
from pytz import utc

from odoo import Command
from odoo.tests import tagged

from .common import OrderSlaCase, as_local, local


@tagged("post_install", "-at_install")
class TestSlaPause(OrderSlaCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # R-AFS-01: the request reaches after-sales within 60 working minutes
        cls.transfer = cls._policy(60, "working_minutes", name="Transfer to after-sales")
        # R-AFS-02: after-sales contacts the customer within 2 working hours,
        # reminded 30 working minutes before
        cls.contact = cls._policy(
            2,
            "working_hours",
            name="First contact",
            reminder=30,
            reminder_unit="working_minutes",
        )
        # R-AFS-04: a solution within 24 hours, counted in elapsed time
        cls.solution = cls._policy(24, "hours", name="Solution")
        # R-EXC-10's ladder: 20 minutes, then the head at once, then the GM
        cls.inspection = cls._policy(
            20,
            "working_minutes",
            name="Inspection reaction",
            escalation_ids=[
                Command.create(
                    {
                        "level": 2,
                        "name": "Head",
                        "delay": 0,
                        "user_ids": [Command.set(cls.head.ids)],
                    }
                ),
                Command.create(
                    {
                        "level": 3,
                        "name": "General manager",
                        "delay": 30,
                        "delay_unit": "working_minutes",
                        "user_ids": [Command.set(cls.gm.ids)],
                    }
                ),
            ],
        )

    def _cron(self, when):
        with freeze_time(when):
            self.Policy._cron_process_deadlines()

    def _run(self, policy, start, pause, resume, document=None):
        document = document or self._documents()
        with freeze_time(start):
            document._sla_start(policy)
        with freeze_time(pause):
            self.assertEqual(document._sla_pause(), document)
        self.assertEqual(document.sla_state, "paused")
        self.assertFalse(document.sla_next_check, "the cron leaves a paused clock alone")
        with freeze_time(resume):
            self.assertEqual(document._sla_resume(), document)
        return document

    def test_pause_keeps_remaining_working_time(self):
        """R-AFS-01 / R-AFS-02: the deadline moves by the working time spent
        paused, across the lunch break, a night and the National Day."""
        cases = [
            # (policy, start, pause, resume, deadline before, deadline after)
            # 60 min from 11:30: 30 before lunch, 30 after → 14:00; paused
            # 11:45–13:45 holds 30 working minutes (lunch is not counted)
            (
                self.transfer,
                local(2025, 9, 15, 11, 30),
                local(2025, 9, 15, 11, 45),
                local(2025, 9, 15, 13, 45),
                datetime(2025, 9, 15, 14, 0),
                datetime(2025, 9, 15, 14, 30),
            ),
            # 2 h from Monday 16:30 → Tuesday 09:30; paused Monday 17:00 to
            # Tuesday 10:00: 30 + 90 working minutes, the night is not counted
            (
                self.contact,
                local(2025, 9, 15, 16, 30),
                local(2025, 9, 15, 17, 0),
                local(2025, 9, 16, 10, 0),
                datetime(2025, 9, 16, 9, 30),
                datetime(2025, 9, 16, 11, 30),
            ),
            # 2 h from 30 September 16:00 → 9 October 09:00 (National Day off);
            # paused 30 September 17:00 to 9 October 10:00: 30 + 90 minutes
            (
                self.contact,
                local(2025, 9, 30, 16, 0),
                local(2025, 9, 30, 17, 0),
                local(2025, 10, 9, 10, 0),
                datetime(2025, 10, 9, 9, 0),
                datetime(2025, 10, 9, 11, 0),
            ),
            # R-AFS-04: 24 elapsed hours; 12 hours paused count in full
            (
                self.solution,
                local(2025, 9, 15, 9, 0),
                local(2025, 9, 15, 10, 0),
                local(2025, 9, 15, 22, 0),
                datetime(2025, 9, 16, 9, 0),
                datetime(2025, 9, 16, 21, 0),
            ),
        ]
        for policy, start, pause, resume, before, after in cases:
            with self.subTest(policy=policy.name, start=start):
                self.assertEqual(self._deadline(policy, start), before)
                document = self._run(policy, start, pause, resume)
                self.assertEqual(as_local(document.sla_deadline), after)
                self.assertEqual(document.sla_state, "running")
                self.assertFalse(document.sla_paused_on)

    def test_working_time_between_two_moments(self):
        """The calendar counts the working time of a pause (lunch, night,
        weekend, National Day) and gives it back, in one batch."""
        pairs = [
            (local(2025, 9, 15, 11, 45), local(2025, 9, 15, 13, 45)),  # lunch
            (local(2025, 9, 15, 17, 0), local(2025, 9, 16, 10, 0)),  # night
            (local(2025, 9, 12, 17, 0), local(2025, 9, 15, 9, 0)),  # weekend
            (local(2025, 9, 30, 17, 0), local(2025, 10, 9, 10, 0)),  # holiday
            (local(2025, 9, 15, 12, 10), local(2025, 9, 15, 13, 20)),  # within lunch
            (local(2025, 9, 15, 10, 0), local(2025, 9, 15, 9, 0)),  # backwards
        ]
        seconds = self.calendar._order_work_seconds(
            [(utc.localize(start), utc.localize(stop)) for start, stop in pairs]
        )
        self.assertEqual([s / 60 for s in seconds], [30, 120, 60, 120, 0, 0])
        moved = self.calendar._order_shift_work_seconds(
            [utc.localize(start) for start, _stop in pairs], seconds
        )
        self.assertEqual(
            [as_local(when.replace(tzinfo=None)) for when in moved],
            [
                datetime(2025, 9, 15, 13, 45),
                datetime(2025, 9, 16, 10, 0),
                datetime(2025, 9, 15, 9, 0),
                datetime(2025, 10, 9, 10, 0),
                datetime(2025, 9, 15, 12, 10),  # nothing to give back: unchanged
                datetime(2025, 9, 15, 10, 0),
            ],
        )

    def test_reminder_and_activity_follow(self):
        """The pending reminder moves with the deadline; the responsible's
        activity keeps its place during the pause and takes the new date."""
        document = self._documents()
        with freeze_time(local(2025, 9, 15, 16, 30)):
            document._sla_start(self.contact)
        # reminded 30 working minutes before Tuesday 09:30
        self.assertEqual(as_local(document.sla_next_check), datetime(2025, 9, 16, 9, 0))
        activity = document.activity_ids
        self.assertEqual(str(activity.date_deadline), "2025-09-16")
        with freeze_time(local(2025, 9, 15, 17, 0)):
            document._sla_pause()
        self.assertEqual(document.activity_ids, activity, "kept while paused")
        self.assertEqual(document.sla_paused_state, "running")
        self.assertEqual(as_local(document.sla_paused_next_check), datetime(2025, 9, 16, 9, 0))
        # 90 working minutes were left: Wednesday 10:00 → 11:30 (the pause held
        # 30 minutes on Monday, Tuesday's 7.5 hours, 90 minutes on Wednesday)
        with freeze_time(local(2025, 9, 17, 10, 0)):
            document._sla_resume()
        self.assertEqual(as_local(document.sla_deadline), datetime(2025, 9, 17, 11, 30))
        self.assertEqual(as_local(document.sla_next_check), datetime(2025, 9, 17, 11, 0))
        self.assertEqual(document.activity_ids, activity)
        self.assertEqual(str(activity.date_deadline), "2025-09-17")
        self._cron(local(2025, 9, 17, 10, 59))
        self.assertEqual(document.sla_state, "running")
        self._cron(local(2025, 9, 17, 11, 1))
        self.assertEqual(document.sla_state, "due_soon")

    def test_cron_ignores_paused_clocks(self):
        """Nothing moves while paused, however late the cron runs."""
        document = self._documents()
        with freeze_time(local(2025, 9, 15, 9, 0)):
            document._sla_start(self.inspection)
        with freeze_time(local(2025, 9, 15, 9, 10)):
            document._sla_pause()
        messages = len(document.message_ids)
        self._cron(local(2025, 9, 18, 9, 0))
        self.assertEqual((document.sla_state, document.sla_level), ("paused", 1))
        self.assertEqual(len(document.message_ids), messages)
        self.assertEqual(document.activity_ids.user_id, self.clerk)
        # nor by hand: an escalation leaves a paused clock alone
        with freeze_time(local(2025, 9, 18, 9, 5)):
            self.assertFalse(document._sla_escalate("Back twice"))
        self.assertEqual(document.sla_level, 1)
        # pausing twice keeps the first pause
        with freeze_time(local(2025, 9, 18, 9, 6)):
            self.assertFalse(document._sla_pause())
        self.assertEqual(as_local(document.sla_paused_on), datetime(2025, 9, 15, 9, 10))

    def test_escalation_after_resume(self):
        """R-EXC-10 after a pause: 10 of the 20 minutes were used before the
        pause; the ladder climbs from the moved deadline."""
        document = self._run(
            self.inspection,
            local(2025, 9, 15, 9, 0),
            local(2025, 9, 15, 9, 10),
            local(2025, 9, 15, 10, 10),
        )
        self.assertEqual(as_local(document.sla_deadline), datetime(2025, 9, 15, 10, 20))
        self._cron(local(2025, 9, 15, 10, 19))
        self.assertEqual((document.sla_state, document.sla_level), ("running", 1))
        self._cron(local(2025, 9, 15, 10, 21))
        self.assertEqual((document.sla_state, document.sla_level), ("overdue", 2))
        self.assertEqual(document.activity_ids.user_id, self.clerk | self.head)
        self.assertIn("level 2 (Head): Department head", document.message_ids[0].body)
        self._cron(local(2025, 9, 15, 10, 51))
        self.assertEqual(document.sla_level, 3)

    def test_pause_of_an_overdue_clock_holds_the_ladder(self):
        """An overdue clock paused keeps its deadline (missed already); the
        next rung waits the working time spent paused."""
        document = self._documents()
        with freeze_time(local(2025, 9, 15, 9, 0)):
            document._sla_start(self.inspection)
        self._cron(local(2025, 9, 15, 9, 21))
        self.assertEqual((document.sla_state, document.sla_level), ("overdue", 2))
        # the general manager at 09:50
        self.assertEqual(as_local(document.sla_next_check), datetime(2025, 9, 15, 9, 50))
        with freeze_time(local(2025, 9, 15, 9, 30)):
            document._sla_pause()
        with freeze_time(local(2025, 9, 15, 11, 30)):
            document._sla_resume()
        self.assertEqual(document.sla_state, "overdue")
        self.assertEqual(as_local(document.sla_deadline), datetime(2025, 9, 15, 9, 20))
        # two working hours later: 09:50 → 11:50
        self.assertEqual(as_local(document.sla_next_check), datetime(2025, 9, 15, 11, 50))
        self._cron(local(2025, 9, 15, 11, 49))
        self.assertEqual(document.sla_level, 2)
        self._cron(local(2025, 9, 15, 11, 51))
        self.assertEqual(document.sla_level, 3)

    def test_stop_while_paused(self):
        """Answered while paused: met when it was paused before its deadline
        (it had time left), missed when it was already overdue."""
        in_time, late = self._documents(2)
        with freeze_time(local(2025, 9, 15, 9, 0)):
            (in_time | late)._sla_start(self.inspection)
        with freeze_time(local(2025, 9, 15, 9, 10)):
            in_time._sla_pause()
        self._cron(local(2025, 9, 15, 9, 25))
        with freeze_time(local(2025, 9, 15, 9, 30)):
            late._sla_pause()
        self.assertEqual(late.sla_paused_state, "overdue")
        # answered long after the first deadline
        with freeze_time(local(2025, 9, 16, 15, 0)):
            (in_time | late)._sla_stop()
        self.assertEqual(in_time.sla_state, "met")
        self.assertEqual(late.sla_state, "missed")
        for document in in_time | late:
            self.assertFalse(document.sla_paused_on)
            self.assertFalse(document.sla_next_check)
            self.assertFalse(document.activity_ids, "the deadline activities are done")

    def test_cancel_and_restart_a_paused_clock(self):
        document = self._documents()
        with freeze_time(local(2025, 9, 15, 9, 0)):
            document._sla_start(self.transfer)
            document._sla_pause()
            document._sla_cancel()
        self.assertFalse(document.sla_state)
        self.assertFalse(document.sla_paused_on)
        self.assertFalse(document.activity_ids)
        with freeze_time(local(2025, 9, 15, 10, 0)):
            document._sla_start(self.transfer)
            document._sla_pause()
            document._sla_start(self.contact)
        self.assertEqual(document.sla_state, "running")
        self.assertFalse(document.sla_paused_on, "a restart forgets the pause")
        self.assertEqual(as_local(document.sla_deadline), datetime(2025, 9, 15, 12, 0))
