# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Several clocks on one document (order.sla.clock.mixin): a service request
runs its transfer (R-AFS-01), first-contact (R-AFS-02) and solution
(R-AFS-04) clocks at once, each moving on its own through the suite's one
cron; the document hears of its clocks turning overdue once per batch."""

from datetime import datetime

from freezegun import freeze_time

from odoo import Command
from odoo.tests import tagged

from .common import OrderSlaClockCase, as_local, local, sister_company_user


class ClockPolicies:
    @classmethod
    def _clock_policies(cls):
        cls.transfer = cls._policy(
            60,
            "working_minutes",
            name="Transfer to after-sales",
            code="test_afs_transfer",
            reminder=15,
            reminder_unit="working_minutes",
            escalation_ids=[
                Command.create(
                    {
                        "level": 2,
                        "name": "Head",
                        "delay": 0,
                        "user_ids": [Command.set(cls.head.ids)],
                    }
                )
            ],
        )
        cls.contact = cls._policy(
            2,
            "working_hours",
            name="First contact",
            code="test_afs_contact",
            escalation_ids=[
                Command.create(
                    {
                        "level": 2,
                        "name": "General manager",
                        "delay": 30,
                        "delay_unit": "working_minutes",
                        "user_ids": [Command.set(cls.gm.ids)],
                    }
                )
            ],
        )
        # no code: the clock is keyed by the policy's id
        cls.solution = cls._policy(24, "hours", name="Solution")


@tagged("post_install", "-at_install")
class TestSlaClocks(ClockPolicies, OrderSlaClockCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._clock_policies()

    def setUp(self):
        super().setUp()
        # imported once the registry is backed up (odoo_test_helper's rule:
        # a fake model's module imported earlier joins the real registry)
        from .sla_tester import OVERDUE_CALLS

        self.overdue_calls = OVERDUE_CALLS
        self.overdue_calls.clear()

    def _cron(self, when):
        with freeze_time(when):
            self.Policy._cron_process_deadlines()
        self.env.invalidate_all()

    def _start_all(self, requests, when):
        with freeze_time(when):
            for policy in (self.transfer, self.contact, self.solution):
                requests._sla_clocks_start(policy)

    def test_overlapping_clocks_move_on_their_own(self):
        """R-AFS-01, R-AFS-02, R-AFS-04: received on Friday at 17:00, the
        request is due to after-sales on Monday 09:00, first contact by
        Monday 10:00, a solution by Saturday 17:00 (elapsed hours)."""
        request = self._requests()
        self._start_all(request, local(2025, 9, 12, 17, 0))
        clocks = request.sla_clock_ids
        self.assertEqual(
            sorted(clocks.mapped("key")),
            sorted(["test_afs_transfer", "test_afs_contact", f"policy_{self.solution.id}"]),
        )
        transfer = request._sla_clocks(["test_afs_transfer"])
        contact = request._sla_clocks("test_afs_contact")
        solution = clocks - transfer - contact
        self.assertEqual(as_local(transfer.sla_deadline), datetime(2025, 9, 15, 9, 0))
        self.assertEqual(as_local(contact.sla_deadline), datetime(2025, 9, 15, 10, 0))
        self.assertEqual(as_local(solution.sla_deadline), datetime(2025, 9, 13, 17, 0))
        self.assertEqual(set(clocks.mapped("sla_state")), {"running"})
        self.assertEqual(clocks.user_id, self.clerk)
        self.assertEqual(clocks.company_id, self.company)
        self.assertEqual(request.sla_clock_state, "running")
        self.assertEqual(as_local(request.sla_clock_deadline), datetime(2025, 9, 13, 17, 0))
        # one activity per clock, on the request, each tied to its clock
        activities = request.activity_ids
        self.assertEqual(len(activities), 3)
        self.assertEqual(set(activities.mapped("sla_res_model")), {"order.sla.clock"})
        self.assertEqual(set(activities.mapped("sla_res_id")), set(clocks.ids))

        # Saturday 17:01: only the solution clock is late
        self._cron(local(2025, 9, 13, 17, 1))
        self.assertEqual(solution.sla_state, "overdue")
        self.assertEqual((transfer | contact).mapped("sla_state"), ["running", "running"])
        self.assertEqual(request.sla_clock_state, "overdue")
        self.assertIn("Deadline missed: Solution", request.message_ids[0].body)
        self.assertEqual(self.overdue_calls, [(request._name, request.ids, solution.ids)])

        # Monday 08:50: transferred in time; its clock stops, the others run on
        with freeze_time(local(2025, 9, 15, 8, 50)):
            request._sla_clocks_stop(["test_afs_transfer"])
        self.assertEqual(transfer.sla_state, "met")
        self.assertEqual(len(request.activity_ids), 2, "the transfer's activity is done")
        self._cron(local(2025, 9, 15, 9, 30))
        self.assertEqual((transfer.sla_state, contact.sla_state), ("met", "running"))
        # the nearest deadline of the open clocks, passed or not
        self.assertEqual(as_local(request.sla_clock_deadline), datetime(2025, 9, 13, 17, 0))
        self._cron(local(2025, 9, 15, 10, 1))
        self.assertEqual(contact.sla_state, "overdue")
        self._cron(local(2025, 9, 15, 10, 31))
        self.assertEqual(contact.sla_level, 2)
        self.assertEqual(request.activity_ids.user_id, self.clerk | self.gm)
        with freeze_time(local(2025, 9, 15, 11, 0)):
            request._sla_clocks_stop(["test_afs_contact", f"policy_{self.solution.id}"])
        self.assertEqual((contact.sla_state, solution.sla_state), ("missed", "missed"))
        self.assertFalse(request.sla_clock_state)
        self.assertFalse(request.activity_ids)

    def test_overdue_hook_called_once_per_batch(self):
        """Six clocks of three requests turning overdue in one run: the
        requests hear of them in one call."""
        requests = self._requests(3)
        with freeze_time(local(2025, 9, 15, 9, 0)):
            requests._sla_clocks_start(self.transfer)
            requests._sla_clocks_start(self.contact)
        clocks = requests.sla_clock_ids
        self.assertEqual(len(clocks), 6)
        self._cron(local(2025, 9, 15, 11, 50))
        self.assertEqual(set(clocks.mapped("sla_state")), {"overdue"})
        self.assertEqual(len(self.overdue_calls), 1)
        model, request_ids, clock_ids = self.overdue_calls[0]
        self.assertEqual(model, "order.sla.clock.tester")
        self.assertEqual(sorted(request_ids), sorted(requests.ids))
        self.assertEqual(sorted(clock_ids), sorted(clocks.ids))
        # later runs climb the ladder but nothing turns overdue again
        self._cron(local(2025, 9, 15, 15, 0))
        self.assertEqual(len(self.overdue_calls), 1)
        self.assertEqual(set(clocks.mapped("sla_level")), {2})
        # one note per request and run, telling both clocks
        note = requests[0].message_ids.filtered(lambda m: "Transfer to after-sales" in m.body)[:1]
        self.assertIn("First contact", note.body)

    def test_waiting_pauses_and_resumes_every_clock(self):
        """§7.7: waiting for the customer holds the clocks; they resume with
        the working time they had left; the lists show the paused state."""
        request, other = self._requests(2)
        self._start_all(request | other, local(2025, 9, 15, 9, 0))
        with freeze_time(local(2025, 9, 15, 9, 30)):
            paused = request._sla_clocks_pause()
        self.assertEqual(paused, request.sla_clock_ids)
        self.assertEqual(set(paused.mapped("sla_state")), {"paused"})
        self.assertEqual(request.sla_clock_state, "paused")
        self.assertFalse(request.sla_clock_deadline)
        self._cron(local(2025, 9, 16, 9, 0))
        self.assertEqual(set(paused.mapped("sla_state")), {"paused"})
        self.assertEqual(set(other.sla_clock_ids.mapped("sla_state")), {"overdue"})
        # back on Tuesday 09:00: the transfer had 30 working minutes left,
        # first contact 1.5 hours, the solution 23.5 elapsed hours
        with freeze_time(local(2025, 9, 16, 9, 0)):
            request._sla_clocks_resume()
        deadlines = {clock.key: as_local(clock.sla_deadline) for clock in request.sla_clock_ids}
        self.assertEqual(
            deadlines,
            {
                "test_afs_transfer": datetime(2025, 9, 16, 9, 30),
                "test_afs_contact": datetime(2025, 9, 16, 10, 30),
                f"policy_{self.solution.id}": datetime(2025, 9, 17, 8, 30),
            },
        )
        self.assertEqual(request.sla_clock_state, "running")
        # only the keys asked for
        with freeze_time(local(2025, 9, 16, 9, 10)):
            request._sla_clocks_pause(["test_afs_contact"])
        self.assertEqual(
            sorted(request.sla_clock_ids.mapped("sla_state")), ["paused", "running", "running"]
        )

    def test_lists_filter_by_the_worst_clock(self):
        """The request lists filter overdue, due soon, running and paused
        requests by the worst of their open clocks."""
        overdue, due_soon, running, paused, idle = self._requests(5)
        with freeze_time(local(2025, 9, 15, 9, 0)):
            (overdue | due_soon | running | paused)._sla_clocks_start(self.contact)
            paused._sla_clocks_pause()
        with freeze_time(local(2025, 9, 15, 9, 30)):
            due_soon._sla_clocks_start(self.transfer)  # due 10:30, reminded 10:15
        with freeze_time(local(2025, 9, 15, 8, 0)):
            overdue._sla_clocks_start(self.transfer)  # due 09:30
        self._cron(local(2025, 9, 15, 10, 20))
        requests = overdue | due_soon | running | paused | idle
        expected = {
            "overdue": overdue,
            "due_soon": due_soon,
            "running": running,
            "paused": paused,
            False: idle,
        }
        for state, records in expected.items():
            with self.subTest(state=state):
                self.assertEqual(records.sla_clock_state, state)
                self.assertEqual(
                    self.Requests.search(
                        [("id", "in", requests.ids), ("sla_clock_state", "=", state)]
                    ),
                    records,
                )
        self.assertEqual(
            self.Requests.search(
                [("id", "in", requests.ids), ("sla_clock_state", "in", ["overdue", "due_soon"])]
            ),
            overdue | due_soon,
        )
        self.assertEqual(
            self.Requests.search(
                [("id", "in", requests.ids), ("sla_clock_state", "!=", "overdue")]
            ),
            requests - overdue,
        )

    def test_search_matches_the_worst_clock_shown(self):
        """A request with an overdue clock and a running one shows overdue:
        it is found among the overdue requests, not among the running ones
        (nor the paused ones for a paused clock beside a running one); the
        search is one query whatever the number of requests."""
        mixed, running, held = self._requests(3)
        with freeze_time(local(2025, 9, 15, 8, 0)):
            mixed._sla_clocks_start(self.transfer)  # due 09:30
        with freeze_time(local(2025, 9, 15, 9, 30)):
            (mixed | running | held)._sla_clocks_start(self.contact)
            held._sla_clocks_start(self.transfer)
            held._sla_clocks_pause(["test_afs_transfer"])
        self._cron(local(2025, 9, 15, 9, 40))
        self.assertEqual(sorted(mixed.sla_clock_ids.mapped("sla_state")), ["overdue", "running"])
        self.assertEqual(sorted(held.sla_clock_ids.mapped("sla_state")), ["paused", "running"])
        self.assertEqual(
            [request.sla_clock_state for request in (mixed, running, held)],
            ["overdue", "running", "running"],
        )
        requests = mixed | running | held
        scope = [("id", "in", requests.ids)]
        for domain, expected in (
            ([("sla_clock_state", "=", "overdue")], mixed),
            ([("sla_clock_state", "=", "running")], running | held),
            ([("sla_clock_state", "=", "paused")], self.Requests),
            ([("sla_clock_state", "in", ["running", "due_soon"])], running | held),
            ([("sla_clock_state", "!=", "running")], mixed),
            ([("sla_clock_state", "not in", ["overdue", False])], running | held),
            ([("sla_clock_state", "=", False)], self.Requests),
        ):
            with self.subTest(domain=domain):
                self.assertEqual(self.Requests.search(scope + domain), expected)
        for size in (1, 3):
            with self.subTest(size=size), self.assertQueryCount(1):
                self.Requests.search(
                    [("id", "in", requests[:size].ids), ("sla_clock_state", "=", "overdue")]
                )

    def test_search_reads_the_clocks_as_the_field_does(self):
        """A request without company whose clock runs on another company's
        calendar: the user who sees the request sees it running and finds it
        among the running ones (the clocks counted whatever their company,
        as the field shows them)."""
        self.env.cr.execute(
            "INSERT INTO ir_model_access (name, model_id, group_id, active, perm_read) "
            "VALUES (%s, %s, %s, TRUE, TRUE)",
            [
                "order.sla.clock.tester",
                self.env["ir.model"]._get_id("order.sla.clock.tester"),
                self.env.ref("base.group_user").id,
            ],
        )
        self.env.registry.clear_cache()
        sister = self.env["res.company"].create({"name": "Sister company"})
        request = self._requests(company_id=False)
        with freeze_time(local(2025, 9, 15, 9, 0)):
            clock = request.with_company(sister)._sla_clocks_start(self.contact)
        self.assertEqual(clock.company_id, sister)
        Requests = self.Requests.with_user(self.clerk)
        self.assertEqual(Requests.browse(request.id).sla_clock_state, "running")
        scope = [("id", "=", request.id)]
        self.assertEqual(Requests.search(scope + [("sla_clock_state", "=", "running")]), request)
        self.assertFalse(Requests.search(scope + [("sla_clock_state", "=", False)]))

    def test_escalation_people_come_from_the_document(self):
        """The rung's people by default; the document may name others."""
        default, named = self._requests(2)
        named.escalate_to_id = self.gm
        with freeze_time(local(2025, 9, 15, 9, 0)):
            (default | named)._sla_clocks_start(self.transfer)
        self._cron(local(2025, 9, 15, 10, 1))
        self.assertEqual(default.activity_ids.user_id, self.clerk | self.head)
        self.assertEqual(named.activity_ids.user_id, self.clerk | self.gm)
        self.assertIn("General manager", named.message_ids[0].body)

    def test_escalation_asks_the_rung_people_of_the_clock_company(self):
        """A rung's people who do not work for the clock's company are not
        asked; a rung naming nobody of it asks the clock's responsible."""
        sister, outsider = sister_company_user(
            self.env, "sla_clock_sister_head", "Sister head", company_name="Sister company"
        )
        request = self._requests()
        with freeze_time(local(2025, 9, 15, 9, 0)):
            clock = request._sla_clocks_start(self.transfer)
        heads, sisters = self._policy(
            1,
            "working_hours",
            escalation_ids=[
                Command.create(
                    {
                        "level": 2,
                        "name": "Heads",
                        "user_ids": [Command.set((self.head | outsider).ids)],
                    }
                ),
                Command.create(
                    {"level": 3, "name": "Sisters", "user_ids": [Command.set(outsider.ids)]}
                ),
            ],
        ).escalation_ids.sorted("level")
        self.assertEqual(request._sla_clock_escalation_users(clock, heads), self.head)
        self.assertEqual(request._sla_clock_escalation_users(clock, sisters), self.clerk)
        self.assertEqual(clock._sla_get_escalation_users_batch(heads), {clock.id: self.head})

    def test_restart_cancel_and_unlink(self):
        request = self._requests()
        with freeze_time(local(2025, 9, 15, 9, 0)):
            clock = request._sla_clocks_start(self.transfer, user=self.head)
        self.assertEqual(clock.user_id, self.head)
        self.assertEqual(request.activity_ids.user_id, self.head)
        with freeze_time(local(2025, 9, 15, 14, 0)):
            again = request._sla_clocks_start(self.transfer)
        self.assertEqual(again, clock, "one clock per key: restarted")
        self.assertEqual(clock.user_id, self.clerk)
        self.assertEqual(as_local(clock.sla_deadline), datetime(2025, 9, 15, 15, 0))
        self.assertEqual(request.activity_ids.user_id, self.clerk)
        request._sla_clocks_cancel()
        self.assertFalse(clock.sla_state)
        self.assertFalse(request.activity_ids)
        with freeze_time(local(2025, 9, 15, 14, 0)):
            request._sla_clocks_start(self.contact)
        clocks = request.sla_clock_ids
        self.assertEqual(len(clocks), 2)
        request.unlink()
        self.assertFalse(clocks.exists(), "the clocks go with their document")
        self.assertFalse(
            self.env["mail.activity"]
            .search([("sla_res_model", "=", "order.sla.clock")])
            .filtered(lambda a: a.sla_res_id in clocks.ids)
        )

    def test_clock_of_an_uninstalled_document_model_stops(self):
        """A clock whose document model is gone (its addon uninstalled) is
        withdrawn by the cron; the other clocks move as usual."""
        request = self._requests()
        with freeze_time(local(2025, 9, 15, 9, 0)):
            clock = request._sla_clocks_start(self.transfer)
        # as the engine left it before the addon went
        orphan = self.Clock.sudo().create(
            {
                "res_model": "order.gone.document",
                "res_id": 1,
                "key": "gone",
                "sla_policy_id": self.transfer.id,
                "sla_state": "running",
                "sla_level": 1,
                "sla_deadline": clock.sla_deadline,
                "sla_next_check": clock.sla_next_check,
            }
        )
        self._cron(local(2025, 9, 15, 10, 1))
        self.assertEqual(clock.sla_state, "overdue")
        self.assertFalse(orphan.sla_state)
        self.assertFalse(orphan.sla_next_check)

    def test_models_running_clocks(self):
        self.assertIn("order.sla.clock", self.env["order.sla.mixin"]._sla_models())
        self.assertNotIn("order.sla.clock.tester", self.env["order.sla.mixin"]._sla_models())


