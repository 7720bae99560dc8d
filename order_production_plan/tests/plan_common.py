# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""A manufacturer on the seeds' working calendar, its departments and people,
products with two-level bills of materials, and effective sale orders."""

from contextlib import contextmanager

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import Form, TransactionCase

from odoo.addons.mail.tests.common import mail_new_test_user
from odoo.addons.order_review.tests.common import local, seeds_calendar


class PlanCase(TransactionCase):
    """Ouyi-like company (Mon–Fri 08:30–12:00, 13:30–17:30 Asia/Shanghai,
    National Day 2025 off with its make-up days), production instructions
    drawn up when orders take effect, the manufacturing department (head:
    ``mfg_head``, a planner), the contract-order department (head:
    ``sales_manager``), workshop, purchasing and quality departments.

    Products: ``cabinet`` (a complete set) made from ``frame`` (made from
    ``steel``) and ``breaker`` (bought from ``vendor``); ``breaker`` is also
    sold alone (not a complete set)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.company = env["res.company"].create({"name": "Plan test company"})
        cls.calendar = seeds_calendar(env, cls.company)
        cls.company.resource_calendar_id = cls.calendar
        env["resource.calendar.leaves"].create(
            {
                "name": "National Day and Mid-Autumn Festival",
                "calendar_id": cls.calendar.id,
                "company_id": cls.company.id,
                "date_from": local(2025, 10, 1, 0, 0),
                "date_to": local(2025, 10, 8, 23, 59, 59),
            }
        )
        cls.warehouse = env["stock.warehouse"].search(
            [("company_id", "=", cls.company.id)], limit=1
        )
        company_ctx = {"company_id": cls.company.id, "company_ids": [Command.set(cls.company.ids)]}

        def user(login, groups):
            return mail_new_test_user(
                env,
                login=login,
                password=login,
                groups=groups,
                tz="Asia/Shanghai",
                **company_ctx,
            )

        cls.clerk = user("plan_clerk", "base.group_user,sales_team.group_sale_salesman")
        cls.sales_manager = user(
            "plan_sales_manager", "base.group_user,sales_team.group_sale_manager"
        )
        cls.mfg_head = user(
            "plan_mfg_head",
            "base.group_user,order_production_plan.group_order_production_plan_planner",
        )
        cls.workshop_head = user(
            "plan_workshop_head",
            "base.group_user,order_production_plan.group_order_production_plan_user",
        )
        cls.buyer = user(
            "plan_buyer",
            "base.group_user,purchase.group_purchase_user,"
            "order_production_plan.group_order_production_plan_user",
        )
        cls.gm = user(
            "plan_gm",
            "base.group_user,order_production_plan.group_order_production_plan_manager",
        )
        department = env["order.department"]
        cls.dept_mfg = department.create(
            {
                "name": "Manufacturing",
                "code": "T-MFG",
                "company_id": cls.company.id,
                "manager_id": cls.mfg_head.id,
            }
        )
        cls.dept_sales = department.create(
            {
                "name": "Contract orders",
                "code": "T-COM",
                "company_id": cls.company.id,
                "manager_id": cls.sales_manager.id,
                "member_ids": [Command.set(cls.clerk.ids)],
            }
        )
        cls.dept_workshop = department.create(
            {
                "name": "Assembly workshop",
                "code": "T-WS",
                "company_id": cls.company.id,
                "manager_id": cls.workshop_head.id,
            }
        )
        cls.dept_purchase = department.create(
            {
                "name": "Purchasing",
                "code": "T-PUR",
                "company_id": cls.company.id,
                "manager_id": cls.buyer.id,
            }
        )
        cls.company.write(
            {
                "order_plan_auto_instruction": True,
                "order_plan_department_id": cls.dept_mfg.id,
                "order_plan_sales_department_id": cls.dept_sales.id,
            }
        )
        cls.customer = env["res.partner"].create({"name": "Plan test customer"})
        cls.vendor = env["res.partner"].create({"name": "Plan test vendor"})
        product = env["product.product"]
        cls.steel = product.create(
            {
                "name": "Steel sheet",
                "is_storable": True,
                "seller_ids": [
                    Command.create({"partner_id": cls.vendor.id, "price": 5, "company_id": False})
                ],
            }
        )
        cls.breaker = product.create(
            {
                "name": "Breaker",
                "is_storable": True,
                "list_price": 50,
                "seller_ids": [
                    Command.create({"partner_id": cls.vendor.id, "price": 20, "company_id": False})
                ],
            }
        )
        cls.frame = product.create({"name": "Cabinet frame", "is_storable": True})
        cls.cabinet = product.create(
            {
                "name": "Switch cabinet",
                "is_storable": True,
                "list_price": 1000,
                "order_complete_set": True,
            }
        )
        bom = env["mrp.bom"]
        bom.create(
            {
                "product_tmpl_id": cls.frame.product_tmpl_id.id,
                "company_id": cls.company.id,
                "product_qty": 1,
                "bom_line_ids": [Command.create({"product_id": cls.steel.id, "product_qty": 2})],
            }
        )
        bom.create(
            {
                "product_tmpl_id": cls.cabinet.product_tmpl_id.id,
                "company_id": cls.company.id,
                "product_qty": 1,
                "bom_line_ids": [
                    Command.create({"product_id": cls.frame.id, "product_qty": 1}),
                    Command.create({"product_id": cls.breaker.id, "product_qty": 4}),
                ],
            }
        )

    @classmethod
    def _order(cls, lines, commitment_date=None, confirm=True):
        """A sale order of the test company; confirmed, it takes effect (no
        signature or advance asked) and its instruction is drawn up."""
        order = (
            cls.env["sale.order"]
            .with_company(cls.company)
            .create(
                {
                    "partner_id": cls.customer.id,
                    "company_id": cls.company.id,
                    "user_id": cls.clerk.id,
                    "warehouse_id": cls.warehouse.id,
                    "commitment_date": commitment_date or local(2025, 10, 31, 17, 0),
                    "order_line": [
                        Command.create({"product_id": product.id, "product_uom_qty": qty})
                        for product, qty in lines
                    ],
                }
            )
        )
        if confirm:
            order.action_confirm()
            order.flush_recordset()
        return order

    @classmethod
    def _as(cls, records, user):
        """The records as `user` sees them, in the test company."""
        return records.with_user(user).with_company(cls.company)

    @contextmanager
    def _refused(self, message):
        """Refused with `message`; what the call did is rolled back, as the
        request's transaction would be."""
        with self.assertRaises(UserError) as refusal:
            yield
        self.assertRegex(str(refusal.exception), message)

    def _plan(self, lines=None, commitment_date=None, order=None):
        """An effective order's instruction issued, received and broken down
        into a plan by the manufacturing head (call it under freeze_time)."""
        order = order or self._order(lines, commitment_date)
        instruction = order.production_instruction_ids
        self._as(instruction, self.clerk).action_issue()
        self._as(instruction, self.mfg_head).action_receive()
        action = self._as(instruction, self.mfg_head).action_create_plan()
        return self.env["order.production.plan"].browse(action["res_id"])

    def _issued_plan(self, when=(2025, 9, 26, 16, 0)):
        """A cabinet order's plan, checked and issued by the manufacturing
        head (by default on Friday 26 September 16:00; delivery: Friday 31
        October 17:00)."""
        with freeze_time(local(*when)):
            plan = self._as(self._plan([(self.cabinet, 1)]), self.mfg_head)
            plan.action_check_material()
            plan.action_issue()
        return plan.with_env(self.env)

    @staticmethod
    def _step(plan, kind):
        step = plan.step_ids.filtered(lambda s: s.kind == kind)
        step.ensure_one()
        return step

    def _stock(self, product, qty, warehouse=None):
        self.env["stock.quant"]._update_available_quantity(
            product, (warehouse or self.warehouse).lot_stock_id, qty
        )

    def _decide(self, record, user, decision="approve", opinion=False):
        """Decide the user's review stage through the wizard, as the reviewer
        would (order_review's review_common)."""
        action = self._as(record, user).with_context(decision=decision).action_review_decide()
        wizard = Form(
            self.env[action["res_model"]]
            .with_user(user)
            .with_company(self.company)
            .with_context(**action["context"])
        )
        wizard.decision = decision
        if opinion:
            wizard.opinion = opinion
        wizard.save().action_confirm()
