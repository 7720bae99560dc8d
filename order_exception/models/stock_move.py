# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import float_compare

QC_MOVE_FIELDS = (
    "qc_inspected_qty",
    "qc_accepted_qty",
    "qc_concession_qty",
    "qc_concession_price_unit",
)


class StockMove(models.Model):
    """Incoming inspection of one received line (R-EXC-10).

    The inspector records how much of the line was inspected and how much
    passed; what did not pass is rejected, and part of the rejected quantity
    may be accepted at a reduced price (降价让步接收) once a department head
    approves the concession on the receipt.
    """

    _inherit = "stock.move"

    qc_inspected_qty = fields.Float(
        string="Inspected Quantity",
        digits="Product Unit of Measure",
        copy=False,
        help="Quantity of this line the inspector checked, in the unit of the line.",
    )
    qc_accepted_qty = fields.Float(
        string="Qualified Quantity",
        digits="Product Unit of Measure",
        copy=False,
        help="Of the inspected quantity, what passed the inspection (合格数).",
    )
    qc_rejected_qty = fields.Float(
        string="Rejected Quantity",
        digits="Product Unit of Measure",
        compute="_compute_qc_rejected_qty",
        store=True,
        help="Inspected quantity minus the qualified quantity.",
    )
    qc_concession_qty = fields.Float(
        string="Concession Quantity",
        digits="Product Unit of Measure",
        copy=False,
        help="Of the rejected quantity, what is accepted at a reduced price "
        "(降价让步接收); a department head approves it.",
    )
    qc_concession_price_unit = fields.Float(
        string="Concession Unit Price",
        digits="Product Price",
        copy=False,
        help="Reduced unit price agreed for the concession quantity, in the "
        "currency of the purchase order.",
    )

    @api.depends("qc_inspected_qty", "qc_accepted_qty")
    def _compute_qc_rejected_qty(self):
        for move in self:
            move.qc_rejected_qty = max(move.qc_inspected_qty - move.qc_accepted_qty, 0.0)

    @api.constrains(
        "qc_inspected_qty", "qc_accepted_qty", "qc_concession_qty", "qc_concession_price_unit"
    )
    def _check_qc_quantities(self):
        for move in self:
            rounding = move.product_uom.rounding or 0.01
            quantities = (
                move.qc_inspected_qty,
                move.qc_accepted_qty,
                move.qc_concession_qty,
            )
            product = move.product_id.display_name
            checks = (
                (
                    any(
                        float_compare(qty, 0.0, precision_rounding=rounding) < 0
                        for qty in quantities
                    )
                    or move.qc_concession_price_unit < 0,
                    self.env._(
                        "%(product)s: inspection quantities and prices cannot be negative.",
                        product=product,
                    ),
                ),
                (
                    float_compare(
                        move.qc_accepted_qty, move.qc_inspected_qty, precision_rounding=rounding
                    )
                    > 0,
                    self.env._(
                        "%(product)s: the qualified quantity cannot exceed the inspected "
                        "quantity.",
                        product=product,
                    ),
                ),
                (
                    float_compare(
                        move.qc_concession_qty, move.qc_rejected_qty, precision_rounding=rounding
                    )
                    > 0,
                    self.env._(
                        "%(product)s: the concession quantity cannot exceed the rejected "
                        "quantity.",
                        product=product,
                    ),
                ),
            )
            for failed, message in checks:
                if failed:
                    raise ValidationError(message)

    def write(self, vals):
        if any(name in vals for name in QC_MOVE_FIELDS):
            self._check_qc_write()
            # Changed figures void a recorded inspection: it must be recorded again.
            inspected = self.picking_id.filtered(lambda p: p.qc_state == "inspected")
            if inspected:
                inspected._workflow_write({"qc_state": "to_inspect", "qc_concession_state": "none"})
        return super().write(vals)

    def _qc_split_concession(self):
        """Receive the concession quantity of this receipt move on a new line
        of its purchase order at the reduced price (see
        ``stock.picking._qc_apply_concession``).

        The new line is created empty (Odoo then plans no receipt for it),
        the move is split and its concession part linked to the new line, and
        only then the quantities of both lines are set: Odoo finds them
        already received by the moves and plans nothing more. The price is
        written with the quantity, so that no vendor price list replaces it.

        :return: the new purchase order line
        """
        self.ensure_one()
        line = self.purchase_line_id
        qty = self.qc_concession_qty
        line_qty = self.product_uom._compute_quantity(qty, line.product_uom)
        price = self.product_uom._compute_price(self.qc_concession_price_unit, line.product_uom)
        concession_line = self.env["purchase.order.line"].create(
            {
                "order_id": line.order_id.id,
                "sequence": line.sequence,
                "product_id": line.product_id.id,
                "name": self.env._(
                    "%(name)s (concession, %(picking)s)",
                    name=line.name,
                    picking=self.picking_id.name,
                ),
                "product_qty": 0.0,
                "product_uom": line.product_uom.id,
                "price_unit": price,
                "taxes_id": [Command.set(line.taxes_id.ids)],
                "date_planned": line.date_planned,
                "analytic_distribution": line.analytic_distribution,
            }
        )
        rounding = self.product_uom.rounding
        excess = self.quantity - (self.product_uom_qty - qty)
        split_vals = self._split(self.product_uom._compute_quantity(qty, self.product_id.uom_id))
        for vals in split_vals:
            vals.update(
                purchase_line_id=concession_line.id,
                price_unit=concession_line._get_stock_move_price_unit(),
            )
        concession_move = self.create(split_vals)
        concession_move._action_confirm(merge=False)
        # what was counted on the receipt follows: the concession part on its move
        moved = min(max(excess, 0.0), qty)
        if float_compare(moved, 0.0, precision_rounding=rounding) > 0:
            self.quantity -= moved
            concession_move.write({"quantity": moved, "picked": self.picked})
        concession_line.write({"product_qty": line_qty, "price_unit": price})
        line.write({"product_qty": line.product_qty - line_qty, "price_unit": line.price_unit})
        return concession_line

    def _check_qc_write(self):
        if self.env.su:
            return
        if not self.env.user.has_group("order_exception.group_order_exception_user"):
            raise AccessError(self.env._("Only inspectors can record inspection results."))
        decided = self.picking_id.filtered(
            lambda p: p.qc_concession_state in ("approved", "refused")
        )
        if decided:
            raise UserError(
                self.env._(
                    "The concession of %(receipts)s was already decided: its inspection "
                    "results cannot change any more.",
                    receipts=", ".join(decided.mapped("display_name")),
                )
            )
