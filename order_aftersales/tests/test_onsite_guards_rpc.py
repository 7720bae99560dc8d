# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The visit's signature and states, the acceptance's result and the
invoicing gate over real HTTP JSON-RPC, as the users who would get around
them (R-AFS-05, R-AFS-18, R-AFS-19)."""

from freezegun import freeze_time

from odoo.tests import HttpCase, tagged

from odoo.addons.order_review.tests.common import local
from odoo.addons.order_review.tests.rpc import GUARDED, JsonRpcCase

from .onsite_common import SIGNATURE, OnsiteCase


@tagged("post_install", "-at_install")
class TestOnsiteGuardsRpc(JsonRpcCase, OnsiteCase, HttpCase):
    def test_visit_signature_and_states_through_rpc(self):
        """R-AFS-05: over JSON-RPC the engineer neither writes the customer's
        signature nor a state, even with a context that claims a transition,
        nor has the report signed before the work is recorded; through the
        sign wizard, once recorded, it is signed."""
        model = "order.service.visit"
        visit = self._visit(self._onsite_request())
        self.authenticate("afs_engineer", "afs_engineer")
        context = {"workflow_transition": True, "order_workflow_transition": True}
        signature = SIGNATURE.decode()
        for vals in (
            {"signature": signature, "signed_by": "Forged"},
            {"signed_on": "2025-09-29 03:00:00"},
            {"state": "done"},
            {"picking_id": False, "calendar_event_id": False},
        ):
            with self.subTest(vals=vals):
                self._assert_refused(
                    model, "write", [visit.ids, vals], GUARDED, {"context": context}
                )
        self._call(model, "action_start", [visit.ids])
        wizard_id = self._call(
            "order.service.visit.sign",
            "create",
            [{"visit_id": visit.id, "signed_by": "Buyer Wang", "signature": signature}],
        )
        self._assert_refused(
            "order.service.visit.sign", "action_sign", [[wizard_id]], r"record the work first"
        )
        self._call(
            model,
            "write",
            [
                visit.ids,
                {"report": "<p>Fuse replaced.</p>", "commissioning_result": "passed"},
            ],
        )
        self._call("order.service.visit.sign", "action_sign", [[wizard_id]])
        self.env.invalidate_all()
        self.assertEqual(visit.signed_by, "Buyer Wang")
        self.assertEqual(visit.state, "in_progress")

    def test_acceptance_and_invoicing_through_rpc(self):
        """R-AFS-18, R-AFS-19: over JSON-RPC the salesperson neither passes
        the acceptance by writing it nor unticks the agreed acceptance of a
        delivered order; the accountant cannot post its invoice until the
        customer accepted."""
        order = self._flagged_order()
        with freeze_time(local(2025, 9, 24, 10, 0)):
            self._validate(order.picking_ids)
        acceptance = order.acceptance_ids
        invoice = order._create_invoices()
        self.authenticate("afs_clerk", "afs_clerk")
        model = "order.delivery.acceptance"
        self._assert_refused(model, "write", [acceptance.ids, {"state": "passed"}], GUARDED)
        self._assert_refused(
            model,
            "create",
            [{"picking_id": acceptance.picking_id.id, "state": "passed"}],
            GUARDED,
        )
        self._assert_refused(
            "sale.order",
            "write",
            [order.ids, {"acceptance_required": False}],
            r"can no longer change",
        )
        self.authenticate("afs_accountant", "afs_accountant")
        self._assert_refused(
            "account.move", "action_post", [invoice.ids], r"after the customer's acceptance"
        )
        self.authenticate("afs_clerk", "afs_clerk")
        self._call(
            model,
            "write",
            [
                acceptance.ids,
                {
                    "check_packaging": True,
                    "check_quantity": True,
                    "check_quality": True,
                    "signed_by": "Buyer Wang",
                    "signature": SIGNATURE.decode(),
                },
            ],
        )
        self._call(model, "action_pass", [acceptance.ids])
        self.authenticate("afs_accountant", "afs_accountant")
        self._call("account.move", "action_post", [invoice.ids])
        self.env.invalidate_all()
        self.assertEqual(acceptance.state, "passed")
        self.assertTrue(order.acceptance_required)
        self.assertEqual(invoice.state, "posted")
