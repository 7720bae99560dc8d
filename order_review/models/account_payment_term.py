# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class AccountPaymentTerm(models.Model):
    _inherit = "account.payment.term"

    order_advance_percent = fields.Float(
        string="Advance Before Effect (%)",
        help="Share of the order to be paid before a sale order under these terms "
        "takes effect (预付款), when the company asks for it.",
    )
