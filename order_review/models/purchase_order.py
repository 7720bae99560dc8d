# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class PurchaseOrder(models.Model):
    """Purchase orders are reviewed like sale orders (R-REV-16 to R-REV-19):
    the same stages, decisions and guards."""

    _name = "purchase.order"
    _inherit = ["purchase.order", "order.review.mixin"]

    _review_confirm_states = ("to approve", "purchase", "done")
    _review_watched_fields = ("partner_id", "payment_term_id", "currency_id", "date_planned")
    _review_date_field = "date_planned"
    _workflow_guarded_fields = ("first_date_planned",)

    first_date_planned = fields.Datetime(
        string="First Promised Receipt Date",
        copy=False,
        readonly=True,
        help="The expected arrival when the order was confirmed after its review; stored "
        "once, never overwritten (the supplier's on-time KPIs measure against it).",
    )

    def _review_apply_proposed_date(self, review):
        """The receipt date proposed by the reviewer: the order's and its
        lines' expected arrival (Odoo keeps it on the lines)."""
        result = super()._review_apply_proposed_date(review)
        with self._workflow_transition():
            self.order_line.filtered(lambda line: not line.display_type).write(
                {"date_planned": review.proposed_date}
            )
        return result

    def _review_on_confirmed(self):
        with self._workflow_transition():
            for order in self.filtered(lambda o: not o.first_date_planned):
                order.first_date_planned = order.date_planned
            for line in self.order_line.filtered(
                lambda line: not line.first_date_planned and not line.display_type
            ):
                line.first_date_planned = line.date_planned
