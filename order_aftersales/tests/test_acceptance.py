# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from odoo.addons.order_review.tests.common import local

from .onsite_common import SIGNATURE, OnsiteCase

GUARDED = r"change only through the document's own actions"
WAITS = r"is invoiced after the customer's acceptance"


@tagged("post_install", "-at_install")
class TestDeliveryAcceptance(OnsiteCase):
    def _deliver(self, order, quantities=None):
        pickings = order.picking_ids.filtered(lambda p: p.state not in ("done", "cancel"))
        with freeze_time(local(2025, 9, 24, 10, 0)):
            self._validate(pickings, quantities)
        return pickings

    def _accept(self, acceptance, user=None):
        acceptance = acceptance.with_user(user or self.clerk)
        acceptance.write(
            {
                "check_packaging": True,
                "check_quantity": True,
                "check_quality": True,
                "signed_by": "Buyer Wang",
                "signature": SIGNATURE,
            }
        )
        acceptance.action_pass()
        return acceptance

    def _invoice(self, order):
        return order._create_invoices()

    def test_objection_becomes_a_request_and_the_acceptance_is_redone(self):
        """R-AFS-17, R-AFS-18, R-AFS-16: the delivery of an order that
        requires acceptance waits for the customer's, with the standard agreed
        before delivery and a to-do for the salesperson; the customer objects
        to the gadgets: a complaint request of after-sales with the order, the
        delivery and the goods; the acceptance is redone only once the
        objection is solved, and then passes."""
        order = self._flagged_order()
        delivery = self._deliver(order)
        acceptance = delivery.acceptance_ids
        self.assertEqual(len(acceptance), 1)
        self.assertRegex(acceptance.name, r"^ACC/")
        self.assertEqual(acceptance.state, "draft")
        self.assertEqual(acceptance.sale_order_id, order)
        self.assertEqual(acceptance.standard, "Runs 2 hours at full load without fault.")
        self.assertEqual(acceptance.activity_ids.user_id, self.clerk)
        self.assertEqual(order.acceptance_count, 1)
        self.assertEqual(delivery.acceptance_count, 1)
        with self.assertRaisesRegex(ValidationError, r"already has an acceptance"):
            self.env["order.delivery.acceptance"].with_user(self.clerk).create(
                {"picking_id": delivery.id}
            )

        gadget_move = delivery.move_ids.filtered(lambda m: m.product_id == self.gadget)
        form = Form(acceptance.with_user(self.clerk))
        form.check_packaging = True
        form.check_quantity = True
        form.objections = "Two gadgets scratched."
        form.objection_move_ids.add(gadget_move)
        form.signed_by = "Buyer Wang"
        form.signature = SIGNATURE
        form.save()
        with self.assertRaisesRegex(UserError, r"all checked"):
            acceptance.with_user(self.clerk).action_pass()
        acceptance.with_user(self.clerk).action_object()
        self.assertEqual(acceptance.state, "objection")
        self.assertFalse(acceptance.activity_ids)
        request = acceptance.request_id
        self.assertEqual(request.kind, "complaint")
        self.assertEqual(request.sale_order_id, order)
        self.assertEqual(request.picking_id, delivery)
        self.assertEqual(request.partner_id, self.customer)
        self.assertEqual(request.received_by_id, self.clerk)
        self.assertEqual(request.line_ids.move_id, gadget_move)
        self.assertEqual(request.line_ids.sale_line_id, gadget_move.sale_line_id)
        self.assertEqual(request.line_ids.quantity, 2)
        self.assertIn("Two gadgets scratched.", request.description)
        self.assertIn(request.name, order.message_ids[0].body)
        with self.assertRaisesRegex(UserError, r"can no longer change"):
            acceptance.with_user(self.clerk).objections = "Nothing"

        # not redone before the rectification, by the button or by hand
        with self.assertRaisesRegex(ValidationError, r"not rectified yet"):
            acceptance.with_user(self.clerk).action_redo()
        with self.assertRaisesRegex(ValidationError, r"not rectified yet"):
            self.env["order.delivery.acceptance"].with_user(self.clerk).create(
                {"picking_id": delivery.id}
            )
        request = request.with_user(self.agent)
        request.action_contact()
        request.solution = "<p>Two gadgets replaced.</p>"
        request.action_solve()
        action = acceptance.with_user(self.clerk).action_redo()
        redo = self.env["order.delivery.acceptance"].browse(action["res_id"])
        self.assertEqual(redo.previous_id, acceptance)
        self.assertEqual(redo.state, "draft")
        self.assertEqual(redo.standard, acceptance.standard)
        self._accept(redo)
        self.assertEqual(redo.state, "passed")
        self.assertEqual(redo.decided_by_id, self.clerk)
        self.assertTrue(redo.decided_on)

    def test_warehouse_validates_the_delivery(self):
        """R-AFS-17: the storekeeper, who does not read sale orders, ships
        the goods of an order that requires acceptance: the acceptance is
        ready for the salesperson all the same."""
        order = self._flagged_order([(self.widget, 2, 100.0)])
        picking = order.picking_ids
        self._stock(self.widget, 2)
        picking = picking.with_user(self.keeper)
        picking.action_assign()
        picking.move_ids.picked = True
        with freeze_time(local(2025, 9, 24, 10, 0)):
            picking.button_validate()
        self.assertEqual(picking.state, "done")
        self.assertEqual(picking.acceptance_ids.state, "draft")
        self.assertEqual(picking.acceptance_ids.activity_ids.user_id, self.clerk)

    def test_invoice_waits_for_the_passed_acceptance(self):
        """R-AFS-19 (验收合格后方可结算): a customer invoice of an order that
        requires acceptance is refused while a done delivery is not accepted,
        whoever posts it (even the superuser: the rule is the company's), and
        posted once every delivery passed."""
        order = self._flagged_order()
        first = self._deliver(order, {self.widget: 2, self.gadget: 2})
        second = order.picking_ids - first
        self._deliver(order)
        invoice = self._invoice(order)
        self.assertEqual(invoice.amount_untaxed, 480.0)
        for user in (self.accountant, self.env.user):
            with self.subTest(user=user.login), self.assertRaisesRegex(UserError, WAITS):
                invoice.with_user(user).action_post()
        self._accept(first.acceptance_ids)
        with self.assertRaisesRegex(UserError, rf"{WAITS}: {second.name} not accepted yet"):
            invoice.with_user(self.accountant).action_post()
        self.assertEqual(invoice.state, "draft")
        self._accept(second.acceptance_ids)
        invoice.with_user(self.accountant).action_post()
        self.assertEqual(invoice.state, "posted")

    def test_nothing_accepted_nothing_invoiced(self):
        """R-AFS-19: an order invoiced on ordered quantities waits for an
        accepted delivery too."""
        self.widget.invoice_policy = "order"
        self.gadget.invoice_policy = "order"
        order = self._flagged_order()
        invoice = self._invoice(order)
        with self.assertRaisesRegex(UserError, rf"{WAITS}: no delivery of it is accepted yet"):
            invoice.with_user(self.accountant).action_post()

    def test_orders_without_acceptance_invoice_as_in_odoo(self):
        """R-AFS-19 applies only where agreed: an order without the
        requirement delivers and invoices as in plain Odoo, with no
        acceptance created."""
        order, first, second, invoice = self._delivered_in_two()
        self.assertEqual(invoice.state, "posted")
        self.assertFalse(order.acceptance_ids)
        self.assertFalse((first | second).acceptance_ids)

    def test_down_payment_is_not_held(self):
        """R-AFS-19: an advance (down payment) invoice of an order that
        requires acceptance is posted before delivery; the final invoice,
        which deducts it, waits for the acceptance."""
        order = self._flagged_order()
        wizard = Form(
            self.env["sale.advance.payment.inv"]
            .with_user(self.accountant)
            .with_context(active_model="sale.order", active_ids=order.ids, active_id=order.id)
        )
        wizard.advance_payment_method = "percentage"
        wizard.amount = 30
        wizard.save().create_invoices()
        advance = order.invoice_ids
        self.assertTrue(advance.invoice_line_ids.sale_line_ids.is_downpayment)
        advance.with_user(self.accountant).action_post()
        self.assertEqual(advance.state, "posted")

        delivery = self._deliver(order)
        final = order._create_invoices(final=True)
        self.assertTrue(final.invoice_line_ids.sale_line_ids.filtered("is_downpayment"))
        with self.assertRaisesRegex(UserError, WAITS):
            final.with_user(self.accountant).action_post()
        self._accept(delivery.acceptance_ids)
        final.with_user(self.accountant).action_post()
        self.assertEqual(final.state, "posted")

    def test_guards(self):
        """R-AFS-18, R-AFS-19: the agreement stays once goods are delivered
        (no unticking to invoice); the acceptance's result, date, request
        and delivery are the server's; it passes only signed and checked; a
        delivery that is not done is not accepted."""
        order = self._flagged_order()
        order.with_user(self.clerk).acceptance_standard = "Runs 4 hours."
        delivery = self._deliver(order)
        for vals in ({"acceptance_required": False}, {"acceptance_standard": "Looks fine."}):
            with (
                self.subTest(vals=vals),
                self.assertRaisesRegex(UserError, r"can no longer change"),
            ):
                order.with_user(self.clerk).write(vals)
        order.with_user(self.clerk).write({"acceptance_required": True, "note": "<p>Same</p>"})
        acceptance = delivery.acceptance_ids.with_user(self.clerk)
        for vals in (
            {"state": "passed"},
            {"decided_on": "2025-09-25 02:00:00"},
            {"decided_by_id": self.clerk.id},
            {"request_id": self._request("complaint").id},
        ):
            with self.subTest(vals=vals), self.assertRaisesRegex(UserError, GUARDED):
                acceptance.write(vals)
        with self.assertRaisesRegex(UserError, r"cannot change once it is created"):
            acceptance.picking_id = self._delivered_in_two()[1]
        with self.assertRaisesRegex(UserError, GUARDED):
            self.env["order.delivery.acceptance"].with_user(self.clerk).create(
                {"picking_id": self._delivered_in_two()[1].id, "state": "passed"}
            )
        acceptance.write({"check_packaging": True, "check_quantity": True, "check_quality": True})
        with self.assertRaisesRegex(UserError, r"signs the acceptance"):
            acceptance.action_pass()
        with self.assertRaisesRegex(UserError, r"what the customer objects to"):
            acceptance.action_object()
        pending = self._order([(self.widget, 1, 100.0)])
        with self.assertRaisesRegex(ValidationError, r"not a done delivery"):
            self.env["order.delivery.acceptance"].with_user(self.clerk).create(
                {"picking_id": pending.picking_ids.id}
            )
