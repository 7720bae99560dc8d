# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError


class OrderServiceVisitPart(models.Model):
    """A spare part the engineer takes on a visit (R-AFS-05, R-AFS-07): the
    quantity taken is reserved in the spare-parts stock when the visit starts,
    the quantity used is delivered to the customer when it is done."""

    _name = "order.service.visit.part"
    _description = "On-site Visit Spare Part"
    _inherit = ["order.workflow.mixin"]
    _order = "visit_id, sequence, id"

    _workflow_guarded_fields = ("move_id",)
    _workflow_fixed_fields = ("visit_id",)

    visit_id = fields.Many2one(
        comodel_name="order.service.visit",
        required=True,
        index=True,
        ondelete="cascade",
    )
    sequence = fields.Integer(default=10)
    company_id = fields.Many2one(related="visit_id.company_id", store=True, index=True)
    visit_state = fields.Selection(related="visit_id.state", string="Visit Status")
    product_id = fields.Many2one(
        comodel_name="product.product",
        string="Part",
        required=True,
        domain="[('is_storable', '=', True), "
        "'|', ('company_id', '=', False), ('company_id', '=', company_id)]",
    )
    tracking = fields.Selection(related="product_id.tracking")
    lot_id = fields.Many2one(
        comodel_name="stock.lot",
        string="Lot/Serial Number",
        domain="[('product_id', '=', product_id)]",
    )
    quantity = fields.Float(
        string="Taken", default=1.0, required=True, digits="Product Unit of Measure"
    )
    quantity_used = fields.Float(string="Used", digits="Product Unit of Measure")
    uom_id = fields.Many2one(related="product_id.uom_id", string="Unit")
    move_id = fields.Many2one(
        comodel_name="stock.move", string="Stock Move", readonly=True, copy=False
    )

    _sql_constraints = [
        ("quantity_positive", "CHECK(quantity > 0)", "A part is taken in a positive quantity."),
        (
            "used_within_taken",
            "CHECK(quantity_used >= 0 AND quantity_used <= quantity)",
            "The engineer uses at most the parts he took.",
        ),
    ]

    def _check_visit_editable(self, visits):
        """The parts of a done or cancelled visit no longer change; what was
        taken no longer changes once reserved (add a line instead)."""
        if self._workflow_is_trusted():
            return
        for visit in visits:
            if visit.state not in ("planned", "in_progress"):
                raise UserError(
                    self.env._(
                        "%(visit)s is closed: its spare parts can no longer change.",
                        visit=visit.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        visits = self.env["order.service.visit"].browse(
            {vals["visit_id"] for vals in vals_list if vals.get("visit_id")}
        )
        self._check_visit_editable(visits)
        lines = super().create(vals_list)
        # a part taken during the visit joins the reserved parts
        lines.visit_id.filtered(lambda v: v.state == "in_progress")._sync_parts_picking()
        return lines

    def write(self, vals):
        self._check_visit_editable(self.visit_id)
        taken = {"product_id", "lot_id", "quantity"}.intersection(vals)
        if taken and not self._workflow_is_trusted():
            for line in self.filtered("move_id"):
                if any(
                    not self._workflow_same(self._fields[name], line, vals[name]) for name in taken
                ):
                    raise UserError(
                        self.env._(
                            "%(part)s is taken already: record what was used, or add a line.",
                            part=line.product_id.display_name,
                        )
                    )
        return super().write(vals)

    def unlink(self):
        self._check_visit_editable(self.visit_id)
        moves = self.move_id.sudo().filtered(lambda m: m.state not in ("done", "cancel"))
        moves._action_cancel()
        return super().unlink()
