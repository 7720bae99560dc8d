# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError


class OrderProductionInstructionLine(models.Model):
    """A product of a production instruction: what the order asks, frozen
    once the instruction is issued."""

    _name = "order.production.instruction.line"
    _inherit = ["order.workflow.mixin"]
    _description = "Production Instruction Line"
    _order = "instruction_id, sequence, id"

    _workflow_fixed_fields = ("instruction_id",)
    _workflow_state_field = "instruction_state"
    _workflow_frozen_fields = (
        "instruction_id",
        "sale_line_id",
        "product_id",
        "name",
        "product_uom_qty",
        "product_uom_id",
        "sequence",
    )

    instruction_id = fields.Many2one(
        comodel_name="order.production.instruction",
        required=True,
        ondelete="cascade",
        index=True,
    )
    instruction_state = fields.Selection(related="instruction_id.state", string="State")
    company_id = fields.Many2one(related="instruction_id.company_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    sale_line_id = fields.Many2one(
        comodel_name="sale.order.line",
        string="Order Line",
        ondelete="set null",
        index="btree_not_null",
    )
    product_id = fields.Many2one(comodel_name="product.product", required=True)
    name = fields.Text(string="Specification")
    product_uom_qty = fields.Float(
        string="Quantity", digits="Product Unit of Measure", required=True, default=1.0
    )
    product_uom_id = fields.Many2one(comodel_name="uom.uom", string="Unit")
    complete_set = fields.Boolean(related="product_id.order_complete_set")

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines._check_instruction_draft()
        return lines

    @api.ondelete(at_uninstall=False)
    def _unlink_if_draft(self):
        self._check_instruction_draft()

    def _check_instruction_draft(self):
        if self._workflow_is_trusted():
            return
        for line in self:
            if line.instruction_id.state != "draft":
                raise UserError(
                    self.env._(
                        "%(instruction)s is issued: its products can no longer change.",
                        instruction=line.instruction_id.display_name,
                    )
                )
