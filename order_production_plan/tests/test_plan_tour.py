# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import datetime

from odoo import Command
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestPlanTour(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.company = env["res.company"].create({"name": "Tour plan company"})
        cls.admin = env.ref("base.user_admin")
        # English, even in a database made with Chinese only (`suite.sh run`
        # loads zh_CN into a new database, where en_US is not active): the
        # tour types dates in the English format and picks steps by their names
        env["res.lang"]._activate_lang("en_US")
        # the tour works in English, in its own company (the demo's administrator
        # may work in Chinese, in the demo company)
        cls.admin.write(
            {
                "lang": "en_US",
                "company_ids": [Command.link(cls.company.id)],
                "company_id": cls.company.id,
            }
        )
        department = env["order.department"]
        cls.dept_mfg = department.create(
            {
                "name": "Tour manufacturing",
                "code": "TOUR-MFG",
                "company_id": cls.company.id,
                "manager_id": cls.admin.id,
            }
        )
        cls.dept_purchase = department.create(
            {
                "name": "Tour purchasing",
                "code": "TOUR-PUR",
                "company_id": cls.company.id,
                "manager_id": cls.admin.id,
            }
        )
        cls.company.write(
            {
                "order_plan_auto_instruction": True,
                "order_plan_department_id": cls.dept_mfg.id,
            }
        )
        cls.vendor = env["res.partner"].create({"name": "Tour vendor"})
        product = env["product.product"]
        seller = [Command.create({"partner_id": cls.vendor.id, "price": 5, "company_id": False})]
        cls.steel = product.create(
            {"name": "Tour steel", "is_storable": True, "seller_ids": seller}
        )
        cls.breaker = product.create(
            {"name": "Tour breaker", "is_storable": True, "seller_ids": seller}
        )
        cls.frame = product.create({"name": "Tour frame", "is_storable": True})
        cls.cabinet = product.create(
            {"name": "Tour cabinet", "is_storable": True, "order_complete_set": True}
        )
        bom = env["mrp.bom"]
        bom.create(
            {
                "product_tmpl_id": cls.frame.product_tmpl_id.id,
                "company_id": cls.company.id,
                "bom_line_ids": [Command.create({"product_id": cls.steel.id, "product_qty": 2})],
            }
        )
        bom.create(
            {
                "product_tmpl_id": cls.cabinet.product_tmpl_id.id,
                "company_id": cls.company.id,
                "bom_line_ids": [
                    Command.create({"product_id": cls.frame.id, "product_qty": 1}),
                    Command.create({"product_id": cls.breaker.id, "product_qty": 4}),
                ],
            }
        )

    def test_plan_in_the_browser(self):
        """R-REV-09, R-PLN-01, R-PLN-02, R-PLN-05, R-PLN-08 in the browser: the
        planner receives the issued instruction, breaks it down into a plan,
        checks the material, creates the manufacturing orders of the cabinet
        and its frame and the request for quotation of the bought parts, issues
        the plan; purchasing objects to its step within the day."""
        customer = self.env["res.partner"].create({"name": "Tour plan customer"})
        order = (
            self.env["sale.order"]
            .with_company(self.company)
            .create(
                {
                    "name": "TOUR-SO",
                    "partner_id": customer.id,
                    "company_id": self.company.id,
                    "commitment_date": datetime(2030, 12, 20, 9, 0),
                    "order_line": [
                        Command.create({"product_id": self.cabinet.id, "product_uom_qty": 2})
                    ],
                }
            )
        )
        order.action_confirm()
        # the effective date is a stored computed field: flushed as a request ends
        order.flush_recordset()
        instruction = order.production_instruction_ids
        self.assertEqual(instruction.state, "draft", "the effective order has its instruction")
        instruction.with_user(self.admin).action_issue()

        self.start_tour(
            "/odoo/action-order_production_plan.action_order_production_instruction/"
            f"{instruction.id}",
            "order_production_plan_tour",
            login="admin",
        )

        self.env.invalidate_all()
        self.assertEqual(instruction.state, "planned", "the plan's issue ends the breakdown")
        self.assertTrue(instruction.received_by_id == self.admin)
        plan = instruction.plan_ids
        self.assertEqual(len(plan), 1)
        self.assertEqual(plan.state, "issued")
        self.assertTrue(plan.stock_checked_date)
        self.assertEqual(
            sorted(plan.production_ids.mapped(lambda p: (p.product_id.name, p.product_qty))),
            [("Tour cabinet", 2.0), ("Tour frame", 2.0)],
        )
        self.assertEqual(plan.purchase_ids.partner_id, self.vendor)
        self.assertEqual(plan.purchase_ids.state, "draft")
        self.assertEqual(
            sorted(
                plan.purchase_ids.order_line.mapped(lambda pl: (pl.product_id.name, pl.product_qty))
            ),
            [("Tour breaker", 8.0), ("Tour steel", 4.0)],
        )
        objection = plan.objection_ids
        self.assertEqual(len(objection), 1)
        self.assertEqual(objection.state, "submitted")
        self.assertEqual(objection.department_id, self.dept_purchase)
        self.assertEqual(objection.step_id.kind, "purchase")
        self.assertEqual(objection.user_id, self.admin)
        self.assertEqual(objection.proposed_finish.date().isoformat(), "2030-12-31")
        self.assertEqual(objection.old_finish, objection.step_id.planned_finish)
        self.assertTrue(objection.sla_deadline, "the issuing department's answer clock runs")
