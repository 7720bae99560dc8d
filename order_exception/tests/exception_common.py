# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command
from odoo.tests import TransactionCase

from odoo.addons.mail.tests.common import mail_new_test_user
from odoo.addons.order_review.tests.common import seeds_calendar

INSPECTOR = "order_exception.group_order_exception_user"
HEAD = "order_exception.group_order_exception_head"
MANAGER = "order_exception.group_order_exception_manager"
STOCK = "base.group_user,stock.group_stock_user,purchase.group_purchase_user"


class OrderExceptionCase(TransactionCase):
    """A company on the seeds' working calendar (Mon–Fri 08:30–12:00 and
    13:30–17:30, Asia/Shanghai) with its QC and purchasing departments, an
    inspector, their heads, a general manager and an exception manager; a
    quality category whose reaction is 20 working minutes, then the
    department head, then the general manager 30 minutes later (R-EXC-10)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env["res.company"].create({"name": "Ouyi exceptions"})
        cls.calendar = seeds_calendar(cls.env, cls.company)
        cls.company.resource_calendar_id = cls.calendar
        cls.env = cls.env(context=dict(cls.env.context, allowed_company_ids=cls.company.ids))

        def user(login, name, groups):
            return mail_new_test_user(
                cls.env,
                login=login,
                name=name,
                tz="Asia/Shanghai",
                groups=groups,
                company_id=cls.company.id,
                company_ids=cls.company.ids,
            )

        cls.inspector = user("exc_inspector", "Inspector Zheng", f"{STOCK},{INSPECTOR}")
        cls.other_inspector = user("exc_inspector2", "Inspector Two", f"{STOCK},{INSPECTOR}")
        cls.qc_head = user("exc_qc_head", "QC head Zhao", f"{STOCK},{HEAD}")
        cls.purchase_head = user("exc_pur_head", "Purchasing head Wu", f"{STOCK},{HEAD}")
        cls.gm = user("exc_gm", "General manager Wang", f"{STOCK},{MANAGER}")
        cls.salesman = user(
            "exc_salesman", "Salesman", "base.group_user,sales_team.group_sale_salesman"
        )
        Department = cls.env["order.department"]
        cls.qc = Department.create(
            {
                "name": "QA",
                "code": "QA",
                "company_id": cls.company.id,
                "manager_id": cls.qc_head.id,
                "member_ids": [Command.set(cls.inspector.ids)],
            }
        )
        cls.purchasing = Department.create(
            {
                "name": "Purchasing",
                "code": "PUR",
                "company_id": cls.company.id,
                "manager_id": cls.purchase_head.id,
            }
        )
        cls.policy = cls.env["order.sla.policy"].create(
            {
                "name": "Reaction to an exception report",
                "company_id": cls.company.id,
                "model_id": cls.env["ir.model"]._get_id("order.exception.report"),
                "duration": 20,
                "duration_unit": "working_minutes",
                "escalation_ids": [
                    Command.create({"level": 2, "name": "Department head", "delay": 0}),
                    Command.create(
                        {
                            "level": 3,
                            "name": "General manager",
                            "delay": 30,
                            "user_ids": [Command.set(cls.gm.ids)],
                        }
                    ),
                ],
            }
        )
        cls.quality = cls.env["order.exception.category"].create(
            {
                "name": "Quality",
                "code": "quality",
                "company_id": cls.company.id,
                "policy_id": cls.policy.id,
                "department_id": cls.qc.id,
            }
        )
        cls.product = cls.env["product.product"].create(
            {"name": "OY-CJX2 contactor", "is_storable": True, "company_id": cls.company.id}
        )
        cls.Report = cls.env["order.exception.report"]

    def _report(self, user=None, **vals):
        return (
            self.Report.with_user(user or self.inspector)
            .create(
                {
                    "title": "Coil burnt",
                    "category_id": self.quality.id,
                    "company_id": self.company.id,
                    **vals,
                }
            )
            .with_user(self.env.user)
        )

    def _activity_users(self, report):
        return (
            self.env["mail.activity"]
            .search([("res_model", "=", report._name), ("res_id", "=", report.id)])
            .user_id
        )
