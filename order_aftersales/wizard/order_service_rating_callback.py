# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models

CALLBACK_SCORES = [
    ("1", "Very Dissatisfied"),
    ("2", "Dissatisfied"),
    ("3", "Okay"),
    ("4", "Satisfied"),
    ("5", "Very Satisfied"),
]


class OrderServiceRatingCallback(models.TransientModel):
    """电话回访 (R-AFS-21): the agent calls the customer back after the
    service and records the rating and the feedback given on the phone; the
    rating goes through the request's rating mechanism like a rating given
    from the e-mail."""

    _name = "order.service.rating.callback"
    _description = "Service Request Phone Callback"

    request_id = fields.Many2one(
        comodel_name="order.service.request",
        string="Service Request",
        required=True,
        readonly=True,
        ondelete="cascade",
    )
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Customer Called",
        compute="_compute_partner_id",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
    )
    commercial_partner_id = fields.Many2one(related="request_id.commercial_partner_id")
    score = fields.Selection(selection=CALLBACK_SCORES, string="Rating", required=True)
    feedback = fields.Text(help="What the customer said.")

    @api.depends("request_id")
    def _compute_partner_id(self):
        for wizard in self:
            wizard.partner_id = wizard.request_id.partner_id

    def action_apply(self):
        self.ensure_one()
        self.request_id._satisfaction_callback(float(self.score), self.feedback, self.partner_id)
        return {"type": "ir.actions.act_window_close"}
