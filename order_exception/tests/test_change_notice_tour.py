# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestChangeNoticeTour(HttpCase):
    def test_change_notice_in_the_browser(self):
        """R-EXC-01: a change notice on a confirmed order, its diff, its approval."""
        admin = self.env.ref("base.user_admin")
        self.env["order.review.stage"].create(
            {
                "name": "Tour change stage",
                "model": "order.change.notice",
                "user_ids": [Command.set(admin.ids)],
                "allow_own_approval": True,
            }
        )
        self.env["order.review.stage"].create(
            {
                "name": "Tour production stage",
                "model": "order.change.notice",
                "kind": "delivery",
                "user_ids": [Command.set(admin.ids)],
                "allow_own_approval": True,
            }
        )
        partner = self.env["res.partner"].create({"name": "Tour change customer"})
        product = self.env["product.product"].create({"name": "Tour cabinet", "list_price": 10})
        order = self.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "order_line": [Command.create({"product_id": product.id, "product_uom_qty": 10})],
            }
        )
        order.action_confirm()
        self.start_tour(
            f"/odoo/action-sale.action_orders/{order.id}", "order_change_notice_tour", login="admin"
        )
        notice = order.change_notice_ids
        self.assertEqual(notice.state, "applied")
        self.assertEqual(order.order_line.product_uom_qty, 14)
