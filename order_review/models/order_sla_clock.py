# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class OrderSlaClock(models.Model):
    """One clock of a document that runs several at once (a service request:
    transfer, first contact, solution). See ``order.sla.clock.mixin``."""

    _name = "order.sla.clock"
    _inherit = ["order.sla.mixin"]
    _description = "Deadline Clock"
    _order = "sla_deadline, id"

    _workflow_fixed_fields = ("res_model", "res_id", "key")

    res_model = fields.Char(string="Document Model", required=True, index=True, readonly=True)
    res_id = fields.Many2oneReference(
        string="Document", model_field="res_model", required=True, index=True, readonly=True
    )
    key = fields.Char(required=True, readonly=True)
    company_id = fields.Many2one(comodel_name="res.company", index=True, readonly=True)
    user_id = fields.Many2one(comodel_name="res.users", string="Responsible", readonly=True)

    _sql_constraints = [
        ("key_uniq", "unique(res_model, res_id, key)", "A document runs one clock per key."),
    ]

    def _document(self):
        self.ensure_one()
        return self.env[self.res_model].browse(self.res_id)

    def _sla_get_thread(self):
        return self._document()

    def _sla_get_user(self):
        self.ensure_one()
        return self.user_id

    def _sla_get_company(self):
        self.ensure_one()
        return self.company_id or self.env.company

    def _sla_get_escalation_users(self, escalation):
        self.ensure_one()
        return self._document()._sla_clock_escalation_users(self, escalation)

    def _sla_process(self, now):
        """After the usual moves, each document is told in one batch which of
        its clocks just turned overdue (``_sla_clocks_overdue``: a return
        window that lapses, R-AFS-14)."""
        before = {clock.id: clock.sla_state for clock in self}
        result = super()._sla_process(now)
        turned = self.filtered(lambda c: c.sla_state == "overdue" and before[c.id] != "overdue")
        for model, clocks in turned.grouped("res_model").items():
            documents = self.env[model].sudo().browse(sorted(set(clocks.mapped("res_id")))).exists()
            documents._sla_clocks_overdue(clocks)
        return result
