# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    order_qc_pass_rate_threshold = fields.Float(
        string="Batch Pass Rate Threshold (%)",
        default=95.0,
        help="A received batch whose pass rate is below this goes straight to the heads "
        "of QC and purchasing (R-EXC-10).",
    )
    order_change_control = fields.Boolean(
        string="Confirmed Orders Change Through Change Notices",
        help="The reviewed fields of a confirmed sale or purchase order (lines, quantities, "
        "prices, dates, partner, payment terms) change only through an approved change "
        "notice (R-EXC-01); a manager may force a direct change, with a reason kept in "
        "the chatter.",
    )
    order_change_contract_structural = fields.Boolean(
        string="Supplementary Contract for Structural Changes",
        default=True,
        help="A change notice changing the product structure or its main components applies "
        "only with the supplementary contract signed with the customer attached (R-EXC-01 "
        "tier 3, R-EXC-02).",
    )
    order_change_contract_amount_increase = fields.Boolean(
        string="Supplementary Contract When the Amount Increases",
        help="A change notice increasing the contract amount applies only with the "
        "supplementary contract attached (补签增价合同, R-EXC-05).",
    )
    order_change_contract_delay = fields.Boolean(
        string="Supplementary Contract When the Delivery Date Is Postponed",
        help="A change notice postponing the delivery date applies only with the change "
        "agreement signed with the customer attached (R-EXC-05).",
    )
    order_exception_meeting_interval = fields.Integer(
        string="Exception Meeting Every (Days)",
        default=2,
        help="物控部 convenes the exception meeting every 2 days by default (R-EXC-24).",
    )
