# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Supplier follow-up (R-PLN-32..34), the late-supply report (R-PLN-33,
R-EXC-11) and its escalation to sales (R-PLN-37); nothing happens to plain
purchase orders until the company configures the policies."""

from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged

from odoo.addons.order_review.tests.common import local

from .followup_common import FollowupCase

RECEIPT = (2025, 10, 13, 10, 0)  # Monday after the holiday and the make-up Saturday


@tagged("post_install", "-at_install")
class TestFollowupSupplier(FollowupCase):
    def test_nothing_without_policies(self):
        """Installing the suite changes nothing for Odoo's purchase orders: a
        confirmed order due in 5 working days gets no follow-up while the
        company has no supplier policy; neither do plans once the plan
        policies are archived (R-PLN-22, R-PLN-32)."""
        with freeze_time(local(2025, 9, 26, 9, 0)):
            self._purchase([local(*RECEIPT)])
        self._issued_plan()
        self.Policy.search([("code", "in", ("plan_followup", "plan_readiness"))]).active = False
        for day in (26, 28, 29, 30):
            self.assertFalse(self._cron(local(2025, 9, day, 10, 0)))
        self.assertFalse(self.Followup.search([("company_id", "=", self.company.id)]))

    def test_supplier_confirmation_five_working_days(self):
        """R-PLN-32: 5 working days before the planned receipt (Monday 13
        October 10:00), across the make-up Saturday 11 October and the
        National Day holiday, is Monday 29 September 10:00 (not Monday 6
        October): the buyer's follow-up appears that morning, not on the
        make-up Sunday before; only for the confirmed order's line due then,
        not for a later one nor for a request for quotation."""
        self._supplier_policies()
        with freeze_time(local(2025, 9, 26, 9, 0)):
            order = self._purchase([local(*RECEIPT), local(2025, 10, 20, 10, 0)])
            self._purchase([local(*RECEIPT)], confirm=False)
        due_line = order.order_line.filtered(lambda line: line.date_planned == local(*RECEIPT))
        self.assertFalse(self._cron(local(2025, 9, 28, 17, 0)))
        created = self._cron(local(2025, 9, 29, 8, 0))
        self.assertEqual(created.purchase_line_id, due_line)
        self.assertEqual(created.kind, "supplier_confirm")
        self.assertEqual(created.user_id, self.buyer)
        self.assertEqual(created.purchase_id, order)
        self.assertEqual(created.sla_deadline, local(2025, 9, 29, 10, 0))
        self.assertEqual(created.sla_state, "running")
        self.assertEqual(self._activities(created, self.buyer).date_deadline, date(2025, 9, 29))
        self.assertFalse(self._cron(local(2025, 9, 29, 16, 0)))

    def test_ship_date_then_dispatch(self):
        """R-PLN-32, R-PLN-34: the confirmed ship date and who confirmed it
        are recorded on the purchase line by the follow-up; on the ship day
        the dispatch follow-up comes (2 working hours from the ship time),
        and the carrier and its contact are recorded."""
        self._supplier_policies()
        with freeze_time(local(2025, 9, 26, 9, 0)):
            order = self._purchase([local(*RECEIPT)])
        line = order.order_line
        followup = self._cron(local(2025, 9, 29, 8, 0))
        as_buyer = self._as(followup, self.buyer)
        with self._refused("enter the ship date"):
            as_buyer.action_confirm_ship_date()
        with freeze_time(local(2025, 9, 29, 9, 0)):
            as_buyer.confirmed_ship_date = local(2025, 10, 10, 9, 0)
            as_buyer.action_confirm_ship_date()
        self.assertEqual(line.order_confirmed_ship_date, local(2025, 10, 10, 9, 0))
        self.assertEqual(line.order_confirmed_by_id, self.buyer)
        self.assertEqual(line.order_confirmed_on, local(2025, 9, 29, 9, 0))
        self.assertEqual((followup.state, followup.sla_state), ("done", "met"))
        self.assertFalse(self._cron(local(2025, 10, 10, 8, 59)))
        dispatch = self._cron(local(2025, 10, 10, 9, 0))
        self.assertEqual(dispatch.kind, "supplier_dispatch")
        self.assertEqual(dispatch.sla_deadline, local(2025, 10, 10, 11, 0))
        self.assertEqual(self._activities(dispatch, self.buyer).date_deadline, date(2025, 10, 10))
        as_buyer = self._as(dispatch, self.buyer)
        carrier = self.env["res.partner"].create({"name": "Deppon Logistics"})
        with freeze_time(local(2025, 10, 10, 10, 0)):
            as_buyer.write({"carrier_id": carrier.id, "carrier_contact": "Mr Li 138 0000 0000"})
            as_buyer.action_dispatched()
        self.assertEqual(line.order_carrier_id, carrier)
        self.assertEqual(line.order_carrier_contact, "Mr Li 138 0000 0000")
        self.assertEqual(line.order_dispatched_on, local(2025, 10, 10, 10, 0))
        self.assertEqual(dispatch.sla_state, "met")

    def test_late_supply_report_and_still_late(self):
        """R-PLN-33, R-EXC-11: a late supply is reported within 30 working
        minutes to the purchasing head as one exception report with the
        remedy; R-PLN-37: when the remedies fail, the planning head and the
        order's salesperson get an activity on the sale order."""
        self._supplier_policies()
        plan = self._issued_plan()
        with freeze_time(local(2025, 9, 26, 9, 0)):
            order = self._purchase([local(*RECEIPT)])
        order.sudo().order_plan_id = plan
        followup = self._cron(local(2025, 9, 29, 8, 0))
        self.assertEqual(followup.sale_order_id, plan.sale_order_id)
        as_buyer = self._as(followup, self.buyer)
        with self._refused("say why the goods will be late"):
            as_buyer.action_late_supply()
        with freeze_time(local(2025, 9, 29, 11, 50)):
            as_buyer.write({"late_reason": "The supplier's press broke.", "supply_remedy": "split"})
            as_buyer.action_late_supply()
        report = followup.exception_report_id
        reports = self.env["order.exception.report"].search([("purchase_id", "=", order.id)])
        self.assertEqual(reports, report)
        self.assertEqual(report.category_id.code, "late_supply")
        self.assertEqual(report.addressee_ids, self.buyer)
        self.assertEqual(report.department_id, self.dept_purchase)
        self.assertEqual(report.purchase_line_id, order.order_line)
        self.assertEqual(report.partner_id, self.vendor)
        self.assertEqual(report.supply_remedy, "split")
        self.assertEqual(report.sla_policy_id.code, "supplier_delay_report")
        # 11:50 + 30 working minutes: 10 before noon, 20 after 13:30
        self.assertEqual(report.sla_deadline, local(2025, 9, 29, 13, 50))
        self.assertEqual((followup.state, followup.result), ("done", "late"))
        with self._refused("the purchasing head says"):
            self._as(report, self.clerk).action_still_late()
        self._as(report, self.buyer).action_still_late()
        sale = plan.sale_order_id
        told = self._activities(sale).filtered(lambda a: "still late" in (a.summary or ""))
        self.assertEqual(told.user_id, self.mfg_head | self.clerk)
        self.assertTrue(report.still_late_date)

    def test_locked_order_dates_reports_and_received_lines(self):
        """R-PLN-32: a purchase order locked on confirmation is followed too;
        the salesperson of the order it serves reads the follow-up's name
        (the purchase number) without reading purchases; the supplier's ship
        date is neither past nor after the planned receipt (that is a late
        supply, R-PLN-33); a late supply is reported only on a clock, and
        sales are told once (R-PLN-37); a fully received line's follow-up is
        closed and not created again."""
        self._supplier_policies()
        self.company.po_lock = "lock"
        plan = self._issued_plan()
        with freeze_time(local(2025, 9, 26, 9, 0)):
            order = self._purchase([local(*RECEIPT), local(*RECEIPT)])
            received = self._purchase([local(*RECEIPT)])
        self.assertEqual((order.state, received.state), ("done", "done"))
        order.sudo().order_plan_id = plan
        followups = self._cron(local(2025, 9, 29, 8, 0))
        self.assertEqual(followups.purchase_line_id, order.order_line | received.order_line)
        first, second = (
            followups.filtered(lambda f, pol=line: f.purchase_line_id == pol)
            for line in order.order_line
        )
        as_clerk = self._as(first, self.clerk)
        self.assertIn(order.name, as_clerk.display_name)
        self.assertEqual(self._as(plan, self.clerk).followup_count, 2)
        as_buyer = self._as(first, self.buyer)
        with freeze_time(local(2025, 9, 29, 9, 0)):
            for ship_date, message in (
                (local(2025, 9, 26, 9, 0), "the confirmed ship date is past"),
                (local(2025, 10, 14, 9, 0), "use Late Supply"),
            ):
                with self.subTest(ship_date=ship_date), self._refused(message):
                    as_buyer.confirmed_ship_date = ship_date
                    as_buyer.action_confirm_ship_date()
            self.assertFalse(order.order_line[0].order_confirmed_ship_date)
            as_buyer.confirmed_ship_date = local(2025, 10, 10, 9, 0)
            as_buyer.action_confirm_ship_date()
        self.assertEqual(first.state, "done")
        late = self._as(second, self.buyer)
        late.write({"late_reason": "The press broke.", "supply_remedy": "urge"})
        delay_policy = self.Policy.search(
            [("code", "=", "supplier_delay_report"), ("company_id", "=", self.company.id)]
        )
        delay_policy.active = False
        with self._refused("Configure the deadline policy supplier_delay_report"):
            late.action_late_supply()
        delay_policy.active = True
        with freeze_time(local(2025, 9, 29, 10, 0)):
            late.action_late_supply()
        report = self._as(second.exception_report_id, self.buyer)
        self.assertEqual(report.sla_deadline, local(2025, 9, 29, 10, 30))
        report.action_still_late()
        with self._refused("sales were already told"):
            report.action_still_late()
        # the other order is received in full: its follow-up is closed
        picking = received.picking_ids
        picking.move_ids.quantity = 10
        picking.move_ids.picked = True
        picking.button_validate()
        self.assertEqual(received.order_line.qty_received, 10)
        self._cron(local(2025, 9, 29, 11, 0))
        stale = followups.filtered(lambda f: f.purchase_id == received)
        self.assertEqual(stale.state, "cancel")
        self.assertFalse(self._activities(stale))
        self.assertFalse(self._cron(local(2025, 9, 30, 8, 0)))
