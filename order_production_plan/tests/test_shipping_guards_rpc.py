# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The shipping notice's gate and workflow fields over real HTTP JSON-RPC,
as the salesperson who would get around them (R-PLN-41, R-PLN-43, §7.4,
R-PLN-27)."""

import json

from odoo.tests import HttpCase, tagged

from .shipping_common import ShippingCase

GUARDED = r"change only through the document's own actions"


@tagged("post_install", "-at_install")
class TestShippingGuardsRpc(ShippingCase, HttpCase):
    def _call(self, model, method, args, kwargs=None):
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": args, "kwargs": kwargs or {}},
        )

    def _assert_refused(self, model, method, args, message, kwargs=None):
        payload = {
            "id": 0,
            "jsonrpc": "2.0",
            "method": "call",
            "params": {"model": model, "method": method, "args": args, "kwargs": kwargs or {}},
        }
        response = self.url_open(
            f"/web/dataset/call_kw/{model}/{method}",
            data=json.dumps(payload).encode(),
            headers={"Content-Type": "application/json"},
        )
        response.raise_for_status()
        body = response.json()
        self.assertNotIn("result", body, f"{model}.{method}{args} was accepted")
        error = body["error"]["data"]
        self.assertEqual(error["name"], "odoo.exceptions.UserError", error["message"])
        self.assertRegex(error["message"], message)

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
        cod_id = self._call(model, "create", [{"sale_order_id": cod.id}])
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
