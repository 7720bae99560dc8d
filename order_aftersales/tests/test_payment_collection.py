# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Payment collection (R-AFS-23..25): the open invoices of delivered orders
by customer and settlement method (预付款 / 货到付款 / 月结); each overdue
one gives its salesperson one "Collect Payment" activity, from a daily
cron whose queries do not grow with the invoices."""

from datetime import timedelta

from freezegun import freeze_time

from odoo import Command, fields
from odoo.tests import tagged

from .common import AftersalesCase


@tagged("post_install", "-at_install")
class TestPaymentCollection(AftersalesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Term = cls.env["account.payment.term"]

        def term(name, days, **vals):
            return Term.create(
                {
                    "name": name,
                    "company_id": cls.company.id,
                    "line_ids": [
                        Command.create({"value": "percent", "value_amount": 100.0, "nb_days": days})
                    ],
                    **vals,
                }
            )

        cls.prepayment = term("30% advance, balance 30 days", 30, order_advance_percent=30.0)
        cls.immediate = term("Immediate", 0)
        cls.monthly = term("30 days", 30)
        cls.delivered = cls._order([(cls.widget, 5, 100.0)])
        cls._validate(cls.delivered.picking_ids)
        cls.pending = cls._order([(cls.widget, 5, 100.0)])
        cls.today = fields.Date.context_today(cls.env["order.payment.collection"])
        cls.Collection = cls.env["order.payment.collection"]
        cls.collect = cls.env.ref("order_aftersales.mail_activity_type_collect_payment")

    @classmethod
    def _invoice(cls, order, days_ago, term, amount=100.0, partner=None):
        """A posted invoice of `order` dated `days_ago` days back under `term`."""
        invoice = (
            cls.env["account.move"]
            .with_company(cls.company)
            .create(
                {
                    "move_type": "out_invoice",
                    "partner_id": (partner or order.partner_id).id,
                    "invoice_user_id": order.user_id.id,
                    "invoice_date": cls.today - timedelta(days=days_ago),
                    "invoice_payment_term_id": term.id,
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "product_id": cls.widget.id,
                                "quantity": 1,
                                "price_unit": amount,
                                "tax_ids": [Command.clear()],
                                "sale_line_ids": [Command.set(order.order_line.ids)],
                            }
                        )
                    ],
                }
            )
        )
        invoice.action_post()
        return invoice

    def _activities(self, invoices):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "account.move"),
                ("res_id", "in", invoices.ids),
                ("activity_type_id", "=", self.collect.id),
            ]
        )

    def test_settlement_method_of_payment_terms(self):
        """R-AFS-25: an advance is prepayment, an immediate term cash on
        delivery, another term a monthly statement; a set method wins."""
        self.assertEqual(self.prepayment.order_settlement_effective, "prepayment")
        self.assertEqual(self.immediate.order_settlement_effective, "cod")
        self.assertEqual(self.monthly.order_settlement_effective, "monthly")
        self.monthly.order_settlement_method = "cod"
        self.assertEqual(self.monthly.order_settlement_effective, "cod")

    def test_overdue_invoices_of_delivered_orders_get_one_activity(self):
        """R-AFS-23: the overdue invoice of a delivered order gives its
        salesperson one activity, not a second on the next run nor a week
        after a reminder was done; a paid, a not yet due or an undelivered
        order's invoice none. By customer and settlement method (R-AFS-25)."""
        overdue = self._invoice(self.delivered, 40, self.monthly)
        cod = self._invoice(self.delivered, 3, self.immediate, amount=50.0)
        not_due = self._invoice(self.delivered, 10, self.monthly)
        paid = self._invoice(self.delivered, 40, self.monthly)
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=paid.ids
        ).create({}).action_create_payments()
        self.assertIn(paid.payment_state, ("paid", "in_payment"))
        undelivered = self._invoice(self.pending, 40, self.monthly)

        rows = self.Collection.search([("move_id.partner_id", "=", self.customer.id)])
        self.assertEqual(rows.move_id, overdue | cod | not_due | undelivered)
        row = rows.filtered(lambda r: r.move_id == overdue)
        self.assertEqual(
            (row.partner_id, row.user_id, row.sale_order_id, row.settlement_method),
            (self.customer, self.clerk, self.delivered, "monthly"),
        )
        self.assertEqual((row.days_overdue, row.is_overdue, row.is_delivered), (10, True, True))
        self.assertFalse(rows.filtered(lambda r: r.move_id == undelivered).is_delivered)
        groups = self.Collection._read_group(
            [("id", "in", rows.ids), ("is_delivered", "=", True)],
            ["partner_id", "settlement_method"],
            ["amount_residual:sum"],
        )
        self.assertEqual(
            sorted(groups, key=lambda g: g[1]),
            [(self.customer, "cod", 50.0), (self.customer, "monthly", 200.0)],
        )
        # the salesperson sees their own invoices, another salesperson not
        self.assertEqual(self.Collection.with_user(self.clerk).search([]).ids, rows.ids)
        self.assertFalse(self.Collection.with_user(self.agent).search([]))

        self.Collection._cron_collect_payments()
        activities = self._activities(overdue | cod | not_due | paid | undelivered)
        self.assertEqual(activities.mapped("res_id"), sorted((overdue | cod).ids))
        self.assertEqual(activities.user_id, self.clerk)
        self.assertEqual(
            activities.filtered(lambda a: a.res_id == overdue.id).summary,
            f"Collect payment: {overdue.name}, 10 days overdue",
        )
        self.Collection._cron_collect_payments()
        self.assertEqual(self._activities(overdue | cod), activities, "not twice")

        activities.action_feedback(feedback="The customer pays on Friday")
        self.Collection._cron_collect_payments()
        self.assertFalse(self._activities(overdue | cod), "a reminder was done this week")
        with freeze_time(self.today + timedelta(days=8)):
            self.Collection._cron_collect_payments()
        self.assertEqual(len(self._activities(overdue | cod)), 2, "still unpaid a week later")

    def test_cron_queries_do_not_grow_with_the_invoices(self):
        """R-AFS-23: 2 or 10 overdue invoices, the same number of queries."""
        self._invoice(self.delivered, 40, self.monthly)
        self.Collection._cron_collect_payments()  # warm the caches

        def prepare(count):
            for _i in range(count):
                self._invoice(self.delivered, 40, self.monthly)
            self.env.flush_all()
            self.env.cr.flush()  # as assertQueryCount does before counting
            self.env.invalidate_all()
            self.assertTrue(self.env.user.login)  # as assertQueryCount reads it

        def measured():
            before = self.env.cr.sql_log_count
            created = self.Collection._cron_collect_payments()
            return len(created), self.env.cr.sql_log_count - before

        prepare(2)
        created, queries = measured()
        self.assertEqual(created, 2)
        prepare(10)
        with self.assertQueryCount(queries, flush=False):
            created, queries_10 = measured()
        self.assertEqual(created, 10)
        self.assertEqual(queries_10, queries)
