# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command, api, fields, models
from odoo.tools import float_is_zero


class OrderServiceRequestInspection(models.TransientModel):
    """The inspection of returned goods against the return conditions
    (R-AFS-14 step 5, 產品檢驗: intact, with all accessories): a result and a
    note per product received; a product that fails it is repaired or
    settled otherwise. The request's transition checks and records it."""

    _name = "order.service.request.inspection"
    _description = "Inspection of Returned Goods"

    request_id = fields.Many2one(
        comodel_name="order.service.request", required=True, ondelete="cascade", readonly=True
    )
    line_ids = fields.One2many(
        comodel_name="order.service.request.inspection.line",
        inverse_name="inspection_id",
        compute="_compute_line_ids",
        store=True,
        readonly=False,
        precompute=True,
    )

    @api.depends("request_id")
    def _compute_line_ids(self):
        for wizard in self:
            commands = [Command.clear()]
            for line in wizard.request_id.line_ids:
                if float_is_zero(
                    line.quantity_received, precision_rounding=line.product_id.uom_id.rounding
                ):
                    continue
                commands.append(
                    Command.create(
                        {
                            "request_line_id": line.id,
                            "result": "pass",
                            "resolution": line.resolution,
                        }
                    )
                )
            wizard.line_ids = commands

    def action_confirm(self):
        self.ensure_one()
        results = {
            line.request_line_id: {
                "inspection_result": line.result,
                "inspection_note": line.note,
                "resolution": line.resolution,
            }
            for line in self.line_ids
        }
        self.request_id._return_inspect(results)
        return {"type": "ir.actions.act_window_close"}
