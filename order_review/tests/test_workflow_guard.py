# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Workflow fields change only through the documents' own transitions, for
every document inheriting the suite's mixins (order.workflow.mixin)."""

from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.mail.tests.common import mail_new_test_user

from .common import OrderSlaCase


@tagged("post_install", "-at_install")
class TestWorkflowGuard(OrderSlaCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the tester's access right, written as a module's CSV would (creating
        # it through the ORM would reset registry caches the fake model shares)
        cls.env.cr.execute(
            "INSERT INTO ir_model_access (name, model_id, active, perm_read, perm_write, "
            "perm_create, perm_unlink) VALUES ('tester', %s, TRUE, TRUE, TRUE, TRUE, TRUE)",
            [cls.env["ir.model"]._get_id("order.sla.tester")],
        )
        cls.env.registry.clear_cache()
        cls.user = mail_new_test_user(cls.env, login="guard_user", groups="base.group_user")

    def test_new_model_gets_the_guard_without_code(self):
        """A document of a new addon declares its state guarded and inherits
        the check: its state and clock are refused on create, write, import
        and context defaults, and its own transition passes."""
        self.assertEqual(
            self.env["order.sla.tester"]._workflow_guarded(),
            {"state"}
            | {
                "sla_policy_id",
                "sla_start",
                "sla_deadline",
                "sla_state",
                "sla_done_date",
                "sla_level",
                "sla_next_check",
                "sla_paused_on",
                "sla_paused_state",
                "sla_paused_next_check",
            },
        )
        with self.assertRaisesRegex(UserError, "own actions"):
            self.Tester.with_user(self.user).create({"name": "born done", "state": "done"})
        record = self.Tester.with_user(self.user).create({"name": "draft", "state": "draft"})
        # nor through a default in the context
        defaulted = (
            self.Tester.with_user(self.user)
            .with_context(default_state="done", default_sla_state="met")
            .create({"name": "defaulted"})
        )
        self.assertEqual((defaulted.state, defaulted.sla_state), ("draft", False))
        for vals in (
            {"state": "done"},
            {"sla_state": "met"},
            {"sla_deadline": "2030-01-01 00:00:00"},
        ):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                record.write(vals)
        self.assertEqual(record.state, "draft")
        # an unchanged value passes (a form sending back what it shows)
        record.write({"state": "draft", "name": "renamed"})
        # the document's own transition passes
        record.action_done()
        self.assertEqual(record.state, "done")
        # a copy starts its own workflow
        self.assertEqual(record.copy().state, "draft")
        # a context key from the caller relaxes nothing
        with self.assertRaises(UserError):
            record.with_context(order_workflow_transition=True).write({"state": "draft"})
