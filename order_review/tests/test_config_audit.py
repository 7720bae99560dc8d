# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Audit trail of the configuration (issue item 7): who changed a review
stage, a deadline policy or a rung of its escalation ladder, when, and from
what to what (R-REV-10: the sales manager's stage and its 4-hour limit;
R-EXC-10: the 20 min → head → general manager ladder; R-X-13 / R-X-14:
changes documented, order processing audited)."""

from contextlib import contextmanager, nullcontext
from types import SimpleNamespace

from freezegun import freeze_time

from odoo import Command
from odoo.http import _request_stack
from odoo.tests import Form, tagged

from odoo.addons.mail.tests.common import mail_new_test_user

from ..models.order_workflow_mixin import workflow_transition
from .common import local
from .review_common import OrderReviewCase

NOW = local(2025, 9, 15, 10, 0)


class ConfigAuditMixin:
    """Reading the chatter as an auditor would."""

    @classmethod
    def _audit_fixtures(cls, login, name):
        """A review manager, a stage and a deadline policy with a department
        head's rung and the general manager's, 30 minutes later; the
        transaction that made them ended (Odoo does not track the changes
        made in the transaction that created a record)."""
        cls.manager = mail_new_test_user(
            cls.env,
            login=login,
            password=login,
            name=name,
            groups="base.group_user,order_review.group_order_review_manager",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        cls.stage = cls._stage("Sales manager: price policy", cls.sales_manager)
        cls.policy = cls.env["order.sla.policy"].create(
            {
                "name": "Inspection reaction",
                "company_id": cls.company.id,
                "duration": 4,
                "duration_unit": "working_hours",
                "escalation_ids": [
                    Command.create({"level": 2, "name": "Department head", "delay": 0}),
                    Command.create(
                        {
                            "level": 3,
                            "name": "General manager",
                            "delay": 30,
                            "user_ids": [Command.set(cls.gm.ids)],
                        }
                    ),
                ],
            }
        )
        cls.env.flush_all()
        cls.env.cr.flush()

    def _flush_tracking(self):
        """Tracking is written just before the commit: run it now (and
        forget the chatter the cache holds)."""
        self.env.flush_all()
        self.env.cr.flush()
        self.env.invalidate_all()

    def _tracked(self, record):
        """{field: (author, date, old, new)} of the tracking values on
        `record`, the latest change of each field."""
        tracked = {}
        for message in record.message_ids.sorted("id"):
            for value in message.tracking_value_ids._tracking_value_format():
                tracked[value["fieldName"]] = (
                    message.author_id,
                    message.date,
                    value["oldValue"]["value"],
                    value["newValue"]["value"],
                )
        return tracked

    def _notes(self, record, since=0):
        """Notes without tracking values logged on `record` after message `since`."""
        return record.message_ids.filtered(
            lambda m: m.id > since and not m.tracking_value_ids and m.message_type == "notification"
        ).sorted("id")


@tagged("post_install", "-at_install")
class TestConfigAudit(ConfigAuditMixin, OrderReviewCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()  # fixtures without tracking (review_common)
        cls._audit_fixtures("rv_config_manager", "Review manager Li")
        cls.head_rung, cls.gm_rung = cls.policy.escalation_ids

    def _as_manager(self, records):
        """`records` as the review manager edits them (tracking on)."""
        return records.with_user(self.manager).with_context(tracking_disable=False)

    # R-REV-10 ---------------------------------------------------------
    def test_stage_reviewers_and_condition_are_tracked(self):
        """Who changed the reviewers and the condition of a stage, when,
        old → new; the stage cache is still emptied by the change."""
        condition = "[('amount_total', '>', 10000)]"
        with freeze_time(NOW):
            self._as_manager(self.stage).write(
                {"user_ids": [Command.link(self.finance.id)], "domain": condition}
            )
            self._flush_tracking()
        tracked = self._tracked(self.stage)
        author, date, old, new = tracked["user_ids"]
        self.assertEqual(author, self.manager.partner_id)
        self.assertEqual(date, NOW)
        self.assertEqual(old, "Sales manager")
        self.assertEqual(set(new.split(", ")), {"Sales manager", "Finance reviewer"})
        self.assertEqual(tracked["domain"], (self.manager.partner_id, NOW, "[]", condition))
        # order.cached.config.mixin: archiving the stage takes it out at once
        self.assertIn(self.stage, self.Stage._get_stages("sale.order"))
        self._as_manager(self.stage).active = False
        self._flush_tracking()
        self.assertNotIn(self.stage, self.Stage._get_stages("sale.order"))
        self.assertEqual(self._tracked(self.stage)["active"][2:], (True, False))

    def test_audit_cannot_be_switched_off_by_the_caller(self):
        """R-X-13: a review manager sending Odoo's no-tracking context keys
        (as any RPC caller can) still leaves the trail of the change."""
        before = self.policy.message_ids[:1].id
        quiet = dict(tracking_disable=True, mail_notrack=True)
        with freeze_time(NOW):
            self.stage.with_user(self.manager).with_context(**quiet).domain = "[('id', '>', 0)]"
            self.policy.with_user(self.manager).with_context(**quiet).duration = 5
            self.gm_rung.with_user(self.manager).with_context(**quiet).delay = 50
            self._flush_tracking()
        self.assertEqual(self._tracked(self.stage)["domain"][0], self.manager.partner_id)
        self.assertEqual(self._tracked(self.policy)["duration"][2:], (4.0, 5.0))
        self.assertIn("After: 30.00 → 50.00", self._notes(self.policy, before).body)

    @contextmanager
    def _in_request(self):
        """As the server code handling a client's request runs (an HTTP
        request bound to the thread; the tracking itself is logged at the
        commit, after it)."""
        _request_stack.push(SimpleNamespace())
        try:
            yield
        finally:
            _request_stack.pop()

    def test_superuser_code_in_a_request_obeys_no_tracking_key(self):
        """R-X-13: server code writing the configuration as superuser on
        behalf of a client's request, with the request's no-tracking keys,
        still leaves the trail (policy and rung); only the suite's own code
        may skip it: a transition, or superuser code outside any request
        (install, crons)."""
        quiet = dict(tracking_disable=True, mail_notrack=True, mail_create_nolog=True)
        before = self.policy.message_ids[:1].id
        with freeze_time(NOW), self._in_request():
            self.policy.with_user(self.manager).with_context(**quiet).sudo().duration = 5
            self.gm_rung.with_user(self.manager).with_context(**quiet).sudo().delay = 50
        with freeze_time(NOW):
            self._flush_tracking()
        self.assertEqual(
            self._tracked(self.policy)["duration"], (self.manager.partner_id, NOW, 4.0, 5.0)
        )
        note = self._notes(self.policy, before)
        self.assertEqual(len(note), 1)
        self.assertIn("After: 30.00 → 50.00", note.body)
        for label, bound, trusted in (
            ("a transition in a request", self._in_request, workflow_transition),
            ("superuser outside any request", nullcontext, nullcontext),
        ):
            with self.subTest(label):
                before = self.policy.message_ids[:1].id
                with bound(), trusted():
                    self.policy.with_context(**quiet).sudo().duration += 1
                    self.gm_rung.with_context(**quiet).sudo().delay += 5
                self._flush_tracking()
                self.assertEqual(self.policy.message_ids[:1].id, before, "nothing logged")
                self.assertEqual(self._tracked(self.policy)["duration"][2:], (4.0, 5.0))

    def test_policy_duration_is_tracked(self):
        """R-REV-10: the 4 working hours of the review become 6: the policy's
        chatter says who, when, 4 → 6."""
        with freeze_time(NOW):
            self._as_manager(self.policy).duration = 6
            self._flush_tracking()
        self.assertEqual(
            self._tracked(self.policy)["duration"], (self.manager.partner_id, NOW, 4.0, 6.0)
        )

    # R-EXC-10: the rungs are lines of their policy --------------------
    def test_rung_delay_change_is_one_note_on_the_policy(self):
        """Changing the general manager's 30 minutes to 45 leaves one note
        on the policy: author, rung, old → new."""
        before = self.policy.message_ids[:1].id
        with freeze_time(NOW):
            self._as_manager(self.gm_rung).delay = 45
            self._flush_tracking()
        note = self._notes(self.policy, before)
        self.assertEqual(len(note), 1)
        self.assertEqual(note.author_id, self.manager.partner_id)
        self.assertEqual(note.date, NOW)
        self.assertIn("Level 3: General manager", note.body)
        self.assertIn("After: 30.00 → 45.00", note.body)
        self.assertNotIn("Department head", note.body)

    def test_ladder_operations_one_note_each(self):
        """Adding, changing and removing rungs, several at once: one note
        per operation on each policy, whatever the number of rungs."""
        other = self.env["order.sla.policy"].create(
            {"name": "Late supply", "duration": 30, "duration_unit": "minutes"}
        )
        Rung = self._as_manager(self.env["order.sla.escalation"])
        cases = [
            (
                "create",
                lambda: Rung.create(
                    [
                        {"policy_id": self.policy.id, "level": 4, "name": "Chairman"},
                        {"policy_id": self.policy.id, "level": 5, "name": "Board"},
                        {"policy_id": other.id, "level": 2, "name": "Buyer head"},
                    ]
                ),
                {self.policy: ["Added", "Level 4: Chairman", "Level 5: Board"], other: ["Added"]},
            ),
            (
                "write",
                lambda: Rung.browse((self.head_rung | self.gm_rung).ids).write(
                    {"delay_unit": "working_hours"}
                ),
                {
                    self.policy: [
                        "Changed",
                        "Level 2: Department head",
                        "Level 3: General manager",
                        "Unit: Working minutes → Working hours",
                    ]
                },
            ),
            (
                "unlink",
                lambda: Rung.search(
                    [("policy_id", "in", (self.policy | other).ids), ("level", ">", 3)]
                ).unlink(),
                {self.policy: ["Removed", "Level 4: Chairman", "Level 5: Board"]},
            ),
        ]
        for operation, run, expected in cases:
            with self.subTest(operation=operation):
                before = self.env["mail.message"].search([], order="id desc", limit=1).id
                run()
                self._flush_tracking()
                for policy in self.policy | other:
                    notes = self._notes(policy, before)
                    self.assertEqual(len(notes), 1 if policy in expected else 0)
                    if notes:
                        self.assertEqual(notes.author_id, self.manager.partner_id)
                    for text in expected.get(policy, []):
                        self.assertIn(text, notes.body)

    def test_policy_form_save_is_one_note(self):
        """In the policy form, one save that changes a rung, adds one and
        removes one leaves one note, beside the tracking of the policy's own
        fields."""
        before = self.policy.message_ids[:1].id
        with Form(self._as_manager(self.policy)) as form:
            form.reminder = 1
            with form.escalation_ids.edit(0) as rung:
                rung.delay = 20
            form.escalation_ids.remove(1)
            with form.escalation_ids.new() as rung:
                rung.level = 4
                rung.name = "Plant director"
                rung.user_ids.add(self.production)
        self._flush_tracking()
        notes = self._notes(self.policy, before)
        self.assertEqual(len(notes), 1)
        for text in (
            "Changed",
            "Level 2: Department head",
            "After: 0.00 → 20.00",
            "Removed",
            "Level 3: General manager",
            "Added",
            "Level 4: Plant director",
            "People: Production reviewer",
        ):
            self.assertIn(text, notes.body)
        self.assertEqual(self._tracked(self.policy)["reminder"][2:], (0.0, 1.0))

    def test_ladder_note_query_count_is_flat(self):
        """The note is built in batch: as many queries for 2 rungs as for 6
        (after a warm-up run, as Odoo's @warmup does: the template is
        compiled once)."""
        for size, expected in ((1, None), (2, 9), (6, 9)):
            policy = self.env["order.sla.policy"].create(
                {
                    "name": f"Ladder of {size}",
                    "duration": 1,
                    "escalation_ids": [
                        Command.create(
                            {
                                "level": level,
                                "name": f"Rung {level}",
                                "user_ids": [Command.set((self.gm | self.finance).ids)],
                            }
                        )
                        for level in range(2, size + 2)
                    ],
                }
            )
            self._flush_tracking()
            self._as_manager(policy.escalation_ids).write({"delay": 15})
            self.env.flush_all()
            self.env.invalidate_all()
            if expected is None:
                self.env.cr.precommit.run()
                continue
            with self.subTest(size=size), self.assertQueryCount(expected, flush=False):
                self.env.cr.precommit.run()  # what the commit runs
                self.env.flush_all()
            self.assertIn("After: 0.00 → 15.00", self._notes(policy).body)
