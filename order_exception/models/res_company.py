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
    order_exception_meeting_interval = fields.Integer(
        string="Exception Meeting Every (Days)",
        default=2,
        help="物控部 convenes the exception meeting every 2 days by default (R-EXC-24).",
    )
