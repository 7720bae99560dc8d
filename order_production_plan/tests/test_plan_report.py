# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from freezegun import freeze_time

from odoo.tests import tagged

from odoo.addons.order_review.tests.common import local

from .plan_common import PlanCase


@tagged("post_install", "-at_install")
class TestPlanReport(PlanCase):
    def test_printable_plan(self):
        """R-PLN-02, R-PLN-06, R-PLN-11: the printed plan shows every step with its
        department, person and dates, and the purchase receipt progress schedule
        of what must be bought (supplier, quantity, planned receipt)."""
        with freeze_time(local(2025, 9, 22, 9, 0)):
            order = self._order([(self.cabinet, 2)])
            instruction = order.production_instruction_ids
            self._as(instruction, self.clerk).action_issue()
            self._as(instruction, self.mfg_head).action_receive()
            plan = self.env["order.production.plan"].browse(
                self._as(instruction, self.mfg_head).action_create_plan()["res_id"]
            )
            self._as(plan, self.mfg_head).action_check_material()
            html = str(
                self.env["ir.actions.report"]._render_qweb_html(
                    "order_production_plan.action_report_order_production_plan", plan.ids
                )[0]
            )
        self.assertIn(plan.name, html)
        for step in plan.step_ids:
            self.assertIn(step.step_type_id.name, html)
        self.assertIn("Purchase Receipt Progress Schedule", html)
        # 2 cabinets: 8 breakers and 4 steel sheets to buy from the vendor
        self.assertIn(self.vendor.name, html)
        breaker = plan.material_ids.filtered(lambda m: m.product_id == self.breaker)
        self.assertEqual(breaker.buy_qty, 8.0)
        steel = plan.material_ids.filtered(lambda m: m.product_id == self.steel)
        self.assertEqual(steel.buy_qty, 4.0)
