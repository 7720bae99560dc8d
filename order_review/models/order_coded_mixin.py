# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models


class OrderCodedMixin(models.AbstractModel):
    """Configuration the suite's code finds by a technical code, per company
    with a shared fallback (deadline policies, departments, exception
    categories). The inheriting model has ``code``, ``company_id`` and
    ``sequence``."""

    _name = "order.coded.mixin"
    _description = "Order Management Configuration Found by Code"

    @api.model
    def _get_by_code(self, code, company=None):
        """The active record for `code`: the company's own, else the shared one."""
        company = company or self.env.company
        return self.search(
            [("code", "=", code), ("company_id", "in", [company.id, False])],
            order="company_id nulls last, sequence, id",
            limit=1,
        )
