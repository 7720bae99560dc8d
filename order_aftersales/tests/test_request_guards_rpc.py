# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The service request's workflow fields, documents and actions over real
HTTP JSON-RPC and with_user, as the clerk and the agent who would get around
them (R-AFS-01, R-AFS-02, R-AFS-04, R-AFS-14)."""

from datetime import timedelta

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import HttpCase, tagged

from odoo.addons.order_review.tests.rpc import GUARDED, JsonRpcCase

from .common import AftersalesCase

MODEL = "order.service.request"


class RequestGuardCase(AftersalesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_order = cls._order([(cls.widget, 2, 100.0)], partner=cls.other_customer)
        cls.other_delivery = cls._validate(cls.other_order.picking_ids)
        cls.other_invoice = cls.other_order._create_invoices()
        cls.other_invoice.action_post()
        # the request's own customer's order, for the positive case
        cls.own_order = cls._order([(cls.widget, 1, 100.0)])

    def _vals(self, **vals):
        return {
            "subject": "The customer calls",
            "partner_id": self.customer_contact.id,
            "type_id": self.types["support"].id,
            "channel": "phone",
            **vals,
        }

    @staticmethod
    def _future():
        return fields.Datetime.to_string(fields.Datetime.now() + timedelta(days=1))


@tagged("post_install", "-at_install")
class TestRequestGuardsRpc(JsonRpcCase, RequestGuardCase, HttpCase):
    def test_workflow_fields_through_rpc(self):
        """R-AFS-01, R-AFS-02: over JSON-RPC neither the clerk nor the agent
        writes the state, the transfer date, an on-time flag, a KPI duration,
        the return status or the clocks; nobody creates a request in a later
        state or received in the future; the number is the sequence's."""
        self.authenticate("afs_clerk", "afs_clerk")
        request_id = self._call(MODEL, "create", [self._vals(name="QR/JY-2005/2025/99999")])
        request = self.env[MODEL].browse(request_id)
        self.assertRegex(request.name, r"^QR/JY-2005/\d{4}/\d{5}$")
        self.assertNotEqual(request.name, "QR/JY-2005/2025/99999")
        clock_ids = request.sla_clock_ids.ids
        self.assertTrue(clock_ids)
        for login in ("afs_clerk", "afs_agent"):
            self.authenticate(login, login)
            for vals in (
                {"state": "solved"},
                {"transferred_on": "2025-09-26 03:55:00"},
                {"contact_on_time": True},
                {"return_state": "approved"},
                {"response_hours": 0.5},
                {"contact_late": True},
                {"sla_clock_ids": [(5, 0, 0)]},
                {"sla_clock_ids": [(2, clock_ids[0], 0)]},
            ):
                with self.subTest(login=login, vals=vals):
                    self._assert_refused(MODEL, "write", [[request_id], vals], GUARDED)
            with self.subTest(login=login, create="state"):
                self._assert_refused(MODEL, "create", [self._vals(state="in_progress")], GUARDED)
            with self.subTest(login=login, create="future"):
                self._assert_refused(
                    MODEL, "create", [self._vals(received_on=self._future())], "in the future"
                )
            with self.subTest(login=login, write="name"):
                self._assert_refused(
                    MODEL,
                    "write",
                    [[request_id], {"name": "QR/JY-2005/2025/00001"}],
                    "cannot change",
                )
        self.env.invalidate_all()
        self.assertEqual(request.state, "new")
        self.assertFalse(request.transferred_on)
        self.assertEqual(request.return_state, "draft")
        self.assertEqual(request.sla_clock_ids.ids, clock_ids)

    def test_other_customers_documents_through_rpc(self):
        """R-AFS-01, R-AFS-14: a request cannot link another customer's sale
        order, delivery or invoice, neither when it is created nor later."""
        self.authenticate("afs_clerk", "afs_clerk")
        for fname, document in (
            ("sale_order_id", self.other_order),
            ("picking_id", self.other_delivery),
            ("invoice_id", self.other_invoice),
        ):
            with self.subTest(fname):
                self._assert_refused(
                    MODEL, "create", [self._vals(**{fname: document.id})], "is not a document of"
                )
        request_id = self._call(MODEL, "create", [self._vals(sale_order_id=self.own_order.id)])
        for fname, document in (
            ("sale_order_id", self.other_order),
            ("picking_id", self.other_delivery),
            ("invoice_id", self.other_invoice),
        ):
            with self.subTest(fname, write=True):
                self._assert_refused(
                    MODEL, "write", [[request_id], {fname: document.id}], "is not a document of"
                )
        self.env.invalidate_all()
        self.assertEqual(self.env[MODEL].browse(request_id).sale_order_id, self.own_order)

    def test_actions_by_role_through_rpc(self):
        """R-AFS-02: the clerk (sales, not after-sales) transfers the form
        but does not mark the customer contacted, solve or close it; only
        the after-sales head cancels a request."""
        self.authenticate("afs_clerk", "afs_clerk")
        request_id = self._call(MODEL, "create", [self._vals()])
        self._call(MODEL, "action_transfer", [[request_id]])
        for action in ("action_contact", "action_solve", "action_close"):
            with self.subTest(action):
                self._assert_refused(
                    MODEL, action, [[request_id]], "Only the after-sales department"
                )
        self._assert_refused(MODEL, "action_cancel", [[request_id]], "Only the after-sales head")
        self.authenticate("afs_agent", "afs_agent")
        self._call(MODEL, "action_contact", [[request_id]])
        self._assert_refused(MODEL, "action_cancel", [[request_id]], "Only the after-sales head")
        self.authenticate("afs_head", "afs_head")
        self._call(MODEL, "action_cancel", [[request_id]])
        self.env.invalidate_all()
        request = self.env[MODEL].browse(request_id)
        self.assertEqual(request.state, "cancel")
        self.assertEqual(request.contacted_by_id, self.agent)

    def test_post_in_the_customers_name_does_not_resume(self):
        """R-AFS-09: a request waiting for the customer goes back to work when
        the customer answers (the mail gateway, their portal session), not
        when a clerk posts over JSON-RPC a message naming the customer as
        its author (Odoo lets a poster name the author): the Resume button is
        the agents'."""
        request = self._request()
        request.with_user(self.agent).action_contact()
        request.with_user(self.agent).action_wait_customer()
        self.authenticate("afs_clerk", "afs_clerk")
        self._call(
            MODEL,
            "message_post",
            [[request.id]],
            {
                "body": "The customer answered, really.",
                "author_id": self.customer_contact.id,
                "message_type": "comment",
                "subtype_xmlid": "mail.mt_comment",
            },
        )
        posted = request.message_ids.filtered(lambda m: "answered, really" in (m.body or ""))
        self.assertEqual(posted.author_id, self.customer_contact)
        self.assertEqual((request.state, request.waiting_reason), ("waiting", "customer"))


