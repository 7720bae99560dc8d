# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class OrderShippingFailureWizard(models.TransientModel):
    """A shipment that cannot leave on its day, reported the same day with
    the reason, the new ship time and the estimated arrival (R-PLN-43)."""

    _name = "order.shipping.failure.wizard"
    _description = "Report a Shipment Not Shipped"

    notice_id = fields.Many2one(
        comodel_name="order.shipping.notice", required=True, ondelete="cascade"
    )
    reason = fields.Text(required=True)
    new_dispatch_date = fields.Datetime(string="New Ship Time", required=True)
    arrival_date = fields.Datetime(string="Estimated Arrival")

    def action_confirm(self):
        self.ensure_one()
        self.notice_id._report_not_shipped(self.reason, self.new_dispatch_date, self.arrival_date)
        return {"type": "ir.actions.act_window_close"}
