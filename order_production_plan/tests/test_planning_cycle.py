# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The Ouyi planning cycle: the monthly production–sales coordination
meeting (R-PLN-13, R-PLN-14), the weekly plans (R-PLN-18) and the printed
production instruction (R-REV-09, R-PLN-04)."""

from datetime import date, datetime

from dateutil.relativedelta import relativedelta
from freezegun import freeze_time
from lxml import etree

from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from odoo.addons.order_review.tests.common import local

from .plan_common import PlanCase


@tagged("post_install", "-at_install")
class TestPlanningCycle(PlanCase):
    def _meetings(self):
        return self.env["order.production.cycle.meeting"].search(
            [("company_id", "=", self.company.id)]
        )

    def test_monthly_meeting_once_on_its_day(self):
        """R-PLN-13, R-PLN-14: switched off, nothing; switched on, nothing on
        the 24th; on the 25th one event for the month-end meeting, organised
        by the manufacturing department's head, every department head
        invited, the month's figures attached (delivery and plan achievement,
        steps per department: the issued plan's steps due in October); the
        next days, no second one."""
        plan = self._issued_plan()
        cron = self.env["order.production.cycle.meeting"]
        with freeze_time(local(2025, 10, 25, 9, 0)):
            cron._cron_create_meetings()
        self.assertFalse(self._meetings(), "off by default")
        self.company.order_plan_meeting = True
        with freeze_time(local(2025, 10, 24, 9, 0)):
            cron._cron_create_meetings()
        self.assertFalse(self._meetings())
        with freeze_time(local(2025, 10, 25, 9, 0)):
            cron._cron_create_meetings()
        meeting = self._meetings()
        self.assertEqual(len(meeting), 1)
        self.assertEqual(meeting.month.isoformat(), "2025-10-01")
        event = meeting.event_id
        self.assertEqual(event.user_id, self.mfg_head)
        self.assertEqual(event.start, local(2025, 10, 25, 14, 0))
        heads = self.mfg_head | self.sales_manager | self.workshop_head | self.buyer
        self.assertEqual(event.partner_ids, heads.partner_id)
        # the figures for the attendees only: a private event, the file on
        # the meeting (company rule), of the company
        self.assertEqual(event.privacy, "private")
        attachment = meeting.attachment_id
        self.assertEqual(
            (attachment.res_model, attachment.res_id, attachment.company_id),
            (meeting._name, meeting.id, self.company),
        )
        html = attachment.raw.decode()
        for text in ("Delivery achievement", "Plan achievement", "Plan steps per department"):
            self.assertIn(text, html)
        # the plan's steps due by the meeting (25 October, 09:00), with the
        # manufacturing department; the later ones are not judged yet
        due = plan.step_ids.filtered(lambda s: s.planned_finish <= local(2025, 10, 25, 9, 0))
        self.assertTrue(due)
        self.assertLess(len(due), len(plan.step_ids))
        self.assertRegex(html, rf"Manufacturing</td>\s*<td>0</td>\s*<td>{len(due)}</td>")
        with freeze_time(local(2025, 10, 27, 9, 0)):
            cron._cron_create_meetings()
        self.assertEqual(self._meetings(), meeting)
        with freeze_time(local(2025, 11, 25, 9, 0)):
            cron._cron_create_meetings()
        self.assertEqual(len(self._meetings()), 2)

    def test_weekly_manufacturing_plan_next_week(self):
        """R-PLN-18: on Friday 17 October the weekly manufacturing plan's
        "Next Week" filter keeps the issued plan's steps due from Monday 20
        to Sunday 26 October (two of them), "This Week" those due 13–19
        October (one); the later ones wait for their week."""
        plan = self._issued_plan()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "order_production_plan.action_order_weekly_manufacturing_plan"
        )
        arch = self.env["order.production.plan.step"].get_view(
            action["search_view_id"][0], "search"
        )["arch"]
        filters = {
            node.get("name"): node.get("domain") for node in etree.fromstring(arch).iter("filter")
        }
        steps = plan.step_ids
        self.assertIn("search_default_next_week", action["context"])
        for name, start, stop in [
            ("next_week", datetime(2025, 10, 20), datetime(2025, 10, 27)),
            ("this_week", datetime(2025, 10, 13), datetime(2025, 10, 20)),
        ]:
            domain = safe_eval(
                filters[name],
                {"context_today": lambda: date(2025, 10, 17), "relativedelta": relativedelta},
            )
            expected = steps.filtered(lambda s, a=start, b=stop: a <= s.planned_finish < b)
            found = self.env["order.production.plan.step"].search(
                safe_eval(action["domain"]) + domain + [("plan_id", "=", plan.id)]
            )
            self.assertEqual(found, expected, name)
            self.assertTrue(expected, name)
        self.assertTrue(steps.filtered(lambda s: s.planned_finish >= datetime(2025, 10, 27)))
        # printed for the departments (周制造计划)
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(
                "order_production_plan.action_report_order_weekly_manufacturing_plan", steps.ids
            )[0]
            .decode()
        )
        self.assertIn("周制造计划", html)
        # 计划员: the plan's planner, not whoever prints
        self.assertIn(f"计划员: <span>{plan.user_id.name}</span>", html)
        for department in steps.department_id:
            self.assertIn(department.name, html)

    def test_production_instruction_pdf(self):
        """R-REV-09, R-PLN-04: the production instruction prints as the
        seeds' 生产指令单 with the order, customer, products, packing and
        spare-parts requirements and the signatures 编制 / 审核 / 批准."""
        order = self._order([(self.cabinet, 2)])
        instruction = order.production_instruction_ids
        instruction.packing_requirement = "Wooden crate"
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(
                "order_production_plan.action_report_order_production_instruction",
                instruction.ids,
            )[0]
            .decode()
        )
        for text in ("生产指令单", order.name, "Switch cabinet", "Wooden crate", "编制", "批准"):
            self.assertIn(text, html)

    def test_salesman_reads_only_the_cycles_of_the_orders(self):
        """§2.9, R-PLN-19: a salesman reads the delivery cycles of the orders
        he may read, and no daily plan, achievement or coordination meeting."""
        order = self._order([(self.breaker, 1)])
        self.assertFalse(self._as(order, self.clerk).order_cycle_measured)
        for model in (
            "order.daily.production.plan",
            "order.daily.production.plan.line",
            "order.daily.production.achievement",
            "order.production.cycle.meeting",
        ):
            with self.subTest(model=model):
                self.assertFalse(self._as(self.env[model], self.clerk).has_access("read"))
                self.assertTrue(self._as(self.env[model], self.workshop_head).has_access("read"))

    def test_meeting_delivery_figures_due_by_the_meeting(self):
        """R-PLN-14: the delivery achievement of the 25 October meeting
        counts every order promised in October (Asia/Shanghai) up to the
        meeting: one due 10 October delivered on the 9th (on time), one due
        15 October not delivered (late), one due 1 October 00:30 local (30
        September in UTC: October's) not delivered (late) → 1 of 3; an order
        due 28 October (not due yet), a cancelled one and one promised no
        date are not counted."""
        self._stock(self.breaker, 10)
        with freeze_time(local(2025, 9, 29, 10, 0)):
            on_time = self._order([(self.breaker, 1)], commitment_date=local(2025, 10, 10, 17, 0))
            late = self._order([(self.breaker, 1)], commitment_date=local(2025, 10, 15, 17, 0))
            early = self._order([(self.breaker, 1)], commitment_date=local(2025, 10, 1, 0, 30))
            later = self._order([(self.breaker, 1)], commitment_date=local(2025, 10, 28, 17, 0))
            cancelled = self._order([(self.breaker, 1)], commitment_date=local(2025, 10, 12, 17, 0))
            undated = self._order([(self.breaker, 1)], commitment_date=local(2025, 10, 12, 17, 0))
        cancelled._action_cancel()
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE sale_order SET commitment_date = NULL, first_commitment_date = NULL "
            "WHERE id = %s",
            [undated.id],
        )
        self.env.invalidate_all()
        with freeze_time(local(2025, 10, 9, 10, 0)):
            picking = on_time.picking_ids
            picking.action_assign()
            picking.move_ids.quantity = 1
            picking.move_ids.picked = True
            picking.button_validate()
            self.assertEqual(picking.state, "done")
        figures = self.env["order.production.cycle.meeting"]._month_figures(
            self.company, date(2025, 10, 1), until=local(2025, 10, 25, 9, 0)
        )
        self.assertEqual(figures["delivery"], (1, 3))
        self.assertTrue(late and early and later)
