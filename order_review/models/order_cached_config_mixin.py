# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models


class OrderCachedConfigMixin(models.AbstractModel):
    """Configuration looked up on every confirmation (review stages,
    exception rules): its ids are kept in an ``ormcache``, so a database
    without any pays no query. Any change empties the cache."""

    _name = "order.cached.config.mixin"
    _description = "Cached Order Management Configuration"

    @api.model_create_multi
    def create(self, vals_list):
        self.env.registry.clear_cache()
        return super().create(vals_list)

    def write(self, vals):
        self.env.registry.clear_cache()
        return super().write(vals)

    def unlink(self):
        self.env.registry.clear_cache()
        return super().unlink()
