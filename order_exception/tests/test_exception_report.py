# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Exception reports: the 20 / 30 minute ladder, the routing by severity,
the closed loop, the responsibility decision and its sanction, the repeat
rule, who raises reports, and the guards seen from RPC (docs/rules.md:
R-EXC-10, R-EXC-19 to R-EXC-21, R-EXC-25 to R-EXC-29, R-EXC-32,
R-EXC-33)."""

import json
import xmlrpc.client

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, HttpCase, tagged
from odoo.tests.common import JsonRpcException

from odoo.addons.mail.tests.common import mail_new_test_user
from odoo.addons.order_review.tests.common import local, sister_company_user

from .exception_common import INSPECTOR, OrderExceptionCase


@tagged("post_install", "-at_install")
class TestExceptionReport(OrderExceptionCase):
    def _cron(self, when):
        with freeze_time(when):
            self.env["order.sla.policy"]._cron_process_deadlines()

    def test_ladder_moves_at_20_and_50_minutes_on_the_working_calendar(self):
        """R-EXC-10: found at 11:50 on a Monday, the 20 minutes run to 12:00
        and on from 13:30 after lunch: the department head is asked at 13:40,
        the general manager 30 working minutes later, at 14:10."""
        with freeze_time(local(2025, 9, 15, 11, 50)):
            report = self._report(found_date=local(2025, 9, 15, 11, 50))
        self.assertEqual(report.name[:3], "EX/")
        self.assertEqual(report.department_id, self.qc, "the category's department")
        self.assertEqual(report.addressee_ids, self.qc_head, "the report goes to its head")
        self.assertEqual(report.sla_deadline, local(2025, 9, 15, 13, 40))
        self.assertEqual(self._activity_users(report), self.qc_head)

        self._cron(local(2025, 9, 15, 13, 39))
        self.assertEqual((report.sla_state, report.sla_level), ("running", 1))
        self._cron(local(2025, 9, 15, 13, 41))
        self.assertEqual((report.sla_state, report.sla_level), ("overdue", 2))
        self.assertEqual(report.sla_next_check, local(2025, 9, 15, 14, 10))
        self._cron(local(2025, 9, 15, 14, 9))
        self.assertEqual(report.sla_level, 2)
        self._cron(local(2025, 9, 15, 14, 11))
        self.assertEqual(report.sla_level, 3)
        self.assertIn(self.gm, self._activity_users(report))
        self.assertIn("General manager Wang", report.message_ids[0].body)

    def test_rung_asks_its_people_of_the_report_company(self):
        """R-EXC-10: the general manager's rung asks those of its people who
        work for the report's company (not a sister company's general
        manager); a rung naming nobody of it asks the department head."""
        sister, outsider = sister_company_user(
            self.env, "exc_sister_gm", "Sister general manager", company_name="Ouyi sister plant"
        )
        head_rung, gm_rung = self.policy.escalation_ids.sorted("level")
        gm_rung.user_ids |= outsider
        with freeze_time(local(2025, 9, 15, 11, 50)):
            report = self._report(found_date=local(2025, 9, 15, 11, 50))
        self.assertEqual(report._sla_get_escalation_users(head_rung), self.qc_head)
        self.assertEqual(report._sla_get_escalation_users(gm_rung), self.gm)
        self._cron(local(2025, 9, 15, 14, 11))
        self.assertEqual(report.sla_level, 3)
        self.assertEqual(self._activity_users(report), self.qc_head | self.gm)
        gm_rung.user_ids = outsider
        self.assertEqual(report._sla_get_escalation_users(gm_rung), self.qc_head)

    def test_ladder_skips_the_night(self):
        """Found at 17:20, the reaction is due at 08:40 the next working morning."""
        with freeze_time(local(2025, 9, 19, 17, 20)):  # a Friday
            report = self._report(found_date=local(2025, 9, 19, 17, 20))
        self.assertEqual(report.sla_deadline, local(2025, 9, 22, 8, 40))

    def test_acknowledge_stops_the_clock(self):
        with freeze_time(local(2025, 9, 15, 9, 0)):
            report = self._report(found_date=local(2025, 9, 15, 9, 0))
        with freeze_time(local(2025, 9, 15, 9, 12)):
            report.with_user(self.qc_head).action_acknowledge()
        self.assertEqual(report.state, "acknowledged")
        self.assertEqual(report.acknowledged_by_id, self.qc_head)
        self.assertEqual(report.sla_state, "met")
        self.assertFalse(self._activity_users(report), "the reaction activity is done")
        self._cron(local(2025, 9, 15, 10, 0))
        self.assertEqual(report.sla_level, 1, "a met clock never escalates")

    def test_who_handles_a_report(self):
        """The people it concerns and the heads act on a report; others do not."""
        report = self._report()
        with self.assertRaises(AccessError):
            report.with_user(self.other_inspector).action_acknowledge()
        with self.assertRaises(AccessError):
            report.with_user(self.salesman).write({"title": "Nothing"})
        report.with_user(self.inspector).action_acknowledge()  # a member of QA
        self.assertEqual(report.user_id, self.inspector)

    def test_closed_loop(self):
        """R-EXC-27: resolved with a root cause and an action, the improvement
        verified by a head, then closed."""
        report = self._report()
        report.with_user(self.qc_head).action_start()
        self.assertEqual(report.state, "in_progress")
        with self.assertRaises(UserError):
            report.with_user(self.inspector).action_resolve()
        report.with_user(self.inspector).write(
            {"root_cause": "Enamelled wire batch", "corrective_action": "Change the batch"}
        )
        report.with_user(self.inspector).action_resolve()
        with self.assertRaises(AccessError):
            report.with_user(self.inspector).action_verify()
        report.with_user(self.qc_head).action_not_improved()
        self.assertEqual(report.state, "in_progress")
        report.with_user(self.inspector).action_resolve()
        report.with_user(self.qc_head).action_verify()
        self.assertTrue(report.improvement_verified)
        self.assertEqual(report.verified_by_id, self.qc_head)
        report.with_user(self.qc_head).action_close()
        self.assertEqual(report.state, "closed")
        with self.assertRaises(UserError):
            report.unlink()

    def test_only_a_manager_closes_unverified_and_decides_responsibility(self):
        """R-EXC-27, R-EXC-32: the manager arbitrates responsibility."""
        report = self._report()
        with self.assertRaises(AccessError):
            report.with_user(self.qc_head).action_close()
        with self.assertRaises(AccessError):
            report.with_user(self.qc_head).write({"responsibility_decision": "Supplier"})
        report.with_user(self.gm).write(
            {"responsibility_department_id": self.purchasing.id, "responsibility_decision": "Ok"}
        )
        self.assertEqual(report.responsibility_decided_by_id, self.gm)
        report.with_user(self.gm).action_close()
        self.assertEqual(report.state, "closed")
        self.assertFalse(report.improvement_verified)

    def test_second_unimproved_repeat_escalates(self):
        """R-EXC-29: the same product and category back after reports closed
        without verified improvement; the second such repeat goes one level up
        at once and says why."""
        first = self._report(product_id=self.product.id, found_date=local(2025, 9, 1, 9, 0))
        first.with_user(self.gm).action_close()
        second = self._report(product_id=self.product.id, found_date=local(2025, 9, 8, 9, 0))
        self.assertEqual((second.repeat_count, second.previous_report_id), (1, first))
        self.assertEqual(second.sla_level, 1, "the first repeat is not escalated")
        self.assertFalse(second.escalation_reason)
        second.with_user(self.gm).action_close()

        with freeze_time(local(2025, 9, 15, 9, 0)):
            third = self._report(product_id=self.product.id, found_date=local(2025, 9, 15, 9, 0))
        self.assertEqual((third.repeat_count, third.previous_report_id), (2, second))
        self.assertEqual(third.sla_level, 2, "escalated one level at once")
        self.assertIn("found not improved 2 times in a row", third.escalation_reason)
        self.assertIn("Why:", third.message_ids[0].body)
        # another product, or another category, is not a repeat
        other = self._report(found_date=local(2025, 9, 15, 9, 0))
        self.assertEqual(other.repeat_count, 0)

    def test_verified_improvement_breaks_the_chain(self):
        first = self._report(product_id=self.product.id, found_date=local(2025, 9, 1, 9, 0))
        first.with_user(self.gm).action_close()
        fixed = self._report(
            product_id=self.product.id,
            found_date=local(2025, 9, 5, 9, 0),
            root_cause="Wire",
            corrective_action="Supplier changed",
        )
        fixed.with_user(self.qc_head).action_start()
        fixed.with_user(self.qc_head).action_resolve()
        fixed.with_user(self.qc_head).action_verify()
        fixed.with_user(self.qc_head).action_close()
        again = self._report(product_id=self.product.id, found_date=local(2025, 9, 15, 9, 0))
        self.assertEqual(again.repeat_count, 0)

    def test_overdue_search(self):
        late = self._report(date_due="2025-01-01")
        on_time = self._report(date_due="2099-01-01")
        found = self.Report.search([("is_overdue", "=", True), ("id", "in", (late | on_time).ids)])
        self.assertEqual(found, late)
        not_late = self.Report.search(
            [("is_overdue", "=", False), ("id", "in", (late | on_time).ids)]
        )
        self.assertEqual(not_late, on_time)

    def _not_improved(self, report):
        """Resolve the report, then have its improvement check fail."""
        report.with_user(self.qc_head).action_resolve()
        report.with_user(self.qc_head).action_not_improved()

    def test_failed_improvement_checks_are_repeats(self):
        """R-EXC-29: each "not improved" verdict counts, on the report itself
        too; the second one in a row climbs one rung at once. The reaction
        clock was met long ago: the next rung (the department head) gets a
        to-do through the ladder."""
        with freeze_time(local(2025, 9, 1, 9, 0)):
            report = self._report(
                product_id=self.product.id,
                found_date=local(2025, 9, 1, 9, 0),
                root_cause="Wire",
                corrective_action="Change batch",
            )
            report.with_user(self.qc_head).action_start()
        self.assertEqual(report.sla_state, "met")
        self._not_improved(report)
        self.assertEqual((report.not_improved_count, report.repeat_count), (1, 1))
        self.assertFalse(report.escalation_reason, "the first verdict does not climb")
        self._not_improved(report)
        self.assertEqual((report.not_improved_count, report.repeat_count), (2, 2))
        self.assertIn("found not improved 2 times in a row", report.escalation_reason)
        todo = report.activity_ids.filtered(lambda a: "Repeat problem" in (a.summary or ""))
        self.assertEqual(todo.user_id, self.qc_head, "rung 2 names nobody: the department head")
        self.assertIn("Asked: QC head Zhao", report.message_ids[0].body)

        # closed without verified improvement after two failed checks: three
        # verdicts; the next report of the same problem is escalated by its clock
        report.with_user(self.gm).action_close()
        with freeze_time(local(2025, 9, 15, 9, 0)):
            again = self._report(product_id=self.product.id, found_date=local(2025, 9, 15, 9, 0))
        self.assertEqual((again.repeat_count, again.previous_report_id), (3, report))
        self.assertEqual(again.sla_level, 2, "through _sla_escalate: the running clock climbs")
        self.assertEqual(self._activity_users(again), self.qc_head)

    def test_repeats_without_product(self):
        """R-EXC-29: a report without a product is the same problem as an
        earlier one of its category, its responsible department and its
        document (or, without a document, of the department's reports without
        one)."""
        supplier = self.env["res.partner"].create({"name": "Supplier"})
        order, other_order = self.env["purchase.order"].create(
            [{"partner_id": supplier.id, "company_id": self.company.id}] * 2
        )
        cases = [
            ("same order", {"purchase_id": order.id}, 1),
            ("another order", {"purchase_id": other_order.id}, 0),
            ("no document", {}, 1),
            ("another department", {"department_id": self.purchasing.id}, 0),
        ]
        first_on_order = self._report(purchase_id=order.id, found_date=local(2025, 9, 1, 9, 0))
        first_on_order.with_user(self.gm).action_close()
        first_alone = self._report(found_date=local(2025, 9, 1, 10, 0))
        first_alone.with_user(self.gm).action_close()
        for label, vals, expected in cases:
            with self.subTest(label):
                report = self._report(found_date=local(2025, 9, 8, 9, 0), **vals)
                self.assertEqual(report.repeat_count, expected)
                report.with_user(self.gm).action_cancel()

    def test_closed_report_is_frozen(self):
        """R-EXC-27: what the closed loop and the responsibility decision
        established stays as it was once the report is closed or cancelled,
        for a manager too; writing the same value is no change."""
        closed = self._report(root_cause="Wire", corrective_action="Change batch")
        closed.with_user(self.gm).write({"sanction": "warning"})
        closed.with_user(self.gm).action_close()
        cancelled = self._report(root_cause="Wire")
        cancelled.with_user(self.gm).action_cancel()
        for report in closed | cancelled:
            for fname, value in [
                ("root_cause", "Something else"),
                ("corrective_action", "Another action"),
                ("verification", "Checked"),
                ("containment", "Stopped the line"),
                ("responsibility_decision", "Purchasing"),
                ("responsibility_department_id", self.purchasing.id),
                ("sanction", "dismissal"),
                ("penalty_amount", 500.0),
            ]:
                with self.subTest(report=report.state, field=fname):
                    before = report[fname]
                    with self.assertRaises(UserError):
                        report.with_user(self.gm).write({fname: value})
                    self.assertEqual(report[fname], before)
        closed.with_user(self.gm).write({"root_cause": "Wire", "title": "Coil burnt again"})
        self.assertEqual(closed.title, "Coil burnt again", "other fields stay editable")

    def test_who_handles_a_report_is_not_taken_over(self):
        """R-EXC-10: an inspector of another department cannot name themselves
        responsible (or an addressee) of a report to get the right to move it
        on; the report and its state stay as they were."""
        report = self._report(root_cause="Wire", corrective_action="Change batch")
        report.with_user(self.qc_head).action_start()
        intruder = report.with_user(self.other_inspector)
        for vals in (
            {"user_id": self.other_inspector.id},
            {"addressee_ids": [Command.link(self.other_inspector.id)]},
            {"department_id": self.purchasing.id},
        ):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                intruder.write(vals)
        with self.assertRaises(AccessError):
            intruder.action_resolve()
        self.assertEqual(report.state, "in_progress")
        self.assertNotIn(self.other_inspector, report.user_id | report.addressee_ids)
        # the people it concerns still route it
        report.with_user(self.qc_head).write({"user_id": self.inspector.id})
        self.assertEqual(report.user_id, self.inspector)

    def test_serious_report_reaches_the_general_manager_at_once(self):
        """R-EXC-21: a serious report goes to the general manager at once (the
        top rung of its ladder, or the head of the GM department), an
        important one to the department head, with an activity each."""
        with freeze_time(local(2025, 9, 15, 9, 0)):
            serious = self._report(severity="critical", found_date=local(2025, 9, 15, 9, 0))
            important = self._report(
                severity="major",
                addressee_ids=[Command.set(self.inspector.ids)],
                found_date=local(2025, 9, 15, 9, 0),
            )
            general = self._report(found_date=local(2025, 9, 15, 9, 0))
        self.assertEqual(serious.addressee_ids, self.qc_head | self.gm)
        self.assertEqual(self._activity_users(serious), self.qc_head | self.gm)
        self.assertTrue(
            serious.message_ids.filtered(
                lambda m: "Sent at once to General manager Wang" in (m.body or "")
            )
        )
        self.assertEqual(important.addressee_ids, self.inspector | self.qc_head)
        self.assertEqual(self._activity_users(important), self.inspector | self.qc_head)
        self.assertEqual(general.addressee_ids, self.qc_head)

        # a general manager's department names them; a severity raised later routes too
        big_boss = mail_new_test_user(
            self.env,
            login="exc_boss",
            name="Chairman Li",
            groups=f"base.group_user,{INSPECTOR}",
            company_id=self.company.id,
            company_ids=self.company.ids,
        )
        self.env["order.department"].create(
            {
                "name": "General manager",
                "code": "GM",
                "company_id": self.company.id,
                "manager_id": big_boss.id,
            }
        )
        general.with_user(self.inspector).severity = "critical"
        self.assertIn(big_boss, general.addressee_ids)
        self.assertIn(big_boss, self._activity_users(general))

    def test_sanction_decided_by_a_manager(self):
        """R-EXC-28, R-EXC-33: the penalty and the sanction are part of the
        responsibility decision: a manager's, stamped with their name."""
        report = self._report()
        for user in (self.inspector, self.qc_head):
            with self.subTest(user=user.name), self.assertRaises(AccessError):
                report.with_user(user).write({"penalty_amount": 200.0})
        with self.assertRaises(AccessError):
            self._report(sanction="warning")
        report.with_user(self.gm).write(
            {
                "responsibility_user_id": self.inspector.id,
                "sanction": "penalty",
                "violation_level": "general",
                "penalty_amount": 200.0,
            }
        )
        self.assertEqual(report.responsibility_decided_by_id, self.gm)
        self.assertEqual((report.sanction, report.penalty_amount), ("penalty", 200.0))
        with self.assertRaises(UserError):
            report.with_user(self.gm).write({"responsibility_decided_by_id": self.qc_head.id})

    def test_salesman_raises_reports(self):
        """R-EXC-19, R-EXC-20: sales staff report abnormal orders and customer
        complaints; they edit what they reported, nothing else, and handle
        nothing."""
        customer = self.env["res.partner"].create({"name": "Haier"})
        order = self.env["sale.order"].create(
            {"partner_id": customer.id, "user_id": self.salesman.id, "company_id": self.company.id}
        )
        action = order.with_user(self.salesman).action_raise_exception_report()
        with Form(self.Report.with_user(self.salesman).with_context(**action["context"])) as form:
            form.title = "Customer complains about scratches"
            form.category_id = self.quality
        report = form.record
        self.assertEqual(report.reporter_id, self.salesman)
        self.assertEqual((report.sale_order_id, report.partner_id), (order, customer))
        self.assertEqual(report.addressee_ids, self.qc_head)
        own = report.with_user(self.salesman)
        own.description = "Photos sent by the customer"
        self.assertEqual(own.read(["title", "state"])[0]["state"], "new")
        for action in ("action_acknowledge", "action_close", "action_cancel"):
            with self.subTest(action=action), self.assertRaises(AccessError):
                getattr(own, action)()
        with self.assertRaises(AccessError):
            own.responsibility_decision = "The customer"
        with self.assertRaises(UserError):
            own.state = "closed"
        others = self._report().with_user(self.salesman)
        with self.assertRaises(AccessError):
            others.description = "Not mine"
        with self.assertRaises(AccessError):
            self.Report.with_user(self.salesman).create(
                {
                    "title": "In someone else's name",
                    "category_id": self.quality.id,
                    "reporter_id": self.inspector.id,
                }
            )

    def test_documents_come_from_the_registry(self):
        """The report finds its documents through the models checked by the
        rules, each declaring its report field: no table of models."""
        self.assertEqual(
            self.Report._document_fields(),
            {
                "mrp.production": "production_id",
                "stock.picking": "picking_id",
                "purchase.order": "purchase_id",
                "sale.order": "sale_order_id",
            },
        )
        supplier = self.env["res.partner"].create({"name": "Supplier"})
        order = self.env["purchase.order"].create(
            {
                "partner_id": supplier.id,
                "company_id": self.company.id,
                "order_line": [Command.create({"product_id": self.product.id, "product_qty": 5})],
            }
        )
        order.button_confirm()
        receipt = order.picking_ids
        report = self._report(**receipt._exception_report_vals())
        self.assertEqual((report.picking_id, report.purchase_id), (receipt, order))
        self.assertEqual(report.document_ref, receipt, "the most specific document first")
        action = report.action_open_document()
        self.assertEqual((action["res_model"], action["res_id"]), ("stock.picking", receipt.id))
        self.assertEqual(order.exception_report_count, 1)
        self.assertFalse(self._report().action_open_document())


