# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The clocks of a service request on the seeds' working calendar
(Mon–Fri 08:30–12:00, 13:30–17:30 Asia/Shanghai; National Day 1–8 October
2025 off; Sunday 28 September a make-up working day)."""

from freezegun import freeze_time

from odoo.tests import tagged

from odoo.addons.order_review.tests.common import local

from .common import AftersalesCase

TRANSFER = "aftersales_transfer"
CONTACT = "aftersales_contact"
SOLUTION = "aftersales_solution"


@tagged("post_install", "-at_install")
class TestRequestClocks(AftersalesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Policy = cls.env["order.sla.policy"]
        cls.deadline_type = cls.env.ref("order_review.mail_activity_type_deadline")

    def _transfer(self, request, when):
        with freeze_time(local(*when)):
            request.with_user(self.clerk).action_transfer()

    def _as_agent(self, request, action, when):
        with freeze_time(local(*when)):
            getattr(request.with_user(self.agent), action)()

    def _cron(self, when):
        with freeze_time(local(*when)):
            self.env["order.sla.policy"]._cron_process_deadlines()
        self.env.invalidate_all()

    def _deadline_activities(self, request):
        return request.activity_ids.filtered(lambda a: a.activity_type_id == self.deadline_type)

    # ------------------------------------------------------------------
    # R-AFS-01, R-AFS-02, R-AFS-04 / R-AFS-12: the deadlines
    # ------------------------------------------------------------------
    def test_transfer_60_working_minutes(self):
        """R-AFS-01: the form reaches after-sales within 60 working minutes
        of receipt: across lunch, across the night, across the weekend onto
        the make-up Sunday, and across the National Day holiday."""
        cases = [
            ("lunch", (2025, 9, 26, 11, 50), (2025, 9, 26, 14, 20)),
            ("night", (2025, 9, 29, 16, 50), (2025, 9, 30, 8, 50)),
            ("evening, before work", (2025, 9, 29, 19, 0), (2025, 9, 30, 9, 30)),
            ("make-up Sunday", (2025, 9, 26, 17, 0), (2025, 9, 28, 9, 0)),
            ("National Day", (2025, 9, 30, 17, 0), (2025, 10, 9, 9, 0)),
        ]
        for label, received, due in cases:
            with self.subTest(label):
                request = self._request(when=received)
                clock = self._clock(request, TRANSFER)
                self.assertEqual(clock.sla_start, local(*received))
                self.assertEqual(clock.sla_deadline, local(*due))
                # the next deadline of the request: the earliest of its clocks
                self.assertEqual(
                    request.sla_clock_deadline,
                    min(local(*due), self._clock(request, SOLUTION).sla_deadline),
                )

    def test_first_contact_2_working_hours_from_transfer(self):
        """R-AFS-02: after-sales contacts the customer within 2 working hours
        of the transfer (not of the receipt); the contact clock starts only
        then. Contacted in time: on time; late: missed and flagged late."""
        cases = [
            ("same afternoon", (2025, 9, 26, 14, 0), (2025, 9, 26, 16, 0)),
            ("across lunch", (2025, 9, 26, 11, 0), (2025, 9, 26, 14, 30)),
            ("across the night", (2025, 9, 29, 16, 0), (2025, 9, 30, 9, 0)),
            ("across National Day", (2025, 9, 30, 16, 30), (2025, 10, 9, 9, 30)),
        ]
        for label, transferred, due in cases:
            with self.subTest(label):
                request = self._request(when=(transferred[:3] + (8, 40)))
                self.assertFalse(self._clock(request, CONTACT))
                self._transfer(request, transferred)
                clock = self._clock(request, CONTACT)
                self.assertEqual(clock.sla_start, local(*transferred))
                self.assertEqual(clock.sla_deadline, local(*due))
        on_time = self._request(when=(2025, 9, 26, 9, 0))
        self._transfer(on_time, (2025, 9, 26, 9, 30))
        self._as_agent(on_time, "action_contact", (2025, 9, 26, 11, 30))
        late = self._request(when=(2025, 9, 26, 9, 0))
        self._transfer(late, (2025, 9, 26, 9, 30))
        self._as_agent(late, "action_contact", (2025, 9, 26, 14, 1))
        self.assertEqual(self._clock(on_time, CONTACT).sla_state, "met")
        self.assertEqual((on_time.contact_on_time, on_time.contact_late), (True, False))
        self.assertEqual(self._clock(late, CONTACT).sla_state, "missed")
        self.assertEqual((late.contact_on_time, late.contact_late), (False, True))

    def test_solution_24_hours(self):
        """R-AFS-04, R-AFS-12: the answer and solution within 24 hours of
        receipt, counted in hours of the clock (not working hours), for a
        complaint as for a support request."""
        for kind, received, due in [
            ("support", (2025, 9, 26, 11, 50), (2025, 9, 27, 11, 50)),
            ("complaint", (2025, 9, 30, 17, 0), (2025, 10, 1, 17, 0)),
        ]:
            with self.subTest(kind):
                request = self._request(kind, when=received)
                self.assertEqual(self._clock(request, SOLUTION).sla_deadline, local(*due))
        request = self._request(when=(2025, 9, 26, 11, 50))
        self._transfer(request, (2025, 9, 26, 12, 0))
        self._as_agent(request, "action_contact", (2025, 9, 26, 13, 40))
        request.solution = "<p>Firmware updated by phone.</p>"
        self._as_agent(request, "action_solve", (2025, 9, 27, 11, 50))
        self.assertEqual(self._clock(request, SOLUTION).sla_state, "met")
        self.assertTrue(request.solution_on_time)
        self.assertFalse(request.solution_late)

    # ------------------------------------------------------------------
    # Escalation (R-AFS-01: the after-sales head is asked)
    # ------------------------------------------------------------------
    def test_missed_transfer_asks_department_head(self):
        """R-AFS-01, R-AFS-02: the cron turns a transfer not made by 14:20
        overdue and asks the head of the request's department, not the
        agent it is assigned to; without a department, the head of the
        company's after-sales department; a transfer made in time asks
        nobody."""
        assigned = self._request(when=(2025, 9, 26, 11, 50), user_id=self.agent.id)
        quality = self._request(
            when=(2025, 9, 26, 11, 50), department_id=self.quality_department.id
        )
        no_department = self._request(when=(2025, 9, 26, 11, 50), department_id=False)
        in_time = self._request(when=(2025, 9, 26, 11, 50), user_id=self.agent.id)
        self._transfer(in_time, (2025, 9, 26, 14, 0))
        self.assertEqual(self._deadline_activities(assigned).user_id, self.agent)
        self._cron((2025, 9, 26, 14, 10))
        self.assertEqual(self._clock(assigned, TRANSFER).sla_state, "due_soon")
        self.assertEqual(self._deadline_activities(assigned).user_id, self.agent)
        self._cron((2025, 9, 26, 14, 21))
        for request, asked in [
            (assigned, self.head),
            (quality, self.quality_head),
            (no_department, self.head),
        ]:
            with self.subTest(request=request.department_id.name or "none"):
                clock = self._clock(request, TRANSFER)
                self.assertEqual(clock.sla_state, "overdue")
                self.assertEqual(clock.sla_level, 2)
                self.assertEqual(request.sla_clock_state, "overdue")
                escalated = self._deadline_activities(request).filtered(
                    lambda a: "After-sales head" in (a.summary or "")
                )
                self.assertEqual(escalated.user_id, asked)
        self.assertEqual(self._clock(in_time, TRANSFER).sla_state, "met")
        self.assertFalse(
            self._deadline_activities(in_time).filtered(
                lambda a: "After-sales head" in (a.summary or "")
            )
        )

    def test_rung_with_people_asks_them(self):
        """A rung that names people asks them, whatever the department."""
        rung = self.env.ref("order_aftersales.sla_escalation_aftersales_transfer_head")
        rung.user_ids = self.manager
        request = self._request(when=(2025, 9, 26, 11, 50), user_id=self.agent.id)
        self._cron((2025, 9, 26, 14, 21))
        escalated = self._deadline_activities(request).filtered(
            lambda a: "After-sales head" in (a.summary or "")
        )
        self.assertEqual(escalated.user_id, self.manager)

    # ------------------------------------------------------------------
    # Waiting pauses the clocks (R-AFS-02, R-AFS-04)
    # ------------------------------------------------------------------
    def test_wait_and_resume_keep_remaining_working_time(self):
        """Waiting for the customer pauses the request's clocks; resuming
        gives them back the working time they had left: a 3-working-hour
        solution clock (the company's own, §7.7) received Monday 09:00 is due
        at 12:00; put on hold at 11:00 with 60 working minutes left, resumed
        Tuesday 10:00, it is due Tuesday 11:00. The clocks already answered
        stay as they were."""
        self.Policy.create(
            {
                "name": "Solve within 3 working hours",
                "code": SOLUTION,
                "company_id": self.company.id,
                "model_id": self.env["ir.model"]._get_id("order.service.request"),
                "duration": 3,
                "duration_unit": "working_hours",
            }
        )
        request = self._request(when=(2025, 9, 29, 9, 0))
        self.assertEqual(self._clock(request, SOLUTION).sla_deadline, local(2025, 9, 29, 12, 0))
        self._transfer(request, (2025, 9, 29, 9, 10))
        self._as_agent(request, "action_contact", (2025, 9, 29, 9, 30))
        self._as_agent(request, "action_wait_customer", (2025, 9, 29, 11, 0))
        self.assertEqual(request.state, "waiting")
        self.assertEqual(self._clock(request, SOLUTION).sla_state, "paused")
        self.assertEqual(request.sla_clock_state, "paused")
        self.assertFalse(request.sla_clock_deadline)
        # a paused clock does not turn overdue while the customer is awaited
        self._cron((2025, 9, 29, 15, 0))
        self.assertEqual(self._clock(request, SOLUTION).sla_state, "paused")
        self._as_agent(request, "action_resume", (2025, 9, 30, 10, 0))
        clock = self._clock(request, SOLUTION)
        self.assertEqual(clock.sla_state, "running")
        self.assertEqual(clock.sla_deadline, local(2025, 9, 30, 11, 0))
        self.assertEqual(request.sla_clock_deadline, local(2025, 9, 30, 11, 0))
        self.assertEqual(self._clock(request, TRANSFER).sla_state, "met")
        self.assertEqual(self._clock(request, CONTACT).sla_state, "met")

    def test_wait_for_parts_keeps_remaining_hours(self):
        """The 24-hour solution clock (hours of the clock) keeps its hours
        too: received Friday 11:50, due Saturday 11:50; on hold from 13:50
        (22 hours left), resumed Monday 09:00, due Tuesday 07:00."""
        request = self._request(when=(2025, 9, 26, 11, 50))
        self._as_agent(request, "action_contact", (2025, 9, 26, 12, 50))
        self._as_agent(request, "action_wait_parts", (2025, 9, 26, 13, 50))
        self.assertEqual(request.waiting_reason, "parts")
        self._as_agent(request, "action_resume", (2025, 9, 29, 9, 0))
        self.assertEqual(self._clock(request, SOLUTION).sla_deadline, local(2025, 9, 30, 7, 0))

    def test_agent_messages_do_not_resume_waiting_request(self):
        """R-AFS-09: only the customer's answer resumes a request waiting for
        the customer: the agent's internal note and the agent's own message
        to the customer leave it on hold, its clock paused."""
        request = self._request(when=(2025, 9, 26, 11, 50))
        self._as_agent(request, "action_contact", (2025, 9, 26, 12, 50))
        self._as_agent(request, "action_wait_customer", (2025, 9, 26, 13, 50))
        agent_request = request.with_user(self.agent)
        with freeze_time(local(2025, 9, 29, 9, 0)):
            agent_request.message_post(body="Called, no answer.", subtype_xmlid="mail.mt_note")
            agent_request.message_post(
                body="Could you send us the serial numbers?",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                partner_ids=self.customer_contact.ids,
            )
        asked = request.message_ids.filtered(lambda m: "serial numbers" in (m.body or ""))
        self.assertEqual(asked.author_id, self.agent.partner_id)
        self.assertEqual(request.state, "waiting")
        self.assertEqual(request.waiting_reason, "customer")
        self.assertEqual(self._clock(request, SOLUTION).sla_state, "paused")

    # ------------------------------------------------------------------
    # Configuration per type and per company (§7.7)
    # ------------------------------------------------------------------
    def test_type_without_transfer_policy(self):
        """§7.7: a type without a transfer policy (a hotline answered by
        after-sales itself) runs no transfer clock; the others still run,
        and its transfer is neither on time nor late."""
        hotline = self.types["support"].copy({"name": "Hotline", "transfer_policy_id": False})
        request = self._request(when=(2025, 9, 26, 11, 50), type_id=hotline.id)
        self.assertFalse(self._clock(request, TRANSFER))
        self.assertTrue(self._clock(request, SOLUTION))
        self._transfer(request, (2025, 9, 26, 16, 0))
        self.assertEqual((request.transfer_on_time, request.transfer_late), (False, False))
        self.assertEqual(self._clock(request, CONTACT).sla_deadline, local(2025, 9, 28, 9, 0))
        self.assertEqual(self._clock(request, CONTACT).sla_state, "running")

    def test_company_policy_replaces_shared_one(self):
        """§7.7: a company's own policy with the code of the shared one
        replaces it for that company's requests (30 working minutes: 11:50
        → 13:50); another company's policy of that code does not apply."""
        model_id = self.env["ir.model"]._get_id("order.service.request")
        other_company = self.env["res.company"].create({"name": "Other after-sales company"})
        self.Policy.create(
            [
                {
                    "name": "Transfer within 30 working minutes",
                    "code": TRANSFER,
                    "company_id": self.company.id,
                    "model_id": model_id,
                    "duration": 30,
                    "duration_unit": "working_minutes",
                },
                {
                    "name": "Contact within 10 minutes",
                    "code": CONTACT,
                    "company_id": other_company.id,
                    "model_id": model_id,
                    "duration": 10,
                    "duration_unit": "minutes",
                },
            ]
        )
        request = self._request(when=(2025, 9, 26, 11, 50))
        self.assertEqual(self._clock(request, TRANSFER).sla_deadline, local(2025, 9, 26, 13, 50))
        self.assertEqual(self._clock(request, TRANSFER).sla_policy_id.company_id, self.company)
        self._transfer(request, (2025, 9, 26, 14, 0))
        self.assertTrue(request.transfer_late)
        self.assertEqual(self._clock(request, CONTACT).sla_deadline, local(2025, 9, 26, 16, 0))
        self.assertFalse(self._clock(request, CONTACT).sla_policy_id.company_id)
