# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class OrderShippingNoticeLine(models.Model):
    """A line of goods of a shipping notice: what the finished-goods keeper
    checks (R-PLN-42): product, specification, model, quantity, spares or
    matching parts."""

    _name = "order.shipping.notice.line"
    _description = "Shipping Notice Line"
    _inherit = ["order.workflow.mixin"]
    _order = "notice_id, sequence, id"

    _workflow_fixed_fields = ("notice_id", "sale_line_id")
    _workflow_state_field = "notice_state"
    _workflow_frozen_fields = ("product_id", "name", "model", "quantity", "spares")

    sequence = fields.Integer(default=10)
    notice_id = fields.Many2one(
        comodel_name="order.shipping.notice",
        required=True,
        ondelete="cascade",
        index=True,
    )
    notice_state = fields.Selection(related="notice_id.state", string="Notice Status")
    company_id = fields.Many2one(related="notice_id.company_id", store=True, index=True)
    sale_line_id = fields.Many2one(comodel_name="sale.order.line", ondelete="set null")
    product_id = fields.Many2one(comodel_name="product.product", required=True)
    name = fields.Text(string="Specification", help="产品规格")
    model = fields.Char(help="型号: the product's internal reference.")
    quantity = fields.Float(digits="Product Unit of Measure")
    product_uom_id = fields.Many2one(comodel_name="uom.uom", string="Unit")
    spares = fields.Text(
        string="Spares / Matching Parts",
        help="备件或配套件要求: spares and matching parts shipped with the goods.",
    )

    @api.constrains("notice_id", "sale_line_id")
    def _check_sale_line(self):
        for line in self.sudo():
            if line.sale_line_id and line.sale_line_id.order_id != line.notice_id.sale_order_id:
                raise ValidationError(
                    self.env._(
                        "%(notice)s: %(line)s is not a line of %(order)s.",
                        notice=line.notice_id.display_name,
                        line=line.sale_line_id.display_name,
                        order=line.notice_id.sale_order_id.display_name,
                    )
                )

    def _check_notice_draft(self, notices):
        """The goods are added or removed only on a draft notice (R-PLN-42)."""
        if self._workflow_is_trusted():
            return
        issued = notices.filtered(lambda n: n.state != "draft")
        if issued:
            raise UserError(
                self.env._(
                    "%(notices)s: the goods of an issued notice can no longer change.",
                    notices=", ".join(issued.mapped("display_name")),
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        self._check_notice_draft(
            self.env["order.shipping.notice"].browse(
                {vals["notice_id"] for vals in vals_list if vals.get("notice_id")}
            )
        )
        return super().create(vals_list)

    def unlink(self):
        self._check_notice_draft(self.notice_id)
        return super().unlink()
