# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare

COMPARED_FIELDS = ("product_id", "name", "product_uom_qty", "price_unit")


class OrderChangeNoticeLine(models.Model):
    """One line of the order as the customer wants it. The values before the
    change are copied when the notice is created, so the notice keeps what the
    order said even after it is applied."""

    _name = "order.change.notice.line"
    _description = "Change Notice Line"
    _order = "notice_id, sequence, id"

    notice_id = fields.Many2one(
        comodel_name="order.change.notice", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    sale_line_id = fields.Many2one(
        comodel_name="sale.order.line",
        string="Order Line",
        help="Empty for a line the change adds.",
    )
    product_id = fields.Many2one(comodel_name="product.product", required=True)
    name = fields.Text(string="Description / Specification")
    product_uom_qty = fields.Float(string="Quantity", digits="Product Unit of Measure")
    price_unit = fields.Float(string="Unit Price", digits="Product Price")
    old_product_id = fields.Many2one(comodel_name="product.product", readonly=True)
    old_name = fields.Text(readonly=True)
    old_product_uom_qty = fields.Float(digits="Product Unit of Measure", readonly=True)
    old_price_unit = fields.Float(digits="Product Price", readonly=True)
    purchase_line_id = fields.Many2one(
        comodel_name="purchase.order.line",
        string="Purchase Order Line",
        help="Empty for a line the change adds.",
    )
    qty_done = fields.Float(
        string="Shipped / Received",
        compute="_compute_qty_done",
        digits="Product Unit of Measure",
    )
    change = fields.Selection(
        selection=[
            ("same", "Unchanged"),
            ("changed", "Changed"),
            ("added", "Added"),
            ("removed", "Removed"),
        ],
        compute="_compute_change",
        store=True,
    )

    # What the reviewers approve is what gets applied: lines change only
    # while their notice is a draft.
    @api.model_create_multi
    def create(self, vals_list):
        # the values before are the order line's, whatever the client sent
        for vals in vals_list:
            for fname in self._order_line_fields():
                if vals.get(fname):
                    order_line = self.env[self._fields[fname].comodel_name].browse(vals[fname])
                    old = order_line.order_id._change_prepare_notice_line_vals(order_line)
                    vals.update({key: value for key, value in old.items() if key[:4] == "old_"})
        lines = super().create(vals_list)
        lines.notice_id._workflow_check_frozen(["line_ids"])
        return lines

    def write(self, vals):
        self.notice_id._workflow_check_frozen(["line_ids"])
        fixed = [key for key in vals if key[:4] == "old_" or key in self._order_line_fields()]
        if fixed and not self.env["order.change.notice"]._workflow_is_trusted():
            raise UserError(
                self.env._(
                    "A change notice line keeps the order line it changes and the values "
                    "before the change: add a line instead."
                )
            )
        return super().write(vals)

    def unlink(self):
        self.notice_id._workflow_check_frozen(["line_ids"])
        return super().unlink()

    @api.constrains(lambda self: ["notice_id", *self._order_line_fields()])
    def _check_order_line(self):
        """A line changes a line of its notice's order, and of no other."""
        for line in self:
            order_line = line._get_order_line()
            document = line.notice_id._get_document()
            if not order_line:
                continue
            others = [f for f in self._order_line_fields() if line[f] and line[f] != order_line]
            if others or order_line.order_id != document:
                raise UserError(
                    self.env._(
                        "%(notice)s changes %(order)s: its lines can only change lines of that "
                        "order.",
                        notice=line.notice_id.display_name,
                        order=document.display_name,
                    )
                )

    @api.model
    def _order_line_fields(self):
        """Names of the fields pointing to an order line (one per document
        type taking change notices: ``order.change.line.mixin``)."""
        line_models = self.env.registry.descendants(["order.change.line.mixin"], "_inherit")
        return [
            name
            for name, field in self._fields.items()
            if field.type == "many2one" and field.comodel_name in line_models
        ]

    def _get_order_line(self):
        """The order line this line changes (empty: added)."""
        self.ensure_one()
        fnames = self._order_line_fields()
        for fname in fnames:
            if self[fname]:
                return self[fname]
        return self[fnames[0]]

    # the order line fields of every document type (extended by each)
    @api.depends("sale_line_id.qty_delivered", "purchase_line_id.qty_received")
    def _compute_qty_done(self):
        for line in self:
            order_line = line._get_order_line()
            line.qty_done = order_line._change_qty_done() if order_line else 0.0

    @api.onchange("product_id")
    def _onchange_product_id(self):
        for line in self.filtered(lambda item: not item._get_order_line() and item.product_id):
            line.name = line.product_id.get_product_multiline_description_sale()
            line.price_unit = line.product_id.lst_price

    @api.depends(
        "sale_line_id",
        "purchase_line_id",
        "product_id",
        "name",
        "product_uom_qty",
        "price_unit",
        "old_product_id",
        "old_name",
        "old_product_uom_qty",
        "old_price_unit",
    )
    def _compute_change(self):
        for line in self:
            if not line._get_order_line():
                line.change = "added"
            elif not line.product_uom_qty and line.old_product_uom_qty:
                line.change = "removed"
            elif line._get_diff():
                line.change = "changed"
            else:
                line.change = "same"

    def _get_diff(self):
        """[(field name, before, after)] of what this line changes."""
        self.ensure_one()
        order_line = self._get_order_line()
        if not order_line:
            return []
        diff = []
        for fname in COMPARED_FIELDS:
            before, after = self[f"old_{fname}"], self[fname]
            if fname == "product_uom_qty":
                rounding = order_line.product_uom.rounding or 0.001
                equal = float_compare(before, after, precision_rounding=rounding) == 0
            elif fname == "price_unit":
                equal = float_compare(before, after, precision_digits=6) == 0
            else:
                equal = (before or False) == (after or False)
            if not equal:
                diff.append((fname, before, after))
        return diff
