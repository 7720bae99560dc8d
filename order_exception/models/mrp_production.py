# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class MrpProduction(models.Model):
    _name = "mrp.production"
    _inherit = ["mrp.production", "order.exception.rule.mixin"]

    _exception_report_field = "production_id"

    def action_confirm(self):
        # the state of a manufacturing order is computed: the guard sits here
        self._exception_pending()._exception_check_blocking()
        return super().action_confirm()

    def _exception_report_vals(self):
        vals = super()._exception_report_vals()
        vals["product_id"] = self.product_id.id
        if self.lot_producing_id:
            vals["lot_id"] = self.lot_producing_id.id
        return vals
