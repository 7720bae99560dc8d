# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    order_effective_signature = fields.Boolean(
        string="Effective After the Customer's Signature",
        help="A confirmed sale order takes effect only once the customer signed it.",
    )
    order_effective_payment = fields.Boolean(
        string="Effective After the Advance",
        help="A confirmed sale order takes effect only once the advance its payment "
        "terms ask for is paid (付款后订单正式生效).",
    )
