# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Audit trail of the exception rules (issue item 7): who changed a rule's
condition or made it blocking, when, and from what to what (R-EXC-19: the
rules that stop abnormal orders; R-X-13 / R-X-14: changes documented, order
processing audited)."""

from freezegun import freeze_time

from odoo.tests import Form, tagged

from odoo.addons.mail.tests.common import mail_new_test_user
from odoo.addons.order_review.tests.common import local
from odoo.addons.order_review.tests.test_config_audit import ConfigAuditMixin

from .exception_common import MANAGER, STOCK, OrderExceptionCase

NOW = local(2025, 9, 15, 10, 0)


@tagged("post_install", "-at_install")
class TestRuleAudit(ConfigAuditMixin, OrderExceptionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.risky = cls.env["res.partner"].create({"name": "Risky Trading"})
        cls.rule = cls.env["order.exception.rule"].create(
            {
                "name": "Customer on the risk list",
                "company_id": cls.company.id,
                "model": "sale.order",
                "domain": "[('amount_total', '>', 100000)]",
            }
        )
        # Odoo does not track the changes made in the transaction that
        # created a record: end it, as the commit would
        cls.env.flush_all()
        cls.env.cr.flush()

    def test_rule_condition_and_blocking_are_tracked(self):
        """R-EXC-19: the exception manager narrows the condition to the risky
        customer and makes the rule blocking: the rule's chatter says who,
        when, old → new, for both fields."""
        condition = f"[('partner_id', '=', {self.risky.id})]"
        with freeze_time(NOW):
            with Form(self.rule.with_user(self.gm)) as form:
                form.domain = condition
                form.blocking = True
            self.env.flush_all()
            self.env.cr.flush()  # tracking is written before the commit
        tracked = self._tracked(self.rule)
        cases = [
            ("domain", "[('amount_total', '>', 100000)]", condition),
            ("blocking", False, True),
        ]
        for field, old, new in cases:
            with self.subTest(field=field):
                self.assertEqual(tracked[field], (self.gm.partner_id, NOW, old, new))
        # order.cached.config.mixin: the blocking rule applies at once
        self.assertEqual(
            self.env["order.exception.rule"]._get_rules("sale.order", "blocking", self.company),
            self.rule,
        )

    def test_rule_changes_by_different_people(self):
        """Each change keeps its own author: the general manager sets the
        severity, a second manager archives the rule."""
        other = mail_new_test_user(
            self.env,
            login="exc_gm2",
            name="Deputy manager Sun",
            groups=f"{STOCK},{MANAGER}",
            company_id=self.company.id,
            company_ids=self.company.ids,
        )
        self.rule.with_user(self.gm).severity = "critical"
        self.env.flush_all()
        self.env.cr.flush()
        self.rule.with_user(other).active = False
        self.env.flush_all()
        self.env.cr.flush()
        tracked = self._tracked(self.rule)
        self.assertEqual(tracked["severity"][0], self.gm.partner_id)
        self.assertEqual(tracked["severity"][2:], ("General", "Serious"))
        self.assertEqual(tracked["active"][0], other.partner_id)
        self.assertEqual(tracked["active"][2:], (True, False))
