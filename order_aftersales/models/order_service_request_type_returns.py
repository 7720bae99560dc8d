# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class OrderServiceRequestType(models.Model):
    _inherit = "order.service.request.type"  # pylint: disable=consider-merging-classes-inherited

    return_instructions = fields.Html(
        translate=True,
        help="Returns, exchanges and repairs: what the customer is told with the approval "
        "besides the return address (packing, accessories, the tracking number to keep, "
        "R-AFS-14 退換貨確認).",
    )
