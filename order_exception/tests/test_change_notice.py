# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Change notices on confirmed orders (docs/rules.md: R-EXC-01 to R-EXC-09)."""

import base64
import re
from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo import Command, fields
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
        # the departments a notice reaches, by their codes (R-EXC-02, R-EXC-03,
        # R-REV-22): production, QC, supply, contract orders, planning (物控部)
        groups = "base.group_user,purchase.group_purchase_user"
        cls.qc_head = mail_new_test_user(
            cls.env, login="cn_qc_head", groups=groups, company_id=cls.company.id
        )
        cls.buyer_head = mail_new_test_user(
            cls.env, login="cn_buyer_head", groups=groups, company_id=cls.company.id
        )
        cls.contract_head = mail_new_test_user(
            cls.env, login="cn_contract_head", groups=groups, company_id=cls.company.id
        )
        cls.planner = mail_new_test_user(
            cls.env, login="cn_planner", groups=groups, company_id=cls.company.id
        )
        cls.departments = {
            code: cls.env["order.department"].create(
                {"name": name, "code": code, "company_id": cls.company.id, "manager_id": head.id}
            )
            for code, name, head in [
                ("MFG", "Manufacturing", cls.production),
                ("QA", "Quality", cls.qc_head),
                ("PUR", "Purchasing", cls.buyer_head),
                ("COM", "Contract orders", cls.contract_head),
                ("PMC", "Material control", cls.planner),
            ]
        }
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

    @staticmethod
    def _logged(record, text):
        return record.message_ids.filtered(lambda m: text in (m.body or ""))

    @staticmethod
    def _attach(notice, fname="customer_approval_ids", name="approval.pdf"):
        notice[fname] = [
            Command.create({"name": name, "datas": base64.b64encode(b"%PDF-1.4 signed")})
        ]

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
        self._attach(notice)
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
        self._attach(notice)
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
        self._attach(notice)
        with self.assertRaisesRegex(UserError, "supplementary contract"):
            notice.action_submit()
        self._attach(notice, "supplementary_contract_ids", "contract.pdf")
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
        self._attach(notice)
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
        changed = {item["label"]: item["fields"] for item in diff}
        self.assertEqual(
            {cell["label"] for cell in changed[self.product.display_name]},
            {"Product", "Description / Specification", "Quantity", "Unit Price"},
        )
        kinds = {item["change"] for item in diff}
        self.assertEqual(kinds, {"changed", "added"})
        self.assertIn("Delivery Date", notice.diff_html)
        self.assertEqual(notice.change_class, "structural", "the product itself changes")

    def test_versions_keep_every_earlier_state(self):
        order = self._confirmed_order()
        original = order._change_snapshot()
        first = self._notice(order)
        self._line(first, self.product).price_unit = 95
        self._attach(first)
        first.action_submit()
        self._approve_all(first)
        second = self._notice(order)
        self.assertEqual(second.version, 2)
        self._line(second, self.product).price_unit = 92
        self._attach(second)
        second.action_submit()
        self._approve_all(second)
        self.assertEqual(first.snapshot_before, original)
        self.assertEqual(second.snapshot_before["lines"][1]["price_unit"], 95)
        self.assertEqual(order.change_notice_count, 2)
        with self.assertRaisesRegex(UserError, "never deleted"):
            first.unlink()

    def test_response_deadline_30_working_minutes(self):
        """R-EXC-01: the change is answered within 30 minutes of its receipt,
        counted on the working calendar; the clock starts when the notice is
        submitted (opening Change Order starts nothing), from the receipt, and
        stops when the notice is circulated: the first reviewer's decision."""
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
        self.assertFalse(notice.sla_state, "a draft starts no clock")
        self.assertFalse(notice.activity_ids)
        with freeze_time(local(2025, 9, 15, 11, 55)):
            self._line(notice, self.cabinet).product_uom_qty = 12
            notice.action_submit()
        self.assertEqual(notice.sla_state, "running")
        self.assertEqual(as_local(notice.sla_start), datetime(2025, 9, 15, 11, 50))
        self.assertEqual(as_local(notice.sla_deadline), datetime(2025, 9, 15, 13, 50))
        self.assertEqual(notice._sla_get_activities().user_id, self.salesman)
        with freeze_time(local(2025, 9, 15, 13, 45)):
            self.env["order.sla.policy"]._cron_process_deadlines()
        self.assertEqual(notice.sla_state, "running", "the lunch break does not count")
        with freeze_time(local(2025, 9, 15, 13, 55)):
            self.env["order.sla.policy"]._cron_process_deadlines()
        self.assertEqual(notice.sla_state, "overdue")
        self.assertEqual(notice.sla_level, 2)
        self.assertEqual(notice._sla_get_activities().user_id, self.salesman | self.sales_manager)
        self.assertTrue(self._logged(notice, "Escalated to level 2"))
        with freeze_time(local(2025, 9, 15, 14, 0)):
            review = notice.review_ids.filtered(lambda r: r.name == "Change: production")
            review.with_user(self.production)._decide(True, "Feasible")
        self.assertEqual(notice.sla_state, "missed")
        self.assertEqual(as_local(notice.circulated_date), datetime(2025, 9, 15, 14, 0))
        self.assertEqual(notice.state, "submitted", "the sales manager has not decided yet")
        self.assertFalse(notice._sla_get_activities(), "answered")

    def test_response_clock_met_and_late_submission(self):
        """R-EXC-01: answered in time, the clock is met, and a later decision
        does not move it; submitted after the deadline, it is overdue at once."""
        cases = [
            ("met", local(2025, 9, 15, 9, 0), local(2025, 9, 15, 9, 10), "met"),
            ("late", local(2025, 9, 15, 9, 0), local(2025, 9, 15, 10, 0), "missed"),
        ]
        for label, received, submitted, expected in cases:
            with self.subTest(label):
                order = self._confirmed_order()
                with freeze_time(received):
                    notice = self._notice(order)
                with freeze_time(submitted):
                    notice.action_submit()
                    self.assertEqual(notice.sla_state, "running" if label == "met" else "overdue")
                    self._approve_all(notice)
                self.assertEqual(notice.sla_state, expected)
                self.assertEqual(notice.circulated_date, submitted)

    def test_no_review_stage_circulates_at_submission(self):
        """R-EXC-01: without a review stage the submission circulates the
        notice: the clock stops there and the notice applies."""
        self.Stage.search([("model", "=", "order.change.notice")]).active = False
        order = self._confirmed_order()
        notice = self._notice(order)
        self._line(notice, self.product).product_uom_qty = 3
        notice.action_submit()
        self.assertEqual(notice.state, "applied")
        self.assertEqual(notice.sla_state, "met")
        self.assertTrue(notice.circulated_date)

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
        self._attach(notice, name="supplier_offer.pdf")
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

    # ------------------------------------------------------------------
    # One open notice per order; locked orders
    # ------------------------------------------------------------------
    def test_one_open_notice_per_order(self):
        """R-EXC-07: one change is re-confirmed at a time: a second notice
        while one is open is refused, naming it; once it is cancelled (or
        applied, rejected) the next one takes the next version."""
        order = self._confirmed_order()
        first = self._notice(order)
        for state_change in ("draft", "submitted"):
            with self.subTest(state_change):
                if state_change == "submitted":
                    first.action_submit()
                with self.assertRaisesRegex(UserError, re.escape(first.display_name)):
                    order.with_user(self.salesman).action_change_order()
        first.action_cancel()
        with self.assertRaisesRegex(UserError, "one change notice at a time"):
            self.Notice.create([{"order_id": order.id}, {"order_id": order.id}])
        second = self._notice(order)
        self.assertEqual(second.version, 2)
        self.assertEqual(order.change_notice_count, 2)

    def test_locked_order_takes_the_notice(self):
        """R-EXC-01: an approved notice changes a locked order too: Odoo's lock
        is lifted for the change (the procurement follows) and set again."""
        order = self._confirmed_order(qty=10)
        order.action_lock()
        notice = self._notice(order)
        self._line(notice, self.cabinet).product_uom_qty = 13
        notice.action_submit()
        self._approve_all(notice)
        self.assertEqual(notice.state, "applied")
        self.assertTrue(order.locked, "locked again")
        self.assertEqual(order.order_line[0].product_uom_qty, 13)
        self.assertEqual(sum(order.mrp_production_ids.mapped("product_qty")), 13)
        self.assertTrue(self._logged(order, "locked again"))

    # ------------------------------------------------------------------
    # Written confirmation and supplementary contract (R-EXC-05)
    # ------------------------------------------------------------------
    def test_price_change_needs_written_confirmation(self):
        """R-EXC-05: a price change applies only with the customer's written
        confirmation attached."""
        order = self._confirmed_order()
        notice = self._notice(order)
        self._line(notice, self.product).price_unit = 120.0
        self.assertTrue(notice.approval_required)
        self.assertFalse(notice.contract_required, "by default only structure needs a contract")
        with self.assertRaisesRegex(UserError, "changes prices: attach the customer's written"):
            notice.action_submit()
        self._attach(notice)
        notice.action_submit()
        self._approve_all(notice)
        self.assertEqual(order.order_line[1].price_unit, 120.0)

    def test_supplementary_contract_as_the_company_sets_it(self):
        """R-EXC-01 tier 3 / R-EXC-05: the supplementary contract is needed
        "if necessary": the company says when (structure by default, a higher
        amount, a later delivery date)."""
        cases = [
            # setting, change, contract required
            ({}, "structure", True),
            ({"order_change_contract_structural": False}, "structure", False),
            ({}, "amount", False),
            ({"order_change_contract_amount_increase": True}, "amount", True),
            ({"order_change_contract_amount_increase": True}, "price_cut", False),
            ({}, "delay", False),
            ({"order_change_contract_delay": True}, "delay", True),
        ]
        for settings, change, required in cases:
            with self.subTest(settings=settings, change=change):
                self.company.write(
                    {
                        "order_change_contract_structural": True,
                        "order_change_contract_amount_increase": False,
                        "order_change_contract_delay": False,
                        **settings,
                    }
                )
                order = self._confirmed_order()
                order.commitment_date = fields.Datetime.now() + timedelta(days=30)
                notice = self._notice(order)
                if change == "structure":
                    self._line(notice, self.cabinet).name = "Cabinet, IP65"
                elif change == "amount":
                    self._line(notice, self.product).product_uom_qty = 8
                elif change == "price_cut":
                    self._line(notice, self.product).price_unit = 90
                else:
                    notice.commitment_date = fields.Datetime.now() + timedelta(days=60)
                self._attach(notice)
                self.assertEqual(notice.contract_required, required)
                if required:
                    with self.assertRaisesRegex(UserError, "supplementary contract"):
                        notice.action_submit()
                    self._attach(notice, "supplementary_contract_ids", "contract.pdf")
                notice.action_submit()
                self.assertEqual(notice.state, "submitted")
                notice.action_cancel()

    # ------------------------------------------------------------------
    # Technical change notice (R-EXC-02, R-EXC-03, R-EXC-04)
    # ------------------------------------------------------------------
    def test_technical_change_notice(self):
        """R-EXC-02 / R-EXC-03: the technical change notice names what changes
        (structure, a component's specification or model, the designated
        manufacturer) and why; one the customer asked for needs the customer's
        written documents (R-EXC-04); it reaches production, QC, supply and the
        contract-order management department, whose heads get an activity once
        it applies."""
        order = self._confirmed_order()
        notice = self._notice(order, notice_type="technical", drawing_ref="DWG-OY-220 rev B")
        self.assertEqual(
            notice.recipient_department_ids,
            self.departments["MFG"]
            | self.departments["QA"]
            | self.departments["PUR"]
            | self.departments["COM"],
        )
        with self.assertRaisesRegex(UserError, "needed only when the overall structure"):
            notice.action_submit()
        notice.tech_manufacturer = True
        self.assertEqual(notice.change_class, "structural")
        with self.assertRaisesRegex(UserError, "design error or comes from the customer"):
            notice.action_submit()
        notice.tech_origin = "customer"
        with self.assertRaisesRegex(UserError, "customer's written change documents"):
            notice.action_submit()
        self._attach(notice, name="customer_request.pdf")
        self._attach(notice, "supplementary_contract_ids", "contract.pdf")
        notice.action_submit()
        self.assertIn("Change: production", notice.review_ids.mapped("name"))
        self._approve_all(notice)
        self.assertEqual(notice.state, "applied")
        heads = notice.activity_ids.filtered(lambda a: "adjust your department" in a.summary)
        self.assertEqual(
            heads.user_id, self.production | self.qc_head | self.buyer_head | self.contract_head
        )

    def test_technical_design_error_needs_no_customer_document(self):
        """R-EXC-03: a design error found after release is corrected in
        writing to production, QC and supply; the customer signs nothing."""
        order = self._confirmed_order()
        notice = self._notice(
            order, notice_type="technical", tech_component=True, tech_origin="design_error"
        )
        self._line(notice, self.cabinet).name = "Distribution cabinet, 4 mm busbar"
        self.assertFalse(notice.approval_required)
        self.assertFalse(notice.contract_required)
        notice.action_submit()
        self._approve_all(notice)
        self.assertEqual(order.order_line[0].name, "Distribution cabinet, 4 mm busbar")

    def test_delivery_address_change(self):
        """R-EXC-09: the customer changes the delivery address: it shows in
        the changes and reaches the order and its open deliveries."""
        order = self._confirmed_order()
        site = self.env["res.partner"].create(
            {"name": "Site B", "parent_id": self.partner.id, "type": "delivery"}
        )
        notice = self._notice(order, partner_shipping_id=site.id)
        self.assertEqual(notice.old_partner_shipping_id, order.partner_shipping_id)
        self.assertIn("Delivery Address", notice.diff_html)
        self.assertIn("Site B", notice.diff_html)
        self.assertEqual(notice.change_class, "minor")
        notice.action_submit()
        self._approve_all(notice)
        self.assertEqual(order.partner_shipping_id, site)
        outgoing = order.picking_ids.filtered(lambda p: p.picking_type_code == "outgoing")
        self.assertEqual(outgoing.partner_id, site)
        self.assertTrue(self._logged(order, "Site B"), "the chatter keeps the diff")

    # ------------------------------------------------------------------
    # Purchase quantity reduced: planning consulted (R-REV-22)
    # ------------------------------------------------------------------
    def _purchase(self, qty=10):
        supplier = self.env["res.partner"].create({"name": "Ningbo Hengfeng Copper"})
        purchase = self.env["purchase.order"].create(
            {
                "partner_id": supplier.id,
                "order_line": [
                    Command.create(
                        {"product_id": self.component.id, "product_qty": qty, "price_unit": 50}
                    )
                ],
            }
        )
        purchase.button_confirm()
        return purchase

    def test_purchase_reduction_consults_planning(self):
        """R-REV-22: purchasing reduces a planned purchase quantity only after
        consulting the planning department: its head gets an activity, and the
        approved notice applies once planning acknowledges it."""
        purchase = self._purchase(qty=10)
        notice = self.Notice.browse(purchase.action_change_order()["res_id"])
        notice.write(
            {
                "customer_reason": "The project needs fewer busbars.",
                "line_ids": [Command.update(notice.line_ids.id, {"product_uom_qty": 6})],
            }
        )
        self.assertEqual(notice.consult_department_id, self.departments["PMC"])
        notice.action_submit()
        ask = notice.activity_ids.filtered(lambda a: a.user_id == self.planner)
        self.assertEqual(len(ask), 1)
        self._approve_all(notice)
        self.assertEqual(notice.state, "approved", "waits for planning")
        self.assertEqual(purchase.order_line.product_qty, 10)
        with self.assertRaisesRegex(UserError, "Only the head or a member"):
            notice.with_user(self.salesman).action_consult_acknowledge()
        notice.with_user(self.planner).action_consult_acknowledge()
        self.assertEqual(notice.state, "applied")
        self.assertEqual(notice.consulted_by_id, self.planner)
        self.assertEqual(purchase.order_line.product_qty, 6)
        self.assertFalse(ask.exists(), "the activity is done")

    def test_purchase_increase_needs_no_planning(self):
        """R-REV-22 is about reductions: a larger purchase applies at once."""
        purchase = self._purchase(qty=10)
        notice = self.Notice.browse(purchase.action_change_order()["res_id"])
        notice.write(
            {
                "customer_reason": "More busbars.",
                "line_ids": [Command.update(notice.line_ids.id, {"product_uom_qty": 12})],
            }
        )
        self.assertFalse(notice.consult_department_id)
        notice.action_submit()
        self._approve_all(notice)
        self.assertEqual(notice.state, "applied")

    def test_purchase_reduction_without_planning_department(self):
        """R-REV-22: with no planning department to consult, the reduction is
        refused with a message saying what to create."""
        self.departments["PMC"].active = False
        purchase = self._purchase(qty=10)
        notice = self.Notice.browse(purchase.action_change_order()["res_id"])
        notice.write(
            {
                "customer_reason": "Fewer.",
                "line_ids": [Command.update(notice.line_ids.id, {"product_uom_qty": 6})],
            }
        )
        with self.assertRaisesRegex(UserError, "code PMC"):
            notice.action_submit()

    # ------------------------------------------------------------------
    # Document types through hooks; rendering
    # ------------------------------------------------------------------
    def test_document_types_are_declared_by_the_orders(self):
        """The notice knows its document types from the orders' hooks
        (order.change.mixin), not from a table of its own."""
        self.assertEqual(
            self.Notice._document_fields(),
            {"order_id": "sale.order", "purchase_id": "purchase.order"},
        )
        order = self._confirmed_order()
        self.assertEqual(
            order._change_header_map(),
            {"commitment_date": "commitment_date", "partner_shipping_id": "partner_shipping_id"},
        )
        self.assertEqual(self._purchase()._change_header_map(), {"commitment_date": "date_planned"})
        with self.assertRaisesRegex(ValidationError, "exactly one confirmed order"):
            self._notice(order).write({"order_id": False})

    def test_tables_follow_the_user_language_and_time_zone(self):
        """The changes and the impact are QWeb templates: numbers in the
        user's format, dates in the user's time zone, labels translated."""
        self.env["res.lang"]._activate_lang("fr_FR")
        order = self._confirmed_order()
        notice = self._notice(order, commitment_date=local(2026, 12, 31, 8, 30))
        self._line(notice, self.cabinet).price_unit = 1234.5
        french = notice.with_context(lang="fr_FR", tz="Asia/Shanghai")
        self.assertRegex(french.diff_html, "1(\xa0|&nbsp;)234,50")
        self.assertIn("08:30", french.diff_html)
        self.assertIn("1,234.50", notice.with_context(lang="en_US").diff_html)
        self.assertIn("o_order_change_impact", notice.impact_html)
        self.assertIn("Manufacturing Order", notice.impact_html)
        self._attach(notice)
        notice.action_submit()
        self._approve_all(notice)
        applied = order.message_ids.filtered(lambda m: "applied" in (m.body or ""))[:1]
        self.assertIn("o_order_change_diff", applied.body, "the chatter keeps the diff")

    # ------------------------------------------------------------------
    # Guards: the client asks, the server decides
    # ------------------------------------------------------------------
    def test_salesman_cannot_write_the_workflow(self):
        """A salesman cannot move a notice back to draft, renumber it, fake
        the values before the change or stamp it circulated: the record stays
        as it was."""
        order = self._confirmed_order()
        notice = self._notice(order)
        self._line(notice, self.product).product_uom_qty = 3
        notice.action_submit()
        before = notice.read(["state", "version", "old_commitment_date", "circulated_date"])
        attacks = [
            {"state": "draft"},
            {"state": "applied"},
            {"version": 7},
            {"old_commitment_date": "2020-01-01 00:00:00"},
            {"circulated_date": "2020-01-01 00:00:00"},
            {"change_class": "structural"},
        ]
        for vals in attacks:
            with self.subTest(vals=vals), self.assertRaises(UserError):
                notice.with_user(self.salesman).write(vals)
        self.env.invalidate_all()
        self.assertEqual(
            notice.read(["state", "version", "old_commitment_date", "circulated_date"]), before
        )
        with self.assertRaises(UserError):
            self.Notice.with_user(self.salesman).create(
                {"order_id": self._confirmed_order().id, "state": "applied"}
            )
        draft = self._notice(self._confirmed_order())
        with self.assertRaisesRegex(UserError, "values before the change"):
            draft.line_ids[:1].with_user(self.salesman).write({"old_price_unit": 1.0})
