# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models


class OrderReviewStage(models.Model):
    _inherit = "order.review.stage"

    @api.model
    def _selection_model(self):
        # returns, exchanges and repairs are approved through the review
        # stages, like orders (R-AFS-14 审核申请)
        return super()._selection_model() + [
            ("order.service.request", self.env["ir.model"]._get("order.service.request").name)
        ]
