# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models


class OrderChangeLineMixin(models.AbstractModel):
    """Lines of an order taking change notices: on a controlled confirmed
    order (``order.change.mixin``) they are added, changed and removed only
    through a change notice, or by the manager who opened the order for a
    direct change.

    The controlled line fields are the ones the review judged
    (``_review_line_watched_fields`` of ``order.review.line.mixin``) and
    ``_change_line_extra_fields`` (the description), less
    ``_change_line_free_fields`` (what Odoo moves by itself, e.g. a purchase
    line's expected date following its receipt);
    ``_change_line_exempt()`` / ``_change_line_exempt_new()``: lines (new
    lines) Odoo adds by itself which stay free (down payments, sections…);
    ``_change_qty_done()``: what was already shipped or received (a change
    notice cannot lower the quantity below it).
    """

    _name = "order.change.line.mixin"
    _description = "Order Line Taking Change Notices"

    _change_line_extra_fields = ("name",)
    _change_line_free_fields = ()

    def _change_line_controlled_fields(self):
        watched = (
            *getattr(self, "_review_line_watched_fields", ()),
            *self._change_line_extra_fields,
        )
        return [fname for fname in watched if fname not in self._change_line_free_fields]

    def _change_line_exempt(self):
        return self.filtered(lambda line: line.display_type)

    def _change_line_exempt_new(self):
        """New lines that stay free (override)."""
        return self.browse()

    def _change_qty_done(self):
        """The quantity already shipped or received (override)."""
        self.ensure_one()
        return 0.0

    def _change_line_label(self):
        self.ensure_one()
        return self.product_id.display_name or self.name or ""

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        checked = lines - lines._change_line_exempt() - lines._change_line_exempt_new()
        if checked:
            added = self.env._("added")
            changes = {}
            for line in checked:
                changes.setdefault(line.order_id, []).append((line._change_line_label(), "", added))
            checked.order_id._change_check_direct(changes)
        return lines

    def write(self, vals):
        controlled = [f for f in self._change_line_controlled_fields() if f in vals]
        checked = self - self._change_line_exempt() if controlled else self.browse()
        if checked and checked.order_id._change_controlled():
            changes = {}
            for line in checked:
                for fname in controlled:
                    before = line.order_id._change_display(line, fname)
                    after = line.order_id._change_display(line, fname, vals[fname])
                    if before != after:
                        label = line._fields[fname].get_description(self.env)["string"]
                        changes.setdefault(line.order_id, []).append(
                            (f"{line._change_line_label()} · {label}", before, after)
                        )
            if changes:
                checked.order_id._change_check_direct(changes)
        return super().write(vals)

    def unlink(self):
        checked = self - self._change_line_exempt()
        if checked and checked.order_id._change_controlled():
            removed = self.env._("removed")
            changes = {}
            for line in checked:
                changes.setdefault(line.order_id, []).append(
                    (line._change_line_label(), "", removed)
                )
            checked.order_id._change_check_direct(changes)
        return super().unlink()
