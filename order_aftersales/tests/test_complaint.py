# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Complaints (R-AFS-11..13, R-AFS-22): a quality complaint raises — or
links — an exception report of the quality category, whose own repeat rule
makes the same problem climb the ladder (R-EXC-29); the order's chatter
says so; only after-sales raises it."""

from unittest.mock import patch

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.order_review.tests.common import local

from .common import AftersalesCase


@tagged("post_install", "-at_install")
class TestComplaint(AftersalesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.order = cls._order([(cls.widget, 10, 100.0)])
        cls.quality = cls.env.ref("order_exception.exception_category_quality")

    def _complaint(self, lot, when=(2025, 9, 29, 8, 45), order=None, **vals):
        return self._request(
            "complaint",
            when=when,
            subject=vals.pop("subject", "Housings scratched"),
            description="<p>The housings of the widgets are scratched.</p>",
            sale_order_id=(order or self.order).id,
            product_id=self.widget.id,
            lot_id=lot.id,
            is_quality=True,
            responsible_department_id=self.quality_department.id,
            **vals,
        )

    def _raise(self, request, when):
        with freeze_time(local(*when)):
            request.with_user(self.agent).action_raise_exception_report()
        return request.exception_report_id

    def _order_notes(self, order):
        return order.message_ids.filtered(lambda m: "Quality complaint" in (m.body or ""))

    def test_quality_complaint_raises_a_quality_report(self):
        """R-AFS-11, R-AFS-22: the complaint becomes an exception report of the
        quality category with the product, lot, order and customer, sent to
        the head of the responsible department; the request, the report and
        the order's chatter link each other; only after-sales raises it."""
        lot = self._lot("W-0929")
        request = self._complaint(lot, complaint_cause="Packing without foam")
        with self.assertRaisesRegex(UserError, "Only the after-sales department"):
            request.with_user(self.clerk).action_raise_exception_report()
        self.assertFalse(request.exception_report_id)

        report = self._raise(request, (2025, 9, 29, 9, 0))
        self.assertEqual(report.category_id, self.quality)
        self.assertEqual(report.category_id.code, "quality")
        self.assertEqual(
            (report.product_id, report.lot_id, report.sale_order_id, report.partner_id),
            (self.widget, lot, self.order, self.customer),
        )
        self.assertEqual(report.company_id, self.company)
        self.assertEqual(report.reporter_id, self.agent)
        self.assertEqual(report.department_id, self.quality_department)
        self.assertEqual(report.addressee_ids, self.quality_head)
        self.assertEqual(report.severity, "major", "a complaint is urgent (R-AFS-08)")
        self.assertIn("scratched", report.description)
        self.assertIn("Packing without foam", report.description)
        self.assertIn(request.name, report.title)
        self.assertEqual(report.sla_deadline, local(2025, 9, 29, 9, 20), "20 working minutes")
        self.assertEqual(report.with_user(self.agent).service_request_ids, request)
        self.assertEqual(report.with_user(self.agent).service_request_count, 1)

        notes = self._order_notes(self.order)
        self.assertEqual(len(notes), 1)
        self.assertIn(request.name, notes.body)
        self.assertIn(report.name, notes.body)
        self.assertIn("W-0929", notes.body)
        self.assertIn(self.clerk.partner_id, notes.partner_ids, "the salesperson is told")
        self.assertIn(report.name, request.message_ids[0].body)

        with self.assertRaisesRegex(UserError, "is reported already"):
            request.with_user(self.agent).action_raise_exception_report()
        plain = self._request("complaint", sale_order_id=self.order.id)
        with self.assertRaisesRegex(UserError, "not a quality complaint"):
            plain.with_user(self.agent).action_raise_exception_report()

        # another lot of the product is another report
        other = self._raise(self._complaint(self._lot("W-1001")), (2025, 9, 29, 9, 30))
        self.assertNotEqual(other, report)
        self.assertEqual(other.product_id, self.widget)

    def test_reported_at_first_contact(self):
        """R-AFS-02, R-AFS-11: the clerk's transfer raises nothing; after-sales'
        first contact reports a quality complaint, not a plain one."""
        quality = self._complaint(self._lot("W-0930"))
        plain = self._request("complaint", sale_order_id=self.order.id)
        with freeze_time(local(2025, 9, 29, 9, 0)):
            (quality | plain).with_user(self.clerk).action_transfer()
        self.assertFalse(quality.exception_report_id)
        with freeze_time(local(2025, 9, 29, 9, 30)):
            (quality | plain).with_user(self.agent).action_contact()
        self.assertEqual(quality.exception_report_id.category_id, self.quality)
        self.assertFalse(plain.exception_report_id)

    def test_quality_category_looked_up_once_per_company(self):
        """R-AFS-11, batch: the quality category of the reports is looked up
        once per company, for one complaint as for two."""
        Category = type(self.env["order.exception.category"])
        get_by_code = Category._get_by_code
        for size, lots in ((1, ("W-0941",)), (2, ("W-0942", "W-0943"))):
            requests = self.env["order.service.request"].concat(
                *(self._complaint(self._lot(name)) for name in lots)
            )
            with (
                patch.object(
                    Category, "_get_by_code", autospec=True, side_effect=get_by_code
                ) as spy,
                freeze_time(local(2025, 9, 29, 9, 30)),
            ):
                requests.with_user(self.agent).action_contact()
            self.assertEqual(len(requests.sudo().exception_report_id), size)
            self.assertEqual(
                [call.args[1:] for call in spy.call_args_list if call.args[1] == "quality"],
                [("quality", self.company)],
            )

    def test_same_problem_is_linked_then_climbs_the_ladder(self):
        """R-AFS-11, R-EXC-29: a second complaint on the same product and lot
        while the report is open joins it (one problem, one loop); once the
        report is closed without verified improvement the next complaint is a
        repeat, and the second repeat goes one rung up at once."""
        lot = self._lot("W-0931")
        complaint = self._complaint(lot)
        first = self._raise(complaint, (2025, 9, 29, 9, 0))

        again = self._complaint(lot, subject="Scratched again")
        self.assertEqual(self._raise(again, (2025, 9, 29, 9, 10)), first, "linked, not raised")
        self.assertEqual(len(first.with_user(self.agent).service_request_ids), 2)
        self.assertIn(again, first.with_user(self.agent).service_request_ids)
        self.assertIn(again.name, first.message_ids[0].body)
        self.assertEqual(
            self.env["order.exception.report"].search_count([("product_id", "=", self.widget.id)]),
            1,
        )
        self.assertIn("linked", self._order_notes(self.order)[0].body)

        first.sudo().action_close()  # by a manager, without verified improvement
        second = self._raise(self._complaint(lot), (2025, 9, 30, 9, 0))
        self.assertNotEqual(second, first)
        self.assertEqual((second.repeat_count, second.previous_report_id), (1, first))
        self.assertFalse(second.escalation_reason, "the first repeat does not climb")
        self.assertEqual(second.sla_level, 1)

        second.sudo().action_close()
        third = self._raise(self._complaint(lot), (2025, 10, 9, 9, 0))
        self.assertEqual((third.repeat_count, third.previous_report_id), (2, second))
        self.assertIn("found not improved 2 times in a row", third.escalation_reason)
        self.assertEqual(third.sla_level, 2, "one rung up at once: the department head")
        self.assertIn(self.quality_head, third.sudo().activity_ids.user_id)

    def test_complaint_while_the_improvement_awaits_verification(self):
        """R-EXC-27: the problem comes back while the report's improvement
        awaits its check: the complaint joins the report and whoever checks
        it gets a to-do."""
        lot = self._lot("W-0932")
        report = self._raise(self._complaint(lot), (2025, 9, 29, 9, 0))
        report.sudo().write({"root_cause": "No foam", "corrective_action": "Foam added"})
        report.sudo().action_start()
        report.sudo().action_resolve()
        again = self._complaint(lot)
        self.assertEqual(self._raise(again, (2025, 9, 29, 14, 0)), report)
        todo = report.sudo().activity_ids.filtered(
            lambda a: "awaiting verification" in (a.summary or "")
        )
        self.assertEqual(todo.user_id, self.quality_head)
