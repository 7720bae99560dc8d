# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class OrderShippingDispatchWizard(models.TransientModel):
    """The dispatch of a shipping notice (R-PLN-43): carrier or company
    vehicle, tracking reference and the carrier's signed receipt, uploaded
    here or already attached to the notice or its delivery."""

    _name = "order.shipping.dispatch.wizard"
    _description = "Dispatch a Shipping Notice"

    notice_id = fields.Many2one(
        comodel_name="order.shipping.notice", required=True, ondelete="cascade"
    )
    picking_id = fields.Many2one(related="notice_id.picking_id")
    own_vehicle = fields.Boolean(string="Company Vehicle")
    carrier_id = fields.Many2one(comodel_name="res.partner")
    tracking_ref = fields.Char(string="Tracking Reference")
    receipt_file = fields.Binary(string="Carrier's Signed Receipt")
    receipt_filename = fields.Char()
    receipt_attachment_id = fields.Many2one(
        comodel_name="ir.attachment",
        string="Attached Receipt",
        compute="_compute_receipt_attachment_id",
        store=True,
        readonly=False,
        help="A scan already attached to the notice or its delivery.",
    )

    @api.depends("notice_id")
    def _compute_receipt_attachment_id(self):
        """The newest scan uploaded since the notice was issued (an older
        file is not the receipt of this dispatch, R-PLN-43)."""
        for wizard in self:
            notice = wizard.notice_id
            wizard.receipt_attachment_id = (
                self.env["ir.attachment"].search(
                    notice._carrier_receipt_domain(), order="id desc", limit=1
                )
                if notice.issued_on
                else False
            )

    def action_confirm(self):
        self.ensure_one()
        notice = self.notice_id
        receipt = self.receipt_attachment_id
        if self.receipt_file:
            receipt = self.env["ir.attachment"].create(
                {
                    "name": self.receipt_filename or self.env._("Carrier receipt"),
                    "datas": self.receipt_file,
                    "res_model": notice._name,
                    "res_id": notice.id,
                }
            )
        notice._dispatch(self.carrier_id, self.own_vehicle, self.tracking_ref, receipt)
        return {"type": "ir.actions.act_window_close"}
