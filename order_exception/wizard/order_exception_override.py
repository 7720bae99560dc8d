# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..models.order_exception_rule_mixin import MANAGER_GROUP, exception_override


class OrderExceptionOverride(models.TransientModel):
    """A manager confirms a document despite its blocking exceptions: one
    click, the reason goes to the document's chatter (no second confirmation,
    unlike OCA/sale-workflow#3789)."""

    _name = "order.exception.override"
    _description = "Override Blocking Exceptions"

    res_model = fields.Char(string="Document Model", required=True)
    res_id = fields.Many2oneReference(string="Document ID", model_field="res_model", required=True)
    document_name = fields.Char(string="Document", compute="_compute_exceptions")
    rule_ids = fields.Many2many(
        comodel_name="order.exception.rule", compute="_compute_exceptions", string="Exceptions"
    )
    reason = fields.Text(required=True)

    @api.depends("res_model", "res_id")
    def _compute_exceptions(self):
        for wizard in self:
            document = wizard._get_document()
            wizard.document_name = document.display_name
            wizard.rule_ids = document.exception_rule_ids if document else False

    def _get_document(self):
        self.ensure_one()
        if self.res_model not in self.env["order.exception.rule.mixin"]._exception_models():
            return self.env["order.exception.rule"].browse()
        return self.env[self.res_model].browse(self.res_id).exists()

    def action_override_confirm(self):
        self.ensure_one()
        if not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(self.env._("Only an exception manager overrides blocking rules."))
        if not (self.reason or "").strip():
            raise UserError(self.env._("Write why the exceptions are overridden."))
        document = self._get_document()
        if not document:
            raise UserError(self.env._("The document no longer exists."))
        document.check_access("write")
        with exception_override(self.reason.strip()):
            result = getattr(document, document._exception_confirm_method)()
        return result if isinstance(result, dict) else {"type": "ir.actions.act_window_close"}
