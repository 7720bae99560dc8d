# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The shipping notice's gate and workflow fields over real HTTP JSON-RPC,
as the salesperson who would get around them (R-PLN-41, R-PLN-43, §7.4,
R-PLN-27)."""

from odoo.tests import HttpCase, tagged

from odoo.addons.order_review.tests.rpc import GUARDED, JsonRpcCase

from .shipping_common import ShippingCase


@tagged("post_install", "-at_install")
class TestShippingGuardsRpc(JsonRpcCase, ShippingCase, HttpCase):
    def test_gate_through_rpc(self):
        """R-PLN-41, §7.4: over JSON-RPC the salesperson creates the notice
        of a signed prepayment order but cannot issue it before the advance
        is received, nor create it issued, nor write its state; the COD
        order's notice is issued."""
        model = "order.shipping.notice"
        prepaid = self._sale(self.prepay)
        cod = self._sale(self.cod)
        self.authenticate("plan_clerk", "plan_clerk")
        notice_id = self._call(model, "create", [{"sale_order_id": prepaid.id}])
        self._assert_refused(model, "action_issue", [[notice_id]], "is not received")
        self._assert_refused(model, "write", [[notice_id], {"state": "issued"}], GUARDED)
        self._assert_refused(
            model, "create", [{"sale_order_id": prepaid.id, "state": "issued"}], GUARDED
        )
        # a line cannot be smuggled onto another order's notice either: raw
        # tuples, as RPC cannot marshal Command
        cod_id = self._call(
            model, "create", [{"sale_order_id": cod.id, "arrival_date": "2025-10-10 07:00:00"}]
        )
        self._call(model, "action_issue", [[cod_id]])
        self.env.invalidate_all()
        notice = self.env[model].browse(notice_id)
        self.assertEqual(notice.state, "draft")
        self.assertEqual(self.env[model].browse(cod_id).state, "issued")

    def test_dispatch_fields_and_checklist_through_rpc(self):
        """R-PLN-43, R-PLN-27: the dispatch date, dispatcher, carrier receipt
        and call of an issued notice and the tick of a packing line are
        written only by their actions; the notice's goods are frozen once
        issued."""
        model = "order.shipping.notice"
        notice = self._notice(self._sale(self.cod))
        self._as(notice, self.clerk).action_issue()
        self.authenticate("plan_clerk", "plan_clerk")
        for vals in (
            {"state": "dispatched"},
            {"dispatched_on": "2025-10-09 08:00:00"},
            {"failure_same_day": True},
            {"call_same_day": True},
            {"sla_deadline": "2030-01-01 08:00:00"},
        ):
            with self.subTest(vals=vals):
                self._assert_refused(model, "write", [notice.ids, vals], GUARDED)
        self._assert_refused(
            model,
            "write",
            [notice.ids, {"line_ids": [(1, notice.line_ids.id, {"quantity": 99})]}],
            "can no longer change",
        )
        item = self.env["order.packing.check.item"].create(
            {"product_tmpl_id": self.cabinet.product_tmpl_id.id, "name": "Keys"}
        )
        plan = self._issued_plan()
        line = plan.packing_notice_ids.line_ids.filtered(lambda li: li.item_id == item)
        self.authenticate("plan_workshop_head", "plan_workshop_head")
        self._assert_refused(
            "order.packing.notice.line", "write", [line.ids, {"checked": True}], GUARDED
        )
        self.env.invalidate_all()
        self.assertFalse(line.checked)
        self.assertEqual(notice.line_ids.quantity, 2)

    def test_other_orders_documents_and_issued_goods_through_rpc(self):
        """R-PLN-41, R-PLN-42: over JSON-RPC the salesperson cannot put the
        delivery, plan or order lines of an unpaid order on the notice of a
        cash-on-delivery order (its gate is checked on its own order only),
        nor choose or change the notice's number, nor issue it without the
        arrival time; once issued, its goods are neither added nor removed,
        its shipping responsible stays, and the order's payment terms the
        gate checked can no longer change."""
        model = "order.shipping.notice"
        cod = self._sale(self.cod)
        unpaid = self._sale(self.prepay)
        other_plan = self._issued_plan()
        self.authenticate("plan_clerk", "plan_clerk")
        arrival = "2025-10-10 07:00:00"
        notice_id = self._call(
            model, "create", [{"sale_order_id": cod.id, "name": "SN-MINE", "arrival_date": False}]
        )
        notice = self.env[model].browse(notice_id)
        self.assertNotEqual(notice.name, "SN-MINE", "the number comes from the sequence")
        for what, method, args, message in (
            (
                "another order's delivery at creation",
                "create",
                [{"sale_order_id": cod.id, "picking_id": unpaid.picking_ids.id}],
                "is not a delivery of",
            ),
            (
                "another order's delivery",
                "write",
                [[notice_id], {"picking_id": unpaid.picking_ids.id}],
                "is not a delivery of",
            ),
            (
                "another order's plan",
                "write",
                [[notice_id], {"plan_id": other_plan.id}],
                "is not the plan of",
            ),
            (
                "another order's line",
                "write",
                [
                    [notice_id],
                    {
                        "line_ids": [
                            (
                                0,
                                0,
                                {
                                    "sale_line_id": unpaid.order_line.id,
                                    "product_id": self.breaker.id,
                                    "quantity": 2,
                                },
                            )
                        ]
                    },
                ],
                "is not a line of",
            ),
            ("a new number", "write", [[notice_id], {"name": "SN-MINE"}], "cannot change"),
            ("no arrival time", "action_issue", [[notice_id]], "state the arrival time and place"),
        ):
            with self.subTest(what):
                self._assert_refused(model, method, args, message)
        self._call(model, "write", [[notice_id], {"arrival_date": arrival}])
        self._call(model, "action_issue", [[notice_id]])
        self.env.invalidate_all()
        self.assertEqual(notice.state, "issued")
        line_model = "order.shipping.notice.line"
        for what, model_name, method, args, message in (
            (
                "a line added",
                line_model,
                "create",
                [{"notice_id": notice_id, "product_id": self.cabinet.id, "quantity": 1}],
                "can no longer change",
            ),
            ("a line removed", line_model, "unlink", [notice.line_ids.ids], "can no longer change"),
            (
                "another shipping responsible",
                model,
                "write",
                [[notice_id], {"warehouse_user_id": self.clerk.id}],
                "can no longer change",
            ),
            (
                "the payment terms",
                "sale.order",
                "write",
                [cod.ids, {"payment_term_id": self.prepay.id}],
                "can no longer change",
            ),
        ):
            with self.subTest(what):
                self._assert_refused(model_name, method, args, message)
        self.env.invalidate_all()
        self.assertEqual(len(notice.line_ids), 1)
        self.assertEqual(notice.picking_id, cod.picking_ids)
        self.assertEqual(cod.payment_term_id, self.cod)

    def test_packing_rights_through_rpc(self):
        """R-PLN-27, §8.9: over JSON-RPC a workshop head does not make his
        own department the packer of a notice; a planner neither deletes an
        unchecked line of a notified notice (to pack with nothing missing)
        nor ticks for the packing department; the packer, who is only a
        warehouse user and a member of the department, reads and ticks."""
        item = self.env["order.packing.check.item"].create(
            {"product_tmpl_id": self.cabinet.product_tmpl_id.id, "name": "Keys"}
        )
        packing = self.env["order.department"].create(
            {
                "name": "Packing",
                "code": "T-PACK-RPC",
                "company_id": self.company.id,
                "manager_id": self.mfg_head.id,
                "member_ids": [(6, 0, self.keeper.ids)],
            }
        )
        own = self.env["order.department"].create(
            {
                "name": "Workshop's own",
                "code": "T-OWN-RPC",
                "company_id": self.company.id,
                "manager_id": self.workshop_head.id,
            }
        )
        plan = self._issued_plan()
        notice = plan.packing_notice_ids
        notice.department_id = packing
        line = notice.line_ids.filtered(lambda li: li.item_id == item)
        model = "order.packing.notice"
        self.authenticate("plan_workshop_head", "plan_workshop_head")
        self._assert_refused(
            model, "write", [notice.ids, {"department_id": own.id}], "notified by the planner"
        )
        self.authenticate("plan_mfg_head", "plan_mfg_head")
        self._call(model, "action_notify", [notice.ids])
        # the manufacturing head heads the packing department here: another
        # planner is not of it
        packing.manager_id = self.sales_manager
        self._assert_refused(
            "order.packing.notice.line", "unlink", [line.ids], "can no longer change"
        )
        self._assert_refused(
            "order.packing.notice.line", "action_check", [line.ids], "packing department"
        )
        self.authenticate("ship_keeper", "ship_keeper")
        read = self._call(model, "read", [notice.ids, ["name", "missing_count"]])
        self.assertEqual(read[0]["missing_count"], len(notice.line_ids))
        self._call("order.packing.notice.line", "action_check", [line.ids])
        self.env.invalidate_all()
        self.assertEqual(notice.department_id, packing)
        self.assertTrue(line.checked)
        self.assertEqual(line.checked_by_id, self.keeper)
