# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class OrderShippingCallWizard(models.TransientModel):
    """The clerk's call to the customer about the dispatch (R-PLN-44)."""

    _name = "order.shipping.call.wizard"
    _description = "Log the Customer Call"

    notice_id = fields.Many2one(
        comodel_name="order.shipping.notice", required=True, ondelete="cascade"
    )
    note = fields.Text(string="What the Customer Was Told", required=True)

    def action_confirm(self):
        self.ensure_one()
        self.notice_id.action_customer_called(note=self.note)
        return {"type": "ir.actions.act_window_close"}
