# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class OrderServiceVisitSign(models.TransientModel):
    """The signature pad the customer signs the visit report on (R-AFS-05):
    the only way to the report's signature."""

    _name = "order.service.visit.sign"
    _description = "Sign an On-site Visit Report"

    visit_id = fields.Many2one(
        comodel_name="order.service.visit", required=True, ondelete="cascade"
    )
    signed_by = fields.Char(string="Name", required=True)
    signature = fields.Binary(required=True)

    def action_sign(self):
        self.ensure_one()
        self.visit_id._sign(self.signature, self.signed_by)
        return {"type": "ir.actions.act_window_close"}
