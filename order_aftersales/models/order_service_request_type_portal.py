# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class OrderServiceRequestType(models.Model):
    _inherit = "order.service.request.type"  # pylint: disable=consider-merging-classes-inherited

    portal_published = fields.Boolean(
        string="Offered on the Portal",
        default=True,
        help="Customers choose this type when they file a request on the customer portal.",
    )
