# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models, tools
from odoo.tools import SQL


class OrderDailyProductionAchievement(models.Model):
    """Daily plan achievement per machine, day, week and month (R-PLN-31):
    the approved and closed daily plans' lines, for pivot and graph."""

    _name = "order.daily.production.achievement"
    _description = "Daily Plan Achievement"
    _auto = False
    _order = "date desc"
    _rec_name = "workcenter_id"
    _depends = {
        "order.daily.production.plan": ["date", "company_id", "department_id", "state"],
        "order.daily.production.plan.line": [
            "plan_id",
            "workcenter_id",
            "product_id",
            "planned_qty",
            "actual_qty",
            "achievement",
        ],
    }

    line_id = fields.Many2one(comodel_name="order.daily.production.plan.line", readonly=True)
    plan_id = fields.Many2one(comodel_name="order.daily.production.plan", readonly=True)
    date = fields.Date(readonly=True)
    company_id = fields.Many2one(comodel_name="res.company", readonly=True)
    department_id = fields.Many2one(
        comodel_name="order.department", string="Workshop", readonly=True
    )
    workcenter_id = fields.Many2one(comodel_name="mrp.workcenter", string="Machine", readonly=True)
    product_id = fields.Many2one(comodel_name="product.product", readonly=True)
    state = fields.Selection(selection=[("approved", "Approved"), ("done", "Done")], readonly=True)
    planned_qty = fields.Float(string="Planned", readonly=True)
    actual_qty = fields.Float(string="Actual", readonly=True)
    achievement = fields.Float(string="Achievement (%)", readonly=True, aggregator="avg")

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
            CREATE OR REPLACE VIEW %s AS (
                SELECT line.id AS id,
                       line.id AS line_id,
                       plan.id AS plan_id,
                       plan.date AS date,
                       plan.company_id AS company_id,
                       plan.department_id AS department_id,
                       line.workcenter_id AS workcenter_id,
                       line.product_id AS product_id,
                       plan.state AS state,
                       line.planned_qty AS planned_qty,
                       line.actual_qty AS actual_qty,
                       line.achievement AS achievement
                  FROM order_daily_production_plan_line line
                  JOIN order_daily_production_plan plan ON plan.id = line.plan_id
                 WHERE plan.state IN ('approved', 'done')
            )
            """,
                SQL.identifier(self._table),
            )
        )
