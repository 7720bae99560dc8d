# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from contextlib import nullcontext
from datetime import datetime, timedelta

from markupsafe import Markup

from odoo import fields, models
from odoo.exceptions import UserError

from .utils import related_counts

# how long a manager's direct change stays open
DIRECT_CHANGE_HOURS = 1


class OrderChangeMixin(models.AbstractModel):
    """An order that takes change notices once confirmed (sale: the customer's
    changes; purchase: the supplier's).

    Where the company asks for it (``order_change_control``), the reviewed
    fields of a confirmed order change only through an approved change notice
    (its application runs as a workflow transition); a manager may open the
    order for a direct change, with a reason, for an hour: each change is then
    written in the chatter with its old and new values.

    Configuration, on the inheriting class:

    * ``_change_notice_field``: the notice's field pointing to the order;
    * ``_change_confirmed_states``: the states in which the order changes
      only through a notice;
    * the header fields so controlled are the ones the review watched
      (``_review_watched_fields``) and ``_change_extra_fields`` (the lines:
      ``order.change.line.mixin``).

    How a change notice reads and writes the order (the notice itself knows
    no document type: a new one — production plan, after-sales order — adds
    its Many2one on ``order.change.notice`` and on its lines, inherits this
    mixin and ``order.change.line.mixin``, and declares):

    * ``_change_line_field``: the notice line's field pointing to the order
      line (``sale_line_id``, ``purchase_line_id``);
    * ``_change_qty_field``: the order line's quantity field;
    * ``_change_date_field``: the order's delivery date, which the notice's
      ``commitment_date`` changes;
    * :meth:`_change_header_map`: ``{notice field: order field}`` of every
      header value a notice changes (the date, the delivery address…); the
      notice keeps the value before in ``old_<notice field>``;
    * :meth:`_change_lines`: the order lines a notice copies;
    * :meth:`_change_prepare_notice_line_vals`: a notice line from an order
      line; :meth:`_change_prepare_line_vals`: the order line's values from
      an approved notice line (written, or created for an added line);
    * :meth:`_change_apply_notice`: the whole application, inside
      :meth:`_change_apply_context` (a locked order is unlocked for it and
      locked again) with :meth:`_change_apply_header` for the header;
    * :meth:`_change_impacted_documents`: the documents Odoo derived from
      the order (pickings, manufacturing and purchase orders), with their
      done quantity and whether Odoo can no longer adjust them by itself;
    * :meth:`_change_consulted_department_code`: the department that must
      acknowledge a notice before it is applied (a purchase quantity
      reduced: planning, R-REV-22).

    The order lines tell what was already shipped or received through
    ``order.change.line.mixin._change_qty_done``.
    """

    _name = "order.change.mixin"
    _inherit = ["order.workflow.mixin"]
    _description = "Order Taking Change Notices"

    _change_notice_field = "order_id"
    _change_confirmed_states = ()
    _change_extra_fields = ()
    _change_line_field = None
    _change_qty_field = "product_uom_qty"
    _change_date_field = None
    _workflow_guarded_fields = (
        "change_direct_user_id",
        "change_direct_until",
        "change_direct_reason",
    )

    change_notice_count = fields.Integer(compute="_compute_change_notice_count")
    change_direct_user_id = fields.Many2one(
        comodel_name="res.users", string="Direct Change By", readonly=True, copy=False
    )
    change_direct_until = fields.Datetime(string="Direct Change Until", readonly=True, copy=False)
    change_direct_reason = fields.Text(string="Direct Change Reason", readonly=True, copy=False)

    def _compute_change_notice_count(self):
        field = self._change_notice_field
        counts = related_counts(self, "order.change.notice", field)
        for order in self:
            order.change_notice_count = counts.get(order, 0)

    def action_change_order(self):
        """合同订单更改通知单: a new change notice on this confirmed order."""
        self.ensure_one()
        notice = self.env["order.change.notice"].create({self._change_notice_field: self.id})
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Change Notice"),
            "res_model": "order.change.notice",
            "res_id": notice.id,
            "view_mode": "form",
        }

    def action_view_change_notices(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Change Notices"),
            "res_model": "order.change.notice",
            "view_mode": "list,form",
            "domain": [(self._change_notice_field, "=", self.id)],
            "context": {f"default_{self._change_notice_field}": self.id},
        }

    # ------------------------------------------------------------------
    # How a change notice reads and writes the order (hooks)
    # ------------------------------------------------------------------
    def _change_is_confirmed(self):
        """Whether the order takes a change notice now."""
        self.ensure_one()
        return self[self._review_state_field] in self._change_confirmed_states

    def _change_header_map(self):
        """{notice field: order field} of the header values a notice changes."""
        return {"commitment_date": self._change_date_field} if self._change_date_field else {}

    def _change_lines(self):
        """The order lines a notice copies (sections, notes and the lines
        Odoo adds by itself stay out)."""
        self.ensure_one()
        lines = self.order_line
        return lines - lines._change_line_exempt()

    def _change_prepare_notice_line_vals(self, line):
        """The values of the notice line copying the order line `line`."""
        qty = line[self._change_qty_field]
        return {
            "sequence": line.sequence,
            self._change_line_field: line.id,
            "product_id": line.product_id.id,
            "name": line.name,
            "product_uom_qty": qty,
            "price_unit": line.price_unit,
            "old_product_id": line.product_id.id,
            "old_name": line.name,
            "old_product_uom_qty": qty,
            "old_price_unit": line.price_unit,
        }

    def _change_snapshot(self):
        """The order as it is now: kept by each notice (its header values by
        the notice's field names, its lines)."""
        self.ensure_one()
        header = {}
        for notice_field, order_field in self._change_header_map().items():
            value = self[order_field]
            if isinstance(value, models.BaseModel):
                value = value.id
            elif isinstance(value, datetime):
                value = fields.Datetime.to_string(value)
            header[notice_field] = value
        return {
            **header,
            "lines": [
                {
                    "id": line.id,
                    "product_id": line.product_id.id,
                    "product": line.product_id.display_name,
                    "name": line.name,
                    "product_uom_qty": line[self._change_qty_field],
                    "price_unit": line.price_unit,
                }
                for line in self._change_lines()
            ],
        }

    def _change_prepare_line_vals(self, notice_line, notice):
        """The values an approved notice line writes on its order line, or
        creates (an added line)."""
        self.ensure_one()
        vals = {
            self._change_qty_field: notice_line.product_uom_qty,
            "price_unit": notice_line.price_unit,
        }
        if notice_line.change == "added":
            vals.update(
                order_id=self.id,
                product_id=notice_line.product_id.id,
                name=notice_line.name or notice_line.product_id.display_name,
            )
            return vals
        if (notice_line.name or "") != (notice_line.old_name or ""):
            vals["name"] = notice_line.name
        if notice_line.product_id != notice_line.old_product_id:
            vals["product_id"] = notice_line.product_id.id
        return vals

    def _change_create_line(self, vals):
        """Add the line of an approved notice to the order."""
        return self.order_line.create(vals)

    def _change_apply_context(self):
        """Context manager around the application of a notice (override:
        unlock a locked order and lock it again)."""
        return nullcontext()

    def _change_apply_header(self, vals):
        """Write the header values of an approved notice (order fields)."""
        self.write(vals)

    def _change_apply_notice(self, notice):
        """Write an approved notice on the order: its lines, then its header
        values. Runs inside the notice's transition."""
        self.ensure_one()
        with self._change_apply_context():
            for notice_line in notice.line_ids.filtered(lambda item: item.change != "same"):
                vals = self._change_prepare_line_vals(notice_line, notice)
                if notice_line.change == "added":
                    self._change_create_line(vals)
                else:
                    notice_line._get_order_line().write(vals)
            header = {}
            for notice_field, order_field in self._change_header_map().items():
                field = notice._fields[notice_field]
                new = field.convert_to_write(notice[notice_field], notice)
                old = field.convert_to_write(notice[f"old_{notice_field}"], notice)
                if (new or False) != (old or False):
                    header[order_field] = new
            if header:
                self._change_apply_header(header)

    def _change_impacted_documents(self):
        """[(record, done quantity, started)] of the documents Odoo derived
        from the order; `started`: Odoo can no longer adjust it by itself
        (an activity asks its responsible once a notice is applied)."""
        self.ensure_one()
        impacts = []
        for picking in self.picking_ids if "picking_ids" in self._fields else []:
            done = sum(picking.move_ids.filtered(lambda m: m.state == "done").mapped("quantity"))
            impacts.append((picking, done, False))
        return impacts

    def _change_consulted_department_code(self, notice):
        """Code of the department (``order.department``) that acknowledges
        `notice` before it is applied, or False."""
        return False

    # ------------------------------------------------------------------
    # Confirmed orders change through change notices
    # ------------------------------------------------------------------
    def _change_controlled(self):
        """The orders whose reviewed fields change only through a notice."""
        return self.filtered(
            lambda o: o.company_id.order_change_control
            and o[o._review_state_field] in o._change_confirmed_states
        )

    def _change_check_direct(self, changes):
        """Refuse a direct change of controlled orders, unless a suite
        transition (a change notice applied) or the manager who opened the
        order for a direct change makes it; then the chatter tells what
        changed. `changes`: {order: [(label, before, after)]}."""
        controlled = self._change_controlled()
        if not controlled or self._workflow_is_trusted():
            return
        now = fields.Datetime.now()
        closed = controlled.filtered(
            lambda o: o.change_direct_user_id != self.env.user
            or not o.change_direct_until
            or o.change_direct_until <= now
        )
        if closed:
            raise UserError(
                self.env._(
                    "%(orders)s: a confirmed order changes through a change notice. Use Change "
                    "Order (a manager may force a direct change, with a reason).",
                    orders=", ".join(closed.mapped("display_name")),
                )
            )
        for order in controlled:
            rows = changes.get(order) or []
            if rows:
                order._message_log(
                    body=Markup("<p>%s</p><ul>%s</ul>")
                    % (
                        self.env._(
                            "Direct change by %(user)s (%(reason)s):",
                            user=self.env.user.name,
                            reason=order.change_direct_reason,
                        ),
                        Markup("").join(Markup("<li>%s: %s → %s</li>") % row for row in rows),
                    )
                )

    @staticmethod
    def _change_display(record, fname, value=None):
        """A field's value as the chatter shows it."""
        field = record._fields[fname]
        if value is None:
            value = record[fname]
        else:
            value = field.convert_to_record(field.convert_to_cache(value, record), record)
        if field.type in ("many2one", "many2many", "one2many"):
            return ", ".join(value.mapped("display_name"))
        if field.type == "datetime" and value:
            return fields.Datetime.context_timestamp(record, value).strftime("%Y-%m-%d %H:%M")
        return "" if value is False or value is None else str(value)

    def write(self, vals):
        controlled = [
            f for f in (*self._review_watched_fields, *self._change_extra_fields) if f in vals
        ]
        if controlled and self._change_controlled():
            changes = {}
            for order in self:
                rows = []
                for fname in controlled:
                    before = self._change_display(order, fname)
                    after = self._change_display(order, fname, vals[fname])
                    if before != after:
                        label = order._fields[fname].get_description(self.env)["string"]
                        rows.append((label, before, after))
                if rows:
                    changes[order] = rows
            if changes:
                self.browse([o.id for o in changes])._change_check_direct(changes)
        return super().write(vals)

    def action_direct_change(self):
        """A manager opens the order for a direct change (wizard: the reason)."""
        self.ensure_one()
        self._change_check_manager()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Direct Change"),
            "res_model": "order.direct.change",
            "view_mode": "form",
            "target": "new",
            "context": {"default_res_model": self._name, "default_res_id": self.id},
        }

    def _change_check_manager(self):
        if not self.env.su and not self.env.user.has_group(
            "order_exception.group_order_exception_manager"
        ):
            raise UserError(self.env._("Only an exception manager forces a direct change."))

    def _change_open_direct(self, reason):
        """Open the order for the current manager's direct changes."""
        self._change_check_manager()
        if not (reason or "").strip():
            raise UserError(self.env._("Write why the order is changed directly."))
        until = fields.Datetime.now() + timedelta(hours=DIRECT_CHANGE_HOURS)
        self._workflow_write(
            {
                "change_direct_user_id": self.env.user.id,
                "change_direct_until": until,
                "change_direct_reason": reason.strip(),
            }
        )
        for order in self:
            order._message_log(
                body=self.env._(
                    "%(user)s opened the confirmed order for a direct change: %(reason)s",
                    user=self.env.user.name,
                    reason=reason.strip(),
                )
            )

    def action_direct_change_end(self):
        self._change_check_manager()
        open_ = self.filtered("change_direct_user_id")
        open_._workflow_write({"change_direct_until": fields.Datetime.now()})
        return True
