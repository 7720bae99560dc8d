# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Detection rules: batch evaluation, blocking at confirmation with a
manager's one-click override, and the scan that raises reports for late
deliveries, late supplier receipts and failed batches (docs/rules.md:
R-EXC-10, R-EXC-11, R-EXC-15, R-EXC-19; OCA base_exception compared in
tests/bench/bench_exceptions.py)."""

import json
from datetime import timedelta

from freezegun import freeze_time

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, HttpCase, tagged
from odoo.tests.common import JsonRpcException

from odoo.addons.mail.tests.common import mail_new_test_user
from odoo.addons.order_review.tests.common import local

from .exception_common import OrderExceptionCase


class RuleMixin:
    def _rule(self, **vals):
        return self.env["order.exception.rule"].create(
            {"name": "Rule", "company_id": self.company.id, "model": "sale.order", **vals}
        )

    def _order(self, partner, price=10.0, user=None):
        return (
            self.env["sale.order"]
            .with_user(user or self.env.user)
            .create(
                {
                    "partner_id": partner.id,
                    "company_id": self.company.id,
                    "order_line": [
                        Command.create(
                            {
                                "product_id": self.product.id,
                                "price_unit": price,
                                "product_uom_qty": 5,
                            }
                        )
                    ],
                }
            )
        )


@tagged("post_install", "-at_install")
class TestExceptionRule(RuleMixin, OrderExceptionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls.env["res.partner"].create({"name": "Huadian"})
        cls.risky = cls.env["res.partner"].create({"name": "Risky Trading"})
        cls.product.sale_ok = True
        cls.product.lst_price = 10.0

    def test_domain_rules_in_one_query(self):
        """All the domain rules of a model in one query, whatever the number
        of orders (OCA/server-tools#3349 evaluated per record)."""
        rules = self._rule(name="Risky", domain=f"[('partner_id', '=', {self.risky.id})]")
        rules |= self._rule(name="Zero", domain="[('order_line', 'any', [('price_unit', '=', 0)])]")
        rules |= self._rule(name="Big", domain="[('amount_total', '>', 1000)]")
        rules |= self._rule(name="No date", domain="[('commitment_date', '=', False)]")
        good = self._order(self.customer)
        risky = self._order(self.risky)
        free = self._order(self.customer, price=0)
        orders = good | risky | free
        for _i in range(20):
            orders |= self._order(self.customer)
        self.env.flush_all()
        rules.mapped("domain")
        with self.assertQueryCount(1):
            found = rules._detect("sale.order", orders.ids)
        self.assertEqual(found[risky.id].mapped("name"), ["Risky", "No date"])
        self.assertEqual(found[free.id].mapped("name"), ["Zero", "No date"])
        self.assertEqual(found[good.id].mapped("name"), ["No date"])
        self.assertEqual(len(found), 23)

    def test_no_rules_no_queries(self):
        """Installing the suite changes nothing until rules exist."""
        order = self._order(self.customer)
        order._exception_check_blocking()  # the rule cache is warm
        self.env.flush_all()
        with self.assertQueryCount(0):
            order._exception_check_blocking()
        order.action_confirm()
        self.assertEqual(order.state, "sale")

    def test_blocking_rule_stops_confirmation_server_side(self):
        """R-EXC-19: a blocking rule stops the confirmation on every path."""
        self._rule(
            name="Customer on the risk list",
            description="Ask the manager",
            domain=f"[('partner_id', '=', {self.risky.id})]",
            blocking=True,
        )
        order = self._order(self.risky, user=self.salesman)
        self.assertTrue(order.exception_blocking)
        self.assertEqual(order.exception_rule_ids.name, "Customer on the risk list")
        with self.assertRaisesRegex(UserError, "Customer on the risk list"):
            order.with_user(self.salesman).action_confirm()
        with self.assertRaises(UserError):
            order.with_user(self.salesman).write({"state": "sale"})
        with self.assertRaises(UserError):
            order.with_user(self.salesman).with_context(
                order_exception_override="I say so"
            ).action_confirm()
        # a context key relaxes nothing, even for a manager: the override
        # goes through the override wizard and its reason
        with self.assertRaises(UserError):
            order.with_user(self.gm).with_context(
                order_exception_override="I say so"
            ).action_confirm()
        self.assertEqual(order.state, "draft")
        # fixed: it passes
        order.partner_id = self.customer
        order.invalidate_recordset(["exception_rule_ids"])  # as the next request would
        self.assertFalse(order.exception_rule_ids)
        order.with_user(self.salesman).action_confirm()
        self.assertEqual(order.state, "sale")

    def test_manager_override_in_one_click(self):
        """A manager confirms with a reason in one click; the chatter keeps it
        (no second confirmation: OCA/sale-workflow#3789)."""
        self._rule(
            name="Customer on the risk list",
            domain=f"[('partner_id', '=', {self.risky.id})]",
            blocking=True,
        )
        order = self._order(self.risky)
        with self.assertRaises(AccessError):
            order.with_user(self.salesman).action_exception_override()
        action = order.with_user(self.gm).action_exception_override()
        wizard_form = Form(
            self.env[action["res_model"]].with_user(self.gm).with_context(**action["context"])
        )
        self.assertEqual(wizard_form.rule_ids[:1].name, "Customer on the risk list")
        wizard_form.reason = "Prepaid in full"
        wizard = wizard_form.save()
        with self.assertRaises(AccessError):
            wizard.with_user(self.salesman).action_override_confirm()
        wizard.action_override_confirm()
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.exception_override_uid, self.gm)
        self.assertEqual(order.exception_override_reason, "Prepaid in full")
        log = order.message_ids.filtered(lambda m: "Prepaid in full" in (m.body or ""))
        self.assertEqual(len(log), 1)
        self.assertIn("Customer on the risk list", log.body)

    def test_warning_rules_do_not_block(self):
        self._rule(name="No commitment date", domain="[('commitment_date', '=', False)]")
        order = self._order(self.customer)
        self.assertEqual(order.exception_rule_ids.name, "No commitment date")
        self.assertFalse(order.exception_blocking)
        order.action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertFalse(order.exception_rule_ids, "a confirmed order is not checked again")

    def test_rule_of_another_company_is_ignored(self):
        other = self.env["res.company"].create({"name": "Other"})
        self._rule(domain="[]", blocking=True, company_id=other.id)
        order = self._order(self.customer)
        order.action_confirm()
        self.assertEqual(order.state, "sale")

    def test_purchase_transfer_and_manufacturing_rules(self):
        """The same rules guard purchase orders, transfers and manufacturing orders."""
        supplier = self.env["res.partner"].create({"name": "Copper supplier"})
        self._rule(
            model="purchase.order",
            name="Supplier not approved",
            domain=f"[('partner_id', '=', {supplier.id})]",
            blocking=True,
        )
        purchase = self.env["purchase.order"].create(
            {
                "partner_id": supplier.id,
                "company_id": self.company.id,
                "order_line": [Command.create({"product_id": self.product.id, "product_qty": 3})],
            }
        )
        with self.assertRaisesRegex(UserError, "Supplier not approved"):
            purchase.button_confirm()
        self.assertEqual(purchase.state, "draft")
        self.env["order.exception.rule"].search([("model", "=", "purchase.order")]).active = False
        purchase.button_confirm()
        receipt = purchase.picking_ids
        self._rule(
            model="stock.picking",
            name="Receipt without origin",
            domain="[('picking_type_code', '=', 'incoming')]",
            blocking=True,
        )
        receipt.move_ids.quantity = 3
        with self.assertRaisesRegex(UserError, "Receipt without origin"):
            receipt.button_validate()
        self.assertNotEqual(receipt.state, "done")
        production = self.env["mrp.production"].create(
            {"product_id": self.product.id, "product_qty": 1, "company_id": self.company.id}
        )
        self._rule(
            model="mrp.production", name="No BoM", domain="[('bom_id', '=', False)]", blocking=True
        )
        with self.assertRaisesRegex(UserError, "No BoM"):
            production.action_confirm()
        self.assertEqual(production.state, "draft")

    def test_people_without_exception_rights_open_orders(self):
        """Odoo's own users keep working: an accountant reads a purchase order
        (its counts of change notices and reports) without an access error."""
        accountant = mail_new_test_user(
            self.env,
            login="exc_accountant",
            groups="base.group_user,account.group_account_invoice",
            company_id=self.company.id,
            company_ids=self.company.ids,
        )
        purchase = self.env["purchase.order"].create(
            {"partner_id": self.customer.id, "company_id": self.company.id}
        )
        purchase = purchase.with_user(accountant)
        purchase.check_access("read")
        self.assertEqual(purchase.change_notice_count, 0)
        self.assertEqual(purchase.exception_report_count, 0)

    def test_invalid_domain_is_refused(self):
        with self.assertRaises(ValidationError):
            self._rule(domain="[('no_such_field', '=', 1)]")
        with self.assertRaises(ValidationError):
            self._rule(model="purchase.order", method="picking_low_pass_rate")


