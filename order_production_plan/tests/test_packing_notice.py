# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The pre-packing notice (R-PLN-27, §8.9)."""

from freezegun import freeze_time

from odoo.tests import tagged

from odoo.addons.order_review.tests.common import local

from .shipping_common import ShippingCase


@tagged("post_install", "-at_install")
class TestPackingNotice(ShippingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["order.packing.check.item"].create(
            [
                {
                    "product_tmpl_id": cls.cabinet.product_tmpl_id.id,
                    "kind": "accessory",
                    "name": "Door keys",
                    "quantity": 2,
                },
                {
                    "product_tmpl_id": cls.cabinet.product_tmpl_id.id,
                    "kind": "document",
                    "name": "Operating manual",
                    "quantity": 1,
                },
            ]
        )
        cls.dept_packing = cls.env["order.department"].create(
            {
                "name": "Packing",
                "code": "T-PACK",
                "company_id": cls.company.id,
                "manager_id": cls.workshop_head.id,
            }
        )
        cls.company.order_packing_department_id = cls.dept_packing

    def _issue(self, product):
        """A plan delivered Thursday 9 October 17:00 (after National Day),
        issued on Monday 22 September."""
        with freeze_time(local(2025, 9, 22, 10, 0)):
            plan = self._as(
                self._plan([(product, 1)], commitment_date=local(2025, 10, 9, 17, 0)),
                self.mfg_head,
            )
            plan.action_check_material()
            plan.action_issue()
        return plan.with_env(self.env)

    def test_complete_set_three_working_days_others_one(self):
        """R-PLN-27: issuing the plan drafts its pre-packing notice for the
        planned shipping (the plan's delivery date); it is due 3 working days
        before for a complete set: Sunday 28 September 17:00, the make-up
        working day before the holiday; 1 working day for other products:
        Tuesday 30 September 17:00, the holiday skipped. The planner's
        clock."""
        cabinet_plan = self._issue(self.cabinet)
        notice = cabinet_plan.packing_notice_ids
        self.assertEqual(len(notice), 1)
        self.assertTrue(notice.complete_set)
        self.assertEqual(notice.shipping_date, local(2025, 10, 9, 17, 0))
        self.assertEqual(notice.sla_deadline, local(2025, 9, 28, 17, 0))
        self.assertEqual(notice.sla_policy_id.code, "packing_notice_set")
        self.assertEqual(notice._sla_get_user(), self.mfg_head)
        self.assertEqual(sorted(notice.line_ids.mapped("name")), ["Door keys", "Operating manual"])

        breaker_plan = self._issue(self.breaker)
        notice = breaker_plan.packing_notice_ids
        self.assertFalse(notice.complete_set)
        self.assertEqual(notice.sla_deadline, local(2025, 9, 30, 17, 0))
        self.assertEqual(notice.sla_policy_id.code, "packing_notice")

    def test_packed_needs_every_line_or_the_customers_consent(self):
        """R-PLN-27, §8.9: notified, the packing department's head has an
        activity; Packed is refused while a line is unchecked, and still
        without a follow-up department; with the customer's documented
        consent and the department that delivers later, it is packed and
        that department's head is asked to deliver."""
        plan = self._issue(self.cabinet)
        notice = plan.packing_notice_ids
        with freeze_time(local(2025, 9, 26, 9, 0)):
            self._as(notice, self.mfg_head).action_notify()
        self.assertEqual(notice.state, "notified")
        self.assertEqual(notice.sla_state, "met")
        self.assertIn(self.workshop_head, notice.activity_ids.user_id)
        keys, manual = notice.line_ids.sorted("name")
        self._as(keys, self.workshop_head).action_check()
        self.assertTrue(keys.checked)
        self.assertEqual(keys.checked_by_id, self.workshop_head)
        packer_notice = self._as(notice, self.workshop_head)
        with self._refused("Operating manual not checked"):
            packer_notice.action_packed()
        consent = {
            "consent_note": "Manual sent by e-mail, paper copy later.",
            "consent_date": "2025-09-26",
            "consent_by": "Mr Li, purchasing",
        }
        # §8.9: the packer does not record the customer's consent himself
        with self._refused("recorded by the salesperson or a planner"):
            self._as(manual, self.workshop_head).write(consent)
        # the salesperson does; a note alone is not a document
        self._as(manual, self.clerk).write(consent)
        self._as(manual, self.clerk).followup_department_id = self.dept_sales
        with self._refused("not checked"):
            packer_notice.action_packed()
        # a file of another document is not the customer's consent
        stray = self.env["ir.attachment"].create(
            {"name": "old.pdf", "raw": b"%PDF", "res_model": "res.partner", "res_id": 1}
        )
        with self._refused("must be a file attached to the pre-packing notice"):
            self._as(manual, self.clerk).consent_attachment_id = stray
        letter = self._as(self.env["ir.attachment"], self.clerk).create(
            {
                "name": "consent-letter.pdf",
                "raw": b"%PDF-1.4 consent",
                "res_model": manual._name,
                "res_id": manual.id,
            }
        )
        self._as(manual, self.clerk).consent_attachment_id = letter
        packer_notice.action_packed()
        self.assertEqual(notice.state, "packed")
        self.assertEqual(notice.packed_by_id, self.workshop_head)
        self.assertIn(self.sales_manager, notice.activity_ids.user_id)
        # checked lines and the consent are fixed once packed
        with self._refused("can no longer change"):
            self._as(manual, self.clerk).consent_by = "Someone else"

    def test_not_a_packer(self):
        """§8.9: a salesman neither ticks a line nor packs."""
        plan = self._issue(self.cabinet)
        notice = plan.packing_notice_ids
        self._as(notice, self.mfg_head).action_notify()
        with self._refused("packing department"):
            self._as(notice.line_ids[:1], self.clerk).action_check()

    def test_cancelled_plan_cancels_its_notice(self):
        """R-PLN-27: a cancelled plan packs nothing: its notice is cancelled
        and its clock withdrawn."""
        plan = self._issue(self.breaker)
        notice = plan.packing_notice_ids
        self._as(plan, self.mfg_head).action_cancel()
        self.assertEqual(notice.state, "cancel")
        self.assertFalse(notice.sla_state)

    def test_new_shipping_date_activity_day_and_cancel(self):
        """R-PLN-27: the planner moves the draft's planned shipping to Monday
        13 October 10:00: it is now due Saturday 11 October 10:00 (1 working
        day before, the make-up day); moved to Tuesday 14 October 00:30
        Shanghai time, the packing head's activity is due on the 14th (his
        day, not the UTC date); the cancelled notice leaves him nothing to
        do."""
        plan = self._issue(self.breaker)
        notice = plan.packing_notice_ids
        planner_notice = self._as(notice, self.mfg_head)
        with freeze_time(local(2025, 9, 26, 9, 0)):
            planner_notice.shipping_date = local(2025, 10, 13, 10, 0)
        self.assertEqual(notice.sla_deadline, local(2025, 10, 11, 10, 0))
        with freeze_time(local(2025, 9, 26, 9, 30)):
            planner_notice.shipping_date = local(2025, 10, 14, 0, 30)
            planner_notice.action_notify()
        todo = notice.activity_ids.filtered(lambda a: a.user_id == self.workshop_head)
        self.assertEqual(str(todo.date_deadline), "2025-10-14")
        planner_notice.action_cancel()
        self.assertEqual(notice.state, "cancel")
        self.assertFalse(notice.activity_ids.filtered(lambda a: a.user_id == self.workshop_head))
