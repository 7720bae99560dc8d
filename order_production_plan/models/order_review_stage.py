# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models


class OrderReviewStage(models.Model):
    _inherit = "order.review.stage"

    @api.model
    def _selection_model(self):
        # labels in the user's language: the models' names, which Odoo translates
        return super()._selection_model() + [
            (
                "order.production.plan.revision",
                self.env["ir.model"]._get("order.production.plan.revision").name or "Plan Revision",
            )
        ]
