# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The order follow-up (R-PLN-22, R-PLN-30) and the readiness check
(R-PLN-23) created by the cron on the seeds' calendar, the expedite note
(催促单, R-EXC-13) and the cross-department work contact sheet (跨部门工作联系单,
R-EXC-14) with their clocks."""

from datetime import date

import psycopg2
from freezegun import freeze_time

from odoo import Command
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.order_review.tests.common import local, sister_company_user

from ..models.order_production_followup import general_managers
from .followup_common import FollowupCase

DELIVERY = (2025, 10, 9, 17, 0)  # Thursday after the National Day holiday
ASSEMBLY_START = (2025, 10, 9, 10, 0)


@tagged("post_install", "-at_install")
class TestFollowup(FollowupCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.plan = cls._due_plan(local(*DELIVERY), local(*ASSEMBLY_START))

    def _followup(self, kind, when):
        self._cron(when)
        followup = self.Followup.search([("plan_id", "=", self.plan.id), ("kind", "=", kind)])
        followup.ensure_one()
        return followup

    def test_order_followup_two_working_days_across_the_holiday(self):
        """R-PLN-22, R-PLN-30: 2 working days before the reviewed delivery
        date (Thursday 9 October 17:00), across the National Day holiday,
        is Monday 29 September 17:00 (not Tuesday 7 October); reminded 1
        working day before, on the make-up working day Sunday 28 September:
        the follow-up is created then for the order follower, once. The
        readiness check (R-PLN-23) comes 1 working day before assembly
        starts (Thursday 9 October 10:00): Tuesday 30 September 10:00,
        created at its reminder, Monday 29 September 10:00, for the
        manufacturing head."""
        self._cron(local(2025, 9, 27, 12, 0))  # Saturday: not yet
        self.assertFalse(self.Followup.search([("plan_id", "=", self.plan.id)]))
        created = self._cron(local(2025, 9, 28, 17, 0))
        self.assertEqual(created.mapped("kind"), ["order"])
        followup = created
        self.assertEqual(followup.user_id, self.clerk)
        self.assertEqual(followup.sale_order_id, self.plan.sale_order_id)
        self.assertEqual(followup.reference_date, local(*DELIVERY))
        self.assertEqual(followup.sla_deadline, local(2025, 9, 29, 17, 0))
        self.assertEqual(followup.sla_state, "due_soon")
        activity = self._activities(followup, self.clerk)
        self.assertEqual(activity.date_deadline, date(2025, 9, 29))
        self.assertEqual((followup.step_count, followup.step_done_count), (6, 0))
        self.assertFalse(self._cron(local(2025, 9, 29, 9, 0)))  # once, readiness not yet
        readiness = self._cron(local(2025, 9, 29, 10, 0))
        self.assertEqual(readiness.kind, "readiness")
        self.assertEqual(readiness.user_id, self.mfg_head)
        self.assertEqual(readiness.step_id, self._step(self.plan, "assembly_start"))
        self.assertEqual(readiness.sla_deadline, local(2025, 9, 30, 10, 0))
        self.assertEqual(
            self._activities(readiness, self.mfg_head).date_deadline, date(2025, 9, 30)
        )

    def test_deviation_sends_an_expedite_note(self):
        """R-PLN-22, R-EXC-13: the order follower records a deviation with the
        final date told to the customer: an expedite note goes to the
        manufacturing head and the general manager, who answer within 4
        working hours; the follow-up is done. Only they answer, with an
        answer; the note opens the order's overdue-delivery solution."""
        followup = self._followup("order", local(2025, 9, 28, 17, 0))
        as_clerk = self._as(followup, self.clerk)
        with freeze_time(local(2025, 9, 29, 9, 0)):
            with self._refused("say what is late"):
                as_clerk.action_deviation()
            as_clerk.write({"deviation_note": "Late.", "customer_final_date": local(*DELIVERY)})
            with self._refused("comes after the reviewed delivery date"):
                as_clerk.action_deviation()
            as_clerk.write(
                {
                    "deviation_note": "The cabinet frames are not welded yet.",
                    "customer_final_date": local(2025, 10, 15, 17, 0),
                }
            )
            as_clerk.action_deviation()
        note = followup.expedite_id
        self.assertEqual((followup.state, followup.result), ("done", "deviation"))
        self.assertEqual(followup.done_by_id, self.clerk)
        self.assertEqual(followup.sla_state, "met")
        self.assertEqual(note.addressee_ids, self.mfg_head | self.gm)
        self.assertEqual(note.customer_final_date, local(2025, 10, 15, 17, 0))
        self.assertEqual(note.sale_order_id, self.plan.sale_order_id)
        # 09:00 + 4 working hours: 12:00 (3 h), then 13:30 + 1 h
        self.assertEqual(note.sla_deadline, local(2025, 9, 29, 14, 30))
        self.assertEqual(self._activities(note).user_id, self.mfg_head | self.gm)
        with self._refused("answered by the people it was sent to"):
            self._as(note, self.clerk).action_answer()
        with self._refused("Write the answer first"):
            self._as(note, self.mfg_head).action_answer()
        with freeze_time(local(2025, 9, 29, 11, 0)):
            self._as(note, self.mfg_head).write({"answer": "Overtime on Saturday."})
            self._as(note, self.mfg_head).action_answer()
        self.assertEqual((note.state, note.sla_state), ("answered", "met"))
        action = self._as(note, self.clerk).action_overdue_solution()
        self.assertEqual(action["res_model"], "order.overdue.solution")
        self.assertEqual(action["context"]["default_order_id"], self.plan.sale_order_id.id)

    def test_on_track_and_who_acts(self):
        """R-PLN-30: the order follower (or a planner) closes the follow-up
        as on track; a workshop head cannot; a readiness action does not
        apply to an order follow-up."""
        followup = self._followup("order", local(2025, 9, 28, 17, 0))
        with self._refused("is done by"):
            self._as(followup, self.workshop_head).action_on_track()
        with self._refused("not for this kind"):
            self._as(followup, self.clerk).action_ready()
        self._as(followup, self.clerk).action_on_track()
        self.assertEqual((followup.state, followup.result), ("done", "on_track"))
        self.assertFalse(self._activities(followup))

    def test_readiness_problem_becomes_a_work_contact_sheet(self):
        """R-PLN-23, R-EXC-14: the readiness check is ready only with people,
        machines and materials checked; a problem becomes a work contact
        sheet to the department asked, whose head has 8 working hours; not
        answered, the general manager is asked (the deadline cron); only
        the department asked answers, with its solution."""
        readiness = self._followup("readiness", local(2025, 9, 29, 10, 0))
        self.assertEqual(
            set(readiness.preparation_step_ids.mapped("kind")),
            {"design", "cooperation", "purchase"},
        )
        as_head = self._as(readiness, self.mfg_head)
        as_head.write({"people_ok": True, "machines_ok": True})
        with self._refused("check people, machines and materials"):
            as_head.action_ready()
        with freeze_time(local(2025, 9, 29, 11, 0)):
            as_head.write(
                {
                    "problem": "The breakers are not delivered.",
                    "problem_department_id": self.dept_purchase.id,
                }
            )
            as_head.action_problem()
        sheet = readiness.work_contact_id
        self.assertEqual((readiness.state, readiness.result), ("done", "problem"))
        self.assertEqual(sheet.user_id, self.buyer)
        self.assertEqual(sheet.requesting_department_id, self.dept_mfg)
        self.assertEqual(sheet.requesting_user_id, self.mfg_head)
        self.assertEqual(sheet.plan_id, self.plan)
        # 11:00 + 8 working hours: 1 h + 4 h on Monday, 3 h on Tuesday morning
        self.assertEqual(sheet.required_date, local(2025, 9, 30, 11, 30))
        self.assertEqual(self._activities(sheet).user_id, self.buyer)
        with freeze_time(local(2025, 9, 30, 11, 31)):
            self.Policy._cron_process_deadlines()
        self.assertEqual((sheet.sla_state, sheet.sla_level), ("overdue", 2))
        self.assertIn(self.gm, self._activities(sheet).user_id)
        with self._refused("answered by the head or a member of Purchasing"):
            self._as(sheet, self.mfg_head).action_answer()
        with freeze_time(local(2025, 9, 30, 14, 0)):
            self._as(sheet, self.buyer).write({"solution": "Borrowed from the sister plant."})
            self._as(sheet, self.buyer).action_answer()
        self.assertEqual((sheet.state, sheet.sla_state), ("answered", "missed"))

    def test_work_contact_sheet_by_hand(self):
        """R-PLN-23: any department raises a work contact sheet from a plan;
        the head of the department asked gets the same clock."""
        with freeze_time(local(2025, 9, 29, 9, 0)):
            action = self._as(self.plan, self.workshop_head).action_create_work_contact()
            sheet = (
                self.env["order.work.contact"]
                .with_user(self.workshop_head)
                .with_company(self.company)
                .with_context(**action["context"])
                .create(
                    {
                        "problem": "The drawing of the door is missing.",
                        "requesting_department_id": self.dept_workshop.id,
                        "department_id": self.dept_mfg.id,
                    }
                )
            )
        self.assertEqual(sheet.plan_id, self.plan)
        self.assertEqual(sheet.user_id, self.mfg_head)
        # 09:00 + 8 working hours: 3 h + 4 h on Monday, 1 h on Tuesday
        self.assertEqual(sheet.required_date, local(2025, 9, 30, 9, 30))
        self.assertEqual(self.plan.work_contact_count, 1)

    def test_cron_queries_flat(self):
        """The cron's queries do not grow with the sources: 3 and 12 new
        sources of each kind (plans for the order follow-up and the readiness
        check, purchase lines to confirm and to dispatch) take as many
        queries (R-PLN-22, R-PLN-23, R-PLN-32, R-PLN-34)."""
        self._supplier_policies()
        self._cron(local(2025, 9, 29, 10, 0))  # the setup plan, warm caches

        def sources(count):
            plans = self.env["order.production.plan"]
            for _i in range(count):
                plans |= self.plan.copy()
            plans.sudo().write({"state": "issued"})
            self._purchase([local(2025, 10, 13, 10, 0)] * count)
            dispatch = self._purchase([local(2025, 11, 13, 10, 0)] * count)
            dispatch.order_line.sudo().write(
                {"order_confirmed_ship_date": local(2025, 9, 29, 9, 0)}
            )
            self.env.flush_all()
            self.env.cr.flush()  # as assertQueryCount does before counting
            self.env.invalidate_all()
            self.assertTrue(self.env.user.login)  # as assertQueryCount reads it

        def measured():
            count = self.env.cr.sql_log_count
            created = self._cron(local(2025, 9, 29, 10, 0))
            return created, self.env.cr.sql_log_count - count

        for _warm in range(2):
            sources(1)
            self.assertEqual(len(measured()[0]), 4)
        sources(3)
        created, queries = measured()
        self.assertEqual(len(created), 12)
        self.assertEqual(
            sorted(set(created.mapped("kind"))),
            ["order", "readiness", "supplier_confirm", "supplier_dispatch"],
        )
        sources(12)
        with self.assertQueryCount(queries, flush=False):
            created, queries_12 = measured()
        self.assertEqual(len(created), 48)
        self.assertEqual(queries_12, queries)

    def test_rung_of_nobody_in_the_company_asks_the_general_managers(self):
        """R-PLN-22, R-EXC-13, R-EXC-14, R-PLN-08: a rung asks those of its
        people who work for the document's company; a rung naming nobody of
        it (a sister company's head) asks the company's general managers (the
        plan managers, not the technical administrator), for the follow-ups,
        the expedite notes, the work contact sheets and the plan objections
        alike; a company without general manager: the document's
        responsible (nobody for an objection)."""
        sister, outsider = sister_company_user(
            self.env, "plan_sister_head", "Sister head", company_name="Sister plant"
        )
        admin = self.env.ref("base.user_admin")
        admin.company_ids |= self.company
        mixed, sisters = (
            self.env["order.sla.policy"]
            .create(
                {
                    "name": "Answer",
                    "company_id": self.company.id,
                    "duration": 1,
                    "duration_unit": "working_hours",
                    "escalation_ids": [
                        Command.create(
                            {
                                "level": 2,
                                "name": "Heads",
                                "user_ids": [Command.set((outsider | self.mfg_head).ids)],
                            }
                        ),
                        Command.create(
                            {
                                "level": 3,
                                "name": "Sister head",
                                "user_ids": [Command.set(outsider.ids)],
                            }
                        ),
                    ],
                }
            )
            .escalation_ids.sorted("level")
        )
        lone = self.env["res.company"].create({"name": "Plant without general manager"})
        documents = [
            ("order.production.followup", {"user_id": self.clerk.id}, self.clerk),
            (
                "order.production.expedite",
                {"addressee_ids": [Command.set(self.sales_manager.ids)]},
                self.sales_manager,
            ),
            ("order.work.contact", {"user_id": self.buyer.id}, self.buyer),
        ]
        for model, vals, responsible in documents:
            for company, rung, expected in (
                (self.company, mixed, self.mfg_head),
                (self.company, sisters, self.gm),
                (lone, sisters, responsible),
            ):
                with self.subTest(model=model, company=company.name, rung=rung.name):
                    document = self.env[model].new({**vals, "company_id": company.id})
                    # a form's record: its values are new records of the saved ones
                    users = document._sla_get_escalation_users(rung)._origin
                    self.assertEqual(users, expected)
        objection = self.env["order.production.plan.objection"].new({"plan_id": self.plan.id})
        self.assertEqual(objection._sla_get_escalation_users(mixed)._origin, self.mfg_head)
        self.assertEqual(objection._sla_get_escalation_users(sisters)._origin, self.gm)

    def test_fallbacks_duplicates_and_stale_follow_ups(self):
        """R-PLN-22: an order without salesperson is followed by the head of
        the sales department; the general managers are the real ones, not
        the technical administrator; one follow-up of a kind per plan (a
        unique index); the readiness check is closed once assembly started
        (R-PLN-23) and the order follow-up once the order is delivered, and
        neither comes back."""
        admin = self.env.ref("base.user_admin")
        admin.company_ids |= self.company
        self.assertEqual(general_managers(self.env, self.company), self.gm)
        self.plan.sale_order_id.sudo().user_id = False
        created = self._cron(local(2025, 9, 29, 10, 0))
        followup = created.filtered(lambda f: f.kind == "order")
        readiness = created.filtered(lambda f: f.kind == "readiness")
        self.assertEqual(followup.user_id, self.sales_manager)
        self.assertEqual(readiness.user_id, self.mfg_head)
        with (
            self.assertRaises(psycopg2.errors.UniqueViolation),
            mute_logger("odoo.sql_db"),
            self.env.cr.savepoint(),
        ):
            self.Followup.sudo().create(
                {"kind": "order", "plan_id": self.plan.id, "company_id": self.company.id}
            )
            self.env.flush_all()
        # the workshop head may not check readiness; the sales manager
        # follows the order
        with self._refused("is done by"):
            self._as(readiness, self.workshop_head).write({"people_ok": True})
        self._as(followup, self.sales_manager).write({"deviation_note": "Nothing late yet."})
        with freeze_time(local(2025, 9, 29, 11, 0)):
            self._step(self.plan, "assembly_start")._complete()
        self._cron(local(2025, 9, 29, 12, 0))
        self.assertEqual((readiness.state, followup.state), ("cancel", "open"))
        self.assertFalse(self._activities(readiness))
        # Odoo's delivery marks the order delivered in full
        self.plan.sale_order_id.sudo().delivery_status = "full"
        self.assertFalse(self._cron(local(2025, 9, 29, 13, 0)))
        self.assertEqual(followup.state, "cancel")
        self.assertFalse(self._cron(local(2025, 9, 29, 14, 0)))
        self.assertEqual(self.Followup.search_count([("plan_id", "=", self.plan.id)]), 2)
