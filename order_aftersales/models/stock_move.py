# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.order_review.models.order_workflow_mixin import (
    in_workflow_transition,
    workflow_transition,
)

AFTERSALES_MOVE_FIELDS = ("aftersales_return_line_id", "aftersales_replacement_line_id")


class StockMove(models.Model):
    _inherit = "stock.move"

    aftersales_return_line_id = fields.Many2one(
        comodel_name="order.service.request.line",
        string="Returned For",
        index="btree_not_null",
        copy=False,
        readonly=True,
        help="The product of a service request this return move brings back (R-AFS-14).",
    )
    aftersales_replacement_line_id = fields.Many2one(
        comodel_name="order.service.request.line",
        string="Replacement For",
        index="btree_not_null",
        copy=False,
        readonly=True,
        help="The product of a service request this move replaces (an exchange, R-AFS-14).",
    )

    @api.model_create_multi
    def create(self, vals_list):
        # a move is linked to a request's line by the request's transitions
        # (or by the split of a linked move), never by a client
        if (
            not self.env.su
            and not in_workflow_transition()
            and any(vals.get(fname) for vals in vals_list for fname in AFTERSALES_MOVE_FIELDS)
        ):
            raise UserError(
                self.env._(
                    "The service request a stock move returns or replaces is set by "
                    "the request's own actions."
                )
            )
        return super().create(vals_list)

    def _split(self, qty, restrict_partner_id=False):
        # the backorder's move keeps the request line of the move it splits
        with workflow_transition():
            return super()._split(qty, restrict_partner_id=restrict_partner_id)

    def write(self, vals):
        # which request a move returns or replaces is set by the request's
        # transitions only: a move linked by hand would receive a return
        if (
            any(fname in vals for fname in AFTERSALES_MOVE_FIELDS)
            and not self.env.su
            and not in_workflow_transition()
        ):
            for fname in AFTERSALES_MOVE_FIELDS:
                if fname in vals and any(move[fname].id != (vals[fname] or False) for move in self):
                    raise UserError(
                        self.env._(
                            "The service request a stock move returns or replaces is set by "
                            "the request's own actions."
                        )
                    )
        return super().write(vals)

    def _prepare_move_split_vals(self, qty):
        # a backorder of a return (or of a replacement) keeps its request line
        vals = super()._prepare_move_split_vals(qty)
        for fname in AFTERSALES_MOVE_FIELDS:
            if self[fname]:
                vals[fname] = self[fname].id
        return vals

    def _prepare_merge_moves_distinct_fields(self):
        # moves of two requests, or of a request and of the order, stay apart
        return super()._prepare_merge_moves_distinct_fields() + list(AFTERSALES_MOVE_FIELDS)

    def _action_done(self, cancel_backorder=False):
        """A return receipt validated: the requests whose goods are all back
        are received (R-AFS-14 step 4)."""
        moves = super()._action_done(cancel_backorder=cancel_backorder)
        lines = moves.aftersales_return_line_id
        if lines:
            lines.request_id._return_check_received()
        return moves