@tagged("post_install", "-at_install")
class TestExceptionScan(RuleMixin, OrderExceptionCase):
    """The scan raises one report per rule and document (R-EXC-10, R-EXC-11, R-EXC-15)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.supplier = cls.env["res.partner"].create({"name": "Enclosure supplier"})
        cls.supplier_delay = cls.env["order.sla.policy"].create(
            {
                "name": "Report of a late supplier delivery",
                "company_id": cls.company.id,
                "duration": 30,
                "duration_unit": "working_minutes",
            }
        )
        cls.material = cls.env["order.exception.category"].create(
            {
                "name": "Material",
                "code": "material",
                "company_id": cls.company.id,
                "policy_id": cls.policy.id,
                "department_id": cls.purchasing.id,
            }
        )
        cls.pass_rate_rule = cls.env.ref("order_exception.exception_rule_low_pass_rate")
        cls.pass_rate_rule.write(
            {
                "active": True,
                "company_id": cls.company.id,
                "category_id": cls.quality.id,
                "report_department_ids": [Command.set((cls.qc | cls.purchasing).ids)],
            }
        )
        cls.company.order_qc_pass_rate_threshold = 95.0

    def _receipt(self, qty=100, planned=None):
        purchase = self.env["purchase.order"].create(
            {
                "partner_id": self.supplier.id,
                "company_id": self.company.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": self.product.id,
                            "product_qty": qty,
                            "date_planned": planned or fields.Datetime.now(),
                        }
                    )
                ],
            }
        )
        purchase.button_confirm()
        return purchase.picking_ids

    def _inspect(self, receipt, inspected, accepted):
        receipt.move_ids.with_user(self.inspector).write(
            {"qc_inspected_qty": inspected, "qc_accepted_qty": accepted}
        )
        receipt.with_user(self.inspector).action_qc_record_inspection()

    def _reports(self, rule):
        return self.env["order.exception.report"].search([("rule_id", "=", rule.id)])

    def test_batch_below_95_goes_to_qc_and_purchasing_heads(self):
        """R-EXC-10: a 94 % batch is reported at once to the heads of QC and
        purchasing; a 95 % batch is not."""
        passed = self._receipt()
        self._inspect(passed, 100, 95)
        self.assertFalse(self._reports(self.pass_rate_rule))

        failed = self._receipt()
        self._inspect(failed, 100, 94)
        report = self._reports(self.pass_rate_rule)
        self.assertEqual(len(report), 1)
        self.assertEqual(report.picking_id, failed)
        self.assertEqual(report.purchase_id, failed.purchase_id)
        self.assertEqual(report.product_id, self.product)
        self.assertEqual(report.severity, "critical")
        # serious: the general manager is told at once too (R-EXC-21)
        self.assertEqual(report.addressee_ids, self.qc_head | self.purchase_head | self.gm)
        self.assertEqual(self._activity_users(report), self.qc_head | self.purchase_head | self.gm)
        # the cron finds it again but reports it once
        self.env["order.exception.rule"]._cron_scan()
        self.assertEqual(len(self._reports(self.pass_rate_rule)), 1)

    def test_threshold_is_a_company_setting(self):
        self.company.order_qc_pass_rate_threshold = 90.0
        receipt = self._receipt()
        self._inspect(receipt, 100, 94)
        self.assertFalse(self._reports(self.pass_rate_rule))

    def test_late_supplier_receipt_reported_within_30_minutes(self):
        """R-EXC-11: a receipt past its planned date raises a report whose
        clock is the rule's 30-minute policy, addressed to purchasing."""
        rule = self.env.ref("order_exception.exception_rule_late_receipt")
        rule.write(
            {
                "active": True,
                "company_id": self.company.id,
                "category_id": self.material.id,
                "policy_id": self.supplier_delay.id,
                "report_department_ids": [Command.set(self.purchasing.ids)],
            }
        )
        late = self._receipt(planned=local(2025, 9, 12, 9, 0))
        on_time = self._receipt(planned=fields.Datetime.now() + timedelta(days=10))
        with freeze_time(local(2025, 9, 15, 10, 0)):
            late.scheduled_date = local(2025, 9, 12, 9, 0)
            on_time.scheduled_date = local(2025, 9, 25, 9, 0)
            self.env["order.exception.rule"]._cron_scan()
        reports = self._reports(rule)
        self.assertEqual(reports.picking_id, late)
        self.assertEqual(reports.sla_policy_id, self.supplier_delay)
        self.assertEqual(reports.sla_deadline, local(2025, 9, 15, 10, 30))
        self.assertEqual(reports.addressee_ids, self.purchase_head)

    def test_customer_return_is_no_supplier_receipt(self):
        """R-EXC-11 is about suppliers: a customer's goods coming back (the
        return receipt Odoo's return wizard makes of a delivery, as an
        approved after-sales return does) past its planned date raise no
        late-receipt report; a supplier's receipt does."""
        rule = self.env.ref("order_exception.exception_rule_late_receipt")
        rule.write({"active": True, "company_id": self.company.id, "category_id": self.material.id})
        order = self._order(self.env["res.partner"].create({"name": "Huadian"}))
        order.action_confirm()
        delivery = order.picking_ids
        self.env["stock.quant"]._update_available_quantity(self.product, delivery.location_id, 5)
        delivery.action_assign()
        delivery.move_ids.picked = True
        delivery.button_validate()
        wizard = (
            self.env["stock.return.picking"]
            .with_context(active_model="stock.picking", active_id=delivery.id)
            .create({"picking_id": delivery.id})
        )
        wizard.product_return_moves.quantity = 2
        customer_return = self.env["stock.picking"].browse(wizard.action_create_returns()["res_id"])
        supplier_receipt = self._receipt()
        with freeze_time(local(2025, 9, 15, 10, 0)):
            (customer_return | supplier_receipt).scheduled_date = local(2025, 9, 12, 9, 0)
            self.env["order.exception.rule"]._cron_scan()
        self.assertEqual(customer_return.picking_type_code, "incoming")
        self.assertEqual(customer_return.state, "assigned")
        self.assertEqual(self._reports(rule).picking_id, supplier_receipt)

    def test_late_delivery_reported_once(self):
        """R-EXC-15: an order past its commitment date and not delivered."""
        rule = self.env.ref("order_exception.exception_rule_late_delivery")
        rule.write({"active": True, "company_id": self.company.id, "category_id": self.quality.id})
        customer = self.env["res.partner"].create({"name": "Jinlong"})
        late = self._order(customer)
        late.commitment_date = fields.Datetime.now() - timedelta(days=2)
        late.action_confirm()
        future = self._order(customer)
        future.commitment_date = fields.Datetime.now() + timedelta(days=2)
        future.action_confirm()
        self.env["order.exception.rule"]._cron_scan()
        self.env["order.exception.rule"]._cron_scan()
        reports = self._reports(rule)
        self.assertEqual(reports.sale_order_id, late)
        self.assertEqual(reports.partner_id, customer)
        self.assertEqual(late.exception_report_count, 1)

    def test_scan_query_count_does_not_grow_with_documents(self):
        """The scan costs the same whatever the number of documents it finds
        (once their reports exist): the rules, one detection query, one read
        of the reports already raised."""
        rule = self.env.ref("order_exception.exception_rule_late_delivery")
        rule.write({"active": True, "company_id": self.company.id, "category_id": self.quality.id})
        customer = self.env["res.partner"].create({"name": "Jinlong"})
        Rule = self.env["order.exception.rule"]

        def late_orders(count):
            orders = self.env["sale.order"]
            for _i in range(count):
                order = self._order(customer)
                order.commitment_date = fields.Datetime.now() - timedelta(days=2)
                orders |= order
            orders.action_confirm()
            Rule._cron_scan()
            self.env.flush_all()
            self.env.invalidate_all()
            return orders

        late_orders(2)
        counts = []
        for count in (3, 12):
            late_orders(count)
            before = self.env.cr.sql_log_count
            Rule._cron_scan()
            counts.append(self.env.cr.sql_log_count - before)
            self.env.invalidate_all()
        self.assertEqual(counts[0], counts[1])
        self.assertLessEqual(counts[1], 8, "rules, user context, the detection, the reports")
        self.assertEqual(len(self._reports(rule)), 17)


