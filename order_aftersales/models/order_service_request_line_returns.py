# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare

RESOLUTIONS = [
    ("refund", "Refund"),
    ("exchange", "Exchange"),
    ("repair", "Repair"),
    ("other", "Other Solution"),
]
# what a return request asks for by default, by its type (R-AFS-14, R-AFS-15)
RESOLUTION_BY_KIND = {"return": "refund", "exchange": "exchange", "repair": "repair"}
INSPECTION_RESULTS = [
    ("pass", "Meets the Return Conditions"),
    ("fail", "Does Not Meet the Return Conditions"),
]
# the return policies of products and pricelists (promotion or discount
# items may follow a different policy, R-AFS-14): what each one allows
RETURN_POLICIES = [
    ("standard", "Standard"),
    ("exchange_only", "Exchange Only"),
    ("no_return", "No Return or Exchange"),
]
POLICY_RESOLUTIONS = {
    "standard": ("refund", "exchange", "repair", "other"),
    "exchange_only": ("exchange", "repair", "other"),
    "no_return": ("repair", "other"),
}
POLICY_RANK = {"standard": 0, "exchange_only": 1, "no_return": 2}
# the return states in which the application (its products) may still change
RETURN_EDITABLE_STATES = ("draft", "submitted", "rejected")
# Odoo's "Update quantities on SO/PO" of the return: a refunded or exchanged
# product leaves the order's delivered quantity (the credit note, or the
# replacement delivery, makes it up, as Odoo's own exchange does); a product
# repaired goes back to the customer and the order stays as it was
TO_REFUND = ("refund", "exchange")


