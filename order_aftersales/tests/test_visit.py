# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from odoo.addons.order_review.tests.common import local

from .onsite_common import SIGNATURE, OnsiteCase

GUARDED = r"change only through the document's own actions"


@tagged("post_install", "-at_install")
class TestServiceVisit(OnsiteCase):
    def test_visit_is_a_calendar_meeting_kept_in_step(self):
        """R-AFS-05 (arrive at the agreed time), R-AFS-03: planning a visit
        puts a meeting of the engineer and the customer in the calendar,
        linked to the visit; moving the visit moves the meeting and moving
        the meeting moves the visit; another engineer takes the meeting over;
        a cancelled visit leaves the calendars."""
        request = self._onsite_request()
        self.assertEqual(request.visit_count, 0)
        visit = self._visit(request)
        self.assertRegex(visit.name, r"^SV/")
        event = visit.calendar_event_id
        self.assertTrue(event)
        self.assertEqual(
            (event.start, event.stop), (local(2025, 9, 29, 9, 0), local(2025, 9, 29, 11, 0))
        )
        self.assertEqual(event.user_id, self.engineer)
        self.assertEqual(event.partner_ids, self.engineer.partner_id | self.customer_contact)
        self.assertEqual((event.res_model, event.res_id), ("order.service.visit", visit.id))
        self.assertEqual(request.visit_count, 1)
        self.assertIn(visit.name, request.message_ids[0].body)
        # the engineer's meeting activity on the visit
        self.assertEqual(visit.activity_ids.calendar_event_id, event)
        self.assertEqual(visit.activity_ids.user_id, self.engineer)

        visit.with_user(self.agent).write(
            {"start": local(2025, 9, 30, 14, 0), "stop": local(2025, 9, 30, 16, 0)}
        )
        self.assertEqual(event.start, local(2025, 9, 30, 14, 0))
        self.assertEqual(event.stop, local(2025, 9, 30, 16, 0))
        # the engineer drags the meeting in his calendar
        event.with_user(self.engineer).write(
            {"start": local(2025, 9, 30, 15, 0), "stop": local(2025, 9, 30, 17, 0)}
        )
        self.assertEqual(visit.start, local(2025, 9, 30, 15, 0))
        self.assertEqual(visit.stop, local(2025, 9, 30, 17, 0))

        visit.with_user(self.agent).engineer_id = self.other_engineer
        self.assertEqual(event.user_id, self.other_engineer)
        self.assertEqual(event.partner_ids, self.other_engineer.partner_id | self.customer_contact)

        visit.with_user(self.agent).action_cancel()
        self.assertEqual(visit.state, "cancel")
        self.assertFalse(event.exists())
        self.assertFalse(visit.calendar_event_id)

    def test_spare_parts_leave_the_spare_parts_stock(self):
        """R-AFS-07, R-AFS-05 (the engineer goes with spare parts): the parts
        taken are reserved in the warehouse's spare-parts location when the
        visit starts; at the end the parts used go to the customer and the
        unused ones stay on the shelf (no backorder), lot by lot."""
        self.assertEqual(self.warehouse.service_parts_type_id, self.spare_type)
        self.assertEqual(self.spare_location.location_id, self.warehouse.view_location_id)
        self.assertEqual(self.spare_location.usage, "internal")
        lot_a, lot_b = self.env["stock.lot"].create(
            [
                {"name": "FUSE-A", "product_id": self.fuse.id, "company_id": self.company.id},
                {"name": "FUSE-B", "product_id": self.fuse.id, "company_id": self.company.id},
            ]
        )
        self._spare(self.widget, 10)
        self._spare(self.fuse, 5, lot_a)
        self._spare(self.fuse, 5, lot_b)
        stock_before = self._on_hand(self.widget, self.warehouse.lot_stock_id)
        request = self._onsite_request()
        visit = self._visit(request, parts=[(self.widget, 3, None), (self.fuse, 2, lot_b)])
        self.assertFalse(visit.picking_id, "nothing is reserved before the engineer leaves")
        visit.with_user(self.engineer).action_start()
        picking = visit.picking_id
        self.assertEqual(picking.picking_type_id, self.spare_type)
        self.assertEqual(picking.location_id, self.spare_location)
        self.assertEqual(picking.location_dest_id, self.customers)
        self.assertEqual(picking.state, "assigned")
        self.assertEqual(self._on_hand(self.widget, self.spare_location), (10, 3))
        self.assertEqual(self._on_hand(self.fuse, self.spare_location, lot_b), (5, 2))
        self.assertEqual(self._on_hand(self.fuse, self.spare_location, lot_a), (5, 0))

        widget_line, fuse_line = visit.part_ids
        # the engineer records what he used (he is only an employee: the
        # stock moves are the server's)
        widget_line.with_user(self.engineer).quantity_used = 2
        fuse_line.with_user(self.engineer).quantity_used = 1
        self._record_work(visit.with_user(self.engineer))
        visit.with_user(self.engineer).action_done()
        self.assertEqual(picking.state, "done")
        self.assertFalse(picking.backorder_ids)
        self.assertEqual(self._on_hand(self.widget, self.spare_location), (8, 0))
        self.assertEqual(self._on_hand(self.fuse, self.spare_location, lot_b), (4, 0))
        self.assertEqual(self._on_hand(self.fuse, self.spare_location, lot_a), (5, 0))
        done = picking.move_line_ids
        self.assertEqual(
            sorted((ml.product_id.name, ml.lot_id.name or "", ml.quantity) for ml in done),
            [("Spare Fuse", "FUSE-B", 1.0), ("Widget", "", 2.0)],
        )
        self.assertTrue(all(ml.location_dest_id == self.customers for ml in done))
        # the main stock is untouched
        self.assertEqual(self._on_hand(self.widget, self.warehouse.lot_stock_id), stock_before)

    def test_parts_not_on_the_shelf_cannot_be_taken(self):
        """R-AFS-07 (timely supply): the engineer cannot leave with parts the
        spare-parts stock does not hold; nothing used, nothing delivered."""
        self._spare(self.widget, 1)
        visit = self._visit(self._onsite_request(), parts=[(self.widget, 3, None)])
        # (a savepoint: the transition wrote before the stock refused it)
        with self._refused(r"does not hold the parts"):
            visit.with_user(self.engineer).action_start()
        self.assertEqual(visit.state, "planned")
        visit.part_ids.quantity = 1
        visit.with_user(self.engineer).action_start()
        self._record_work(visit.with_user(self.engineer), "na")
        visit.with_user(self.engineer).action_done()
        self.assertEqual(visit.picking_id.state, "cancel")
        self.assertEqual(self._on_hand(self.widget, self.spare_location), (1, 0))

    def test_signature_only_through_the_sign_action(self):
        """R-AFS-05: the customer signs the report through the signature pad
        once the work is recorded, once; nobody writes the signature, and the
        signed report no longer changes."""
        visit = self._visit(self._onsite_request())
        for user in (self.agent, self.engineer, self.manager):
            for vals in (
                {"signature": SIGNATURE},
                {"signed_by": "Somebody"},
                {"signed_on": "2025-09-29 03:00:00"},
                {"state": "done"},
            ):
                with (
                    self.subTest(user=user.login, vals=vals),
                    self.assertRaisesRegex(UserError, GUARDED),
                ):
                    visit.with_user(user).write(vals)
        with self.assertRaisesRegex(UserError, GUARDED):
            self._visit(self._onsite_request(), signature=SIGNATURE, signed_by="Forged")
        with self.assertRaisesRegex(UserError, r"once the work is done"):
            self._sign(visit)
        visit.with_user(self.engineer).action_start()
        with self.assertRaisesRegex(UserError, r"record the work first"):
            self._sign(visit)
        self._record_work(visit.with_user(self.engineer))
        self._sign(visit)
        self.assertEqual(visit.signed_by, "Buyer Wang")
        self.assertEqual(visit.signature, SIGNATURE)
        self.assertTrue(visit.signed_on)
        with self.assertRaisesRegex(UserError, r"signed the report already"):
            self._sign(visit)
        with self.assertRaisesRegex(UserError, r"signed the report; it can no longer change"):
            visit.with_user(self.engineer).commissioning_result = "failed"
        # another engineer's visit is not his to have signed
        other = self._visit(self._onsite_request(), engineer=self.other_engineer)
        other.with_user(self.other_engineer).action_start()
        self._record_work(other.with_user(self.other_engineer))
        with self.assertRaises(AccessError):
            self._sign(other, user=self.engineer)

    def test_failed_commissioning_keeps_the_request_open(self):
        """R-AFS-05 (commission and test): a visit done with a failed test
        leaves the request in progress with a to-do for its agent to plan the
        next visit, and the request cannot be solved; the next visit passes
        and solves it with its report."""
        request = self._onsite_request()
        first = self._visit(request)
        first.with_user(self.engineer).action_start()
        with self.assertRaisesRegex(UserError, r"record the work first"):
            first.with_user(self.engineer).action_done()
        self._record_work(first.with_user(self.engineer), "failed")
        first.with_user(self.agent).action_done()
        self.assertEqual(first.state, "done")
        self.assertEqual(request.state, "in_progress")
        todo = request.activity_ids.filtered(lambda a: first.name in (a.summary or ""))
        self.assertEqual(todo.user_id, self.agent)
        with self.assertRaisesRegex(UserError, r"is closed: its report and commissioning"):
            first.with_user(self.agent).commissioning_result = "passed"
        request.with_user(self.agent).solution = "<p>Fuse replaced</p>"
        with self.assertRaisesRegex(UserError, r"commissioning test of its last visit failed"):
            request.with_user(self.agent).action_solve()

        second = self._visit(
            request, start=local(2025, 9, 30, 9, 0), stop=local(2025, 9, 30, 10, 0)
        )
        with self.assertRaisesRegex(UserError, r"on-site visit still to finish"):
            request.with_user(self.agent).action_solve()
        second.with_user(self.agent).action_start()
        self._record_work(second.with_user(self.agent), "passed")
        request.with_user(self.agent).solution = False
        second.with_user(self.agent).action_done()
        self.assertEqual(request.state, "solved")
        self.assertIn("Replaced the main fuse", request.solution)
        self.assertEqual(request.visit_count, 2)

    def test_engineer_done_asks_the_agent_to_solve(self):
        """R-AFS-05, R-AFS-09: an engineer who is not of after-sales finishes
        his visit; the request is solved by after-sales, who is asked to."""
        request = self._onsite_request()
        visit = self._visit(request)
        visit.with_user(self.engineer).action_start()
        self._record_work(visit.with_user(self.engineer))
        visit.with_user(self.engineer).action_done()
        self.assertEqual(request.state, "in_progress")
        self.assertTrue(
            request.activity_ids.filtered(
                lambda a: a.user_id == self.agent and visit.name in (a.summary or "")
            )
        )
        self.assertFalse(visit.activity_ids, "the meeting activity is done")

    def test_rights(self):
        """After-sales plans visits; an engineer sees and does his own only;
        sales reads them; the engineer of a visit does not reassign it."""
        request = self._onsite_request()
        visit = self._visit(request)
        other = self._visit(request, engineer=self.other_engineer)
        visits = self.env["order.service.visit"]
        self.assertEqual(visits.with_user(self.engineer).search([]), visit)
        self.assertEqual(
            visits.with_user(self.clerk).search([("request_id", "=", request.id)]), visit | other
        )
        with self.assertRaises(AccessError):
            other.with_user(self.engineer).read(["name"])
        with self.assertRaises(AccessError):
            other.with_user(self.engineer).action_start()
        with self.assertRaises(AccessError):
            visit.with_user(self.clerk).tools = "Nothing"
        with self.assertRaisesRegex(UserError, r"Only the after-sales department plans"):
            visit.with_user(self.engineer).engineer_id = self.other_engineer
        with self.assertRaises(AccessError):
            self._visit(request, user=self.engineer)
        with self.assertRaisesRegex(UserError, r"Only the after-sales department cancels"):
            visit.with_user(self.engineer).action_cancel()
        with self.assertRaisesRegex(UserError, GUARDED):
            visit.with_user(self.agent).write({"calendar_event_id": False})
        with self.assertRaisesRegex(UserError, r"cannot change once it is created"):
            visit.with_user(self.agent).request_id = self._onsite_request()

    def test_plan_a_visit_from_the_request(self):
        """R-AFS-03, R-AFS-05: the salesperson gives the date the customer's
        project is ready and after-sales plans the visit for it, the request's
        assignee its engineer; any open request plans a visit, a closed one is
        reopened first."""
        onsite = self._onsite_request()
        onsite.with_user(self.clerk).onsite_requested_date = local(2025, 10, 9, 9, 0)
        context = onsite.with_user(self.agent).action_plan_visit()["context"]
        visit = Form(self.env["order.service.visit"].with_user(self.agent).with_context(**context))
        self.assertEqual(visit.request_id, onsite)
        self.assertEqual(visit.engineer_id, self.agent)
        self.assertEqual(visit.partner_id, self.customer_contact)
        self.assertEqual(visit.start, local(2025, 10, 9, 9, 0))
        self.assertEqual(visit.stop, local(2025, 10, 9, 11, 0))
        self.assertEqual(visit.save().calendar_event_id.start, local(2025, 10, 9, 9, 0))

        request = self._request("complaint")
        request.with_user(self.agent).action_contact()
        action = request.with_user(self.agent).action_plan_visit()
        self.assertEqual(action["res_model"], "order.service.visit")
        self.assertEqual(action["context"]["default_request_id"], request.id)
        self.assertFalse(action["context"]["default_start"])
        request.with_user(self.agent).solution = "<p>Explained on the phone</p>"
        request.with_user(self.agent).action_solve()
        with self.assertRaisesRegex(UserError, r"no longer open"):
            request.with_user(self.agent).action_plan_visit()
        with self.assertRaisesRegex(ValidationError, r"no longer open"):
            self._visit(request)

    def test_report_html(self):
        """R-AFS-05: the on-site service report (上门服务报告) prints the
        visit, the parts, the work, the commissioning test and the customer's
        signature."""
        self._spare(self.widget, 5)
        request = self._onsite_request()
        visit = self._visit(request, parts=[(self.widget, 2, None)])
        visit.with_user(self.engineer).action_start()
        visit.part_ids.with_user(self.engineer).quantity_used = 1
        self._record_work(visit.with_user(self.engineer))
        self._sign(visit)
        visit.with_user(self.engineer).action_done()
        html = str(
            self.env["ir.actions.report"]
            .with_user(self.engineer)
            ._render_qweb_html("order_aftersales.action_report_order_service_visit", visit.ids)[0]
        )
        for text in (
            "On-site Service Report",
            visit.name,
            request.name,
            self.customer.name,
            self.engineer.name,
            "Multimeter, torque wrench",
            "Widget",
            "A blown fuse.",
            "Fuse replaced, wiring checked.",
            "Replaced the main fuse",
            "Passed",
            "Ran one hour at full load.",
            "Buyer Wang",
            "data:image/png;base64," + SIGNATURE.decode(),
        ):
            self.assertIn(text, html)