@tagged("post_install", "-at_install")
class TestExceptionReportRpc(HttpCase):
    """The report's guards hold over JSON-RPC and XML-RPC: an inspector
    cannot close a report by writing its state, nor create it closed."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.inspector = mail_new_test_user(
            cls.env,
            login="rpc_inspector",
            password="rpc_inspector",
            groups=f"base.group_user,{INSPECTOR}",
        )
        cls.category = cls.env["order.exception.category"].create(
            {"name": "RPC quality", "code": "rpc_quality"}
        )
        cls.report = (
            cls.env["order.exception.report"]
            .with_user(cls.inspector)
            .create({"title": "Coil burnt", "category_id": cls.category.id})
        )

    def test_jsonrpc_state_write_is_refused(self):
        self.authenticate("rpc_inspector", "rpc_inspector")
        born_closed = {"title": "Born closed", "category_id": self.category.id, "state": "closed"}
        for method, args, kwargs in [
            ("write", [self.report.ids, {"state": "closed", "closed_date": "2025-09-15"}], {}),
            ("web_save", [self.report.ids, {"state": "closed"}], {"specification": {}}),
            ("create", [born_closed], {}),
        ]:
            with self.subTest(method=method):
                # a context key relaxes nothing
                context = {"order_workflow_transition": True}
                params = {
                    "model": "order.exception.report",
                    "method": method,
                    "args": args,
                    "kwargs": {**kwargs, "context": context},
                }
                with self.assertRaisesRegex(JsonRpcException, "odoo.exceptions.UserError"):
                    self.make_jsonrpc_request(
                        f"/web/dataset/call_kw/order.exception.report/{method}", params
                    )
        self.report.invalidate_recordset()
        self.assertEqual((self.report.state, self.report.closed_date), ("new", False))
        self.assertFalse(self.env["order.exception.report"].search([("title", "=", "Born closed")]))
        # and the response says why, in words
        response = self.url_open(
            "/web/dataset/call_kw/order.exception.report/write",
            data=json.dumps(
                {
                    "jsonrpc": "2.0",
                    "method": "call",
                    "id": 1,
                    "params": {
                        "model": "order.exception.report",
                        "method": "write",
                        "args": [self.report.ids, {"state": "closed"}],
                        "kwargs": {},
                    },
                }
            ),
            headers={"Content-Type": "application/json"},
        ).json()
        self.assertIn("own actions", response["error"]["data"]["message"])

    def test_xmlrpc_state_write_is_refused(self):
        uid = self.inspector.id
        with self.assertRaisesRegex(xmlrpc.client.Fault, "own actions"):
            self.xmlrpc_object.execute_kw(
                self.env.cr.dbname,
                uid,
                "rpc_inspector",
                "order.exception.report",
                "write",
                [self.report.ids, {"state": "closed", "improvement_verified": True}],
            )
        self.report.invalidate_recordset()
        self.assertEqual(self.report.state, "new")
        self.assertFalse(self.report.improvement_verified)
