# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The audit trail of the configuration seen from the web client: a review
manager who sends Odoo's no-tracking context keys over JSON-RPC still leaves
the trail of the change (R-X-13: changes documented; R-X-14: order
processing audited; R-REV-10: the review stage and its deadline policy)."""

from odoo.tests import HttpCase, tagged

from .review_common import OrderReviewCase
from .rpc import JsonRpcCase
from .test_config_audit import ConfigAuditMixin

QUIET = {"tracking_disable": True, "mail_notrack": True, "mail_create_nolog": True}


@tagged("post_install", "-at_install")
class TestConfigAuditRpc(JsonRpcCase, ConfigAuditMixin, OrderReviewCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()  # fixtures without tracking (review_common)
        cls._audit_fixtures("rv_config_rpc", "Review manager Sun")

    def test_no_tracking_keys_over_jsonrpc_are_ignored(self):
        """The manager's writes with the no-tracking keys in the call's
        context: the policy's duration, the stage's condition and the rung's
        delay are in the chatter, authored by the manager."""
        self.authenticate(self.manager.login, self.manager.login)
        before = self.policy.message_ids[:1].id
        rung = self.policy.escalation_ids.filtered(lambda r: r.level == 3)
        for model, record, vals in (
            ("order.sla.policy", self.policy, {"duration": 6}),
            ("order.review.stage", self.stage, {"domain": "[('id', '>', 0)]"}),
            ("order.sla.escalation", rung, {"delay": 45}),
        ):
            with self.subTest(model=model):
                self.assertTrue(self._call(model, "write", [record.ids, vals], {"context": QUIET}))
        self._flush_tracking()
        self.assertEqual(self._tracked(self.policy)["duration"][0], self.manager.partner_id)
        self.assertEqual(self._tracked(self.policy)["duration"][2:], (4.0, 6.0))
        self.assertEqual(
            self._tracked(self.stage)["domain"][::3], (self.manager.partner_id, "[('id', '>', 0)]")
        )
        note = self._notes(self.policy, before)
        self.assertEqual(len(note), 1)
        self.assertEqual(note.author_id, self.manager.partner_id)
        self.assertIn("After: 30.00 → 45.00", note.body)
