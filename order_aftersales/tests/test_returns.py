# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Returns, exchanges and repairs (R-AFS-14..16): the flow of R-AFS-14 on
Odoo's own documents (the return wizard, the reversal, the exchange's
procurement, the repair order), the review stages of order_review and the
return window of the deadline engine."""

from freezegun import freeze_time

from odoo.tests import tagged

from odoo.addons.order_review.tests.common import local

from .common import AftersalesCase


@tagged("post_install", "-at_install")
class TestReturns(AftersalesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.order, cls.first, cls.second, cls.invoice = cls._delivered_in_two()
        cls.widget_line = cls.order.order_line.filtered(lambda sol: sol.product_id == cls.widget)
        cls.gadget_line = cls.order.order_line.filtered(lambda sol: sol.product_id == cls.gadget)
        cls.stage = cls.env.ref("order_aftersales.review_stage_aftersales_manager")

    def _approved(self, lines, kind="return", when=(2025, 9, 26, 10, 0)):
        """A return of `lines`, submitted by the agent and approved by the
        after-sales manager at `when` (Friday 26 September 2025, 10:00)."""
        request = self._return_request(lines, kind=kind)
        with freeze_time(local(2025, 9, 25, 11, 0)):
            request.with_user(self.agent).action_return_submit()
        self.assertEqual(request.return_state, "submitted")
        with freeze_time(local(*when)):
            self._review_decide(request, self.manager)
        return request

    def _messages_to_customer(self, request):
        return request.message_ids.filtered(
            lambda m: m.message_type == "comment" and self.customer_contact in m.partner_ids
        )

    def test_multi_line_return_over_two_deliveries(self):
        """R-AFS-14, acceptance: a return of 2 widgets and 1 gadget of the
        first delivery and 3 widgets of the second is reviewed by the
        after-sales manager, makes two return receipts through Odoo's return
        wizard (one per delivery), is received when both are validated, and
        its refund is one credit note of 540 untaxed plus the tax, by
        reversal of the invoice of 1,200."""
        request = self._approved(
            [
                (self._move(self.first, self.widget), 2, None),
                (self._move(self.first, self.gadget), 1, None),
                (self._move(self.second, self.widget), 3, None),
            ]
        )
        self.assertEqual(set(request.line_ids.mapped("resolution")), {"refund"})
        self.assertEqual(request.review_state, "approved")
        self.assertEqual(request.review_ids.stage_id, self.stage)
        self.assertEqual(request.return_state, "awaiting")
        receipts = request.return_picking_ids
        self.assertEqual(len(receipts), 2)
        self.assertEqual(receipts.return_id, self.first | self.second)
        self.assertEqual(set(receipts.mapped("picking_type_code")), {"incoming"})
        first_back = receipts.filtered(lambda p: p.return_id == self.first)
        self.assertEqual(
            sorted((m.product_id.name, m.product_uom_qty) for m in first_back.move_ids),
            [("Gadget", 1.0), ("Widget", 2.0)],
        )
        self.assertTrue(all(receipts.move_ids.mapped("to_refund")))
        # R-AFS-14 step 3: the customer is e-mailed the address and instructions
        mail = self._messages_to_customer(request)
        self.assertEqual(len(mail), 1)
        self.assertIn(first_back.name, mail.body)
        self.assertIn("tracking number", mail.body)
        self.assertIn(self.company.partner_id.name, mail.body)
        # the window: 7 working days from the approval
        self.assertEqual(request.return_deadline, local(2025, 10, 13, 10, 0))
        # the warehouse validates the receipts: received once both are done
        with freeze_time(local(2025, 9, 29, 9, 0)):
            self._receive(first_back)
            self.assertEqual(request.return_state, "awaiting")
            self._receive(receipts - first_back)
        self.assertEqual(request.return_state, "received")
        self.assertEqual(request.return_received_on, local(2025, 9, 29, 9, 0))
        self.assertEqual(self._clock(request, "aftersales_return").sla_state, "met")
        self.assertEqual(request.line_ids.mapped("quantity_received"), [2.0, 1.0, 3.0])
        self._inspect(request)
        self.assertEqual(request.return_state, "inspected")
        self.assertEqual(set(request.line_ids.mapped("inspection_result")), {"pass"})
        request.with_user(self.agent).action_return_process()
        credit_note = request.refund_ids
        self.assertEqual(len(credit_note), 1)
        self.assertEqual(credit_note.move_type, "out_refund")
        self.assertEqual(credit_note.reversed_entry_id, self.invoice)
        self.assertEqual(credit_note.state, "draft")
        self.assertEqual(
            sorted(
                (line.product_id.name, line.quantity, line.price_unit)
                for line in credit_note.invoice_line_ids
            ),
            [("Gadget", 1.0, 40.0), ("Widget", 5.0, 100.0)],
        )
        self.assertAlmostEqual(credit_note.amount_untaxed, 540.0)
        self.assertTrue(self.invoice.amount_tax, "the sale tax of the chart applies")
        self.assertAlmostEqual(credit_note.amount_tax, self.invoice.amount_tax * 540.0 / 1200.0)
        # the accountant posts it: the order's quantities follow the return
        credit_note.with_user(self.env.user).action_post()
        self.assertEqual(self.widget_line.qty_delivered, 5.0)
        self.assertEqual(self.widget_line.qty_invoiced, 5.0)
        self.assertEqual(self.gadget_line.qty_delivered, 4.0)
        self.assertEqual(self.gadget_line.qty_invoiced, 4.0)
        # R-AFS-14 step 7: the customer is told, then the request is closed
        request.with_user(self.agent).action_return_notify()
        self.assertEqual(request.return_state, "notified")
        self.assertEqual(len(self._messages_to_customer(request)), 2)
        request.with_user(self.agent).solution = "<p>Refunded.</p>"
        request.with_user(self.agent).action_solve()
        request.with_user(self.agent).action_close()
        self.assertEqual(request.state, "closed")

    def test_return_window_expires(self):
        """R-AFS-14: approved on Friday 26 September 2025 at 10:00, the goods
        are due 7 working days later on the seeds' calendar: the make-up
        Sunday 28 September counts, the National Day holiday (1–8 October)
        does not, the make-up Saturday 11 October does: Monday 13 October at
        10:00. The deadline cron leaves it alone before; after, the
        application lapses and its return receipt is cancelled."""
        request = self._approved([(self._move(self.first, self.widget), 2, None)])
        receipt = request.return_picking_ids
        self.assertEqual(request.return_deadline, local(2025, 10, 13, 10, 0))
        cron = self.env["order.sla.policy"]._cron_process_deadlines
        with freeze_time(local(2025, 10, 13, 9, 59)):
            cron()
        self.assertEqual(request.return_state, "awaiting")
        self.assertEqual(self._clock(request, "aftersales_return").sla_state, "due_soon")
        # waiting for the customer does not stop the customer's own window
        with freeze_time(local(2025, 10, 13, 9, 59)):
            request.with_user(self.agent).action_wait_customer()
        self.assertEqual(self._clock(request, "aftersales_return").sla_state, "due_soon")
        with freeze_time(local(2025, 10, 13, 10, 1)):
            cron()
        self.assertEqual(request.return_state, "expired")
        self.assertEqual(receipt.state, "cancel")
        self.assertEqual(self._clock(request, "aftersales_return").sla_state, "missed")
        self.assertTrue(any("lapsed" in message.body for message in request.message_ids))
        # a lapsed return is settled: the request is solved and closed
        request.with_user(self.agent).action_resume()
        request.with_user(self.agent).solution = "<p>The customer kept the goods.</p>"
        request.with_user(self.agent).action_solve()
        self.assertEqual(request.state, "solved")

    def test_window_partly_returned(self):
        """R-AFS-14: the window over with one of two receipts back, the
        request goes on with what came back; the rest lapses."""
        request = self._approved(
            [
                (self._move(self.first, self.widget), 2, None),
                (self._move(self.second, self.widget), 1, None),
            ]
        )
        first_back = request.return_picking_ids.filtered(lambda p: p.return_id == self.first)
        with freeze_time(local(2025, 9, 29, 9, 0)):
            self._receive(first_back)
        with freeze_time(local(2025, 10, 13, 10, 1)):
            self.env["order.sla.policy"]._cron_process_deadlines()
        self.assertEqual(request.return_state, "received")
        self.assertEqual((request.return_picking_ids - first_back).state, "cancel")
        self.assertEqual(request.line_ids.mapped("quantity_received"), [2.0, 0.0])

    def test_no_stage_approves_at_once(self):
        """R-AFS-14: with no review stage for the company, submitting the
        return approves it at once, as an order without review stages."""
        self.stage.active = False
        request = self._return_request([(self._move(self.first, self.gadget), 1, None)])
        with freeze_time(local(2025, 9, 25, 11, 0)):
            request.with_user(self.agent).action_return_submit()
        self.assertFalse(request.review_ids)
        self.assertEqual(request.review_state, "approved")
        self.assertEqual(request.return_state, "awaiting")
        self.assertEqual(len(request.return_picking_ids), 1)
        # Friday 26, Sunday 28 (make-up), Monday 29, Tuesday 30 September,
        # Thursday 9, Friday 10, Saturday 11 October (make-up)
        self.assertEqual(request.return_deadline, local(2025, 10, 11, 11, 0))

    def test_exchange_creates_replacement_delivery(self):
        """R-AFS-14, R-AFS-15: an exchanged gadget, received and passed, goes
        out again the way Odoo's exchange sends it: a delivery of the order
        for the order line, which makes the delivered quantity whole again."""
        request = self._approved([(self._move(self.first, self.gadget), 1, None)], kind="exchange")
        self.assertEqual(request.line_ids.resolution, "exchange")
        self.assertTrue(request.return_picking_ids.move_ids.to_refund)
        with freeze_time(local(2025, 9, 29, 9, 0)):
            request.with_user(self.agent).action_return_receive()
        self.assertEqual(request.return_state, "received")
        self.assertEqual(request.return_picking_ids.state, "done")
        self.assertEqual(self.gadget_line.qty_delivered, 4.0)
        self._inspect(request)
        request.with_user(self.agent).action_return_process()
        self.assertFalse(request.refund_ids)
        replacement = request.replacement_picking_ids
        self.assertEqual(len(replacement), 1)
        self.assertEqual(replacement.picking_type_code, "outgoing")
        self.assertEqual(replacement.partner_id, self.order.partner_shipping_id)
        self.assertEqual(replacement.move_ids.product_id, self.gadget)
        self.assertEqual(replacement.move_ids.product_uom_qty, 1.0)
        self.assertEqual(replacement.move_ids.sale_line_id, self.gadget_line)
        self._validate(replacement)
        self.assertEqual(self.gadget_line.qty_delivered, 5.0)

    def test_repair_creates_repair_order(self):
        """R-AFS-15: a widget to repair makes a repair order of Odoo's repair
        module for the product, its customer and its return receipt; the
        order's delivered quantity stays (the widget goes back repaired)."""
        request = self._approved([(self._move(self.second, self.widget), 1, None)], kind="repair")
        self.assertFalse(request.return_picking_ids.move_ids.to_refund)
        with freeze_time(local(2025, 9, 29, 9, 0)):
            request.with_user(self.agent).action_return_receive()
        self._inspect(request)
        request.with_user(self.agent).action_return_process()
        repair = request.repair_ids
        self.assertEqual(len(repair), 1)
        self.assertEqual(request.line_ids.repair_id, repair)
        self.assertEqual(repair.product_id, self.widget)
        self.assertEqual(repair.product_qty, 1.0)
        self.assertEqual(repair.partner_id, self.customer_contact)
        self.assertEqual(repair.picking_id, request.return_picking_ids)
        self.assertEqual(repair.picking_type_id, self.warehouse.repair_type_id)
        self.assertEqual(repair.state, "draft")
        self.assertEqual(self.widget_line.qty_delivered, 10.0)

    def test_review_rejection(self):
        """R-AFS-14: the manager rejects the application with a reason: the
        customer is told why, nothing is made; the agent corrects it."""
        request = self._return_request([(self._move(self.first, self.widget), 2, None)])
        with freeze_time(local(2025, 9, 25, 11, 0)):
            request.with_user(self.agent).action_return_submit()
            self._review_decide(request, self.manager, "reject", "Bought 6 months ago")
        self.assertEqual(request.review_state, "rejected")
        self.assertEqual(request.return_state, "rejected")
        self.assertEqual(request.return_rejection_reason, "Bought 6 months ago")
        self.assertFalse(request.return_picking_ids)
        self.assertFalse(self._clock(request, "aftersales_return"))
        mail = self._messages_to_customer(request)
        self.assertEqual(len(mail), 1)
        self.assertIn("Bought 6 months ago", mail.body)
        request.with_user(self.agent).action_return_reset()
        self.assertEqual(request.return_state, "draft")
        request.line_ids.with_user(self.agent).quantity = 1
        with freeze_time(local(2025, 9, 25, 14, 0)):
            request.with_user(self.agent).action_return_submit()
        self.assertEqual(request.review_state, "pending")

    def test_inspection_failed(self):
        """R-AFS-14 step 5: a product that does not meet the return
        conditions is not refunded: turned to another solution, nothing is
        credited."""
        request = self._approved([(self._move(self.first, self.widget), 2, None)])
        with freeze_time(local(2025, 9, 29, 9, 0)):
            request.with_user(self.agent).action_return_receive()
        with self.assertRaisesRegex(Exception, "does not meet the return conditions"):
            self._inspect(request, Widget=("fail", None, "Accessories missing"))
        self._inspect(request, Widget=("fail", "other", "Accessories missing"))
        line = request.line_ids
        self.assertEqual(
            (line.inspection_result, line.resolution, line.inspection_note),
            ("fail", "other", "Accessories missing"),
        )
        request.with_user(self.agent).action_return_process()
        self.assertFalse(request.refund_ids)
        self.assertFalse(request.replacement_picking_ids)
        self.assertFalse(request.repair_ids)

    def test_promotion_item_refused(self):
        """R-AFS-14: promotion or discount items follow their own policy: a
        gadget sold 'exchange only' is refused a refund on submission, with
        the reason; a pricelist of 'no return' refuses its exchange too; a
        promotion's shorter window applies."""
        self.gadget.product_tmpl_id.aftersales_return_policy = "exchange_only"
        request = self._return_request([(self._move(self.first, self.gadget), 1, "refund")])
        with self.assertRaisesRegex(Exception, "Exchange Only.*Refund is not allowed"):
            request.with_user(self.agent).action_return_submit()
        self.assertEqual(request.return_state, "draft")
        request.line_ids.with_user(self.agent).resolution = "exchange"
        promotion = self.env["product.pricelist"].create(
            {
                "name": "National Day promotion",
                "company_id": self.company.id,
                "aftersales_return_policy": "no_return",
            }
        )
        self.customer.with_company(self.company).property_product_pricelist = promotion
        promoted = self._order([(self.gadget, 2, 30.0)])
        self.assertEqual(promoted.pricelist_id, promotion)
        with freeze_time(local(2025, 9, 23, 10, 0)):
            self._validate(promoted.picking_ids)
        refused = self._return_request([(self._move(promoted.picking_ids, self.gadget), 1, None)])
        with self.assertRaisesRegex(Exception, "No Return or Exchange.*Refund is not allowed"):
            refused.with_user(self.agent).action_return_submit()
        refused.line_ids.with_user(self.agent).resolution = "exchange"
        with self.assertRaisesRegex(Exception, "No Return or Exchange.*Exchange is not allowed"):
            refused.with_user(self.agent).action_return_submit()
        refused.line_ids.with_user(self.agent).resolution = "repair"
        refused.with_user(self.agent).action_return_submit()
        self.assertEqual(refused.return_state, "submitted")
        window = self.env["order.sla.policy"].create(
            {
                "name": "Promotion return window",
                "code": "aftersales_return_promotion",
                "model_id": self.env["ir.model"]._get_id("order.service.request"),
                "duration": 3,
                "duration_unit": "working_days",
            }
        )
        self.gadget.product_tmpl_id.aftersales_return_window_id = window
        self.stage.active = False
        with freeze_time(local(2025, 9, 26, 10, 0)):
            request.with_user(self.agent).action_return_submit()
        self.assertEqual(request.return_policy_id, window)
        # Sunday 28 (make-up day), Monday 29, Tuesday 30 September
        self.assertEqual(request.return_deadline, local(2025, 9, 30, 10, 0))
