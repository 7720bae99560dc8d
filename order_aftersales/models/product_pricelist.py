# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models

from .order_service_request_line_returns import RETURN_POLICIES


class ProductPricelist(models.Model):
    _inherit = "product.pricelist"

    aftersales_return_policy = fields.Selection(
        selection=RETURN_POLICIES,
        string="Return Policy",
        default="standard",
        help="The return policy of what is sold at this pricelist (a promotion, a discount "
        "campaign, R-AFS-14): the stricter of the product's and the pricelist's applies.",
    )
    aftersales_return_window_id = fields.Many2one(
        comodel_name="order.sla.policy",
        string="Return Window",
        domain=[("model", "=", "order.service.request")],
        help="A window of its own to send the products back, instead of the request type's "
        "(7 working days): the shortest of a return's windows applies.",
    )
