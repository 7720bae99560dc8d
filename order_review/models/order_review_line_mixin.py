# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models


class OrderReviewLineMixin(models.AbstractModel):
    """Lines of a reviewed document: adding, changing or removing a line
    after the review was requested asks for the review again.

    ``_review_line_watched_fields``: the line fields the reviewers judged;
    ``_review_line_parent_field``: the line's document.
    Lines may declare ``_workflow_guarded_fields`` too (the first promised
    date of a line).
    """

    _name = "order.review.line.mixin"
    _inherit = ["order.workflow.mixin"]
    _description = "Order Review Line Mixin"

    _review_line_watched_fields = ()
    _review_line_parent_field = "order_id"

    def _review_line_parent(self):
        return self[self._review_line_parent_field]

    def _review_lines_changed(self, orders, action, fnames=()):
        labels = [self._fields[f].get_description(self.env)["string"] for f in fnames]
        label = self.env._("order lines (%(action)s)", action=action)
        orders._review_reset_on_change([f"{label}: {', '.join(labels)}" if labels else label])

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        self._review_lines_changed(lines._review_line_parent(), self.env._("added"))
        return lines

    def write(self, vals):
        result = super().write(vals)
        changed = [fname for fname in self._review_line_watched_fields if fname in vals]
        if changed:
            self._review_lines_changed(self._review_line_parent(), self.env._("changed"), changed)
        return result

    def unlink(self):
        orders = self._review_line_parent()
        result = super().unlink()
        self._review_lines_changed(orders, self.env._("removed"))
        return result
