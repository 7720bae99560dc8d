# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The shipping notice (R-PLN-41..44, §7.4, §8.10)."""

import base64

from freezegun import freeze_time

from odoo.tests import Form, tagged

from odoo.addons.mail.tests.common import mail_new_test_user
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

    def test_gate_at_validation_and_who_issues_and_cancels(self):
        """R-PLN-41: the gate holds at the delivery's validation too: terms
        changed to prepayment after the issue stop the goods until the
        advance is received; a manufacturing planner neither issues nor
        cancels (the contract-order side does); a notice whose goods have
        left is not cancelled."""
        self.company.order_shipping_notice_required = True
        order = self._sale(self.cod)
        notice = self._notice(order)
        with self._refused("issued by the contract-order side"):
            self._as(notice, self.mfg_head).action_issue()
        self._as(notice, self.clerk).action_issue()
        with self._refused("issued by the contract-order side"):
            self._as(notice, self.mfg_head).action_cancel()
        # a change the server makes (an import, a superuser) meets the gate
        # again when the goods leave
        order.sudo().payment_term_id = self.prepay
        with self._refused(r"cannot leave: the advance of the payment terms .* is not received"):
            self._validate(order.picking_ids.with_user(self.keeper))
        order.sudo().payment_term_id = self.cod
        self._validate(order.picking_ids.with_user(self.keeper))
        self.assertEqual(order.picking_ids.state, "done")
        with self._refused("the goods have left"):
            self._as(notice, self.clerk).action_cancel()
        self.assertEqual(notice.state, "issued")

    def test_guard_on_the_moves_orders_and_dropships(self):
        """R-PLN-41: the guard recognises the order's goods by the moves'
        sale lines, not only the transfer's order: a transfer from the
        vendor straight to the customer (a dropship, no procurement group)
        carrying the order's line leaves only with the order's issued
        notice."""
        self.company.order_shipping_notice_required = True
        order = self._sale(self.cod)
        receipt_type = self.warehouse.in_type_id
        supplier = self.env.ref("stock.stock_location_suppliers")
        customer = self.env.ref("stock.stock_location_customers")
        dropship = self.env["stock.picking"].create(
            {
                "picking_type_id": receipt_type.id,
                "partner_id": self.customer.id,
                "location_id": supplier.id,
                "location_dest_id": customer.id,
                "company_id": self.company.id,
                "move_ids": [
                    (
                        0,
                        0,
                        {
                            "name": "Breaker",
                            "product_id": self.breaker.id,
                            "product_uom_qty": 2,
                            "product_uom": self.breaker.uom_id.id,
                            "location_id": supplier.id,
                            "location_dest_id": customer.id,
                            "sale_line_id": order.order_line.id,
                            "company_id": self.company.id,
                        },
                    )
                ],
            }
        )
        self.assertFalse(dropship.sale_id)
        dropship.action_confirm()
        dropship.move_ids.quantity = 2
        dropship.move_ids.picked = True
        with self._refused("leave only with an issued shipping notice"):
            dropship.with_user(self.keeper)._action_done()
        self.assertEqual(dropship.state, "assigned")

    def _backdate(self, attachment, when):
        self.env.cr.execute(
            "UPDATE ir_attachment SET create_date = %s WHERE id = %s", (when, attachment.id)
        )
        attachment.invalidate_recordset(["create_date"])

    def test_receipts_uploaded_after_the_events(self):
        """R-PLN-43, R-PLN-44: the carrier's receipt is a file uploaded after
        the notice was issued (an older file of the delivery is neither
        proposed nor accepted); the customer's delivery receipt one uploaded
        after the dispatch."""
        order = self._sale(self.cod)
        notice = self._notice(order)
        with freeze_time(local(2025, 9, 30, 9, 0)):
            self._as(notice, self.clerk).action_issue()
        old_scan = self.env["ir.attachment"].create(
            {
                "name": "old-scan.pdf",
                "raw": b"%PDF-1.4 old",
                "res_model": "stock.picking",
                "res_id": order.picking_ids.id,
            }
        )
        self._backdate(old_scan, local(2025, 9, 29, 9, 0))
        self._validate(order.picking_ids.with_user(self.keeper))
        wizard_model = self.env["order.shipping.dispatch.wizard"].with_user(self.keeper)
        with freeze_time(local(2025, 10, 9, 10, 0)):
            with Form(wizard_model.with_context(default_notice_id=notice.id)) as form:
                form.carrier_id = self.carrier
                self.assertFalse(form.receipt_attachment_id, "an older file is not proposed")
                form.receipt_attachment_id = old_scan
            wizard = form.record
            with self._refused("after the notice was issued"):
                wizard.action_confirm()
            scan = self.env["ir.attachment"].create(
                {
                    "name": "carrier-receipt.pdf",
                    "raw": b"%PDF-1.4 receipt",
                    "res_model": "stock.picking",
                    "res_id": order.picking_ids.id,
                }
            )
            self._backdate(scan, local(2025, 10, 9, 9, 30))
            wizard.receipt_attachment_id = scan
            wizard.action_confirm()
        self.assertEqual(notice.carrier_receipt_id, scan)
        early = self.env["ir.attachment"].create(
            {
                "name": "signed-before.pdf",
                "raw": b"%PDF-1.4 early",
                "res_model": notice._name,
                "res_id": notice.id,
            }
        )
        self._backdate(early, local(2025, 10, 9, 9, 45))
        with self._refused("received after the dispatch"):
            self._as(notice, self.clerk).action_receipt_received()
        back = self.env["ir.attachment"].create(
            {
                "name": "delivery-receipt.pdf",
                "raw": b"%PDF-1.4 signed",
                "res_model": notice._name,
                "res_id": notice.id,
            }
        )
        self._backdate(back, local(2025, 10, 11, 9, 0))
        self._as(notice, self.clerk).action_receipt_received()
        self.assertEqual(notice.receipt_attachment_id, back)

    def test_same_dispatch_date_keeps_the_issue_clock(self):
        """R-PLN-41: the draft's dispatch date written again unchanged (even
        days later, the deadline passed) does not restart the issue clock:
        the escalation and the start stay."""
        notice = self._notice(self._sale(self.cod))
        start, deadline = notice.sla_start, notice.sla_deadline
        notice.sudo().sla_level = 2
        with freeze_time(local(2025, 10, 2, 10, 0)):
            self._as(notice, self.clerk).write({"dispatch_date": notice.dispatch_date})
        self.assertEqual(notice.sla_start, start)
        self.assertEqual(notice.sla_deadline, deadline)
        self.assertEqual(notice.sla_level, 2)

    def test_counts_open_for_whoever_reads_the_document(self):
        """Odoo's own screens stay open: a purchase user opens a receipt, an
        invoicing user a sale order, a buyer a plan, with the notices'
        counts and no right on the notices."""
        company_ctx = {
            "company_id": self.company.id,
            "company_ids": [(6, 0, self.company.ids)],
        }
        purchaser = mail_new_test_user(
            self.env,
            login="ship_purchaser",
            groups="base.group_user,purchase.group_purchase_user",
            **company_ctx,
        )
        accountant = mail_new_test_user(
            self.env,
            login="ship_accountant",
            groups="base.group_user,account.group_account_invoice",
            **company_ctx,
        )
        order = self._sale(self.cod)
        self._notice(order)
        receipt_type = self.warehouse.in_type_id
        receipt = self.env["stock.picking"].create(
            {
                "picking_type_id": receipt_type.id,
                "partner_id": self.vendor.id,
                "location_id": receipt_type.default_location_src_id.id,
                "location_dest_id": receipt_type.default_location_dest_id.id,
                "company_id": self.company.id,
            }
        )
        for user, records in (
            (purchaser, receipt),
            (accountant, order),
            (accountant, order.picking_ids),
        ):
            with self.subTest(user=user.login, model=records._name):
                records = self._as(records, user)
                views = records.get_views([(False, "form")])
                fields = list(views["models"][records._name]["fields"])
                self.assertNotIn("order_shipping_notice_ids", fields)
                self.assertTrue(records.read(fields))
        self.assertEqual(self._as(order, accountant).shipping_notice_count, 1)
        self.assertEqual(self._as(order.picking_ids, accountant).order_shipping_notice_count, 1)
        plan = self._issued_plan()
        self._as(plan.sale_order_id, self.clerk).action_create_shipping_notice()
        counts = self._as(plan, self.buyer).read(["packing_notice_count", "shipping_notice_count"])
        self.assertEqual(counts[0]["shipping_notice_count"], 1)
