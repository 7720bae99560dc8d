# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import math

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.osv import expression
from odoo.tools import float_compare, float_is_zero, float_round, formatLang


def rounding_digits(rounding):
    """The decimals a rounding shows (0.01: 2; 1: 0)."""
    if not rounding or rounding >= 1:
        return 0
    return max(0, math.ceil(-math.log10(rounding) - 1e-9))


SERIOUS_PROBLEMS = [
    ("spec_mismatch", "Specification/Model Mismatch"),
    ("missing_parts", "Missing Parts"),
    ("appearance", "Poor Appearance"),
    ("quantity_mismatch", "Quantity Differs From the Delivery Note"),
]


class StockPicking(models.Model):
    """Incoming inspection of a received batch (R-EXC-10).

    The batch pass rate (批量合格率) is the qualified quantity over the
    inspected quantity of the receipt. Below the company threshold (95 % by
    default), or with a serious problem, the batch goes straight to the heads
    of QC and purchasing: recording the inspection runs the exception rules.
    Goods accepted at a reduced price (降价让步接收, R-PLN-35) wait for a
    department head's approval, kept in the chatter.
    """

    _name = "stock.picking"
    _inherit = ["stock.picking", "order.exception.rule.mixin"]

    _exception_confirm_method = "button_validate"
    _exception_report_field = "picking_id"
    # set by Record Inspection and the head's approve / refuse buttons only
    _workflow_guarded_fields = (
        "qc_state",
        "qc_inspector_id",
        "qc_inspection_date",
        "qc_concession_state",
        "qc_concession_approved_by_id",
        "qc_concession_approved_date",
        "qc_concession_activity_id",
    )

    # the department whose head approves concessions (order_review departments)
    _qc_purchasing_department_code = "PUR"

    qc_state = fields.Selection(
        selection=[("to_inspect", "To Inspect"), ("inspected", "Inspected")],
        string="Inspection",
        compute="_compute_qc_state",
        store=True,
        readonly=True,
        copy=False,
        index="btree_not_null",
        tracking=True,
        help="Incoming inspection status; receipts only.",
    )
    qc_inspected_qty = fields.Float(
        string="Inspected Quantity",
        digits="Product Unit of Measure",
        compute="_compute_qc_totals",
        store=True,
    )
    qc_accepted_qty = fields.Float(
        string="Qualified Quantity",
        digits="Product Unit of Measure",
        compute="_compute_qc_totals",
        store=True,
    )
    qc_pass_rate = fields.Float(
        string="Batch Pass Rate (%)",
        digits=(16, 2),
        compute="_compute_qc_totals",
        store=True,
        aggregator="avg",
        help="Qualified quantity / inspected quantity × 100 (批量合格率, R-EXC-10).",
    )
    qc_below_threshold = fields.Boolean(
        string="Pass Rate Below Threshold",
        compute="_compute_qc_below_threshold",
        search="_search_qc_below_threshold",
        help="The inspected batch passed less than the company's pass rate threshold.",
    )
    qc_serious_problem = fields.Selection(
        selection=SERIOUS_PROBLEMS,
        string="Serious Problem",
        copy=False,
        tracking=True,
        help="A serious problem sends the batch straight to the heads of QC and "
        "purchasing, whatever its pass rate (R-EXC-10).",
    )
    qc_inspector_id = fields.Many2one(
        comodel_name="res.users", string="Inspector", readonly=True, copy=False
    )
    qc_inspection_date = fields.Datetime(string="Inspected On", readonly=True, copy=False)
    qc_note = fields.Text(string="Inspection Note", copy=False)
    qc_concession_state = fields.Selection(
        selection=[
            ("none", "No Concession"),
            ("to_approve", "To Approve"),
            ("approved", "Approved"),
            ("refused", "Refused"),
        ],
        string="Concession",
        default="none",
        readonly=True,
        copy=False,
        tracking=True,
        help="Acceptance of rejected goods at a reduced price (降价让步接收), "
        "approved by a department head.",
    )
    qc_concession_approved_by_id = fields.Many2one(
        comodel_name="res.users", string="Concession Decided By", readonly=True, copy=False
    )
    qc_concession_approved_date = fields.Datetime(
        string="Concession Decided On", readonly=True, copy=False
    )
    qc_concession_reason = fields.Text(
        string="Concession Reason",
        copy=False,
        help="Why the rejected goods are accepted at a reduced price.",
    )
    qc_concession_activity_id = fields.Many2one(
        comodel_name="mail.activity",
        string="Concession Activity",
        readonly=True,
        copy=False,
        ondelete="set null",
    )

    @api.depends("picking_type_code")
    def _compute_qc_state(self):
        for picking in self:
            if picking.picking_type_code != "incoming":
                picking.qc_state = False
            elif not picking.qc_state:
                picking.qc_state = "to_inspect"

    @api.depends("move_ids.qc_inspected_qty", "move_ids.qc_accepted_qty")
    def _compute_qc_totals(self):
        # Only the inspection figures trigger it (not the moves' states: a
        # validation does not recompute every transfer's totals); move_ids is
        # prefetched for the whole batch: no query per picking
        for picking in self:
            moves = picking.move_ids
            inspected = sum(moves.mapped("qc_inspected_qty"))
            accepted = sum(moves.mapped("qc_accepted_qty"))
            picking.qc_inspected_qty = inspected
            picking.qc_accepted_qty = accepted
            picking.qc_pass_rate = (
                float_round(100.0 * accepted / inspected, precision_digits=2)
                if inspected > 0
                else 0.0
            )

    @api.depends("qc_state", "qc_pass_rate", "company_id.order_qc_pass_rate_threshold")
    def _compute_qc_below_threshold(self):
        for picking in self:
            picking.qc_below_threshold = (
                picking.qc_state == "inspected"
                and float_compare(
                    picking.qc_pass_rate,
                    picking.company_id.order_qc_pass_rate_threshold,
                    precision_digits=2,
                )
                < 0
            )

    def _search_qc_below_threshold(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on the pass rate threshold."))
        companies = self.env["res.company"].sudo().search([])
        domain = expression.AND(
            [
                [("qc_state", "=", "inspected")],
                expression.OR(
                    [
                        [
                            ("company_id", "=", company.id),
                            ("qc_pass_rate", "<", company.order_qc_pass_rate_threshold),
                        ]
                        for company in companies
                    ]
                ),
            ]
        )
        if (operator == "=") == value:
            return domain
        return ["!", *domain]

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def _check_qc_head(self):
        if not self.env.su and not self.env.user.has_group(
            "order_exception.group_order_exception_head"
        ):
            raise AccessError(
                self.env._("Only a department head can approve or refuse a concession.")
            )

    def _qc_purchasing_head(self):
        """The head of the purchasing department (采购部), if one is set."""
        self.ensure_one()
        return (
            self.env["order.department"]
            .sudo()
            ._get_by_code(self._qc_purchasing_department_code, self.company_id)
            .manager_id
        )

    def _qc_check_can_record(self):
        for picking in self:
            if picking.picking_type_code != "incoming":
                raise UserError(
                    self.env._(
                        "%(picking)s is not a receipt: only received goods are inspected.",
                        picking=picking.display_name,
                    )
                )
            if picking.state == "cancel":
                raise UserError(
                    self.env._(
                        "%(picking)s is cancelled: there is nothing to inspect.",
                        picking=picking.display_name,
                    )
                )
            if picking.qc_concession_state in ("approved", "refused"):
                raise UserError(
                    self.env._(
                        "The concession of %(picking)s was already decided: its inspection "
                        "cannot be recorded again.",
                        picking=picking.display_name,
                    )
                )
            if float_is_zero(picking.qc_inspected_qty, precision_digits=6):
                raise UserError(
                    self.env._(
                        "%(picking)s: enter the inspected quantities before recording the "
                        "inspection.",
                        picking=picking.display_name,
                    )
                )
            if picking.state == "done" and picking._qc_concession_moves():
                raise UserError(
                    self.env._(
                        "%(picking)s is already validated: a concession is decided before the "
                        "goods are received, so that they are received and billed at the "
                        "reduced price.",
                        picking=picking.display_name,
                    )
                )
            no_price = picking._qc_concession_moves().filtered(
                lambda m: float_is_zero(m.qc_concession_price_unit, precision_digits=6)
            )
            if no_price:
                raise UserError(
                    self.env._(
                        "%(picking)s: set the reduced unit price of the concession for "
                        "%(products)s.",
                        picking=picking.display_name,
                        products=", ".join(no_price.product_id.mapped("display_name")),
                    )
                )

    def _qc_concession_moves(self):
        return self.move_ids.filtered(
            lambda m: m.state != "cancel"
            and float_compare(
                m.qc_concession_qty, 0.0, precision_rounding=m.product_uom.rounding or 0.01
            )
            > 0
        )

    def action_qc_record_inspection(self):
        """Record the inspection of the batch (R-EXC-10): inspector, date and
        pass rate; a concession waits for a department head; the exception
        rules see whether the batch must go to the heads of QC and purchasing."""
        if not self.env.su and not self.env.user.has_group(
            "order_exception.group_order_exception_user"
        ):
            raise AccessError(self.env._("Only inspectors can record an inspection."))
        self._qc_check_can_record()
        now = fields.Datetime.now()
        for picking in self:
            concession = bool(picking._qc_concession_moves())
            picking._workflow_write(
                {
                    "qc_state": "inspected",
                    "qc_inspector_id": self.env.user.id,
                    "qc_inspection_date": now,
                    "qc_concession_state": "to_approve" if concession else "none",
                }
            )
            picking._qc_log_inspection()
            picking._qc_schedule_concession_activity(concession)
        # below the threshold: a report to the heads of QC and purchasing
        self.env["order.exception.rule"]._scan(self)
        return True

    def _qc_schedule_concession_activity(self, concession):
        self.ensure_one()
        activity = self.qc_concession_activity_id
        if not concession:
            activity.unlink()
            return
        head = self._qc_purchasing_head()
        if activity or not head:
            return
        activity = self.activity_schedule(
            "mail.mail_activity_data_todo",
            summary=self.env._("Approve the concession of %(picking)s", picking=self.display_name),
            note=self.qc_concession_reason or "",
            user_id=head.id,
        )[:1]
        self._workflow_write({"qc_concession_activity_id": activity.id})

    def _qc_lines_table(self, concession_only=False):
        """The inspection figures of the receipt's lines (or of its concession
        lines) for the chatter: the QWeb template
        ``order_exception.stock_picking_qc_lines_table``, in the user's
        language and number format."""
        self.ensure_one()
        moves = self._qc_concession_moves() if concession_only else self.move_ids
        moves = moves.filtered(lambda m: m.state != "cancel")
        return self.env["ir.qweb"]._render(
            "order_exception.stock_picking_qc_lines_table",
            {
                "moves": moves,
                "concession_only": concession_only,
                "qty_digits": {uom.id: rounding_digits(uom.rounding) for uom in moves.product_uom},
            },
        )

    def _qc_log_inspection(self):
        self.ensure_one()
        summary = self.env._(
            "Inspection recorded by %(user)s: batch pass rate %(rate).2f %% "
            "(threshold %(threshold).2f %%).",
            user=self.env.user.name,
            rate=self.qc_pass_rate,
            threshold=self.company_id.order_qc_pass_rate_threshold,
        )
        body = Markup("<p>%s</p>") % summary
        if self.qc_serious_problem:
            problem = dict(self._fields["qc_serious_problem"]._description_selection(self.env))[
                self.qc_serious_problem
            ]
            body += Markup("<p>%s</p>") % self.env._(
                "Serious problem: %(problem)s", problem=problem
            )
        self._message_log(body=body + self._qc_lines_table())

    def _qc_decide_concession(self, state):
        self._check_qc_head()
        for picking in self:
            if picking.qc_concession_state != "to_approve":
                raise UserError(
                    self.env._(
                        "%(picking)s has no concession waiting for approval.",
                        picking=picking.display_name,
                    )
                )
        now = fields.Datetime.now()
        for picking in self:
            if state == "approved":
                picking._qc_apply_concession()
            picking._workflow_write(
                {
                    "qc_concession_state": state,
                    "qc_concession_approved_by_id": self.env.user.id,
                    "qc_concession_approved_date": now,
                }
            )
            if state == "approved":
                message = self.env._(
                    "Concession approved by %(user)s: the goods below are accepted at a "
                    "reduced price.",
                    user=self.env.user.name,
                )
            else:
                message = self.env._(
                    "Concession refused by %(user)s: the goods below are rejected.",
                    user=self.env.user.name,
                )
            body = Markup("<p>%s</p>") % message
            if picking.qc_concession_reason:
                body += Markup("<p>%s</p>") % self.env._(
                    "Reason: %(reason)s", reason=picking.qc_concession_reason
                )
            body += picking._qc_lines_table(concession_only=True)
            picking.message_post(body=body, subtype_xmlid="mail.mt_note")
            picking.qc_concession_activity_id.action_feedback(feedback=message)
        return True

    def _qc_apply_concession(self):
        """降价让步接收 at the reduced price, through Odoo's own purchase flow
        (R-PLN-35, R-EXC-10).

        For each concession line of the receipt, the concession quantity moves
        from the purchase order line to a new line of the same order at the
        reduced price, and the receipt's move is split so that this quantity
        is received on the new line. Odoo's three-way match then holds line by
        line: the original line is ordered, received and billed without the
        concession quantity, the new one with it at the reduced price, so the
        vendor bill made from the order (``action_create_invoice``) and the
        stock valuation use the reduced price, and a later return or refund
        follows the line it concerns. Run with the approval's authority (the
        head need not be a buyer); the order's chatter tells what changed.

        The receipt is not validated yet: its validation waits for the
        decision (:meth:`_action_done`).
        """
        self.ensure_one()
        moves = self._qc_concession_moves().filtered("purchase_line_id")
        if not moves:
            return
        with self._workflow_transition():
            for move in moves.sudo():
                line = move._qc_split_concession()
                line.order_id._message_log(
                    body=self.env._(
                        "Concession approved by %(user)s on %(picking)s: %(quantity)s %(uom)s of "
                        "%(product)s accepted at the reduced price of %(price)s (was %(ordered)s).",
                        user=self.env.user.name,
                        picking=self.display_name,
                        quantity=formatLang(
                            self.env,
                            line.product_qty,
                            digits=rounding_digits(line.product_uom.rounding),
                        ),
                        uom=line.product_uom.name,
                        product=line.product_id.display_name,
                        price=formatLang(self.env, line.price_unit, currency_obj=line.currency_id),
                        ordered=formatLang(
                            self.env,
                            move.purchase_line_id.price_unit,
                            currency_obj=line.currency_id,
                        ),
                    )
                )

    def action_qc_approve_concession(self):
        """降价让步接收: a department head accepts the rejected goods at the
        reduced price (R-EXC-10, R-PLN-35)."""
        return self._qc_decide_concession("approved")

    def action_qc_refuse_concession(self):
        """A department head refuses the concession: the goods stay rejected."""
        return self._qc_decide_concession("refused")

    # ------------------------------------------------------------------
    # Exception rules (order.exception.rule.mixin)
    # ------------------------------------------------------------------
    def _exception_pending(self):
        return self.filtered(lambda p: p.id and p.state not in ("done", "cancel"))

    def _action_done(self):
        # the state of a transfer is computed: the guard sits where it is done
        self._exception_pending()._exception_check_blocking()
        waiting = self.filtered(lambda p: p.qc_concession_state == "to_approve")
        if waiting:
            raise UserError(
                self.env._(
                    "%(pickings)s: a concession waits for a department head's decision. The "
                    "goods are received once it is approved (at the reduced price) or refused.",
                    pickings=", ".join(waiting.mapped("display_name")),
                )
            )
        return super()._action_done()

    @api.model
    def _exception_rule_methods(self):
        return super()._exception_rule_methods() + [
            ("picking_low_pass_rate", self.env._("Batch pass rate below the company threshold"))
        ]

    def _exception_rule_picking_low_pass_rate(self):
        """Inspected receipts below the company's pass rate, or with a serious
        problem (R-EXC-10)."""
        return self.filtered(
            lambda p: p.qc_state == "inspected"
            and p.qc_inspected_qty
            and (p.qc_serious_problem or p.qc_below_threshold)
        )

    def _exception_report_vals(self):
        vals = super()._exception_report_vals()
        vals["purchase_id"] = self.purchase_id.id
        vals["sale_order_id"] = self.sale_id.id
        if len(self.move_ids.product_id) == 1:
            vals["product_id"] = self.move_ids.product_id.id
        else:
            worst = self.move_ids.filtered("qc_inspected_qty").sorted(
                lambda m: m.qc_accepted_qty / m.qc_inspected_qty
            )[:1]
            if worst:
                vals["product_id"] = worst.product_id.id
        return vals
