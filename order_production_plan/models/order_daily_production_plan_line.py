# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError

# what a client may change in each state of the plan (R-PLN-19): the plan
# while it is drafted, the actual output once it is approved, the reasons
# of a gap until the day is closed
DRAFT_FIELDS = frozenset(
    {
        "sequence",
        "workcenter_id",
        "product_id",
        "production_id",
        "order_qty",
        "outstanding_qty",
        "planned_qty",
        "equipment",
    }
)
ACTUAL_FIELDS = frozenset({"actual_day_qty", "actual_middle_qty"})
OPEN_FIELDS = frozenset({"reason_day", "reason_middle", "note"})
EDITABLE = {
    "draft": DRAFT_FIELDS | OPEN_FIELDS,
    "approved": ACTUAL_FIELDS | OPEN_FIELDS,
}


class OrderDailyProductionPlanLine(models.Model):
    """A machine's line of the daily production plan: what it makes today,
    the order's quantity, what is still owed (欠数), the quantity planned and
    the actual output of the day (白班) and middle (中班) shifts."""

    _name = "order.daily.production.plan.line"
    _description = "Daily Production Plan Line"
    _inherit = ["order.workflow.mixin"]
    _order = "plan_id, sequence, workcenter_id, id"
    _check_company_auto = True

    _workflow_state_field = "plan_state"
    _workflow_fixed_fields = ("plan_id",)
    _workflow_guarded_fields = (
        "workorder_id",
        "produced_start_qty",
        "actual_workorder_qty",
        "actual_qty",
        "achievement",
    )

    plan_id = fields.Many2one(
        comodel_name="order.daily.production.plan",
        required=True,
        ondelete="cascade",
        index=True,
    )
    plan_state = fields.Selection(related="plan_id.state", string="Plan State")
    company_id = fields.Many2one(related="plan_id.company_id", store=True, index=True)
    date = fields.Date(related="plan_id.date", store=True)
    sequence = fields.Integer(default=10)
    workcenter_id = fields.Many2one(
        comodel_name="mrp.workcenter",
        string="Machine",
        required=True,
        index=True,
        check_company=True,
    )
    equipment = fields.Char(help="设备: the equipment or mould used, as the workshop notes it.")
    product_id = fields.Many2one(comodel_name="product.product", required=True, check_company=True)
    production_id = fields.Many2one(
        comodel_name="mrp.production",
        string="Manufacturing Order",
        index="btree_not_null",
        check_company=True,
    )
    workorder_id = fields.Many2one(
        comodel_name="mrp.workorder",
        string="Work Order",
        readonly=True,
        index="btree_not_null",
        help="Set when the line is generated from the day's work orders: its output "
        "is read from the work order.",
    )
    order_qty = fields.Float(string="Order Quantity", digits="Product Unit of Measure")
    outstanding_qty = fields.Float(
        string="Outstanding",
        digits="Product Unit of Measure",
        help="欠数: the manufacturing order's quantity not produced yet when the plan "
        "was drawn up.",
    )
    planned_qty = fields.Float(string="Planned", digits="Product Unit of Measure")
    produced_start_qty = fields.Float(
        string="Produced Before",
        digits="Product Unit of Measure",
        readonly=True,
        help="What the work order had produced when the plan was drawn up.",
    )
    actual_workorder_qty = fields.Float(
        string="Work Order Output",
        digits="Product Unit of Measure",
        readonly=True,
        help="Produced by the work order since the plan was drawn up, as read when "
        "the day is closed.",
    )
    actual_day_qty = fields.Float(string="Day Shift", digits="Product Unit of Measure")
    actual_middle_qty = fields.Float(string="Middle Shift", digits="Product Unit of Measure")
    reason_day = fields.Char(string="Day Shift Reason")
    reason_middle = fields.Char(string="Middle Shift Reason")
    note = fields.Char()
    actual_qty = fields.Float(
        string="Actual",
        compute="_compute_actual",
        store=True,
        digits="Product Unit of Measure",
        help="The work order's output for a line generated from one, else the day and "
        "middle shifts entered by the workshop.",
    )
    achievement = fields.Float(
        string="Achievement (%)", compute="_compute_actual", store=True, aggregator="avg"
    )

    @api.depends(
        "workorder_id", "actual_workorder_qty", "actual_day_qty", "actual_middle_qty", "planned_qty"
    )
    def _compute_actual(self):
        for line in self:
            shifts = line.actual_day_qty + line.actual_middle_qty
            line.actual_qty = line.actual_workorder_qty if line.workorder_id else shifts
            line.achievement = (
                round(100.0 * line.actual_qty / line.planned_qty, 2) if line.planned_qty else 0.0
            )

    # ------------------------------------------------------------------
    # What may change in which state
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        if not self._workflow_is_trusted():
            # the keys the client sent, not a constant: actual output entered
            # at creation would skip the approval (R-PLN-19)
            for line, vals in zip(lines, vals_list, strict=True):
                line._check_editable(set(vals), creating=True)
        return lines

    def write(self, vals):
        if not self._workflow_is_trusted():
            self._check_editable(vals)
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_if_draft(self):
        if not self._workflow_is_trusted():
            self._check_editable(DRAFT_FIELDS)

    def _check_editable(self, fnames, creating=False):
        for line in self:
            allowed = EDITABLE.get(line.plan_id.state, frozenset())
            if creating:
                # a new line takes the plan's fields only: no output yet
                allowed = allowed - ACTUAL_FIELDS
            changed = [
                name
                for name in fnames
                if name in self._fields
                and name not in allowed
                and name not in self._workflow_guarded()
                and name not in self._workflow_fixed_fields
                and (
                    not isinstance(fnames, dict)
                    or not self._workflow_same(self._fields[name], line, fnames[name])
                )
            ]
            if changed:
                raise UserError(
                    self.env._(
                        "%(plan)s is %(state)s: %(fields)s can no longer change.",
                        plan=line.plan_id.display_name,
                        state=dict(
                            line.plan_id._fields["state"]._description_selection(self.env)
                        ).get(line.plan_id.state),
                        fields=", ".join(
                            self._fields[name].get_description(self.env)["string"]
                            for name in changed
                        ),
                    )
                )

    def _read_workorder_output(self):
        """The output of the lines' work orders since the plan was drawn up
        (``mrp.workorder.qty_produced``, set when a work order or its
        manufacturing order is finished)."""
        lines = self.filtered("workorder_id")
        # one write per output value, not per line
        by_output = defaultdict(lambda: self.browse())
        for line in lines:
            produced = max(line.workorder_id.qty_produced - line.produced_start_qty, 0.0)
            if produced != line.actual_workorder_qty:
                by_output[produced] |= line
        for produced, changed in by_output.items():
            changed._workflow_write({"actual_workorder_qty": produced})
