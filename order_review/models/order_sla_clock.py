# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import defaultdict

from odoo import api, fields, models


class OrderSlaClock(models.Model):
    """One deadline clock of a document running several at once (a service
    request: transfer, first contact and solution overlap). The document
    inherits ``order.sla.clock.mixin``, which starts, stops, pauses and
    resumes its clocks by key (the policy's code); the one cron of the suite
    moves them with every other clock. The clock's activities and notes are
    the document's: its chatter tells the story.

    Clocks are written by the engine only (as superuser): users read them.
    """

    _name = "order.sla.clock"
    _inherit = ["order.sla.mixin"]
    _description = "Deadline Clock"
    _order = "res_model, res_id, sla_deadline, id"
    _rec_name = "key"

    _workflow_guarded_fields = ("res_model", "res_id", "key", "company_id", "user_id")
    _workflow_fixed_fields = ("res_model", "res_id", "key")

    res_model = fields.Char(string="Document Model", required=True, index=True, readonly=True)
    res_id = fields.Many2oneReference(
        string="Document ID", model_field="res_model", required=True, index=True, readonly=True
    )
    key = fields.Char(
        required=True,
        readonly=True,
        help="The clock's policy code (policy_<id> for a policy without code).",
    )
    company_id = fields.Many2one(comodel_name="res.company", index=True, readonly=True)
    user_id = fields.Many2one(comodel_name="res.users", string="Responsible", readonly=True)

    _sql_constraints = [
        (
            "document_key_uniq",
            "unique(res_model, res_id, key)",
            "A document runs one clock per key.",
        ),
    ]

    @api.model
    def _key_of(self, policy):
        """The key of `policy`'s clock on a document."""
        return policy.code or f"policy_{policy.id}"

    def _sla_get_document(self):
        self.ensure_one()
        return self.env[self.res_model].browse(self.res_id)

    def _sla_get_documents(self):
        """{clock id: document}, the documents of each model browsed together
        (their fields are then read in one query per model)."""
        per_model = defaultdict(list)
        for clock in self:
            per_model[clock.res_model].append(clock.res_id)
        documents = {}
        for model, ids in per_model.items():
            for document in self.env[model].browse(list(dict.fromkeys(ids))):
                documents[model, document.id] = document
        return {clock.id: documents[clock.res_model, clock.res_id] for clock in self}

    # ------------------------------------------------------------------
    # Hooks of the engine: the document tells
    # ------------------------------------------------------------------
    def _sla_get_thread(self):
        return self._sla_get_document()

    def _sla_get_threads(self):
        return self._sla_get_documents()

    def _sla_get_activity_records(self):
        return self._sla_get_documents()

    def _sla_get_user(self):
        self.ensure_one()
        return self.user_id

    def _sla_get_company(self):
        self.ensure_one()
        return self.company_id or self.env.company

    def _sla_get_escalation_users(self, escalation):
        self.ensure_one()
        return self._sla_get_document()._sla_clock_escalation_users(self, escalation)

    def _sla_get_escalation_users_batch(self, escalation):
        documents = self._sla_get_documents()
        return {
            clock.id: documents[clock.id]._sla_clock_escalation_users(clock, escalation)
            for clock in self
        }

    def _sla_turned_overdue(self):
        """The documents hear of their clocks that turned overdue: one call
        per document model."""
        for model, clocks in self.grouped("res_model").items():
            documents = self.env[model].browse(list(dict.fromkeys(clocks.mapped("res_id"))))
            documents._sla_clocks_overdue(clocks)

    def _sla_process(self, now):
        """The clocks of a document model no longer installed stop: nobody
        answers them any more (the others move as usual)."""
        orphans = self.filtered(lambda clock: clock.res_model not in self.env)
        if orphans:
            orphans.sudo()._sla_cancel()
        return super(OrderSlaClock, self - orphans)._sla_process(now)

    def unlink(self):
        self.sudo()._sla_drop_activities()
        return super().unlink()
