# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The server enforces the return flow (R-AFS-14..16): its state, dates,
documents and the lines' inspection change only through its transitions; a
return is neither received nor refunded before its approval; what was
approved no longer changes. Each guard is tried as the user who would get
around it, in Python and over JSON-RPC."""

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from odoo.addons.order_review.tests.common import local
from odoo.addons.order_review.tests.rpc import GUARDED, JsonRpcCase

from .common import AftersalesCase


class ReturnsGuardCase(AftersalesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.order, cls.first, cls.second, cls.invoice = cls._delivered_in_two()

    def _submitted(self):
        request = self._return_request(
            [
                (self._move(self.first, self.widget), 2, None),
                (self._move(self.second, self.widget), 1, None),
            ]
        )
        with freeze_time(local(2025, 9, 25, 11, 0)):
            request.with_user(self.agent).action_return_submit()
        return request.with_user(self.agent)

    def _approved(self):
        request = self._submitted()
        with freeze_time(local(2025, 9, 26, 10, 0)):
            self._review_decide(request, self.manager)
        return request


@tagged("post_install", "-at_install")
class TestReturnsGuards(ReturnsGuardCase):
    def test_workflow_fields_refused(self):
        """R-AFS-14: the agent writes neither the return's state, dates and
        credit notes, nor a line's inspection or repair, nor creates a
        request already approved."""
        request = self._approved()
        line = request.line_ids[0]
        for vals in (
            {"return_state": "received"},
            {"return_received_on": "2025-09-29 01:00:00"},
            {"return_policy_id": False},
            {"refund_ids": [Command.link(self.invoice.id)]},
        ):
            with self.subTest(vals=vals), self.assertRaisesRegex(UserError, GUARDED):
                request.write(vals)
        for vals in (
            {"inspection_result": "pass"},
            {"inspection_note": "Fine"},
            {"quantity_received": 2.0},
        ):
            with self.subTest(vals=vals), self.assertRaisesRegex(UserError, GUARDED):
                line.write(vals)
        with self.assertRaisesRegex(UserError, GUARDED):
            self.env["order.service.request"].with_user(self.agent).create(
                {
                    "subject": "Approved already",
                    "partner_id": self.customer.id,
                    "type_id": self.types["return"].id,
                    "return_state": "awaiting",
                }
            )
        self.assertEqual(request.return_state, "awaiting")

    def test_not_received_nor_refunded_before_approval(self):
        """R-AFS-14: under review, the return cannot be received, inspected,
        processed (refunded) or told to the customer; the review cannot be
        asked around the submission; the agent cannot approve it."""
        request = self._submitted()
        self.assertEqual(request.review_state, "pending")
        for action, message in (
            ("action_return_receive", "once approved"),
            ("action_return_inspect", "only goods received are inspected"),
            ("action_return_process", "received and inspected before"),
            ("action_return_notify", "before telling the customer"),
        ):
            with self.subTest(action), self.assertRaisesRegex(UserError, message):
                getattr(request, action)()
        self.assertFalse(request.return_picking_ids)
        with self.assertRaisesRegex(UserError, "Nothing waits for your decision"):
            request.action_review_decide()
        with self.assertRaises(AccessError):
            request.review_ids.with_user(self.agent)._decide(True, "Fine by me")
        draft = self._return_request([(self._move(self.first, self.gadget), 1, None)])
        with self.assertRaisesRegex(UserError, "submit the return"):
            draft.with_user(self.agent).action_request_review()
        self.assertEqual(request.return_state, "submitted")
        self.assertFalse(draft.review_state)

    def test_only_agents_submit_contacted_requests(self):
        """R-AFS-14: the clerk does not submit a return; the agent submits
        it once the customer is contacted, a valid application only."""
        request = self._request("return", when=(2025, 9, 25, 10, 0))
        with freeze_time(local(2025, 9, 25, 10, 0)):
            request.write(
                {
                    "line_ids": [
                        Command.create(
                            {
                                "sale_line_id": self.order.order_line[0].id,
                                "move_id": self._move(self.first, self.widget).id,
                                "quantity": 7,
                                "problem": "Broken",
                            }
                        )
                    ]
                }
            )
        with self.assertRaisesRegex(UserError, "Only the after-sales department"):
            request.action_return_submit()
        with self.assertRaisesRegex(UserError, "contact the customer first"):
            request.with_user(self.agent).action_return_submit()
        with freeze_time(local(2025, 9, 25, 10, 30)):
            request.with_user(self.agent).action_contact()
        with self.assertRaisesRegex(UserError, "Only 6.0 Units of Widget"):
            request.with_user(self.agent).action_return_submit()
        line = request.line_ids.with_user(self.agent)
        line.write({"quantity": 2, "problem": False})
        with self.assertRaisesRegex(UserError, "state the reason"):
            request.with_user(self.agent).action_return_submit()
        line.problem = "Broken"
        request.with_user(self.agent).write(
            {
                "line_ids": [
                    Command.create(
                        {
                            "sale_line_id": self.order.order_line[0].id,
                            "move_id": self._move(self.first, self.widget).id,
                            "quantity": 1,
                            "problem": "Broken too",
                        }
                    )
                ]
            }
        )
        with self.assertRaisesRegex(UserError, "one line per delivered product"):
            request.with_user(self.agent).action_return_submit()
        support = self._request("support")
        with self.assertRaisesRegex(UserError, "is not a return"):
            support.with_user(self.agent).action_return_submit()
        self.assertEqual(request.return_state, "draft")

    def test_line_change_after_submission_resets_review(self):
        """R-AFS-14: a product changed under review withdraws the review;
        the application goes back to draft and is submitted again."""
        request = self._submitted()
        review = request.review_ids
        request.line_ids[0].quantity = 1
        self.assertEqual(review.state, "cancelled")
        self.assertFalse(request.review_state)
        self.assertEqual(request.return_state, "draft")
        with freeze_time(local(2025, 9, 25, 14, 0)):
            request.action_return_submit()
        self.assertEqual(request.review_state, "pending")

    def test_approved_return_frozen(self):
        """R-AFS-14: once approved, the return's products, quantities and
        resolutions, its customer and type no longer change; lines are
        neither added nor removed."""
        request = self._approved()
        line = request.line_ids[0]
        for vals in ({"quantity": 1}, {"resolution": "exchange"}):
            with self.subTest(vals=vals), self.assertRaisesRegex(UserError, "can no longer"):
                line.write(vals)
        with self.assertRaisesRegex(UserError, "can no longer be added or removed"):
            line.unlink()
        with self.assertRaisesRegex(UserError, "can no longer be added or removed"):
            self.env["order.service.request.line"].with_user(self.agent).create(
                {
                    "request_id": request.id,
                    "sale_line_id": self.order.order_line[1].id,
                    "move_id": self._move(self.first, self.gadget).id,
                    "quantity": 1,
                }
            )
        with self.assertRaisesRegex(UserError, "customer and type"):
            request.type_id = self.types["exchange"]
        self.assertEqual(line.quantity, 2)

    def test_inspection_only_of_own_lines(self):
        """R-AFS-14 step 5: the inspection wizard records results for the
        request's own products only, and may not turn a product to a refund."""
        request = self._approved()
        other = self._return_request([(self._move(self.first, self.gadget), 1, None)])
        with freeze_time(local(2025, 9, 29, 9, 0)):
            request.action_return_receive()
        wizard_model = self.env["order.service.request.inspection"].with_user(self.agent)
        for line_vals, message in (
            ({"request_line_id": other.line_ids.id, "resolution": "refund"}, "is not a product"),
            (
                {"request_line_id": request.line_ids[0].id, "resolution": "exchange"},
                "repair or another solution only",
            ),
        ):
            wizard = wizard_model.create({"request_id": request.id})
            wizard.line_ids = [Command.clear(), Command.create(line_vals)]
            with self.subTest(message), self.assertRaisesRegex(UserError, message):
                wizard.action_confirm()
        self.assertEqual(request.return_state, "received")
        self.assertFalse(other.line_ids.inspection_result)

    def test_moves_linked_by_the_request_only(self):
        """R-AFS-14: the warehouse cannot link a receipt of its own to a
        return (it would receive it), nor unlink the return's receipt."""
        request = self._approved()
        receipt_move = request.return_picking_ids.move_ids[:1].with_user(self.manager)
        stray = self.env["stock.move"].create(
            {
                "name": "Stray widget",
                "product_id": self.widget.id,
                "product_uom_qty": 1,
                "location_id": self.env.ref("stock.stock_location_customers").id,
                "location_dest_id": self.warehouse.lot_stock_id.id,
                "company_id": self.company.id,
            }
        )
        with self.assertRaisesRegex(UserError, "set by the request's own actions"):
            stray.with_user(self.manager).aftersales_return_line_id = request.line_ids[0]
        with self.assertRaisesRegex(UserError, "set by the request's own actions"):
            receipt_move.aftersales_return_line_id = False
        self.assertTrue(receipt_move.aftersales_return_line_id)

    def test_cancel_withdraws_receipts(self):
        """R-AFS-14: the head cancels the request awaiting its goods: the
        return receipts and the window are withdrawn."""
        request = self._approved()
        request.with_user(self.head).action_cancel()
        self.assertEqual(set(request.return_picking_ids.mapped("state")), {"cancel"})
        self.assertFalse(self._clock(request, "aftersales_return").sla_state)


