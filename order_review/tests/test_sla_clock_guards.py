# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The clocks move through the engine only: an employee reads them but
cannot create, change or delete one, nor rewrite a document's clocks or a
clock's pause over JSON-RPC, as the user who would get around it (R-AFS-01,
R-AFS-02, §7.7)."""

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from odoo.addons.mail.tests.common import mail_new_test_user

from .common import OrderSlaClockCase, local
from .rpc import GUARDED, JsonRpcCase


@tagged("post_install", "-at_install")
class TestSlaClockGuards(JsonRpcCase, OrderSlaClockCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the test documents' access rights, written as a module's CSV would
        # (creating them through the ORM would reset registry caches the fake
        # models share)
        for model in ("order.sla.tester", "order.sla.clock.tester"):
            cls.env.cr.execute(
                "INSERT INTO ir_model_access (name, model_id, group_id, active, perm_read, "
                "perm_write, perm_create, perm_unlink) VALUES (%s, %s, %s, TRUE, TRUE, TRUE, "
                "TRUE, TRUE)",
                [model, cls.env["ir.model"]._get_id(model), cls.env.ref("base.group_user").id],
            )
        cls.env.registry.clear_cache()
        cls.agent = mail_new_test_user(
            cls.env,
            login="clock_agent",
            password="clock_agent",
            groups="base.group_user",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        cls.policy = cls._policy(60, "working_minutes", name="Transfer", code="test_guard_transfer")
        cls.request = cls._requests()
        with freeze_time(local(2025, 9, 15, 9, 0)):
            cls.clock = cls.request._sla_clocks_start(cls.policy)
        cls.document = cls.Tester.create(
            {"name": "Document", "user_id": cls.clerk.id, "company_id": cls.company.id}
        )
        with freeze_time(local(2025, 9, 15, 9, 0)):
            cls.document._sla_start(cls.policy)

    def _refused(self, model, method, args, kwargs=None):
        """Call over JSON-RPC as the agent; return the error's (name, message)."""
        error = self._rpc_error(model, method, args, kwargs)
        return error["name"], error["message"]

    def test_employee_reads_clocks_but_cannot_touch_them(self):
        """with_user: read yes; create, write, unlink no (the engine works as
        superuser)."""
        Clock = self.Clock.with_user(self.agent)
        self.assertEqual(Clock.search([("res_id", "=", self.request.id)]), self.clock)
        self.assertEqual(self.clock.with_user(self.agent).sla_state, "running")
        # refused by the guard of its fields (a UserError), by the access
        # rights (an AccessError, a UserError too) when no field is guarded
        with self.assertRaises(UserError):
            Clock.create(
                {"res_model": self.request._name, "res_id": self.request.id, "key": "forged"}
            )
        with self.assertRaises(AccessError):
            Clock.create({})
        with self.assertRaises(UserError):
            self.clock.with_user(self.agent).write({"sla_state": "met"})
        with self.assertRaises(AccessError):
            self.clock.with_user(self.agent).unlink()
        # the document's clocks and its clock's pause are guarded fields
        request = self.request.with_user(self.agent)
        for vals in (
            {"sla_clock_ids": [Command.clear()]},
            {"sla_clock_ids": [Command.update(self.clock.id, {"sla_state": "met"})]},
            {"sla_clock_ids": [Command.create({"key": "forged", "res_model": request._name})]},
        ):
            with self.subTest(vals=vals), self.assertRaisesRegex(UserError, GUARDED):
                request.write(vals)
        document = self.document.with_user(self.agent)
        for vals in (
            {"sla_state": "paused"},
            {"sla_paused_on": "2025-09-15 01:00:00"},
            {"sla_paused_state": "running"},
            {"sla_paused_next_check": "2030-01-01 00:00:00"},
        ):
            with self.subTest(vals=vals), self.assertRaisesRegex(UserError, GUARDED):
                document.write(vals)
        self.assertEqual((self.clock.sla_state, self.document.sla_state), ("running", "running"))

    def test_clock_guards_over_json_rpc(self):
        """The same over JSON-RPC: no clock forged or rewritten, no pause
        written or called from a client."""
        self.authenticate("clock_agent", "clock_agent")
        name, _message = self._refused(
            "order.sla.clock",
            "create",
            [{"res_model": self.request._name, "res_id": self.request.id, "key": "forged"}],
        )
        self.assertIn(name, ("odoo.exceptions.UserError", "odoo.exceptions.AccessError"))
        name, _message = self._refused("order.sla.clock", "create", [{}])
        self.assertEqual(name, "odoo.exceptions.AccessError")
        name, _message = self._refused(
            "order.sla.clock", "write", [[self.clock.id], {"sla_deadline": "2030-01-01 00:00:00"}]
        )
        self.assertIn(name, ("odoo.exceptions.UserError", "odoo.exceptions.AccessError"))
        name, _message = self._refused("order.sla.clock", "unlink", [[self.clock.id]])
        self.assertEqual(name, "odoo.exceptions.AccessError")
        for commands in (
            [[5, 0, 0]],
            [[1, self.clock.id, {"sla_state": "met"}]],
            [[2, self.clock.id, 0]],
        ):
            with self.subTest(commands=commands):
                name, message = self._refused(
                    self.request._name, "write", [[self.request.id], {"sla_clock_ids": commands}]
                )
                self.assertEqual(name, "odoo.exceptions.UserError")
                self.assertRegex(message, GUARDED)
        for vals in ({"sla_state": "paused"}, {"sla_paused_on": "2025-09-15 01:00:00"}):
            with self.subTest(vals=vals):
                name, message = self._refused(
                    self.document._name, "write", [[self.document.id], vals]
                )
                self.assertEqual(name, "odoo.exceptions.UserError")
                self.assertRegex(message, GUARDED)
        # the engine's methods are private: not callable from a client
        for model, record, method in (
            (self.request._name, self.request, "_sla_clocks_pause"),
            (self.document._name, self.document, "_sla_pause"),
            ("order.sla.clock", self.clock, "_sla_resume"),
        ):
            with self.subTest(method=method):
                name, _message = self._refused(model, method, [[record.id]])
                self.assertIn(name, ("odoo.exceptions.AccessError", "builtins.AttributeError"))
        self.env.invalidate_all()
        self.assertEqual(self.request.sla_clock_ids, self.clock)
        self.assertEqual((self.clock.sla_state, self.document.sla_state), ("running", "running"))
        self.assertFalse(self.document.sla_paused_on)

    def test_clocks_of_another_company(self):
        """Multi-company: the clocks of a company's documents are read in
        that company only."""
        other = self.env["res.company"].create({"name": "Other company"})
        outsider = mail_new_test_user(
            self.env,
            login="clock_outsider",
            groups="base.group_user",
            company_id=other.id,
            company_ids=[Command.set(other.ids)],
        )
        self.assertFalse(self.Clock.with_user(outsider).search([("id", "=", self.clock.id)]))
        with self.assertRaises(AccessError):
            self.clock.with_user(outsider).sla_state  # noqa: B018
