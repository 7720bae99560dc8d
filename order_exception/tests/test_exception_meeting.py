# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The exception meeting: agenda of the open reports due before the next
meeting, actions started within 4 working hours, the next meeting planned
(seeds-digest §3.5: R-EXC-24, R-EXC-26, R-EXC-27)."""

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError
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
        self.assertEqual(meeting.next_date, local(2025, 9, 17, 15, 30), "every 2 days")
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
