# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models

REQUEST_GROUPS = "order_aftersales.group_order_aftersales_user,sales_team.group_sale_salesman"


class OrderExceptionReport(models.Model):
    """The customer complaints a quality exception report came from
    (R-AFS-11, R-AFS-22): one report may gather several complaints about
    the same product and lot."""

    _inherit = "order.exception.report"

    service_request_ids = fields.One2many(
        comodel_name="order.service.request",
        inverse_name="exception_report_id",
        string="Customer Complaints",
        readonly=True,
        groups=REQUEST_GROUPS,
    )
    service_request_count = fields.Integer(
        string="Complaints", compute="_compute_service_request_count", groups=REQUEST_GROUPS
    )

    @api.depends("service_request_ids")
    def _compute_service_request_count(self):
        counts = dict(
            self.env["order.service.request"]._read_group(
                [("exception_report_id", "in", self.ids)], ["exception_report_id"], ["__count"]
            )
        )
        for report in self:
            report.service_request_count = counts.get(report, 0)

    def action_open_service_requests(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "order_aftersales.order_service_request_action"
        )
        action.update(
            {
                "domain": [("exception_report_id", "=", self.id)],
                "context": {"search_default_open": 0},
            }
        )
        if len(self.service_request_ids) == 1:
            action.update(
                {
                    "view_mode": "form",
                    "views": [(False, "form")],
                    "res_id": self.service_request_ids.id,
                }
            )
        return action
