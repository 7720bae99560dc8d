# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class PurchaseOrder(models.Model):
    """Purchase orders are reviewed like sale orders (R-REV-16 to R-REV-19):
    the same stages, decisions and guards."""

    _name = "purchase.order"
    _inherit = ["purchase.order", "order.review.mixin"]

    _review_confirm_states = ("to approve", "purchase", "done")
    _review_watched_fields = ("partner_id", "payment_term_id", "currency_id", "date_planned")