@tagged("post_install", "-at_install")
class TestReturnsGuardsRpc(JsonRpcCase, ReturnsGuardCase, HttpCase):
    def test_return_guards_through_rpc(self):
        """R-AFS-14 over JSON-RPC, as the agent: the return's state and a
        line's inspection are not written, a return under review is not
        received, the review is not asked around the submission, an approved
        line does not change."""
        model = "order.service.request"
        submitted = self._submitted()
        draft = self._return_request([(self._move(self.first, self.gadget), 1, None)])
        self.authenticate("afs_agent", "afs_agent")
        for method, args, message in (
            ("write", [submitted.ids, {"return_state": "awaiting"}], GUARDED),
            ("write", [submitted.ids, {"return_state": "draft"}], GUARDED),
            ("write", [submitted.ids, {"return_approved_on": "2025-09-26 02:00:00"}], GUARDED),
            ("action_return_receive", [submitted.ids], "once approved"),
            ("action_return_process", [submitted.ids], "received and inspected before"),
            ("action_request_review", [draft.ids], "submit the return"),
        ):
            with self.subTest(method=method, args=args):
                self._assert_refused(model, method, args, message)
        self._assert_refused(
            "order.service.request.line",
            "write",
            [submitted.line_ids[:1].ids, {"inspection_result": "pass"}],
            GUARDED,
        )
        with freeze_time(local(2025, 9, 26, 10, 0)):
            self._review_decide(submitted, self.manager)
        self._assert_refused(
            "order.service.request.line",
            "write",
            [submitted.line_ids[:1].ids, {"quantity": 1}],
            "can no longer change",
        )
        self.env.invalidate_all()
        self.assertEqual(submitted.return_state, "awaiting")
        self.assertFalse(draft.review_state)
        self.assertEqual(submitted.line_ids.mapped("inspection_result"), [False, False])
