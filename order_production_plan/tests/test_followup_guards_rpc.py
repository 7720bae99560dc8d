# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The follow-ups' workflow fields over real HTTP JSON-RPC (R-PLN-22,
R-PLN-32): the client asks, the server decides."""

import json

from freezegun import freeze_time

from odoo.tests import HttpCase, tagged

from odoo.addons.order_review.tests.common import local

from .followup_common import FollowupCase

GUARDED = r"change only through the document's own actions"


@tagged("post_install", "-at_install")
class TestFollowupGuardsRpc(FollowupCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._supplier_policies()
        cls.plan = cls._due_plan(local(2025, 10, 31, 17, 0))
        cls.purchase = cls._purchase([local(2025, 11, 5, 10, 0)])
        with freeze_time(local(2025, 10, 29, 9, 0)):
            cls.env["order.production.followup"]._cron_create_followups()
        cls.followup = cls.env["order.production.followup"].search(
            [("plan_id", "=", cls.plan.id), ("kind", "=", "order")]
        )
        cls.supplier = cls.env["order.production.followup"].search(
            [("purchase_id", "=", cls.purchase.id), ("kind", "=", "supplier_confirm")]
        )

    def setUp(self):
        super().setUp()
        self.assertEqual(len(self.followup), 1)
        self.assertEqual(len(self.supplier), 1)

    def _assert_refused(self, model, method, args, kwargs=None, message=""):
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

    def _attack(self, attacks):
        for model, method, args, kwargs, message in attacks:
            with self.subTest(model=model, method=method, args=args):
                self._assert_refused(model, method, args, kwargs, message)
        self.env.invalidate_all()

    def test_salesperson_cannot_close_the_follow_up(self):
        """R-PLN-22, R-PLN-30: the order follower closes the follow-up only
        by its buttons: writing its state, result, done date or clock over
        JSON-RPC is refused, even with a context asking; what the follower
        records (what is late) passes."""
        model = self.followup._name
        ids = self.followup.ids
        self.authenticate("plan_clerk", "plan_clerk")
        when = "2025-09-20 08:00:00"
        self._attack(
            [
                (model, "write", [ids, {"state": "done"}], {}, GUARDED),
                (model, "write", [ids, {"done_date": when}], {}, GUARDED),
                (model, "write", [ids, {"result": "on_track"}], {}, GUARDED),
                (model, "write", [ids, {"sla_state": "met"}], {}, GUARDED),
                (model, "write", [ids, {"user_id": self.gm.id}], {}, GUARDED),
                (
                    model,
                    "write",
                    [ids, {"state": "done"}],
                    {"context": {"workflow_transition": True}},
                    GUARDED,
                ),
            ]
        )
        self.assertEqual(self.followup.state, "open")
        self.assertFalse(self.followup.done_date)
        self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/write",
            {
                "model": model,
                "method": "write",
                "args": [ids, {"deviation_note": "Frames late."}],
                "kwargs": {},
            },
        )
        self.env.invalidate_all()
        self.assertEqual(self.followup.deviation_note, "Frames late.")

    def test_buyer_cannot_write_the_confirmed_ship_date(self):
        """R-PLN-32, R-PLN-34: the confirmed ship date, who confirmed it and
        the dispatch are recorded only by the follow-up's actions: the buyer
        cannot write them on the purchase line over JSON-RPC."""
        line = self.purchase.order_line
        self.authenticate("plan_buyer", "plan_buyer")
        self._attack(
            [
                (
                    "purchase.order.line",
                    "write",
                    [line.ids, {"order_confirmed_ship_date": "2025-10-20 02:00:00"}],
                    {},
                    GUARDED,
                ),
                (
                    "purchase.order.line",
                    "write",
                    [line.ids, {"order_confirmed_by_id": self.gm.id}],
                    {},
                    GUARDED,
                ),
                (
                    "purchase.order.line",
                    "write",
                    [line.ids, {"order_dispatched_on": "2025-10-20 02:00:00"}],
                    {},
                    GUARDED,
                ),
                (
                    self.supplier._name,
                    "write",
                    [self.supplier.ids, {"state": "done", "result": "confirmed"}],
                    {},
                    GUARDED,
                ),
            ]
        )
        self.assertFalse(line.order_confirmed_ship_date)
        self.assertFalse(line.order_confirmed_by_id)
        self.assertEqual(self.supplier.state, "open")

    def test_manager_cannot_create_a_done_follow_up(self):
        """R-PLN-22: follow-ups are created by the server: even the general
        manager cannot create one already done, nor one for a plan, over
        JSON-RPC."""
        model = self.followup._name
        self.authenticate("plan_gm", "plan_gm")
        self._attack(
            [
                (model, "create", [{"state": "done"}], {}, GUARDED),
                (model, "create", [{"plan_id": self.plan.id}], {}, GUARDED),
                (model, "create", [{"done_date": "2025-09-20 08:00:00"}], {}, GUARDED),
                (model, "create", [{"kind": "readiness"}], {}, GUARDED),
            ]
        )
        self.assertEqual(self.env[model].search_count([("plan_id", "=", self.plan.id)]), 1)
