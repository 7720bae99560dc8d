# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The exception meeting: agenda of the open reports due before the next
meeting, actions started within 4 working hours, the next meeting planned on
the working calendar (docs/rules.md: R-EXC-24, R-EXC-26, R-EXC-27)."""

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from odoo.addons.order_review.tests.common import local

from .exception_common import OrderExceptionCase


@tagged("post_install", "-at_install")
class TestExceptionMeeting(OrderExceptionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["order.sla.policy"].create(
            {
                "name": "Start of a meeting action",
                "code": "exception_action_start",
                "company_id": cls.company.id,
                "duration": 4,
                "duration_unit": "working_hours",
            }
        )
        cls.company.order_exception_meeting_interval = 2
        cls.env["resource.calendar.leaves"].create(
            {
                "name": "National Day",
                "calendar_id": cls.calendar.id,
                "company_id": cls.company.id,
                "date_from": local(2025, 10, 1, 0, 0),
                "date_to": local(2025, 10, 8, 23, 59, 59),
            }
        )

    def _meeting(self, date, **vals):
        return self.env["order.exception.meeting"].create(
            {"date": date, "company_id": self.company.id, **vals}
        )

    def test_agenda_actions_and_next_meeting(self):
        with freeze_time(local(2025, 9, 15, 9, 0)):
            due = self._report(title="Due Tuesday", date_due="2025-09-16")
            undated = self._report(title="No target date yet")
            later = self._report(title="Due next month", date_due="2025-10-20")
            closed = self._report(title="Closed", date_due="2025-09-16")
            closed.with_user(self.gm).action_close()
            meeting = (
                self.env["order.exception.meeting"]
                .with_user(self.qc_head)
                .create({"date": local(2025, 9, 15, 15, 30), "company_id": self.company.id})
            )
        self.assertEqual(meeting.next_date, local(2025, 9, 17, 15, 30), "every 2 working days")
        self.assertEqual(meeting.report_ids, due | undated, "open reports due before the next")
        self.assertNotIn(later, meeting.report_ids)

        with Form(meeting.with_user(self.qc_head)) as form:
            with form.action_ids.new() as action:
                action.report_id = due
                action.name = "Rework the batch"
                action.user_id = self.inspector
        action = meeting.action_ids
        self.assertEqual(action.department_id, self.qc)

        with freeze_time(local(2025, 9, 15, 16, 30)):
            with self.assertRaises(AccessError):
                meeting.with_user(self.inspector).action_hold()
            meeting.with_user(self.qc_head).action_hold()
        # 15:30 + 4 working hours: 2 hours today, 2 hours tomorrow morning
        self.assertEqual(action.sla_deadline, local(2025, 9, 16, 10, 30))
        self.assertEqual(due.state, "acknowledged")
        self.assertIn(meeting, due.meeting_ids)
        following = self.env["order.exception.meeting"].search(
            [("company_id", "=", self.company.id), ("state", "=", "planned")]
        )
        self.assertEqual(following.date, local(2025, 9, 17, 15, 30))

        with self.assertRaises(AccessError):
            action.with_user(self.other_inspector).action_start()
        with freeze_time(local(2025, 9, 16, 9, 0)):
            action.with_user(self.inspector).action_start()
        self.assertEqual((action.state, action.sla_state), ("started", "met"))
        self.assertEqual(due.state, "in_progress")

        html = self.env["ir.actions.report"]._render_qweb_html(
            "order_exception.report_exception_meeting", meeting.ids
        )[0]
        self.assertIn(b"Rework the batch", html)

    def test_action_not_started_in_time_is_missed(self):
        report = self._report()
        meeting = self.env["order.exception.meeting"].create(
            {
                "date": local(2025, 9, 15, 15, 30),
                "company_id": self.company.id,
                "action_ids": [
                    Command.create(
                        {"report_id": report.id, "name": "Check", "user_id": self.inspector.id}
                    )
                ],
            }
        )
        with freeze_time(local(2025, 9, 15, 16, 0)):
            meeting.action_hold()
        with freeze_time(local(2025, 9, 16, 10, 31)):
            self.env["order.sla.policy"]._cron_process_deadlines()
        self.assertEqual(meeting.action_ids.sla_state, "overdue")
        self.assertIn("Deadline missed", report.message_ids[0].body)

    def test_next_meeting_on_working_days(self):
        """R-EXC-24: every 2 days at 15:30 counts working days of the company
        calendar: weekends and public holidays skipped, make-up working days
        counted, the meeting's local time kept."""
        cases = [
            ("Monday", local(2025, 9, 15, 15, 30), local(2025, 9, 17, 15, 30)),
            ("over the weekend", local(2025, 9, 19, 15, 30), local(2025, 9, 23, 15, 30)),
            ("make-up Sunday", local(2025, 9, 25, 15, 30), local(2025, 9, 28, 15, 30)),
            ("over National Day", local(2025, 9, 30, 15, 30), local(2025, 10, 10, 15, 30)),
            ("make-up Saturday", local(2025, 10, 9, 15, 30), local(2025, 10, 11, 15, 30)),
            ("another hour", local(2025, 9, 15, 9, 0), local(2025, 9, 17, 9, 0)),
        ]
        for label, date, expected in cases:
            with self.subTest(label):
                self.assertEqual(self._meeting(date).next_date, expected)
        meeting = self._meeting(local(2025, 9, 15, 15, 30))
        self.company.order_exception_meeting_interval = 1
        self.assertEqual(meeting.next_date, local(2025, 9, 16, 15, 30))

    def test_held_meeting_plans_the_next_one_planned(self):
        """R-EXC-24: the next meeting is planned, whatever the state of the
        meeting it comes from; a copy starts planned too."""
        meeting = self._meeting(local(2025, 9, 19, 15, 30))
        with freeze_time(local(2025, 9, 19, 16, 0)):
            meeting.with_user(self.qc_head).action_hold()
        following = self.env["order.exception.meeting"].search(
            [("company_id", "=", self.company.id), ("id", "!=", meeting.id)]
        )
        self.assertEqual((following.state, following.date), ("planned", local(2025, 9, 23, 15, 30)))
        copy = meeting.with_user(self.qc_head).copy()
        self.assertEqual(copy.state, "planned")
        with self.assertRaises(UserError):
            meeting.with_user(self.qc_head).copy({"state": "held"})

    def test_action_added_after_the_meeting_starts_its_clock(self):
        """R-EXC-26: an action recorded after the meeting was held has its 4
        working hours from when it is recorded."""
        report = self._report()
        meeting = self._meeting(local(2025, 9, 15, 15, 30))
        with freeze_time(local(2025, 9, 15, 16, 0)):
            meeting.with_user(self.qc_head).action_hold()
        with freeze_time(local(2025, 9, 15, 17, 0)):
            meeting.with_user(self.qc_head).action_ids = [
                Command.create(
                    {"report_id": report.id, "name": "Sort the batch", "user_id": self.inspector.id}
                )
            ]
        action = meeting.action_ids
        self.assertEqual(action.sla_start, local(2025, 9, 15, 17, 0))
        # 17:00 + 4 working hours: 30 minutes today, 3.5 hours tomorrow
        self.assertEqual(action.sla_deadline, local(2025, 9, 16, 12, 0))
        self.assertEqual(action.sla_state, "running")
        planned = self._meeting(local(2025, 9, 17, 15, 30))
        planned.action_ids = [
            Command.create({"report_id": report.id, "name": "Later", "user_id": self.inspector.id})
        ]
        self.assertFalse(planned.action_ids.sla_state, "planned: the clock starts when held")
