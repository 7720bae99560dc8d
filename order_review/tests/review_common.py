# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command
from odoo.tests import Form, TransactionCase

from odoo.addons.mail.tests.common import mail_new_test_user

from .common import local, seeds_calendar


class OrderReviewCase(TransactionCase):
    """A company on the seeds' calendar with its reviewers: sales manager,
    finance, production, general manager; a salesperson (sales clerk)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.company
        cls.calendar = seeds_calendar(cls.env, cls.company)
        cls.company.resource_calendar_id = cls.calendar

        def user(login, name, groups):
            return mail_new_test_user(
                cls.env,
                login=login,
                name=name,
                groups=groups,
                tz="Asia/Shanghai",
                company_id=cls.company.id,
                company_ids=[Command.set(cls.company.ids)],
            )

        reviewer_groups = (
            "base.group_user,sales_team.group_sale_salesman_all_leads,"
            "purchase.group_purchase_user,order_review.group_order_review_user"
        )
        cls.salesman = user(
            "rv_sales",
            "Sales clerk",
            "base.group_user,sales_team.group_sale_salesman,purchase.group_purchase_user",
        )
        cls.sales_manager = user("rv_manager", "Sales manager", reviewer_groups)
        cls.finance = user("rv_finance", "Finance reviewer", reviewer_groups)
        cls.production = user("rv_production", "Production reviewer", reviewer_groups)
        cls.gm = user("rv_gm", "General manager", reviewer_groups)

        cls.partner = cls.env["res.partner"].create({"name": "Huadian Switchgear"})
        cls.product = cls.env["product.product"].create(
            {"name": "Breaker OY-63", "list_price": 100.0, "standard_price": 60.0, "type": "consu"}
        )
        cls.Stage = cls.env["order.review.stage"]

    @classmethod
    def _stage(cls, name, users, **vals):
        return cls.Stage.create(
            {
                "name": name,
                "company_id": cls.company.id,
                "user_ids": [Command.set(users.ids)],
                **vals,
            }
        )

    def _order(self, qty=10, price=100.0, user=None, partner=None, **vals):
        return (
            self.env["sale.order"]
            .with_user(user or self.salesman)
            .create(
                {
                    "partner_id": (partner or self.partner).id,
                    "user_id": (user or self.salesman).id,
                    "order_line": [
                        Command.create(
                            {
                                "product_id": self.product.id,
                                "product_uom_qty": qty,
                                "price_unit": price,
                            }
                        )
                    ],
                    **vals,
                }
            )
        )

    def _decide(self, order, user, decision="approve", opinion=False, proposed_date=False):
        """Decide through the wizard, as the reviewer would."""
        action = order.with_user(user).with_context(decision=decision).action_review_decide()
        wizard = Form(
            self.env[action["res_model"]].with_user(user).with_context(**action["context"])
        )
        wizard.decision = decision
        if opinion:
            wizard.opinion = opinion
        if proposed_date:
            wizard.proposed_date = proposed_date
        wizard.save().action_confirm()

    @staticmethod
    def at(*args):
        return local(*args)