@tagged("post_install", "-at_install")
class TestExceptionRuleRpc(HttpCase):
    """A blocking rule holds through JSON-RPC as it does in the form."""

    def test_rpc_confirm_is_blocked(self):
        partner = self.env["res.partner"].create({"name": "Blocked by RPC"})
        product = self.env["product.product"].create({"name": "Plug", "sale_ok": True})
        self.env["order.exception.rule"].create(
            {
                "name": "RPC blocked customer",
                "model": "sale.order",
                "domain": f"[('partner_id', '=', {partner.id})]",
                "blocking": True,
            }
        )
        salesman = mail_new_test_user(
            self.env,
            login="rpc_salesman",
            password="rpc_salesman",
            groups="base.group_user,sales_team.group_sale_salesman",
        )
        order = self.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "user_id": salesman.id,
                "order_line": [Command.create({"product_id": product.id, "price_unit": 5})],
            }
        )
        self.authenticate("rpc_salesman", "rpc_salesman")
        params = {
            "model": "sale.order",
            "method": "action_confirm",
            "args": [order.ids],
            "kwargs": {"context": {"order_exception_override": "RPC says so"}},
        }
        with self.assertRaisesRegex(JsonRpcException, "odoo.exceptions.UserError"):
            self.make_jsonrpc_request("/web/dataset/call_kw/sale.order/action_confirm", params)
        response = self.url_open(
            "/web/dataset/call_kw/sale.order/action_confirm",
            data=json.dumps({"jsonrpc": "2.0", "method": "call", "id": 1, "params": params}),
            headers={"Content-Type": "application/json"},
        ).json()
        self.assertIn("RPC blocked customer", response["error"]["data"]["message"])
        self.assertEqual(order.state, "draft")
