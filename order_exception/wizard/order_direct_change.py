# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError


class OrderDirectChange(models.TransientModel):
    """A manager opens a confirmed order for a direct change, with a reason
    kept in the chatter (instead of a change notice)."""

    _name = "order.direct.change"
    _description = "Direct Change of a Confirmed Order"

    res_model = fields.Char(string="Document Model", required=True)
    res_id = fields.Many2oneReference(string="Document ID", model_field="res_model", required=True)
    document_name = fields.Char(string="Document", compute="_compute_document_name")
    reason = fields.Text(required=True)

    @api.depends("res_model", "res_id")
    def _compute_document_name(self):
        for wizard in self:
            wizard.document_name = wizard._get_document().display_name

    def _get_document(self):
        self.ensure_one()
        mixin = self.env["order.change.mixin"]
        registry = self.env.registry
        models_ = registry.descendants(["order.change.mixin"], "_inherit")
        if self.res_model not in models_ or registry[self.res_model]._abstract:
            return mixin.browse()
        return self.env[self.res_model].browse(self.res_id).exists()

    def action_confirm(self):
        self.ensure_one()
        document = self._get_document()
        if not document:
            raise UserError(self.env._("The document no longer exists."))
        document.check_access("write")
        document._change_open_direct(self.reason)
        return {"type": "ir.actions.act_window_close"}
