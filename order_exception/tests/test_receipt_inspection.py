# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Incoming inspection of received batches, and the concession at a reduced
price reaching the purchase order and the vendor bill (docs/rules.md:
R-EXC-10, R-PLN-35)."""

import re

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
        with self.assertRaises(UserError):
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
        self.assertIn("8.00", message.body)
        self.assertIn("10.00", message.body, "the ordered price beside it")
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

    def test_concession_reaches_the_vendor_bill(self):
        """R-PLN-35, R-EXC-10: approved, the concession quantity is ordered,
        received and billed on a line of its own at the reduced price; the
        rest of the line keeps its price (Odoo's three-way match per line)."""
        picking = self._concession_receipt()
        order = picking.purchase_id
        original = order.order_line
        picking.with_user(self.head).action_qc_approve_concession()
        concession = order.order_line - original
        self.assertEqual(
            [(line.product_qty, line.price_unit) for line in original | concession],
            [(96.0, 10.0), (4.0, 8.0)],
        )
        self.assertEqual(concession.product_id, self.busbar)
        self.assertIn(picking.name, concession.name)
        moves = picking.move_ids.sorted("id")
        self.assertEqual(
            [(m.purchase_line_id, m.product_uom_qty, m.quantity) for m in moves],
            [(original, 96.0, 96.0), (concession, 4.0, 4.0)],
        )
        self.assertEqual(moves[1].price_unit, 8.0, "the stock is valued at the reduced price")
        self.assertTrue(
            order.message_ids.filtered(lambda m: "Concession approved by QC head" in (m.body or ""))
        )

        picking.button_validate()
        self.assertEqual(picking.state, "done")
        self.assertEqual((original.qty_received, concession.qty_received), (96.0, 4.0))
        order.action_create_invoice()
        bill = order.invoice_ids
        self.assertEqual(len(bill), 1)
        self.assertEqual(
            sorted((line.quantity, line.price_unit) for line in bill.invoice_line_ids),
            [(4.0, 8.0), (96.0, 10.0)],
        )
        self.assertEqual(bill.invoice_line_ids.purchase_line_id, original | concession)
        self.assertEqual(bill.amount_untaxed, 96 * 10.0 + 4 * 8.0)
        self.assertEqual((original.qty_invoiced, concession.qty_invoiced), (96.0, 4.0))

    def test_refused_concession_changes_no_price(self):
        """R-EXC-10: refused, the rejected goods keep the ordered line and price."""
        picking = self._concession_receipt()
        order = picking.purchase_id
        picking.with_user(self.head).action_qc_refuse_concession()
        self.assertEqual(len(order.order_line), 1)
        self.assertEqual(order.order_line.product_qty, 100.0)

    def test_receipt_waits_for_the_concession_decision(self):
        """R-PLN-35: the goods are received once the concession is decided, at
        the price decided; a concession comes before the receipt's validation."""
        picking = self._concession_receipt()
        with self.assertRaises(UserError):
            picking.button_validate()
        self.assertNotEqual(picking.state, "done")

        validated = self._receipt()
        validated.button_validate()
        self._inspect(
            validated.move_ids, 100, 94, qc_concession_qty=4, qc_concession_price_unit=8.0
        )
        with self.assertRaises(UserError):
            validated.with_user(self.inspector).action_qc_record_inspection()

    def test_inspection_table_in_the_users_language(self):
        """R-EXC-10: the table of the chatter is a QWeb template: its labels
        are translatable, its numbers follow the user's locale (quantities at
        the precision of their unit, prices in the order's currency)."""
        self.env["res.lang"]._activate_lang("fr_FR")
        unit = self.env["uom.uom"].create(
            {
                "name": "Tonne of copper",
                "category_id": self.env.ref("uom.product_uom_categ_kgm").id,
                "uom_type": "bigger",
                "factor_inv": 1000.0,
                "rounding": 0.001,
            }
        )
        self.busbar.write({"uom_id": unit.id, "uom_po_id": unit.id})
        picking = self._receipt(lines=((1500, 1234.5),))
        self._inspect(
            picking.move_ids, 1500, 1450.25, qc_concession_qty=20, qc_concession_price_unit=1000.0
        )
        symbol = picking.purchase_id.currency_id.symbol
        for lang, quantities, prices in [
            ("en_US", ["1,500.000", "1,450.250", "49.750"], ["1,000.00", "1,234.50"]),
            ("fr_FR", ["1 500,000", "1 450,250", "49,750"], ["1 000,00", "1 234,50"]),
        ]:
            with self.subTest(lang=lang):
                localized = picking.with_context(lang=lang)
                html = re.sub(r"[\s\u202f\xa0]+", " ", str(localized._qc_lines_table()))
                for text in [*quantities, "Tonne of copper"]:
                    self.assertIn(text, html)
                html = re.sub(r"[\s\u202f\xa0]+", " ", str(localized._qc_lines_table(True)))
                for text in [*prices, symbol, "20,000" if lang == "fr_FR" else "20.000"]:
                    self.assertIn(text, html)
        self.assertIn("Reduced Unit Price", str(picking._qc_lines_table(True)))
