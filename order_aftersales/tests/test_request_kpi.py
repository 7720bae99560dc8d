# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The facts the KPIs read (R-AFS-13: response time, resolution), the
priority of complaints and returns (R-AFS-08), and the deadline filters of
the request lists."""

from freezegun import freeze_time
from lxml import etree

from odoo.tests import tagged

from odoo.addons.order_review.tests.common import local

from .common import AftersalesCase


@tagged("post_install", "-at_install")
class TestRequestKpi(AftersalesCase):
    def _at(self, request, action, when, user=None):
        with freeze_time(local(*when)):
            getattr(request.with_user(user or self.agent), action)()

    def test_working_time_facts(self):
        """R-AFS-13, R-AFS-01, R-AFS-02: received Friday 11:50, transferred
        14:00 (40 working minutes across lunch), first contact Monday 09:00
        (11.5 working hours after the transfer: Friday afternoon, the
        make-up Sunday, Monday's first half hour; 12 h 10 after receipt),
        solved Monday 10:00: the durations in working time on the company's
        calendar, the contact and solution answered late."""
        request = self._request(when=(2025, 9, 26, 11, 50))
        self._at(request, "action_transfer", (2025, 9, 26, 14, 0), user=self.clerk)
        self.assertAlmostEqual(request.transfer_minutes, 40.0)
        self.assertEqual((request.transfer_on_time, request.transfer_late), (True, False))
        self._at(request, "action_contact", (2025, 9, 29, 9, 0))
        self.assertAlmostEqual(request.contact_hours, 11.5)
        self.assertAlmostEqual(request.response_hours, 12 + 10 / 60, places=4)
        self.assertEqual((request.contact_on_time, request.contact_late), (False, True))
        request.solution = "<p>Replaced the fan.</p>"
        self._at(request, "action_solve", (2025, 9, 29, 10, 0))
        self.assertAlmostEqual(request.resolution_hours, 13 + 10 / 60, places=4)
        self.assertEqual((request.solution_on_time, request.solution_late), (False, True))
        self.assertEqual(self.env[request._name].search([("contact_late", "=", True)]), request)

    def test_holiday_facts_and_direct_contact(self):
        """R-AFS-02: a request of Tuesday 30 September 17:00 taken straight
        by after-sales on Thursday 9 October 09:00 (the hotline: transferred
        and contacted at once) took 1 working hour, National Day out."""
        request = self._request(when=(2025, 9, 30, 17, 0))
        self._at(request, "action_contact", (2025, 10, 9, 9, 0))
        self.assertAlmostEqual(request.transfer_minutes, 60.0)
        self.assertAlmostEqual(request.response_hours, 1.0)
        self.assertAlmostEqual(request.contact_hours, 0.0)
        self.assertTrue(request.transfer_on_time)
        self.assertTrue(request.contact_on_time)

    def test_response_time_graph_averages_answered_requests(self):
        """R-AFS-13: the response-time graph averages the requests answered;
        a request not yet contacted does not count as zero."""
        fast = self._request(when=(2025, 9, 29, 9, 0))
        slow = self._request(when=(2025, 9, 29, 9, 0))
        waiting = self._request(when=(2025, 9, 29, 9, 0))
        self._at(fast, "action_contact", (2025, 9, 29, 9, 30))
        self._at(slow, "action_contact", (2025, 9, 29, 11, 0))
        groups = self.env[fast._name]._read_group(
            [("id", "in", (fast | slow | waiting).ids)], ["type_id"], ["response_hours:avg"]
        )
        self.assertEqual(len(groups), 1)
        self.assertAlmostEqual(groups[0][1], 1.25)
        action = self.env.ref("order_aftersales.order_service_request_action_response")
        graph = self.env[fast._name].get_views([(action.view_ids[0].view_id.id, "graph")])
        arch = etree.fromstring(graph["views"]["graph"]["arch"])
        self.assertEqual(arch.xpath("//field[@type='measure']/@name"), ["response_hours"])

    def test_durations_in_one_batch(self):
        """The durations of a batch are computed from one walk of the
        calendar: the same number of queries for 2 requests as for 6."""
        requests = self.env["order.service.request"]
        for index in range(6):
            requests |= self._request(when=(2025, 9, 29, 9, 5 * index))
        self._at(requests, "action_transfer", (2025, 9, 29, 10, 0), user=self.clerk)

        def queries(batch):
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            batch._kpi_write_durations(["transfer_minutes"])
            self.env.flush_all()
            return self.cr.sql_log_count - before

        self.assertEqual(queries(requests[:2]), queries(requests))
        self.assertEqual(requests.mapped("transfer_minutes"), [60.0, 55.0, 50.0, 45.0, 40.0, 35.0])

    def test_priority_order(self):
        """R-AFS-08: complaints, refunds (returns) and after-sales come
        first: a complaint sorts before consultations received before and
        after it, a return before a repair, a repair before a consultation."""
        early = self._request("consultation", when=(2025, 9, 26, 9, 0))
        complaint = self._request("complaint", when=(2025, 9, 26, 10, 0))
        late = self._request("consultation", when=(2025, 9, 26, 11, 0))
        repair = self._request("repair", when=(2025, 9, 26, 11, 10))
        refund = self._request("return", when=(2025, 9, 26, 8, 0))
        ids = (early | complaint | late | repair | refund).ids
        ordered = self.env["order.service.request"].search([("id", "in", ids)])
        self.assertLess(list(ordered).index(complaint), list(ordered).index(early))
        self.assertLess(list(ordered).index(complaint), list(ordered).index(late))
        self.assertLess(list(ordered).index(refund), list(ordered).index(repair))
        self.assertLess(list(ordered).index(repair), list(ordered).index(early))

    def test_deadline_filters(self):
        """The list's deadline filters: overdue (transfer missed at 10:00),
        due soon (transfer due 14:20, reminded from 14:05), on hold (waiting
        for the customer)."""
        overdue = self._request(when=(2025, 9, 26, 9, 0))
        due_soon = self._request(when=(2025, 9, 26, 11, 50))
        on_hold = self._request(when=(2025, 9, 26, 9, 0))
        self._at(on_hold, "action_contact", (2025, 9, 26, 9, 10))
        self._at(on_hold, "action_wait_customer", (2025, 9, 26, 9, 20))
        with freeze_time(local(2025, 9, 26, 14, 10)):
            self.env["order.sla.policy"]._cron_process_deadlines()
        self.env.invalidate_all()
        Request = self.env["order.service.request"].with_user(self.agent)
        scope = [("id", "in", (overdue | due_soon | on_hold).ids)]
        for state, expected in (
            ("overdue", overdue),
            ("due_soon", due_soon),
            ("paused", on_hold),
        ):
            with self.subTest(state):
                self.assertEqual(
                    Request.search(scope + [("sla_clock_state", "=", state)]), expected
                )
                self.assertEqual(expected.sla_clock_state, state)
        self.assertEqual(
            Request.search(scope + [("sla_clock_state", "in", ["overdue", "due_soon"])]),
            overdue | due_soon,
        )

    def test_kanban_card_shows_deadline_and_priority(self):
        """The kanban card shows the priority, the next deadline and the
        deadline badge; the search view offers the late filters."""
        views = self.env["order.service.request"].get_views([(False, "kanban"), (False, "search")])
        card = etree.fromstring(views["views"]["kanban"]["arch"])
        names = set(card.xpath("//t[@t-name='card']//field/@name"))
        self.assertTrue({"priority", "sla_clock_deadline", "sla_clock_state"} <= names)
        search = etree.fromstring(views["views"]["search"]["arch"])
        self.assertTrue(
            {"late_transfer", "late_contact", "late_solution", "paused"}
            <= set(search.xpath("//filter/@name"))
        )
