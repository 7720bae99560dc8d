# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError


class OrderReviewDelegation(models.Model):
    """A reviewer away for a while lets another user decide in their name.
    The decision records both names."""

    _name = "order.review.delegation"
    _description = "Review Delegation"
    _order = "date_from desc, id desc"

    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Reviewer",
        required=True,
        default=lambda self: self.env.user,
        index=True,
    )
    delegate_id = fields.Many2one(comodel_name="res.users", required=True, index=True)
    date_from = fields.Date(string="From", required=True, default=fields.Date.context_today)
    date_to = fields.Date(string="To", required=True)
    company_id = fields.Many2one(
        comodel_name="res.company", required=True, default=lambda self: self.env.company
    )
    note = fields.Char()
    active = fields.Boolean(default=True)

    @api.constrains("user_id", "delegate_id", "date_from", "date_to")
    def _check_dates(self):
        for delegation in self:
            if delegation.date_to < delegation.date_from:
                raise ValidationError(self.env._("A delegation cannot end before it starts."))
            if delegation.user_id == delegation.delegate_id:
                raise ValidationError(self.env._("A reviewer cannot delegate to themselves."))

    def _check_delegator(self):
        """Only the reviewer themselves (or a review manager) delegates their
        stages: nobody names themselves somebody else's delegate."""
        if self.env.su or self.env.user.has_group("order_review.group_order_review_manager"):
            return
        for delegation in self:
            if delegation.user_id != self.env.user:
                raise AccessError(
                    self.env._(
                        "Only %(reviewer)s (or a review manager) can delegate the reviews of "
                        "%(reviewer)s.",
                        reviewer=delegation.user_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        delegations = super().create(vals_list)
        delegations._check_delegator()
        return delegations

    def write(self, vals):
        self._check_delegator()
        result = super().write(vals)
        self._check_delegator()
        return result

    @api.model
    def _get_delegators(self, user, day=None):
        """The reviewers who delegated to `user` on `day` (today)."""
        day = day or fields.Date.context_today(self)
        delegations = self.sudo().search(
            [
                ("delegate_id", "=", user.id),
                ("date_from", "<=", day),
                ("date_to", ">=", day),
            ]
        )
        return delegations.user_id
