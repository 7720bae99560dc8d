# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Follow-ups on the seeds' calendar: the plan's policies shipped in data,
the supplier policies created for the test company (they exist only in
Ouyi's demo), a purchasing department whose head is the buyer."""

from datetime import timedelta

from freezegun import freeze_time

from odoo import Command

from odoo.addons.order_review.tests.common import local

from .plan_common import PlanCase


class FollowupCase(PlanCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.order_plan_purchase_department_id = cls.dept_purchase
        cls.Followup = cls.env["order.production.followup"]
        cls.Policy = cls.env["order.sla.policy"]

    @classmethod
    def _supplier_policies(cls):
        """supplier_confirmation (R-PLN-32: 5 working days before the
        planned receipt), supplier_dispatch (R-PLN-34: within 2 working hours
        of the confirmed ship time), supplier_delay_report (R-PLN-33: 30
        working minutes, then the general manager)."""
        vals = {"company_id": cls.company.id}
        cls.Policy.create(
            [
                dict(
                    vals,
                    name="Supplier confirmation",
                    code="supplier_confirmation",
                    direction="backward",
                    duration=5,
                    duration_unit="working_days",
                ),
                dict(
                    vals,
                    name="Supplier dispatch",
                    code="supplier_dispatch",
                    duration=2,
                    duration_unit="working_hours",
                ),
                dict(
                    vals,
                    name="Late supply report",
                    code="supplier_delay_report",
                    duration=30,
                    duration_unit="working_minutes",
                    escalation_ids=[
                        Command.create(
                            {
                                "level": 2,
                                "name": "General manager",
                                "delay": 0,
                                "user_ids": [Command.set(cls.gm.ids)],
                            }
                        )
                    ],
                ),
            ]
        )

    @classmethod
    def _purchase(cls, dates, confirm=True):
        """A purchase order of the buyer to the vendor, one breaker line per
        planned date."""
        order = (
            cls.env["purchase.order"]
            .with_company(cls.company)
            .create(
                {
                    "partner_id": cls.vendor.id,
                    "company_id": cls.company.id,
                    "user_id": cls.buyer.id,
                    "order_line": [
                        Command.create(
                            {
                                "product_id": cls.breaker.id,
                                "product_qty": 10,
                                "price_unit": 20,
                                "date_planned": date,
                            }
                        )
                        for date in dates
                    ],
                }
            )
        )
        if confirm:
            order.button_confirm()
        return order

    @classmethod
    def _due_plan(cls, delivery, assembly_start=None):
        """A cabinet order due on `delivery`, its plan (assembly starting at
        `assembly_start`) issued by the manufacturing head on Friday 26
        September 2025."""
        with freeze_time(local(2025, 9, 26, 9, 0)):
            order = cls._order([(cls.cabinet, 1)], delivery)
            instruction = order.production_instruction_ids
            cls._as(instruction, cls.clerk).action_issue()
            cls._as(instruction, cls.mfg_head).action_receive()
            action = cls._as(instruction, cls.mfg_head).action_create_plan()
            plan = cls._as(cls.env["order.production.plan"].browse(action["res_id"]), cls.mfg_head)
            if assembly_start:
                plan.step_ids.filtered(lambda s: s.kind == "assembly_start").write(
                    {
                        "planned_start": assembly_start,
                        "planned_finish": assembly_start + timedelta(hours=2),
                    }
                )
            plan.action_check_material()
            plan.action_issue()
        return plan.with_env(cls.env)

    def _cron(self, when):
        with freeze_time(when):
            created = self.Followup._cron_create_followups()
            self.env.flush_all()
        return created

    def _activities(self, record, user=None):
        domain = [("res_model", "=", record._name), ("res_id", "=", record.id)]
        if user:
            domain.append(("user_id", "=", user.id))
        return self.env["mail.activity"].search(domain)
