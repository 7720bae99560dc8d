# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models
from odoo.http import request

from .order_workflow_mixin import in_workflow_transition

# context keys with which Odoo skips tracking: the audit trail of the
# configuration takes them from the suite's own code only
NO_TRACKING_KEYS = ("tracking_disable", "mail_notrack", "mail_create_nolog")


class OrderAuditedConfigMixin(models.AbstractModel):
    """Configuration whose changes are tracked for the audit trail (review
    stages, deadline policies and their rungs, exception rules): a client
    cannot switch the tracking off with a context key, not even through
    server code that works as superuser on its behalf."""

    _name = "order.audited.config.mixin"
    _description = "Order Management Configuration With an Audit Trail"

    def _audit_may_be_skipped(self):
        """Whether the caller's no-tracking keys are obeyed: only for the
        suite's own code, which no request can impersonate: inside a
        transition (:func:`~.order_workflow_mixin.workflow_transition`, a
        :mod:`contextvars` flag) or as superuser outside any HTTP request
        (the install or update of the modules loading their data files, the
        crons, the shell). Not a context key, which any RPC caller sends,
        nor ``sudo()`` alone, which server code handling a request uses with
        the request's context."""
        return in_workflow_transition() or (self.env.su and not request)

    def _audited(self):
        if self._audit_may_be_skipped() or not any(
            self.env.context.get(key) for key in NO_TRACKING_KEYS
        ):
            return self
        return self.with_context(**dict.fromkeys(NO_TRACKING_KEYS, False))

    @api.model_create_multi
    def create(self, vals_list):
        audited = self._audited()
        if audited is self:
            return super().create(vals_list)
        return super(OrderAuditedConfigMixin, audited).create(vals_list).with_env(self.env)

    def write(self, vals):
        return super(OrderAuditedConfigMixin, self._audited()).write(vals)

    def unlink(self):
        return super(OrderAuditedConfigMixin, self._audited()).unlink()
