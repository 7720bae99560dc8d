# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class PurchaseOrderLine(models.Model):
    _name = "purchase.order.line"
    _inherit = ["purchase.order.line", "order.change.line.mixin"]

    # Odoo moves the expected date with the receipt's schedule
    _change_line_free_fields = ("date_planned",)

    def _change_qty_done(self):
        self.ensure_one()
        return self.qty_received
