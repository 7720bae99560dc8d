# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The deadline cron works in batch: its query count does not grow with the
number of clocks it moves (the ORM itself splits its multi-row UPDATEs every
100 rows, so the sizes compared stay below that)."""

from freezegun import freeze_time

from odoo import Command
from odoo.tests import tagged

from .common import OrderSlaCase, local


@tagged("post_install", "-at_install", "is_query_count")
class TestSlaCronQueries(OrderSlaCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.policy = cls._policy(
            4,
            "working_hours",
            name="Production instruction",
            reminder=1,
            reminder_unit="working_hours",
            escalation_ids=[
                Command.create(
                    {"level": 2, "name": "Head", "user_ids": [Command.set(cls.head.ids)]}
                ),
                Command.create(
                    {
                        "level": 3,
                        "name": "GM",
                        "delay": 2,
                        "delay_unit": "working_hours",
                        "user_ids": [Command.set(cls.gm.ids)],
                    }
                ),
            ],
        )

    def _run(self, count, when, expected=None):
        documents = self._documents(count)
        with freeze_time(local(2025, 9, 12, 16, 0)):
            documents._sla_start(self.policy)
        self.env.flush_all()
        self.env.invalidate_all()
        if expected is None:  # warm-up run, as Odoo's @warmup does
            with freeze_time(when):
                self.Policy._cron_process_deadlines()
        else:
            with freeze_time(when), self.assertQueryCount(expected):
                self.Policy._cron_process_deadlines()
        return documents

    def test_due_soon_query_count_is_flat(self):
        when = local(2025, 9, 15, 10, 30)  # Monday, 30 working minutes left
        self._run(2, when)._sla_stop()
        self._run(5, when)._sla_stop()
        self._run(10, when, 6)._sla_stop()
        large = self._run(30, when, 6)
        self.assertEqual(set(large.mapped("sla_state")), {"due_soon"})

    def test_escalation_query_count_is_flat(self):
        """Overdue, then two rungs of the ladder in one run: activities and
        chatter messages for every document, in batch."""
        when = local(2025, 9, 15, 15, 0)
        self._run(2, when)._sla_stop()
        self._run(5, when)._sla_stop()
        self._run(10, when, 39)._sla_stop()
        large = self._run(30, when, 39)
        self.assertEqual(set(large.mapped("sla_level")), {3})
        self.assertEqual(set(large.mapped("sla_state")), {"overdue"})
        # the clerk's activity, the head's, the general manager's
        self.assertEqual(len(large.activity_ids), 30 * 3)
        self.assertEqual(len(large.message_ids.filtered(lambda m: "level 3" in m.body)), 30)
