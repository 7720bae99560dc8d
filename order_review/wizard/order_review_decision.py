# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class OrderReviewDecision(models.TransientModel):
    """Approve or reject one review stage with the reviewer's opinion
    (确认意见 / 审核意见)."""

    _name = "order.review.decision"
    _description = "Review Decision"

    review_id = fields.Many2one(comodel_name="order.review", required=True, ondelete="cascade")
    stage_name = fields.Char(related="review_id.name")
    document = fields.Char(related="review_id.res_name")
    kind = fields.Selection(related="review_id.kind")
    decision = fields.Selection(
        selection=[("approve", "Approve"), ("reject", "Reject")],
        required=True,
        default="approve",
    )
    opinion = fields.Text()
    requested_date = fields.Datetime(
        string="Requested Delivery Date", compute="_compute_requested_date"
    )
    proposed_date = fields.Datetime(
        string="Proposed Delivery Date",
        help="Leave empty to confirm the requested date; set another date to propose it "
        "to the customer.",
    )

    @api.depends("review_id")
    def _compute_requested_date(self):
        for wizard in self:
            document = wizard.review_id._get_document()
            fname = document._review_date_field if document else None
            wizard.requested_date = document[fname] if fname else False

    def action_confirm(self):
        self.ensure_one()
        proposed = self.proposed_date if self.kind == "delivery" else False
        if proposed and proposed == self.requested_date:
            proposed = False
        self.review_id._decide(self.decision == "approve", self.opinion, proposed)
        return {"type": "ir.actions.act_window_close"}
