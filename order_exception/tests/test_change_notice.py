# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Change notices on confirmed orders (docs/rules.md: R-EXC-01 to R-EXC-09)."""

import base64
from datetime import datetime

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from odoo.addons.mail.tests.common import mail_new_test_user
from odoo.addons.order_review.tests.common import as_local, local
from odoo.addons.order_review.tests.review_common import OrderReviewCase


@tagged("post_install", "-at_install")
class TestChangeNotice(OrderReviewCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.ref("stock.route_warehouse0_mto").active = True
        cls.component = cls.env["product.product"].create(
            {"name": "Copper busbar", "is_storable": True}
        )
        cls.cabinet = cls.env["product.product"].create(
            {
                "name": "Distribution cabinet",
                "is_storable": True,
                "list_price": 1000.0,
                "route_ids": [
                    Command.set(
                        [
                            cls.env.ref("mrp.route_warehouse0_manufacture").id,
                            cls.env.ref("stock.route_warehouse0_mto").id,
                        ]
                    )
                ],
            }
        )
        cls.env["mrp.bom"].create(
            {
                "product_tmpl_id": cls.cabinet.product_tmpl_id.id,
                "product_qty": 1,
                "bom_line_ids": [
                    Command.create({"product_id": cls.component.id, "product_qty": 4})
                ],
            }
        )
        cls.Notice = cls.env["order.change.notice"]
        # change notices are reviewed by the sales manager; date and structure
        # changes by production too (R-EXC-01 tiers 2 and 3)
        cls._stage("Change: sales manager", cls.sales_manager, model="order.change.notice")
        cls._stage(
            "Change: production",
            cls.production,
            model="order.change.notice",
            kind="delivery",
        )

    def _confirmed_order(self, qty=10):
        order = self.env["sale.order"].create(
            {
                "partner_id": self.partner.id,
                "user_id": self.salesman.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": self.cabinet.id,
                            "product_uom_qty": qty,
                            "price_unit": 1000.0,
                        }
                    ),
                    Command.create(
                        {"product_id": self.product.id, "product_uom_qty": 5, "price_unit": 100.0}
                    ),
                ],
            }
        )
        order.action_confirm()
        return order

    def _notice(self, order, **vals):
        action = order.with_user(self.salesman).action_change_order()
        notice = self.Notice.browse(action["res_id"])
        notice.write({"customer_reason": "The customer's project grew.", **vals})
        return notice

    def _line(self, notice, product):
        return notice.line_ids.filtered(lambda line: line.product_id == product)

    def _approve_all(self, notice):
        for review in notice.review_ids.filtered(lambda r: r.state == "pending"):
            review.with_user(review.reviewer_ids[0])._decide(True, "OK")

    def test_minor_price_change(self):
        order = self._confirmed_order()
        notice = self._notice(order)
        self.assertEqual(notice.version, 1)
        self.assertEqual(notice.change_class, "minor")
        self._line(notice, self.product).price_unit = 90.0
        self.assertEqual(notice.change_class, "minor", "a price is no date or structure change")
        self.assertIn("Unit Price", notice.diff_html)
        self.assertEqual(order.order_line[1].price_unit, 100.0, "nothing changes before approval")
        notice.action_submit()
        self.assertEqual(notice.state, "submitted")
        self.assertEqual(notice.review_ids.mapped("name"), ["Change: sales manager"])
        self._approve_all(notice)
        self.assertEqual(notice.state, "applied")
        self.assertEqual(order.order_line[1].price_unit, 90.0)

    def test_reviewer_without_sales_rights_applies_the_notice(self):
        """The review is the reviewer's authority: a reviewer with no right on
        sale orders approves, and the change reaches the order."""
        reviewer = mail_new_test_user(
            self.env,
            login="notice_reviewer",
            groups="base.group_user,order_review.group_order_review_user",
            company_id=self.company.id,
            company_ids=self.company.ids,
        )
        self.Stage.search([("model", "=", "order.change.notice")]).active = False
        self._stage("Change: reviewer only", reviewer, model="order.change.notice")
        order = self._confirmed_order()
        notice = self._notice(order)
        self._line(notice, self.product).price_unit = 80.0
        notice.action_submit()
        notice.review_ids.with_user(reviewer)._decide(True, "OK")
        self.assertEqual(notice.state, "applied")
        self.assertEqual(order.order_line[1].price_unit, 80.0)

    def test_submitted_notice_is_frozen(self):
        """What the reviewers see is what gets applied."""
        order = self._confirmed_order()
        notice = self._notice(order)
        notice.action_submit()
        with self.assertRaises(UserError):
            notice.with_user(self.salesman).write({"commitment_date": "2030-01-01 08:00:00"})
        with self.assertRaises(UserError):
            self._line(notice, self.product).with_user(self.salesman).price_unit = 1.0

    def test_quantity_increase_updates_production(self):
        order = self._confirmed_order(qty=10)
        self.assertEqual(sum(order.mrp_production_ids.mapped("product_qty")), 10)
        notice = self._notice(order)
        self._line(notice, self.cabinet).product_uom_qty = 14
        self.assertEqual(notice.change_class, "date")
        notice.action_submit()
        # date-affecting notices always include the production review
        self.assertIn("Change: production", notice.review_ids.mapped("name"))
        self._approve_all(notice)
        self.assertEqual(notice.state, "applied")
        self.assertEqual(order.order_line[0].product_uom_qty, 14)
        self.assertEqual(sum(order.mrp_production_ids.mapped("product_qty")), 14)

    def test_reduce_below_shipped_is_refused(self):
        order = self._confirmed_order()
        picking = order.picking_ids.filtered(lambda p: p.picking_type_code == "outgoing")
        move = picking.move_ids.filtered(lambda m: m.product_id == self.product)
        move.quantity = 4
        move.picked = True
        picking.with_context(skip_backorder=True, cancel_backorder=False)._action_done()
        self.assertEqual(order.order_line[1].qty_delivered, 4)
        notice = self._notice(order)
        self._line(notice, self.product).product_uom_qty = 2
        self.assertIn("already shipped or received", notice.impact_html)
        with self.assertRaisesRegex(UserError, "already shipped or received"):
            notice.action_submit()
        self.assertEqual(order.order_line[1].product_uom_qty, 5)

    def test_structural_change_needs_customer_approval(self):
        order = self._confirmed_order()
        notice = self._notice(order)
        self._line(notice, self.cabinet).name = "Distribution cabinet, IP65, stainless"
        self.assertEqual(notice.change_class, "structural")
        with self.assertRaisesRegex(UserError, "written approval"):
            notice.action_submit()
        notice.customer_approval_ids = [
            Command.create({"name": "approval.pdf", "datas": base64.b64encode(b"%PDF-1.4 signed")})
        ]
        with self.assertRaisesRegex(UserError, "supplementary contract"):
            notice.action_submit()
        notice.supplementary_contract_ids = [
            Command.create(
                {"name": "contract.pdf", "datas": base64.b64encode(b"%PDF-1.4 contract")}
            )
        ]
        notice.action_submit()
        self.assertIn("Change: production", notice.review_ids.mapped("name"))
        self._approve_all(notice)
        self.assertEqual(order.order_line[0].name, "Distribution cabinet, IP65, stainless")

    def test_class_can_be_raised_not_lowered(self):
        order = self._confirmed_order()
        notice = self._notice(order)
        self._line(notice, self.cabinet).product_uom_qty = 12
        with self.assertRaises(ValidationError):
            notice.change_class_requested = "minor"
        notice.change_class_requested = "structural"
        self.assertEqual(notice.change_class, "structural")

    def test_rejection_leaves_everything_untouched(self):
        order = self._confirmed_order()

        def state():
            return (
                order.read(["amount_total", "commitment_date", "state"]),
                order.order_line.read(["product_id", "name", "product_uom_qty", "price_unit"]),
                order.mrp_production_ids.read(["product_qty", "state", "date_start"]),
                order.picking_ids.move_ids.read(["product_uom_qty", "state", "date"]),
            )

        before = state()
        notice = self._notice(order)
        self._line(notice, self.cabinet).product_uom_qty = 20
        self._line(notice, self.product).price_unit = 1.0
        notice.action_submit()
        review = notice.review_ids.filtered(lambda r: r.name == "Change: sales manager")
        review.with_user(self.sales_manager)._decide(False, "The price cut is refused.")
        self.assertEqual(notice.state, "rejected")
        self.env.invalidate_all()
        self.assertEqual(state(), before)

    def test_diff_shows_every_changed_field(self):
        order = self._confirmed_order()
        notice = self._notice(order, commitment_date="2026-12-31 08:00:00")
        line = self._line(notice, self.product)
        other = self.env["product.product"].create({"name": "Breaker OY-100"})
        line.write(
            {"product_id": other.id, "name": "OY-100", "product_uom_qty": 7, "price_unit": 120}
        )
        notice.line_ids = [
            Command.create({"product_id": self.component.id, "product_uom_qty": 3, "price_unit": 5})
        ]
        diff = notice._get_diff()
        changed = {label: fields for label, _kind, fields in diff}
        self.assertEqual(
            {field for field, _before, _after in changed[self.product.display_name]},
            {"Product", "Description / Specification", "Quantity", "Unit Price"},
        )
        kinds = {kind for _label, kind, _fields in diff}
        self.assertEqual(kinds, {"changed", "added"})
        self.assertIn("Delivery Date", notice.diff_html)
        self.assertEqual(notice.change_class, "structural", "the product itself changes")

    def test_versions_keep_every_earlier_state(self):
        order = self._confirmed_order()
        original = self.Notice._snapshot(order)
        first = self._notice(order)
        self._line(first, self.product).price_unit = 95
        first.action_submit()
        self._approve_all(first)
        second = self._notice(order)
        self.assertEqual(second.version, 2)
        self._line(second, self.product).price_unit = 92
        second.action_submit()
        self._approve_all(second)
        self.assertEqual(first.snapshot_before, original)
        self.assertEqual(second.snapshot_before["lines"][1]["price_unit"], 95)
        self.assertEqual(order.change_notice_count, 2)
        with self.assertRaisesRegex(UserError, "never deleted"):
            first.unlink()

    def test_response_deadline_30_working_minutes(self):
        """R-EXC-01: the change is answered within 30 minutes of its receipt,
        counted on the working calendar; late, the clock is overdue."""
        self.env.ref("order_exception.sla_policy_change_response").escalation_ids = [
            Command.create(
                {
                    "level": 2,
                    "name": "Sales manager",
                    "user_ids": [Command.set(self.sales_manager.ids)],
                }
            )
        ]
        order = self._confirmed_order()
        with freeze_time(local(2025, 9, 15, 11, 50)):
            notice = self._notice(order)
        self.assertEqual(as_local(notice.sla_deadline), datetime(2025, 9, 15, 13, 50))
        self.assertEqual(notice.activity_ids.user_id, self.salesman)
        with freeze_time(local(2025, 9, 15, 13, 45)):
            self.env["order.sla.policy"]._cron_process_deadlines()
        self.assertEqual(notice.sla_state, "running", "the lunch break does not count")
        with freeze_time(local(2025, 9, 15, 13, 55)):
            self.env["order.sla.policy"]._cron_process_deadlines()
        self.assertEqual(notice.sla_state, "overdue")
        self.assertEqual(notice.sla_level, 2)
        self.assertEqual(notice.activity_ids.user_id, self.salesman | self.sales_manager)
        self.assertIn("Escalated to level 2", notice.message_ids[0].body)
        with freeze_time(local(2025, 9, 15, 14, 0)):
            self._line(notice, self.product).price_unit = 99
            notice.action_submit()
        self.assertEqual(notice.sla_state, "missed")

    def test_change_order_only_on_confirmed_orders(self):
        order = self._order()
        with self.assertRaisesRegex(UserError, "Only a confirmed order"):
            order.action_change_order()
        form = Form(
            self.env["order.change.notice"].with_context(
                default_order_id=self._confirmed_order().id
            )
        )
        form.customer_reason = "Added through the form"
        notice = form.save()
        self.assertEqual(len(notice.line_ids), 2)

    def test_supplier_change_on_purchase_order(self):
        """The same mechanism on a confirmed purchase order: the receipt follows."""
        supplier = self.env["res.partner"].create({"name": "Ningbo Hengfeng Copper"})
        purchase = self.env["purchase.order"].create(
            {
                "partner_id": supplier.id,
                "order_line": [
                    Command.create(
                        {"product_id": self.component.id, "product_qty": 10, "price_unit": 50}
                    )
                ],
            }
        )
        purchase.button_confirm()
        self.assertEqual(purchase.state, "purchase")
        action = purchase.action_change_order()
        notice = self.Notice.browse(action["res_id"])
        self.assertEqual(notice.partner_id, supplier)
        self.assertEqual(notice.line_ids.old_product_uom_qty, 10)
        notice.write({"customer_reason": "The supplier can deliver more at a lower price."})
        notice.line_ids.write({"product_uom_qty": 16, "price_unit": 48})
        self.assertEqual(notice.change_class, "date")
        notice.action_submit()
        self._approve_all(notice)
        self.assertEqual(notice.state, "applied")
        self.assertEqual(purchase.order_line.product_qty, 16)
        self.assertEqual(purchase.order_line.price_unit, 48)
        self.assertEqual(sum(purchase.picking_ids.move_ids.mapped("product_uom_qty")), 16)
        self.assertEqual(purchase.change_notice_count, 1)

        # part of it is received: the quantity can no longer drop below that
        receipt = purchase.picking_ids
        receipt.move_ids.quantity = 6
        receipt.move_ids.picked = True
        receipt.with_context(cancel_backorder=False)._action_done()
        second = self.Notice.browse(purchase.action_change_order()["res_id"])
        self.assertEqual(second.version, 2)
        second.write(
            {
                "customer_reason": "Smaller need.",
                "line_ids": [Command.update(second.line_ids.id, {"product_uom_qty": 4})],
            }
        )
        with self.assertRaisesRegex(UserError, "already shipped or received"):
            second.action_submit()