@tagged("post_install", "-at_install")
class TestRequestGuards(RequestGuardCase):
    """The same guards through the ORM as each user (with_user)."""

    def test_guards_with_user(self):
        """R-AFS-01, R-AFS-02, R-AFS-14: as the clerk and the agent."""
        Request = self.env[MODEL].with_company(self.company)
        for user in (self.clerk, self.agent):
            with self.subTest(user=user.login):
                request = Request.with_user(user).create(self._vals(name="MY-NUMBER"))
                self.assertRegex(request.name, r"^QR/JY-2005/")
                for vals in (
                    {"state": "closed"},
                    {"transferred_on": fields.Datetime.now()},
                    {"contact_on_time": True},
                    {"return_state": "approved"},
                    {"resolution_hours": 1.0},
                    {"sla_clock_ids": [(5, 0, 0)]},
                ):
                    with self.assertRaisesRegex(UserError, GUARDED):
                        request.write(vals)
                with self.assertRaisesRegex(UserError, GUARDED):
                    Request.with_user(user).create(self._vals(state="solved"))
                with self.assertRaisesRegex(ValidationError, "in the future"):
                    Request.with_user(user).create(
                        self._vals(received_on=fields.Datetime.now() + timedelta(hours=2))
                    )
                for fname, document in (
                    ("sale_order_id", self.other_order),
                    ("picking_id", self.other_delivery),
                    ("invoice_id", self.other_invoice),
                ):
                    with self.assertRaisesRegex(ValidationError, "is not a document of"):
                        request.write({fname: document.id})
                with self.assertRaisesRegex(UserError, "Only the after-sales head"):
                    request.action_cancel()
        request = Request.with_user(self.clerk).create(self._vals())
        request.action_transfer()
        for action in ("action_contact", "action_solve", "action_close"):
            with self.assertRaisesRegex(UserError, "Only the after-sales department"):
                getattr(request, action)()
        request.with_user(self.head).action_cancel()
        self.assertEqual(request.state, "cancel")
