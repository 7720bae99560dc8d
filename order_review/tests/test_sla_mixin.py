# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The deadline mixin and its cron: states, activities, the escalation ladder."""

from datetime import datetime

from freezegun import freeze_time

from odoo import Command
from odoo.tests import tagged

from .common import OrderSlaCase, as_local, local, sister_company_user


@tagged("post_install", "-at_install")
class TestSlaMixin(OrderSlaCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # R-EXC-10: the inspector reacts within 20 minutes; then the inspection
        # head, who coordinates within 30 minutes; then the general manager.
        cls.inspection = cls._policy(
            20,
            "working_minutes",
            name="Inspection reaction",
            reminder=5,
            reminder_unit="working_minutes",
            escalation_ids=[
                Command.create(
                    {
                        "level": 2,
                        "name": "Inspection head",
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

    def _activity_users(self, document):
        return document.activity_ids.user_id

    def test_start_sets_deadline_and_activity(self):
        document = self._documents()
        with freeze_time(local(2025, 9, 15, 11, 50)):
            document._sla_start(self.inspection)
        self.assertEqual(document.sla_state, "running")
        self.assertEqual(document.sla_level, 1)
        self.assertEqual(as_local(document.sla_start), datetime(2025, 9, 15, 11, 50))
        # 10 minutes before lunch, 10 after it
        self.assertEqual(as_local(document.sla_deadline), datetime(2025, 9, 15, 13, 40))
        activity = document.activity_ids
        self.assertEqual(activity.user_id, self.clerk)
        self.assertEqual(
            activity.activity_type_id, self.env.ref("order_review.mail_activity_type_deadline")
        )
        self.assertEqual(str(activity.date_deadline), "2025-09-15")

    def test_ladder_moves_at_20_and_50_working_minutes(self):
        """R-EXC-10: level 2 when the 20 minutes have passed, level 3 thirty
        working minutes later; the lunch break does not count."""
        document = self._documents()
        with freeze_time(local(2025, 9, 15, 11, 50)):
            document._sla_start(self.inspection)

        self._cron(local(2025, 9, 15, 13, 34))
        self.assertEqual(document.sla_state, "running")
        self._cron(local(2025, 9, 15, 13, 36))  # 5 working minutes left
        self.assertEqual(document.sla_state, "due_soon")
        self.assertEqual(document.sla_level, 1)

        messages_before = len(document.message_ids)
        self._cron(local(2025, 9, 15, 13, 41))
        self.assertEqual(document.sla_state, "overdue")
        self.assertEqual(document.sla_level, 2)
        self.assertEqual(self._activity_users(document), self.clerk | self.head)
        logged = document.message_ids[: len(document.message_ids) - messages_before]
        self.assertEqual(len(logged), 1)
        self.assertIn("Deadline missed", logged.body)
        self.assertIn("level 2 (Inspection head): Department head", logged.body)

        self._cron(local(2025, 9, 15, 14, 9))
        self.assertEqual(document.sla_level, 2)
        self._cron(local(2025, 9, 15, 14, 11))
        self.assertEqual(document.sla_level, 3)
        self.assertEqual(self._activity_users(document), self.clerk | self.head | self.gm)
        self.assertIn("level 3 (General manager): General manager", document.message_ids[0].body)
        self.assertFalse(document.sla_next_check, "the top of the ladder has no next step")

    def test_escalation_by_hand_keeps_the_ladder(self):
        """A clock sent up a rung by hand (a repeat problem) waits the next
        rung's delay from then, and the cron never climbs past the top."""
        document = self._documents()
        with freeze_time(local(2025, 9, 15, 9, 0)):
            document._sla_start(self.inspection)
        self._cron(local(2025, 9, 15, 9, 21))
        self.assertEqual((document.sla_state, document.sla_level), ("overdue", 2))
        with freeze_time(local(2025, 9, 15, 9, 25)):
            document._sla_escalate("Back twice")
        self.assertEqual(document.sla_level, 3)
        self.assertIn("Why: Back twice", document.message_ids[0].body)
        self.assertFalse(document.sla_next_check, "the top of the ladder has no next step")
        self._cron(local(2025, 9, 15, 11, 0))
        self.assertEqual(document.sla_level, 3)

        running = self._documents()
        with freeze_time(local(2025, 9, 15, 9, 0)):
            running._sla_start(self.inspection)
            running._sla_escalate("Serious defect")
        self.assertEqual((running.sla_state, running.sla_level), ("running", 2))
        self.assertIn(self.head, self._activity_users(running))
        # the deadline then asks the next rung thirty working minutes after it
        self._cron(local(2025, 9, 15, 9, 21))
        self.assertEqual((running.sla_state, running.sla_level), ("overdue", 2))
        self._cron(local(2025, 9, 15, 9, 51))
        self.assertEqual(running.sla_level, 3)

    def test_late_cron_climbs_every_rung_at_once(self):
        document = self._documents()
        with freeze_time(local(2025, 9, 15, 11, 50)):
            document._sla_start(self.inspection)
        self._cron(local(2025, 9, 16, 9, 0))
        self.assertEqual(document.sla_state, "overdue")
        self.assertEqual(document.sla_level, 3)
        self.assertEqual(self._activity_users(document), self.clerk | self.head | self.gm)

    def test_stop_in_time_is_met(self):
        document = self._documents()
        with freeze_time(local(2025, 9, 15, 11, 50)):
            document._sla_start(self.inspection)
        with freeze_time(local(2025, 9, 15, 13, 35)):
            document._sla_stop()
        self.assertEqual(document.sla_state, "met")
        self.assertEqual(as_local(document.sla_done_date), datetime(2025, 9, 15, 13, 35))
        self.assertFalse(document.activity_ids, "the deadline activity is done")
        self.assertFalse(document.sla_next_check)
        # nothing left for the cron
        self._cron(local(2025, 9, 16, 9, 0))
        self.assertEqual(document.sla_level, 1)

    def test_stop_late_is_missed(self):
        document = self._documents()
        with freeze_time(local(2025, 9, 15, 11, 50)):
            document._sla_start(self.inspection)
        self._cron(local(2025, 9, 15, 13, 45))
        with freeze_time(local(2025, 9, 15, 13, 50)):
            document._sla_stop()
        self.assertEqual(document.sla_state, "missed")
        self.assertEqual(document.sla_level, 2, "the level reached stays on record")
        self.assertFalse(document.activity_ids)

    def test_restart_replaces_the_clock(self):
        """R-AFS-01 then R-AFS-02: a second clock follows the first one."""
        transfer = self._policy(60, "working_minutes", name="Transfer to after-sales")
        contact = self._policy(2, "working_hours", name="First contact")
        document = self._documents()
        with freeze_time(local(2025, 9, 12, 17, 0)):
            document._sla_start(transfer)
        self.assertEqual(as_local(document.sla_deadline), datetime(2025, 9, 15, 9, 0))
        with freeze_time(local(2025, 9, 15, 8, 45)):
            document._sla_stop()
            self.assertEqual(document.sla_state, "met")
            document._sla_start(contact, user=self.head)
        self.assertEqual(document.sla_policy_id, contact)
        self.assertEqual(document.sla_state, "running")
        self.assertEqual(as_local(document.sla_deadline), datetime(2025, 9, 15, 10, 45))
        self.assertEqual(document.activity_ids.user_id, self.head)

    def test_backward_policy_and_start_in_the_past(self):
        """R-PLN-32: the deadline lies before the planned receipt; a clock
        started after its deadline is overdue at once."""
        confirmation = self._policy(
            5, "working_days", direction="backward", name="Supplier confirmation"
        )
        documents = self._documents(2)
        planned = {
            documents[0].id: local(2025, 10, 16, 10, 0),
            documents[1].id: local(2025, 9, 22, 15, 0),
        }
        with freeze_time(local(2025, 9, 16, 9, 0)):
            documents._sla_start(confirmation, reference=planned)
        self.assertEqual(as_local(documents[0].sla_deadline), datetime(2025, 10, 10, 10, 0))
        self.assertEqual(documents[0].sla_state, "running")
        self.assertEqual(as_local(documents[1].sla_deadline), datetime(2025, 9, 15, 15, 0))
        self.assertEqual(documents[1].sla_state, "overdue")

    def test_models_running_clocks(self):
        self.assertIn("order.sla.tester", self.env["order.sla.mixin"]._sla_models())
        self.assertNotIn("order.sla.mixin", self.env["order.sla.mixin"]._sla_models())

    def test_rung_asks_its_people_of_the_document_company(self):
        """R-EXC-10: a rung asks those of its people who work for the
        document's company (a sister company's head has no access to it); a
        rung naming nobody of it asks the document's fallback, its
        responsible by default; a document without company asks them all."""
        sister, outsider = sister_company_user(
            self.env, "sla_sister_head", "Sister head", company_name="Sister company"
        )
        policy = self._policy(
            20,
            "working_minutes",
            escalation_ids=[
                Command.create(
                    {
                        "level": 2,
                        "name": "Heads",
                        "delay": 0,
                        "user_ids": [Command.set((self.head | outsider).ids)],
                    }
                ),
                Command.create(
                    {
                        "level": 3,
                        "name": "Sister general manager",
                        "delay": 30,
                        "delay_unit": "working_minutes",
                        "user_ids": [Command.set(outsider.ids)],
                    }
                ),
            ],
        )
        heads, sister_rung = policy.escalation_ids.sorted("level")
        document, unbound = self._documents(2)
        unbound.company_id = False
        for record, rung, expected in (
            (document, heads, self.head),
            (document, sister_rung, self.clerk),
            (unbound, heads, self.head | outsider),
            (unbound, sister_rung, outsider),
        ):
            with self.subTest(company=record.company_id.name, rung=rung.name):
                self.assertEqual(record._sla_get_escalation_users(rung), expected)
        # through the cron: the sister company's head gets no activity
        with freeze_time(local(2025, 9, 15, 9, 0)):
            document._sla_start(policy)
        self._cron(local(2025, 9, 15, 10, 0))
        self.assertEqual(document.sla_level, 3)
        self.assertEqual(self._activity_users(document), self.clerk | self.head)
