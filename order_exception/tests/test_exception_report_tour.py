# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import HttpCase, tagged

from odoo.addons.mail.tests.common import mail_new_test_user


@tagged("post_install", "-at_install")
class TestExceptionReportTour(HttpCase):
    def test_inspector_raises_head_acknowledges(self):
        """R-EXC-10: an inspector raises a report in the browser; it goes to the
        department head, who acknowledges it and stops the reaction clock."""
        inspector = mail_new_test_user(
            self.env,
            login="tour_inspector",
            name="Tour inspector",
            groups="base.group_user,order_exception.group_order_exception_user",
        )
        head = mail_new_test_user(
            self.env,
            login="tour_qc_head",
            name="Tour QC head",
            groups="base.group_user,order_exception.group_order_exception_head",
        )
        department = self.env["order.department"].create(
            {"name": "Tour QA", "manager_id": head.id, "member_ids": [(4, inspector.id)]}
        )
        self.env["order.exception.category"].create(
            {
                "name": "Tour quality",
                "code": "tour_quality",
                "department_id": department.id,
                "policy_id": self.env.ref("order_exception.sla_policy_exception_reaction").id,
            }
        )
        self.start_tour(
            "/odoo/action-order_exception.order_exception_report_action",
            "order_exception_report_raise_tour",
            login="tour_inspector",
        )
        report = self.env["order.exception.report"].search(
            [("title", "=", "Tour: switch housings scratched")]
        )
        self.assertEqual(report.reporter_id, inspector)
        self.assertEqual(report.addressee_ids, head)
        self.assertEqual(report.sla_state, "running")
        self.start_tour(
            f"/odoo/action-order_exception.order_exception_report_action/{report.id}",
            "order_exception_report_acknowledge_tour",
            login="tour_qc_head",
        )
        self.assertEqual(report.state, "acknowledged")
        self.assertEqual(report.acknowledged_by_id, head)
        self.assertEqual(report.sla_state, "met")

    def test_report_and_meeting_views(self):
        """Every view of the reports and meetings renders in the browser."""
        category = self.env.ref("order_exception.exception_category_quality")
        report = self.env["order.exception.report"].create(
            {"title": "Tour view report", "category_id": category.id}
        )
        self.env["order.exception.meeting"].create({"report_ids": [(6, 0, report.ids)]})
        self.start_tour(
            "/odoo/action-order_exception.order_exception_report_action",
            "order_exception_report_views_tour",
            login="admin",
        )
        self.start_tour(
            "/odoo/action-order_exception.order_exception_meeting_action",
            "order_exception_meeting_views_tour",
            login="admin",
        )
