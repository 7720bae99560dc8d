# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models
from odoo.tools import float_is_zero


class SaleOrderLine(models.Model):
    _name = "sale.order.line"
    _inherit = ["sale.order.line", "order.change.line.mixin"]

    def _change_line_exempt(self):
        """Lines Odoo adds to a confirmed order by itself: down payments,
        re-invoiced expenses, sections and notes."""
        return self.filtered(
            lambda line: line.display_type or line.is_downpayment or line.is_expense
        )

    def _change_line_exempt_new(self):
        """Products delivered beyond the order: Odoo adds them with an
        ordered quantity of 0 (the commitment does not change)."""
        return self.filtered(
            lambda line: float_is_zero(
                line.product_uom_qty, precision_rounding=line.product_uom.rounding or 0.01
            )
        )

    def _change_qty_done(self):
        self.ensure_one()
        return self.qty_delivered