class OrderServiceRequestLine(models.Model):
    """A product of a return, an exchange or a repair (R-AFS-14..16): what
    the customer asks for it (its resolution), the return receipt Odoo's
    return wizard made for it, the quantity received, the inspection and
    the document that settled it (credit note, replacement delivery, repair
    order). Its inspection and its documents are written by the request's
    transitions only; its products and quantities no longer change once the
    return is approved."""

    _inherit = "order.service.request.line"

    _workflow_guarded_fields = (
        "inspection_result",
        "inspection_note",
        "repair_id",
        "quantity_received",
    )
    _workflow_state_field = "return_state"
    _workflow_editable_states = RETURN_EDITABLE_STATES
    _workflow_frozen_fields = (
        "sale_line_id",
        "move_id",
        "product_id",
        "lot_id",
        "quantity",
        "resolution",
    )
    _review_line_watched_fields = (
        "product_id",
        "quantity",
        "sale_line_id",
        "move_id",
        "resolution",
    )

    return_state = fields.Selection(related="request_id.return_state")
    resolution = fields.Selection(
        selection=RESOLUTIONS,
        compute="_compute_resolution",
        store=True,
        readonly=False,
        precompute=True,
        help="What the customer asks for this product: refund, exchange, repair or another "
        "solution (R-AFS-15).",
    )
    inspection_result = fields.Selection(selection=INSPECTION_RESULTS, readonly=True, copy=False)
    inspection_note = fields.Text(readonly=True, copy=False)
    return_move_ids = fields.One2many(
        comodel_name="stock.move",
        inverse_name="aftersales_return_line_id",
        string="Return Moves",
        readonly=True,
    )
    return_picking_id = fields.Many2one(
        comodel_name="stock.picking",
        string="Return Receipt",
        compute="_compute_return_picking_id",
        store=True,
        index="btree_not_null",
    )
    quantity_received = fields.Float(
        string="Received",
        compute="_compute_quantity_received",
        store=True,
        digits="Product Unit of Measure",
        help="What came back, from the return receipts done.",
    )
    replacement_move_ids = fields.One2many(
        comodel_name="stock.move",
        inverse_name="aftersales_replacement_line_id",
        string="Replacement Moves",
        readonly=True,
    )
    repair_id = fields.Many2one(
        comodel_name="repair.order",
        string="Repair Order",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )

    @api.depends("request_id")
    def _compute_resolution(self):
        for line in self:
            if not line.resolution:
                line.resolution = RESOLUTION_BY_KIND.get(line.request_id.kind, False)

    @api.depends("return_move_ids.picking_id")
    def _compute_return_picking_id(self):
        for line in self:
            line.return_picking_id = line.return_move_ids.sorted("id")[:1].picking_id

    @api.depends(
        "return_move_ids.state",
        "return_move_ids.quantity",
        "return_move_ids.product_uom",
        "product_id",
    )
    def _compute_quantity_received(self):
        for line in self:
            line.quantity_received = sum(
                move.product_uom._compute_quantity(move.quantity, line.product_id.uom_id)
                for move in line.return_move_ids
                if move.state == "done"
            )

    # ------------------------------------------------------------------
    # The application's products no longer change once it is approved
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        if not self._workflow_is_trusted():
            lines._return_check_editable()
        return lines

    def unlink(self):
        if not self._workflow_is_trusted():
            self._return_check_editable()
        return super().unlink()

    def _return_check_editable(self):
        for request in self.request_id:
            if request.return_state not in RETURN_EDITABLE_STATES:
                raise UserError(
                    self.env._(
                        "%(request)s: the return is approved, its products can no longer "
                        "be added or removed.",
                        request=request.display_name,
                    )
                )

    # ------------------------------------------------------------------
    # Checks of the application (R-AFS-14 审核申请)
    # ------------------------------------------------------------------
    def _return_returnable_qty(self):
        """What is left to return of the delivered move, in the product's
        unit: delivered minus what earlier returns took back."""
        self.ensure_one()
        move = self.move_id
        uom = self.product_id.uom_id
        delivered = move.product_uom._compute_quantity(move.quantity, uom)
        returned = sum(
            back.product_uom._compute_quantity(
                back.quantity if back.state == "done" else back.product_uom_qty, uom
            )
            for back in move.returned_move_ids
            if back.state != "cancel"
        )
        return delivered - returned

    def _return_policy(self):
        """(policy, where it is set): the strictest of the product's and of
        its order's pricelist's return policies (promotion or discount items,
        R-AFS-14)."""
        self.ensure_one()
        template = self.product_id.product_tmpl_id
        pricelist = self.sale_line_id.order_id.pricelist_id
        policy, origin = template.aftersales_return_policy or "standard", template
        pricelist_policy = pricelist.aftersales_return_policy or "standard"
        if POLICY_RANK[pricelist_policy] > POLICY_RANK[policy]:
            policy, origin = pricelist_policy, pricelist
        return policy, origin

    def _return_check_submittable(self):
        """The application states, for each product, the delivery it came
        with, the reason and the solution asked, within what is left to
        return and what its return policy allows."""
        resolutions = dict(self._fields["resolution"]._description_selection(self.env))
        policies = dict(RETURN_POLICIES)
        seen = set()
        for line in self:
            product = line.product_id.display_name
            if not line.move_id:
                raise UserError(
                    self.env._(
                        "%(product)s: choose the delivery it came with (its delivered move).",
                        product=product,
                    )
                )
            if line.move_id in seen:
                raise UserError(
                    self.env._(
                        "%(product)s of %(delivery)s is on two lines: one line per delivered "
                        "product.",
                        product=product,
                        delivery=line.move_id.picking_id.display_name,
                    )
                )
            seen.add(line.move_id)
            if not line.problem:
                raise UserError(
                    self.env._(
                        "%(product)s: state the reason of the return and the product's "
                        "condition.",
                        product=product,
                    )
                )
            if not line.resolution:
                raise UserError(
                    self.env._(
                        "%(product)s: choose what the customer asks (refund, exchange, repair "
                        "or another solution).",
                        product=product,
                    )
                )
            left = line._return_returnable_qty()
            rounding = line.product_id.uom_id.rounding
            if float_compare(line.quantity, left, precision_rounding=rounding) > 0:
                raise UserError(
                    self.env._(
                        "Only %(quantity)s %(unit)s of %(product)s delivered by %(delivery)s "
                        "can still be returned.",
                        quantity=max(left, 0.0),
                        unit=line.product_id.uom_id.name,
                        product=product,
                        delivery=line.move_id.picking_id.display_name,
                    )
                )
            policy, origin = line._return_policy()
            if line.resolution not in POLICY_RESOLUTIONS[policy]:
                raise UserError(
                    self.env._(
                        "%(product)s follows the return policy “%(policy)s” of %(origin)s "
                        "(promotion or discount item): %(resolution)s is not allowed.",
                        product=product,
                        policy=policies[policy],
                        origin=origin.display_name,
                        resolution=resolutions[line.resolution],
                    )
                )
