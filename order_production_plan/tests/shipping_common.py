# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Orders on prepayment and cash-on-delivery terms, a warehouse keeper and
the helpers of the packing and shipping tests."""

from freezegun import freeze_time

from odoo.addons.mail.tests.common import mail_new_test_user
from odoo.addons.order_review.tests.common import local

from .plan_common import PlanCase


class ShippingCase(PlanCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.keeper = mail_new_test_user(
            env,
            login="ship_keeper",
            password="ship_keeper",
            groups="base.group_user,stock.group_stock_user",
            tz="Asia/Shanghai",
            company_id=cls.company.id,
            company_ids=[(6, 0, cls.company.ids)],
        )
        term = env["account.payment.term"]
        cls.prepay = term.create({"name": "30% advance, balance before delivery"})
        cls.prepay.order_advance_percent = 30
        cls.cod = term.create({"name": "Cash on delivery"})
        cls.carrier = env["res.partner"].create({"name": "Test logistics"})

    @classmethod
    def _sale(cls, term, signed=True, lines=None, commitment=(2025, 10, 9, 17, 0)):
        """A confirmed order on `term` (delivery Thursday 9 October 17:00,
        the first working day after National Day by default)."""
        order = cls._order(
            lines or [(cls.breaker, 2)], commitment_date=local(*commitment), confirm=False
        )
        order.payment_term_id = term
        order.action_confirm()
        if signed:
            order.action_mark_signed()
        order.flush_recordset()
        return order

    def _notice(self, order, when=(2025, 9, 26, 10, 0)):
        """The order's draft shipping notice, drawn up by the clerk."""
        with freeze_time(local(*when)):
            action = self._as(order, self.clerk).action_create_shipping_notice()
            notice = self.env["order.shipping.notice"].browse(action["res_id"])
            # R-PLN-41: the clerk states the arrival time (the place comes
            # from the order)
            self._as(notice, self.clerk).arrival_date = local(2025, 10, 10, 15, 0)
        return notice

    def _validate(self, picking):
        self._stock(picking.product_id, 50)
        picking.action_assign()
        picking.move_ids.picked = True
        return picking.button_validate()
