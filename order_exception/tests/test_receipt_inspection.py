# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Incoming inspection of received batches (seeds-digest §3.4, R-EXC-10)."""

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, tagged

from odoo.addons.mail.tests.common import mail_new_test_user

STOCK_GROUPS = "base.group_user,stock.group_stock_user"


@tagged("post_install", "-at_install")
class TestReceiptInspection(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.company.order_qc_pass_rate_threshold = 95.0
        cls.supplier = cls.env["res.partner"].create({"name": "Busbar Supplier"})
        cls.busbar = cls.env["product.product"].create(
            {"name": "Copper busbar", "is_storable": True, "standard_price": 10.0}
        )
        cls.breaker = cls.env["product.product"].create(
            {"name": "Circuit breaker", "is_storable": True, "standard_price": 50.0}
        )
        cls.stock_user = mail_new_test_user(
            cls.env, login="qc_stock_user", name="Warehouse keeper", groups=STOCK_GROUPS
        )
        cls.inspector = mail_new_test_user(
            cls.env,
            login="qc_inspector",
            name="Inspector",
            groups=f"{STOCK_GROUPS},order_exception.group_order_exception_user",
        )
        cls.head = mail_new_test_user(
            cls.env,
            login="qc_head",
            name="QC head",
            groups=f"{STOCK_GROUPS},order_exception.group_order_exception_head",
        )

    def _receipt(self, lines=((100, 10.0),)):
        products = (self.busbar, self.breaker)
        order = self.env["purchase.order"].create(
            {
                "partner_id": self.supplier.id,
                "order_line": [
                    Command.create(
                        {"product_id": products[index].id, "product_qty": qty, "price_unit": price}
                    )
                    for index, (qty, price) in enumerate(lines)
                ],
            }
        )
        order.button_confirm()
        picking = order.picking_ids
        self.assertEqual(len(picking), 1)
        self.assertEqual(picking.picking_type_code, "incoming")
        return picking

    def _inspect(self, move, inspected, accepted, user=None, **extra):
        move.with_user(user or self.inspector).write(
            {"qc_inspected_qty": inspected, "qc_accepted_qty": accepted, **extra}
        )

    def test_pass_rate(self):
        """R-EXC-10: batch pass rate = qualified / inspected quantity of the receipt."""
        picking = self._receipt(lines=((60, 10.0), (40, 50.0)))
        self.assertEqual(picking.qc_state, "to_inspect")
        self.assertEqual(picking.qc_pass_rate, 0.0)
        busbar_move, breaker_move = picking.move_ids.sorted("id")
        self._inspect(busbar_move, 60, 60)
        self._inspect(breaker_move, 40, 34)
        self.assertEqual(breaker_move.qc_rejected_qty, 6)
        self.assertEqual(picking.qc_inspected_qty, 100)
        self.assertEqual(picking.qc_accepted_qty, 94)
        self.assertEqual(picking.qc_pass_rate, 94.0)
        # not below the threshold until the inspection is recorded
        self.assertFalse(picking.qc_below_threshold)

    def test_pass_rate_batch_compute(self):
        """R-EXC-10: the pass rate of several receipts is computed together."""
        first, second = self._receipt(), self._receipt(lines=((50, 10.0),))
        self._inspect(first.move_ids, 100, 99)
        self._inspect(second.move_ids, 50, 40)
        (first | second).invalidate_recordset(["qc_pass_rate"])
        self.assertEqual((first | second).mapped("qc_pass_rate"), [99.0, 80.0])

    def test_quantity_constraints(self):
        """R-EXC-10: qualified ≤ inspected, concession ≤ rejected, nothing negative."""
        move = self._receipt().move_ids
        with self.assertRaises(ValidationError):
            self._inspect(move, 10, 11)
        with self.assertRaises(ValidationError):
            self._inspect(move, -1, 0)
        with self.assertRaises(ValidationError):
            self._inspect(move, 10, 8, qc_concession_qty=3)
        with self.assertRaises(ValidationError):
            self._inspect(move, 10, 8, qc_concession_qty=2, qc_concession_price_unit=-1)
        self._inspect(move, 10, 8, qc_concession_qty=2, qc_concession_price_unit=8.0)
        self.assertEqual(move.qc_rejected_qty, 2)

    def test_inspector_records_inspection(self):
        """R-EXC-10: the inspector records the batch; 94 % is below the 95 % threshold."""
        picking = self._receipt()
        self._inspect(picking.move_ids, 100, 94)
        picking.with_user(self.inspector).qc_serious_problem = "appearance"
        picking.with_user(self.inspector).action_qc_record_inspection()
        self.assertEqual(picking.qc_state, "inspected")
        self.assertEqual(picking.qc_inspector_id, self.inspector)
        self.assertTrue(picking.qc_inspection_date)
        self.assertEqual(picking.qc_concession_state, "none")
        self.assertTrue(picking.qc_below_threshold)
        Picking = self.env["stock.picking"]
        self.assertIn(picking, Picking.search([("qc_below_threshold", "=", True)]))
        self.assertNotIn(picking, Picking.search([("qc_below_threshold", "=", False)]))
        message = picking.message_ids.filtered(lambda m: "Inspection recorded" in (m.body or ""))
        self.assertIn("94.00 %", message.body)
        self.assertIn("Poor Appearance", message.body)
        # the threshold is the company's
        self.company.order_qc_pass_rate_threshold = 90.0
        picking.invalidate_recordset(["qc_below_threshold"])
        self.assertFalse(picking.qc_below_threshold)
        self.assertNotIn(picking, Picking.search([("qc_below_threshold", "=", True)]))

    def test_changed_results_need_recording_again(self):
        """R-EXC-10: changing the figures voids the recorded inspection."""
        picking = self._receipt()
        self._inspect(picking.move_ids, 100, 100)
        picking.with_user(self.inspector).action_qc_record_inspection()
        self.assertEqual(picking.qc_state, "inspected")
        self._inspect(picking.move_ids, 100, 90)
        self.assertEqual(picking.qc_state, "to_inspect")
        self.assertEqual(picking.qc_pass_rate, 90.0)

    def test_record_needs_inspected_quantity(self):
        """R-EXC-10: an inspection without inspected quantity is not recorded."""
        picking = self._receipt()
        with self.assertRaises(UserError):
            picking.with_user(self.inspector).action_qc_record_inspection()
        self.assertEqual(picking.qc_state, "to_inspect")

    def test_only_inspectors_record(self):
        """R-EXC-10: inspection results come from inspectors only."""
        picking = self._receipt()
        with self.assertRaises(AccessError):
            self._inspect(picking.move_ids, 100, 94, user=self.stock_user)
        self._inspect(picking.move_ids, 100, 94)
        with self.assertRaises(AccessError):
            picking.with_user(self.stock_user).action_qc_record_inspection()

    def test_concession_needs_price(self):
        """R-EXC-10 / R-PLN-35: a concession states its reduced price."""
        picking = self._receipt()
        self._inspect(picking.move_ids, 100, 94, qc_concession_qty=6)
        with self.assertRaises(UserError):
            picking.with_user(self.inspector).action_qc_record_inspection()

    def _concession_receipt(self):
        picking = self._receipt()
        self._inspect(
            picking.move_ids,
            100,
            94,
            qc_concession_qty=4,
            qc_concession_price_unit=8.0,
        )
        picking.with_user(self.inspector).qc_concession_reason = "Scratches, usable inside"
        picking.with_user(self.inspector).action_qc_record_inspection()
        self.assertEqual(picking.qc_concession_state, "to_approve")
        return picking

    def test_concession_approved_by_head(self):
        """R-EXC-10 / R-PLN-35: 降价让步接收 is approved by a department head, in the chatter."""
        picking = self._concession_receipt()
        with self.assertRaises(AccessError):
            picking.with_user(self.inspector).action_qc_approve_concession()
        with self.assertRaises(AccessError):
            picking.with_user(self.inspector).write({"qc_concession_state": "approved"})
        self.assertEqual(picking.qc_concession_state, "to_approve")
        picking.with_user(self.head).action_qc_approve_concession()
        self.assertEqual(picking.qc_concession_state, "approved")
        self.assertEqual(picking.qc_concession_approved_by_id, self.head)
        self.assertTrue(picking.qc_concession_approved_date)
        message = picking.message_ids.filtered(lambda m: "Concession approved" in (m.body or ""))
        self.assertEqual(len(message), 1)
        self.assertEqual(message.author_id, self.head.partner_id)
        self.assertIn("QC head", message.body)
        self.assertIn("Scratches, usable inside", message.body)
        self.assertIn("<td>8</td>", message.body)
        # decided: the figures are frozen
        with self.assertRaises(UserError):
            self._inspect(picking.move_ids, 100, 100)
        with self.assertRaises(UserError):
            picking.with_user(self.head).action_qc_refuse_concession()

    def test_concession_refused_by_head(self):
        """R-EXC-10: a department head may refuse the concession."""
        picking = self._concession_receipt()
        picking.with_user(self.head).action_qc_refuse_concession()
        self.assertEqual(picking.qc_concession_state, "refused")
        self.assertTrue(
            picking.message_ids.filtered(lambda m: "Concession refused" in (m.body or ""))
        )

    def test_concession_activity_for_purchasing_head(self):
        """R-EXC-10: the head of purchasing (采购部) is asked to approve the concession."""
        if "order.department" not in self.env:
            self.skipTest("No departments")
        purchase_head = mail_new_test_user(
            self.env,
            login="qc_purchase_head",
            name="Purchasing head",
            groups=f"{STOCK_GROUPS},order_exception.group_order_exception_head",
        )
        self.env["order.department"].search([("code", "=", "PUR")]).active = False
        self.env["order.department"].create(
            {"name": "Purchasing", "code": "PUR", "manager_id": purchase_head.id}
        )
        picking = self._concession_receipt()
        activity = picking.qc_concession_activity_id
        self.assertEqual(activity.user_id, purchase_head)
        picking.with_user(purchase_head).action_qc_approve_concession()
        self.assertFalse(activity.exists())
