# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The shipping notice (R-PLN-41..44, §7.4, §8.10)."""

import base64

from freezegun import freeze_time

from odoo.tests import Form, tagged

from odoo.addons.order_review.tests.common import local

from .shipping_common import ShippingCase


@tagged("post_install", "-at_install")
class TestShippingNotice(ShippingCase):
    def test_gate_signature_and_advance(self):
        """R-PLN-41, §7.4: an unsigned order is refused; a signed order on
        prepayment terms is refused until its advance is received; a signed
        order on cash-on-delivery terms (no advance) is issued."""
        unsigned = self._notice(self._sale(self.cod, signed=False))
        with self._refused("has not signed the contract"):
            self._as(unsigned, self.clerk).action_issue()
        prepaid = self._notice(self._sale(self.prepay))
        with self._refused(r"advance of the payment terms .* is not received"):
            self._as(prepaid, self.clerk).action_issue()
        self.assertEqual(prepaid.state, "draft")
        cod = self._notice(self._sale(self.cod))
        with freeze_time(local(2025, 9, 26, 11, 0)):
            self._as(cod, self.clerk).action_issue()
        self.assertEqual(cod.state, "issued")
        self.assertEqual(cod.issued_by_id, self.clerk)

    def test_issue_clock_picking_and_dispatch_clock(self):
        """R-PLN-41: the notice lists the order's goods, arrival place and
        the delivery; it is due 1 working day before the dispatch (Thursday
        9 October 17:00 → Tuesday 30 September 17:00, across National Day),
        the clerk's clock; issued, the delivery is scheduled on the dispatch
        and the warehouse's dispatch clock runs to the end of the dispatch
        day (17:29, the last working minute) (R-PLN-43)."""
        order = self._sale(self.cod)
        notice = self._notice(order)
        self.assertEqual(notice.line_ids.product_id, self.breaker)
        self.assertEqual(notice.line_ids.quantity, 2)
        self.assertEqual(notice.partner_shipping_id, order.partner_shipping_id)
        self.assertEqual(notice.picking_id, order.picking_ids)
        self.assertEqual(notice.dispatch_date, local(2025, 10, 9, 17, 0))
        self.assertEqual(notice.sla_deadline, local(2025, 9, 30, 17, 0))
        self.assertEqual(notice.sla_policy_id.code, "shipping_notice")
        self.assertEqual(notice._sla_get_user(), self.clerk)
        order.picking_ids.scheduled_date = local(2025, 10, 20, 9, 0)
        with freeze_time(local(2025, 10, 9, 9, 0)):
            self._as(notice, self.clerk).action_issue()
        self.assertFalse(notice.issued_on_time, "issued on the dispatch day: late")
        self.assertEqual(notice.issue_deadline, local(2025, 9, 30, 17, 0))
        self.assertEqual(order.picking_ids.scheduled_date, local(2025, 10, 9, 17, 0))
        self.assertEqual(notice.sla_policy_id.code, "shipping_dispatch")
        self.assertEqual(notice.sla_deadline, local(2025, 10, 9, 17, 29))

    def test_picking_needs_an_issued_notice_when_the_company_asks(self):
        """R-PLN-41: by default Odoo's delivery validates as usual; with the
        company's setting, not without an issued shipping notice."""
        order = self._sale(self.cod)
        self.assertIs(self._validate(order.picking_ids), True)
        self.assertEqual(order.picking_ids.state, "done")

        self.company.order_shipping_notice_required = True
        order = self._sale(self.cod)
        picking = order.picking_ids
        with self._refused("leave only with an issued shipping notice"):
            self._validate(picking.with_user(self.keeper))
        notice = self._notice(order)
        with self._refused("leave only with an issued shipping notice"):
            self._validate(picking.with_user(self.keeper))
        self._as(notice, self.clerk).action_issue()
        self._validate(picking.with_user(self.keeper))
        self.assertEqual(picking.state, "done")

    def test_not_shipped_dispatch_call_receipt(self):
        """R-PLN-43: the dispatch is refused before the delivery is done; a
        shipment that does not leave is reported (the same day: flagged) with
        the reason, new ship time and estimated arrival, the delivery and the
        clock moved; a later report is not same-day. Dispatched with the
        carrier and its signed receipt; R-PLN-44: the clerk's same-day call;
        the delivery receipt closes the notice; the sales ledger shows the
        shipped line with its receipt back."""
        order = self._sale(self.cod)
        notice = self._notice(order)
        with freeze_time(local(2025, 9, 30, 9, 0)):
            self._as(notice, self.clerk).action_issue()
        keeper_notice = self._as(notice, self.keeper)
        receipt = self.env["ir.attachment"].create(
            {
                "name": "carrier-receipt.pdf",
                "raw": b"%PDF-1.4 receipt",
                "res_model": notice._name,
                "res_id": notice.id,
            }
        )
        wizard_model = self.env["order.shipping.dispatch.wizard"].with_user(self.keeper)
        with Form(wizard_model.with_context(default_notice_id=notice.id)) as form:
            form.carrier_id = self.carrier
            form.tracking_ref = "SF123"
            self.assertEqual(form.receipt_attachment_id, receipt)
        wizard = form.record
        with self._refused("validate the delivery"):
            wizard.action_confirm()

        with freeze_time(local(2025, 10, 9, 16, 0)):
            failure = Form(
                self.env["order.shipping.failure.wizard"]
                .with_user(self.keeper)
                .with_context(default_notice_id=notice.id)
            )
            failure.reason = "The truck broke down."
            failure.new_dispatch_date = local(2025, 10, 10, 10, 0)
            failure.arrival_date = local(2025, 10, 12, 10, 0)
            failure.save().action_confirm()
        self.assertTrue(notice.failure_same_day)
        self.assertEqual(notice.dispatch_date, local(2025, 10, 10, 10, 0))
        self.assertEqual(notice.arrival_date, local(2025, 10, 12, 10, 0))
        self.assertEqual(order.picking_ids.scheduled_date, local(2025, 10, 10, 10, 0))
        self.assertEqual(notice.sla_deadline, local(2025, 10, 10, 17, 29))
        with freeze_time(local(2025, 10, 11, 9, 0)):
            keeper_notice._report_not_shipped(
                "No carrier on Saturday.", local(2025, 10, 13, 10, 0), False
            )
        self.assertFalse(notice.failure_same_day, "reported the day after")
        self.assertEqual(notice.failure_count, 2)

        self._validate(order.picking_ids.with_user(self.keeper))
        with freeze_time(local(2025, 10, 13, 11, 0)):
            wizard.action_confirm()
        self.assertEqual(notice.state, "dispatched")
        self.assertEqual(notice.carrier_id, self.carrier)
        self.assertEqual(notice.carrier_receipt_id, receipt)
        self.assertEqual(notice.dispatched_by_id, self.keeper)
        self.assertEqual(notice.sla_state, "met")
        with freeze_time(local(2025, 10, 13, 15, 0)):
            call = Form(
                self.env["order.shipping.call.wizard"]
                .with_user(self.clerk)
                .with_context(default_notice_id=notice.id)
            )
            call.note = "Told Mr Li: arrives Wednesday."
            call.save().action_confirm()
        self.assertTrue(notice.call_same_day)
        self.assertEqual(notice.called_by_id, self.clerk)
        self.assertEqual(notice.call_note, "Told Mr Li: arrives Wednesday.")
        with self._refused("delivery receipt"):
            self._as(notice, self.clerk).action_receipt_received()
        self.env["ir.attachment"].create(
            {
                "name": "delivery-receipt.pdf",
                "datas": base64.b64encode(b"%PDF-1.4 signed"),
                "res_model": notice._name,
                "res_id": notice.id,
            }
        )
        self._as(notice, self.clerk).action_receipt_received()
        self.assertEqual(notice.state, "done")
        self.env.flush_all()
        ledger = self.env["order.sales.ledger"].search([("sale_order_id", "=", order.id)])
        self.assertEqual(len(ledger), 1)
        self.assertEqual(ledger.quantity, 2)
        self.assertEqual(ledger.amount, 2 * order.order_line.price_unit)
        self.assertEqual(ledger.shipping_notice_id, notice)
        self.assertTrue(ledger.receipt_back)

    def test_printable_notice(self):
        """R-PLN-41, R-PLN-42: the printed notice shows its number, the
        customer, the order, the arrival place and time, and per line the
        product, specification, model, quantity and spares."""
        self.breaker.default_code = "BRK-63"
        order = self._sale(self.cod)
        notice = self._notice(order)
        self._as(notice, self.clerk).write(
            {
                "arrival_date": local(2025, 10, 10, 15, 0),
                "line_ids": [(1, notice.line_ids.id, {"spares": "2 spare fuses"})],
            }
        )
        html = str(
            self.env["ir.actions.report"]._render_qweb_html(
                "order_production_plan.action_report_order_shipping_notice", notice.ids
            )[0]
        )
        for text in (
            notice.name,
            order.name,
            self.customer.name,
            "Breaker",
            "BRK-63",
            "2 spare fuses",
            "Arrival Place",
            "Spares or Matching Parts",
            "Customer Signature",
        ):
            self.assertIn(text, html)

    def test_new_dispatch_date_moves_the_issue_deadline(self):
        """R-PLN-41: the clerk moves the draft's dispatch to Monday 13
        October 10:00: the notice is now due Saturday 11 October 10:00, the
        make-up working day after National Day."""
        notice = self._notice(self._sale(self.cod))
        with freeze_time(local(2025, 9, 26, 10, 0)):
            self._as(notice, self.clerk).dispatch_date = local(2025, 10, 13, 10, 0)
        self.assertEqual(notice.sla_deadline, local(2025, 10, 11, 10, 0))
