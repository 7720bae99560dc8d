# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    order_qc_pass_rate_threshold = fields.Float(
        related="company_id.order_qc_pass_rate_threshold", readonly=False
    )
    order_change_control = fields.Boolean(related="company_id.order_change_control", readonly=False)
    order_change_contract_structural = fields.Boolean(
        related="company_id.order_change_contract_structural", readonly=False
    )
    order_change_contract_amount_increase = fields.Boolean(
        related="company_id.order_change_contract_amount_increase", readonly=False
    )
    order_change_contract_delay = fields.Boolean(
        related="company_id.order_change_contract_delay", readonly=False
    )
    order_exception_meeting_interval = fields.Integer(
        related="company_id.order_exception_meeting_interval", readonly=False
    )
