# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    order_effective_signature = fields.Boolean(
        related="company_id.order_effective_signature", readonly=False
    )
    order_effective_payment = fields.Boolean(
        related="company_id.order_effective_payment", readonly=False
    )
