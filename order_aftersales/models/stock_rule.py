# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class StockRule(models.Model):
    _inherit = "stock.rule"

    def _get_custom_move_fields(self):
        # the replacement of an exchange keeps its request line (the value
        # is only in the procurements of a service request's exchange)
        return super()._get_custom_move_fields() + ["aftersales_replacement_line_id"]
