# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models

# context keys with which Odoo skips tracking: the audit trail of the
# configuration takes them from the suite's own code (superuser) only
NO_TRACKING_KEYS = ("tracking_disable", "mail_notrack", "mail_create_nolog")


class OrderAuditedConfigMixin(models.AbstractModel):
    """Configuration whose changes are tracked for the audit trail (review
    stages, deadline policies and their rungs, exception rules): a client
    cannot switch the tracking off with a context key."""

    _name = "order.audited.config.mixin"
    _description = "Order Management Configuration With an Audit Trail"

    def _audited(self):
        if self.env.su or not any(self.env.context.get(key) for key in NO_TRACKING_KEYS):
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
