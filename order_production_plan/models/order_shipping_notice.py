# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import datetime, time, timedelta

from markupsafe import Markup
from pytz import timezone, utc

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

SHIPPING_STATES = [
    ("draft", "Draft"),
    ("issued", "Issued"),
    ("dispatched", "Dispatched"),
    ("done", "Receipt Back"),
    ("cancel", "Cancelled"),
]
ISSUED_STATES = ("issued", "dispatched", "done")


class OrderShippingNotice(models.Model):
    """发货通知单 (R-PLN-41..47, §7.4, §8.10).

    Issued by the contract-order side, generally 1 working day before the
    dispatch, to the finished-goods warehouse and transport, only for a signed
    order whose payment terms' condition is met (the advance of prepayment
    terms received; no gate for cash on delivery or monthly statements). It
    states the arrival time and place and the goods; it is linked to the
    order's delivery (Odoo's own) and sets its scheduled date. The dispatch
    records the carrier and its signed receipt; a shipment that does not
    leave is reported the same day; the clerk calls the customer the same
    day; the customer's delivery receipt closes it."""

    _name = "order.shipping.notice"
    _description = "Shipping Notice"
    _inherit = ["mail.thread", "mail.activity.mixin", "order.sla.mixin"]
    _order = "dispatch_date desc, id desc"

    _workflow_guarded_fields = (
        "state",
        "issued_on",
        "issued_by_id",
        "issue_deadline",
        "issued_on_time",
        "dispatched_on",
        "dispatched_by_id",
        "carrier_id",
        "own_vehicle",
        "tracking_ref",
        "carrier_receipt_id",
        "failure_count",
        "failure_reason",
        "failure_reported_on",
        "failure_reported_by_id",
        "failure_same_day",
        "called_on",
        "called_by_id",
        "call_note",
        "call_same_day",
        "receipt_on",
        "receipt_by_id",
        "receipt_attachment_id",
    )
    _workflow_fixed_fields = ("name", "sale_order_id")
    _workflow_frozen_fields = (
        "plan_id",
        "picking_id",
        "partner_shipping_id",
        "arrival_date",
        "dispatch_date",
        "user_id",
        "line_ids",
        "warehouse_user_id",
    )

    name = fields.Char(string="Number", readonly=True, copy=False, default="/")
    sale_order_id = fields.Many2one(
        comodel_name="sale.order",
        required=True,
        ondelete="restrict",
        index=True,
        domain=[("state", "=", "sale")],
    )
    plan_id = fields.Many2one(
        comodel_name="order.production.plan",
        string="Production Plan",
        index="btree_not_null",
        domain="[('sale_order_id', '=', sale_order_id)]",
    )
    company_id = fields.Many2one(related="sale_order_id.company_id", store=True, index=True)
    partner_id = fields.Many2one(
        related="sale_order_id.partner_id", store=True, string="Customer", index=True
    )
    partner_shipping_id = fields.Many2one(
        comodel_name="res.partner",
        string="Arrival Place",
        compute="_compute_from_order",
        store=True,
        readonly=False,
        precompute=True,
    )
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Salesperson",
        compute="_compute_from_order",
        store=True,
        readonly=False,
        precompute=True,
        help="Issues the notice and calls the customer after the dispatch.",
    )
    dispatch_date = fields.Datetime(
        string="Planned Dispatch",
        compute="_compute_from_order",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        tracking=True,
    )
    arrival_date = fields.Datetime(string="Arrival Time", tracking=True)
    picking_id = fields.Many2one(
        comodel_name="stock.picking",
        string="Delivery",
        compute="_compute_from_order",
        store=True,
        readonly=False,
        precompute=True,
        index="btree_not_null",
        domain="[('sale_id', '=', sale_order_id), ('picking_type_code', '=', 'outgoing'), "
        "('state', 'not in', ('done', 'cancel'))]",
    )
    picking_state = fields.Selection(related="picking_id.state", string="Delivery Status")
    warehouse_user_id = fields.Many2one(
        comodel_name="res.users",
        string="Shipping Responsible",
        compute="_compute_warehouse_user_id",
        store=True,
        readonly=False,
        help="The finished-goods warehouse or transport person who dispatches.",
    )
    line_ids = fields.One2many(
        comodel_name="order.shipping.notice.line",
        inverse_name="notice_id",
        string="Goods",
        copy=True,
    )
    state = fields.Selection(
        selection=SHIPPING_STATES,
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    issued_on = fields.Datetime(readonly=True, copy=False)
    issued_by_id = fields.Many2one(comodel_name="res.users", readonly=True, copy=False)
    issue_deadline = fields.Datetime(
        readonly=True,
        copy=False,
        help="1 working day before the dispatch (R-PLN-41).",
    )
    issued_on_time = fields.Boolean(readonly=True, copy=False)
    carrier_id = fields.Many2one(comodel_name="res.partner", readonly=True)
    own_vehicle = fields.Boolean(string="Company Vehicle", readonly=True)
    tracking_ref = fields.Char(string="Tracking Reference", readonly=True)
    carrier_receipt_id = fields.Many2one(
        comodel_name="ir.attachment",
        string="Carrier's Signed Receipt",
        readonly=True,
        ondelete="restrict",
    )
    dispatched_on = fields.Datetime(readonly=True, copy=False)
    dispatched_by_id = fields.Many2one(comodel_name="res.users", readonly=True, copy=False)
    failure_count = fields.Integer(string="Not Shipped Reports", readonly=True, copy=False)
    failure_reason = fields.Text(string="Not Shipped Because", readonly=True, copy=False)
    failure_reported_on = fields.Datetime(readonly=True, copy=False)
    failure_reported_by_id = fields.Many2one(comodel_name="res.users", readonly=True, copy=False)
    failure_same_day = fields.Boolean(
        string="Reported the Same Day",
        readonly=True,
        copy=False,
        help="The last report was made on the planned dispatch day (R-PLN-43).",
    )
    called_on = fields.Datetime(string="Customer Called On", readonly=True, copy=False)
    called_by_id = fields.Many2one(comodel_name="res.users", readonly=True, copy=False)
    call_note = fields.Text(readonly=True, copy=False)
    call_same_day = fields.Boolean(
        string="Called the Same Day",
        readonly=True,
        copy=False,
        help="The customer was called on the day of the dispatch (R-PLN-44).",
    )
    receipt_on = fields.Datetime(string="Delivery Receipt On", readonly=True, copy=False)
    receipt_by_id = fields.Many2one(comodel_name="res.users", readonly=True, copy=False)
    receipt_attachment_id = fields.Many2one(
        comodel_name="ir.attachment",
        string="Delivery Receipt",
        readonly=True,
        ondelete="restrict",
    )
    note = fields.Html()

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("sale_order_id", "plan_id")
    def _compute_from_order(self):
        for notice in self:
            # read with the server's rights: a planner drawing the notice up
            # from the plan need not see sale orders
            order = notice.sale_order_id.sudo()
            notice.partner_shipping_id = order.partner_shipping_id
            notice.user_id = order.user_id
            notice.dispatch_date = (
                notice.plan_id.delivery_date
                or order.commitment_date
                or notice.dispatch_date
                or fields.Datetime.now()
            )
            notice.picking_id = order.picking_ids.filtered(
                lambda p: p.picking_type_code == "outgoing" and p.state not in ("done", "cancel")
            ).sorted("scheduled_date")[:1]

    @api.depends("picking_id")
    def _compute_warehouse_user_id(self):
        for notice in self:
            notice.warehouse_user_id = (
                notice.picking_id.user_id
                or notice.company_id.order_shipping_department_id.manager_id
            )

    @api.constrains("sale_order_id", "picking_id", "plan_id")
    def _check_same_order(self):
        """The delivery and the plan are the notice's order's: the gate is
        checked on that order only (R-PLN-41)."""
        for notice in self.sudo():
            order = notice.sale_order_id
            picking = notice.picking_id
            if picking and (
                picking.sale_id != order
                or picking.company_id != notice.company_id
                or not picking._order_is_delivery()
            ):
                raise ValidationError(
                    self.env._(
                        "%(notice)s: the delivery %(picking)s is not a delivery of %(order)s.",
                        notice=notice.display_name,
                        picking=picking.display_name,
                        order=order.display_name,
                    )
                )
            if notice.plan_id and notice.plan_id.sale_order_id != order:
                raise ValidationError(
                    self.env._(
                        "%(notice)s: the plan %(plan)s is not the plan of %(order)s.",
                        notice=notice.display_name,
                        plan=notice.plan_id.display_name,
                        order=order.display_name,
                    )
                )

    # ------------------------------------------------------------------
    # Creation
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        self._workflow_check_create(vals_list)
        # the number comes from the sequence: a client's own number is ignored
        self._workflow_number(vals_list, "order.shipping.notice")
        notices = super().create(vals_list)
        # whatever creates it issued (server code, an import as superuser)
        # meets the same gate as the Issue button
        notices.filtered(lambda n: n.state in ISSUED_STATES)._check_shipping_gate()
        notices.filtered(lambda n: not n.line_ids)._fill_lines()
        notices.filtered(lambda n: n.state == "draft")._start_issue_clock()
        return notices

    def write(self, vals):
        # a client's write of the state is refused by the guard; the
        # server's own transitions meet the gate
        if vals.get("state") in ISSUED_STATES and self._workflow_is_trusted():
            self.filtered(lambda n: n.state == "draft")._check_shipping_gate()
        moved = self.browse()
        if "dispatch_date" in vals:
            field = self._fields["dispatch_date"]
            moved = self.filtered(
                lambda n: n.state == "draft"
                and not self._workflow_same(field, n, vals["dispatch_date"])
            )
        result = super().write(vals)
        # a draft's new dispatch date moves its issue deadline; the same date
        # written again leaves the clock (and its escalation) as it is
        moved._start_issue_clock()
        return result

    def _fill_lines(self):
        vals_list = []
        for notice in self:
            for line in notice.sale_order_id.sudo().order_line:
                if line.display_type or line.product_id.type != "consu":
                    continue
                vals_list.append(
                    {
                        "notice_id": notice.id,
                        "sale_line_id": line.id,
                        "product_id": line.product_id.id,
                        "name": line.name,
                        "model": line.product_id.default_code,
                        "quantity": line.product_uom_qty,
                        "product_uom_id": line.product_uom.id,
                    }
                )
        with self._workflow_transition():
            self.env["order.shipping.notice.line"].create(vals_list)

    @api.model
    def _create_for_orders(self, orders, plan=None):
        """A draft notice per order (the plan's, when given)."""
        vals_list = [
            {"sale_order_id": order.id, "plan_id": plan.id if plan else False} for order in orders
        ]
        return self.create(vals_list)

    # ------------------------------------------------------------------
    # The gate (R-PLN-41, §7.4)
    # ------------------------------------------------------------------
    def _shipping_gate_problems(self):
        """What the order still lacks before its goods may ship: the
        customer's signature, and the advance of prepayment terms. Terms
        without an advance (cash on delivery, monthly statement) ship on
        credit."""
        self.ensure_one()
        order = self.sale_order_id.sudo()
        problems = []
        if order.state != "sale":
            problems.append(self.env._("the order is not confirmed"))
        if not order.signed_on:
            problems.append(self.env._("the customer has not signed the contract"))
        if order.payment_term_id.order_advance_percent > 0 and (
            order.currency_id.compare_amounts(order.advance_paid, order.advance_required) < 0
        ):
            problems.append(
                self.env._(
                    "the advance of the payment terms %(terms)s is not received "
                    "(%(paid)s of %(required)s)",
                    terms=order.payment_term_id.display_name,
                    paid=order.currency_id.format(order.advance_paid),
                    required=order.currency_id.format(order.advance_required),
                )
            )
        return problems

    def _check_shipping_gate(self):
        for notice in self:
            problems = notice._shipping_gate_problems()
            if problems:
                raise UserError(
                    self.env._(
                        "%(notice)s cannot be issued: %(problems)s (R-PLN-41).",
                        notice=notice.display_name,
                        problems="; ".join(problems),
                    )
                )

    # ------------------------------------------------------------------
    # Clocks
    # ------------------------------------------------------------------
    def _sla_get_user(self):
        self.ensure_one()
        if self.state == "draft":
            return self.user_id or self.sale_order_id.user_id
        return self.warehouse_user_id or self.user_id

    def _policy_batches(self, code):
        """(policy, notices) per company that configures `code`: one lookup
        per company."""
        policy_model = self.env["order.sla.policy"]
        for company in self.company_id:
            policy = policy_model._get_by_code(code, company)
            if policy:
                yield policy, self.filtered(lambda n, c=company: n.company_id == c)

    def _start_issue_clock(self):
        """R-PLN-41: issued 1 working day before the dispatch."""
        for policy, notices in self._policy_batches("shipping_notice"):
            notices._sla_start(policy, {n.id: n.dispatch_date for n in notices})

    def _local_day(self, value):
        """`value` (naive UTC) as a date of the company's working calendar."""
        calendar = self.company_id.resource_calendar_id or self.env.company.resource_calendar_id
        tz = timezone(calendar.tz or self.env.user.tz or "UTC")
        return utc.localize(value).astimezone(tz).date(), tz

    def _start_dispatch_clock(self):
        """R-PLN-43: the goods leave on the dispatch day; the clock (policy
        ``shipping_dispatch``, backward) counts back from the end of that
        day, so its deadline is the day's last working time."""
        for policy, notices in self._policy_batches("shipping_dispatch"):
            reference = {}
            for notice in notices:
                day, tz = notice._local_day(notice.dispatch_date)
                end = tz.localize(datetime.combine(day + timedelta(days=1), time(0)))
                reference[notice.id] = end.astimezone(utc).replace(tzinfo=None)
            notices._sla_start(policy, reference)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def _check_sales(self):
        """The contract-order side (the salespeople), not manufacturing's
        planners, who only draw the notice up from the plan."""
        if not self.env.user.has_group("sales_team.group_sale_salesman"):
            raise UserError(self.env._("A shipping notice is issued by the contract-order side."))

    def _check_warehouse(self):
        if not self.env.user.has_group("stock.group_stock_user"):
            raise UserError(self.env._("The warehouse and transport record the dispatch."))

    def action_issue(self):
        """Issue to the warehouse: the gate, then the delivery's scheduled
        date, the issue clock stopped and the dispatch clock started."""
        self._workflow_check_state(("draft",))
        self._check_sales()
        self._check_shipping_gate()
        now = fields.Datetime.now()
        for notice in self:
            if not notice.line_ids:
                raise UserError(
                    self.env._("%(notice)s has no goods to ship.", notice=notice.display_name)
                )
            if not notice.arrival_date or not notice.partner_shipping_id:
                raise UserError(
                    self.env._(
                        "%(notice)s: state the arrival time and place first (R-PLN-41).",
                        notice=notice.display_name,
                    )
                )
            on_time = not notice.sla_deadline or now <= notice.sla_deadline
            notice._sla_stop(now)
            notice._workflow_write(
                {
                    "state": "issued",
                    "issued_on": now,
                    "issued_by_id": self.env.uid,
                    "issue_deadline": notice.sla_deadline,
                    "issued_on_time": on_time,
                }
            )
            notice._update_picking()
        self._start_dispatch_clock()
        return True

    def _update_picking(self):
        """The delivery is scheduled on the planned dispatch (Odoo's own
        field, written with the server's rights: the clerk need not be a
        warehouse user)."""
        for notice in self.filtered("picking_id"):
            picking = notice.picking_id.sudo()
            if picking.state not in ("done", "cancel"):
                picking.scheduled_date = notice.dispatch_date

    def action_open_dispatch(self):
        self.ensure_one()
        self._workflow_check_state(("issued",))
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Dispatch"),
            "res_model": "order.shipping.dispatch.wizard",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_notice_id": self.id},
        }

    def _dispatch(self, carrier, own_vehicle, tracking_ref, receipt):
        """R-PLN-43: the goods left with the carrier (or the company's
        vehicle), its signed receipt kept; the delivery must be validated."""
        self.ensure_one()
        self._workflow_check_state(("issued",))
        self._check_warehouse()
        if not self.picking_id or self.picking_id.state != "done":
            raise UserError(
                self.env._(
                    "%(notice)s: validate the delivery %(picking)s first.",
                    notice=self.display_name,
                    picking=self.picking_id.display_name or "",
                )
            )
        if not carrier and not own_vehicle:
            raise UserError(self.env._("Name the carrier, or say the company's vehicle ships."))
        if not receipt:
            raise UserError(self.env._("Attach the carrier's signed receipt (R-PLN-43)."))
        if not self._is_carrier_receipt(receipt):
            raise UserError(
                self.env._(
                    "The carrier's receipt must be attached to the notice or to its delivery "
                    "after the notice was issued (R-PLN-43)."
                )
            )
        now = fields.Datetime.now()
        self._sla_stop(now)
        self._workflow_write(
            {
                "state": "dispatched",
                "dispatched_on": now,
                "dispatched_by_id": self.env.uid,
                "carrier_id": carrier.id,
                "own_vehicle": own_vehicle,
                "tracking_ref": tracking_ref,
                "carrier_receipt_id": receipt.id,
            }
        )
        # R-PLN-44: the clerk calls the customer the same day
        if self.user_id:
            self.activity_schedule(
                "mail.mail_activity_data_call",
                user_id=self.user_id.id,
                date_deadline=fields.Date.context_today(self),
                summary=self.env._("Call the customer about the dispatch today"),
            )
        return True

    def _carrier_receipt_domain(self):
        """Attachments that may be the carrier's receipt: of the notice or
        its delivery, uploaded after the notice was issued."""
        self.ensure_one()
        return [
            "|",
            "&",
            ("res_model", "=", self._name),
            ("res_id", "=", self.id),
            "&",
            ("res_model", "=", "stock.picking"),
            ("res_id", "=", self.picking_id.id or 0),
            ("create_date", ">=", self.issued_on or fields.Datetime.now()),
        ]

    def _is_carrier_receipt(self, attachment):
        return bool(
            self.env["ir.attachment"]
            .sudo()
            .search_count([("id", "=", attachment.id)] + self._carrier_receipt_domain(), limit=1)
        )

    def action_open_not_shipped(self):
        self.ensure_one()
        self._workflow_check_state(("issued",))
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Not Shipped"),
            "res_model": "order.shipping.failure.wizard",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_notice_id": self.id},
        }

    def _report_not_shipped(self, reason, new_date, arrival_date):
        """R-PLN-43: the shipment did not leave on its day: reported with the
        reason, the new ship time and the estimated arrival; the dispatch
        clock restarts on the new day."""
        self.ensure_one()
        self._workflow_check_state(("issued",))
        self._check_warehouse()
        if not reason or not new_date:
            raise UserError(self.env._("Give the reason and the new ship time."))
        now = fields.Datetime.now()
        planned_day = self._local_day(self.dispatch_date)[0]
        same_day = self._local_day(now)[0] == planned_day
        old = self.dispatch_date
        self._workflow_write(
            {
                "failure_count": self.failure_count + 1,
                "failure_reason": reason,
                "failure_reported_on": now,
                "failure_reported_by_id": self.env.uid,
                "failure_same_day": same_day,
                "dispatch_date": new_date,
                "arrival_date": arrival_date or self.arrival_date,
            }
        )
        self._update_picking()
        self._start_dispatch_clock()
        body = self.env._(
            "Not shipped on %(old)s: %(reason)s. New ship time %(new)s, estimated "
            "arrival %(arrival)s.",
            old=self._format(old),
            reason=reason,
            new=self._format(new_date),
            arrival=self._format(self.arrival_date),
        )
        self.message_post(
            body=Markup("<p>%s</p>") % body,
            partner_ids=self.user_id.partner_id.ids,
            subtype_xmlid="mail.mt_note",
        )
        return True

    def _format(self, value):
        if not value:
            return ""
        return fields.Datetime.context_timestamp(self, value).strftime("%Y-%m-%d %H:%M")

    def action_open_customer_called(self):
        self.ensure_one()
        self._workflow_check_state(("dispatched", "done"))
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Customer Called"),
            "res_model": "order.shipping.call.wizard",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_notice_id": self.id},
        }

    def action_customer_called(self, note=False):
        """R-PLN-44: the clerk phoned the customer about the dispatch."""
        self._workflow_check_state(("dispatched", "done"))
        self._check_sales()
        now = fields.Datetime.now()
        for notice in self:
            same_day = notice._local_day(now)[0] == notice._local_day(notice.dispatched_on)[0]
            notice._workflow_write(
                {
                    "called_on": now,
                    "called_by_id": self.env.uid,
                    "call_note": note or notice.call_note,
                    "call_same_day": same_day,
                }
            )
            notice.activity_ids.filtered(
                lambda a: a.activity_type_id == self.env.ref("mail.mail_activity_data_call")
            ).action_feedback()
        return True

    def action_receipt_received(self):
        """The customer's delivery receipt (发货回执) is back: an attachment
        of the notice uploaded after the dispatch, the latest one not the
        carrier's receipt."""
        self._workflow_check_state(("dispatched",))
        self._check_sales()
        attachments = (
            self.env["ir.attachment"]
            .sudo()
            .search([("res_model", "=", self._name), ("res_id", "in", self.ids)], order="id desc")
        )
        now = fields.Datetime.now()
        for notice in self:
            receipt = attachments.filtered(
                lambda a, n=notice: a.res_id == n.id
                and a != n.carrier_receipt_id
                and a.create_date >= n.dispatched_on
            )[:1]
            if not receipt:
                raise UserError(
                    self.env._(
                        "%(notice)s: attach the customer's delivery receipt (received "
                        "after the dispatch) first.",
                        notice=notice.display_name,
                    )
                )
            notice._workflow_write(
                {
                    "state": "done",
                    "receipt_on": now,
                    "receipt_by_id": self.env.uid,
                    "receipt_attachment_id": receipt.id,
                }
            )
        return True

    def action_cancel(self):
        self._workflow_check_state(("draft", "issued"))
        self._check_sales()
        shipped = self.filtered(lambda n: n.sudo().picking_id.state == "done")
        if shipped:
            raise UserError(
                self.env._(
                    "%(notices)s: the goods have left, the notice cannot be cancelled.",
                    notices=", ".join(shipped.mapped("display_name")),
                )
            )
        self._workflow_write({"state": "cancel"})
        self._sla_cancel()
        return True

    def action_view_picking(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "stock.picking",
            "res_id": self.picking_id.id,
            "views": [(False, "form")],
        }