@tagged("post_install", "-at_install", "is_query_count")
class TestSlaClockCronQueries(ClockPolicies, OrderSlaClockCase):
    """The cron moves the clocks of many documents with a query count that
    does not depend on their number (activities, notes and the documents'
    overdue hook in batch)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._clock_policies()

    def _run(self, count, expected=None):
        requests = self._requests(count)
        with freeze_time(local(2025, 9, 15, 9, 0)):
            requests._sla_clocks_start(self.transfer)
            requests._sla_clocks_start(self.contact)
        self.env.flush_all()
        self.env.invalidate_all()
        # both overdue: the head asked at the transfer's deadline (10:00), the
        # general manager 30 minutes after first contact's (11:00)
        when = local(2025, 9, 15, 13, 45)
        if expected is None:
            with freeze_time(when):
                self.Policy._cron_process_deadlines()
        else:
            with freeze_time(when), self.assertQueryCount(expected):
                self.Policy._cron_process_deadlines()
        return requests

    def test_clock_cron_query_count_is_flat(self):
        self._run(2)._sla_clocks_cancel()
        self._run(5)._sla_clocks_cancel()
        # 33: with one query per rung reached for the companies of its
        # people (the rung asks only those of the clock's company)
        self._run(10, 33)._sla_clocks_cancel()
        large = self._run(40, 33)
        clocks = large.sla_clock_ids
        self.assertEqual(len(clocks), 80)
        self.assertEqual(set(clocks.mapped("sla_state")), {"overdue"})
        # the clerk's two activities, the head's, the general manager's
        self.assertEqual(len(large.activity_ids), 40 * 4)
