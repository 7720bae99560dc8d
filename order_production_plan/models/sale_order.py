# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from bisect import bisect_right
from collections import defaultdict

from pytz import utc

from odoo import api, fields, models
from odoo.exceptions import UserError

from .order_delivery_cycle_standard import DELIVERY_CLASS_RANK, DELIVERY_CLASSES

# measured cycles of an order (§2.9), in working days on its company's calendar
CYCLE_FIELDS = (
    "order_cycle_confirmation_days",
    "order_cycle_production_days",
    "order_cycle_transport_days",
    "order_cycle_signoff_days",
    "order_cycle_logistics_days",
    "order_cycle_fulfilment_days",
    "order_cycle_production_done",
    "order_cycle_delivered",
    "order_cycle_confirmation_met",
    "order_cycle_production_met",
    "order_cycle_logistics_met",
    "order_cycle_complete",
    "order_cycle_measured",
)
CYCLE_VERDICT = [("met", "Met"), ("missed", "Missed")]


class SaleOrder(models.Model):
    _inherit = "sale.order"

    # measured by the server from the order's milestones (§2.9); the delivery
    # class is the verdict's standard: a client may write neither
    _workflow_guarded_fields = (*CYCLE_FIELDS, "order_delivery_class", "order_confirmed_on")

    production_instruction_ids = fields.One2many(
        comodel_name="order.production.instruction",
        inverse_name="sale_order_id",
        string="Production Instructions",
    )
    production_instruction_count = fields.Integer(compute="_compute_production_plan_counts")
    production_plan_ids = fields.One2many(
        comodel_name="order.production.plan",
        inverse_name="sale_order_id",
        string="Production Plans",
    )
    production_plan_count = fields.Integer(compute="_compute_production_plan_counts")
    order_delivery_class = fields.Selection(
        selection=DELIVERY_CLASSES,
        string="Delivery Class",
        compute="_compute_order_delivery_class",
        store=True,
        help="The strictest delivery class of the order's products (custom, then high "
        "value, then general): the delivery-cycle standard it is judged by (§2.9).",
    )
    order_cycle_confirmation_days = fields.Float(
        string="Confirmation Cycle",
        compute="_compute_order_delivery_cycles",
        store=True,
        readonly=True,
        aggregator="avg",
        help="Working days from the order's creation to its effective date (or its "
        "confirmation when it has none).",
    )
    order_cycle_production_days = fields.Float(
        string="Production Cycle",
        compute="_compute_order_delivery_cycles",
        store=True,
        readonly=True,
        aggregator="avg",
        help="Working days from the effective date to the last manufacturing order of the "
        "order done (or its production plan done).",
    )
    order_cycle_transport_days = fields.Float(
        string="Transport Cycle",
        compute="_compute_order_delivery_cycles",
        store=True,
        readonly=True,
        aggregator="avg",
        help="Working days from the end of production to the last delivery done.",
    )
    order_cycle_signoff_days = fields.Float(
        string="Sign-off Cycle",
        compute="_compute_order_delivery_cycles",
        store=True,
        readonly=True,
        aggregator="avg",
        help="Working days from the delivery to the customer's sign-off, where it is "
        "recorded; 0 otherwise.",
    )
    order_cycle_logistics_days = fields.Float(
        string="Logistics Cycle",
        compute="_compute_order_delivery_cycles",
        store=True,
        readonly=True,
        aggregator="avg",
        help="Transport and sign-off: working days from the end of production to the "
        "delivery received.",
    )
    order_cycle_fulfilment_days = fields.Float(
        string="Fulfilment Cycle",
        compute="_compute_order_delivery_cycles",
        store=True,
        readonly=True,
        aggregator="avg",
        help="訂單履行週期 = production + transport + customer sign-off (§2.9).",
    )
    order_cycle_production_done = fields.Datetime(
        string="Production Done On",
        compute="_compute_order_delivery_cycles",
        store=True,
        readonly=True,
    )
    order_cycle_delivered = fields.Datetime(
        string="Delivered On",
        compute="_compute_order_delivery_cycles",
        store=True,
        readonly=True,
    )
    order_cycle_confirmation_met = fields.Selection(
        selection=CYCLE_VERDICT,
        string="Confirmation Standard",
        compute="_compute_order_delivery_cycles",
        store=True,
        readonly=True,
    )
    order_cycle_production_met = fields.Selection(
        selection=CYCLE_VERDICT,
        string="Production Standard",
        compute="_compute_order_delivery_cycles",
        store=True,
        readonly=True,
    )
    order_cycle_logistics_met = fields.Selection(
        selection=CYCLE_VERDICT,
        string="Logistics Standard",
        compute="_compute_order_delivery_cycles",
        store=True,
        readonly=True,
    )
    order_cycle_measured = fields.Boolean(
        string="Cycles Measured",
        compute="_compute_order_delivery_cycles",
        store=True,
        readonly=True,
        help="The order is measured against a delivery-cycle standard (a confirmed order "
        "of a company with one); a cycle not reached yet shows 0.",
    )
    order_cycle_complete = fields.Boolean(
        string="All Cycles Measured",
        compute="_compute_order_delivery_cycles",
        store=True,
        readonly=True,
        index=True,
    )
    order_confirmed_on = fields.Datetime(
        string="Confirmed On (Server)",
        readonly=True,
        copy=False,
        help="When the order was first confirmed, recorded by the server (the order "
        "date is the salesperson's): the start of the production cycle of an order "
        "without an effective date (§2.9).",
    )
    order_sample = fields.Boolean(
        string="Sample / Small Batch",
        help="A sample or small-batch order (样品 / 小批量): it appears in the weekly "
        "sample and small-batch plan (R-PLN-15 G, R-PLN-18).",
    )

    def _compute_production_plan_counts(self):
        for field, model in (
            ("production_instruction_count", "order.production.instruction"),
            ("production_plan_count", "order.production.plan"),
        ):
            # counts read with the server's rights: an invoicing user opens
            # the order without any right on the production documents
            counts = dict(
                self.env[model]
                .sudo()
                ._read_group([("sale_order_id", "in", self.ids)], ["sale_order_id"], ["__count"])
            )
            for order in self:
                order[field] = counts.get(order, 0)

    def _compute_order_effective_date(self):
        """R-REV-09: once the order takes effect, its production instruction
        is drawn up and the clerk's 4-hour clock starts (where the company
        asks for it)."""
        before = {order.id: order.order_effective_date for order in self}
        result = super()._compute_order_effective_date()
        effective = self.filtered(
            lambda o: isinstance(o.id, int)
            and o.order_effective_date
            and not before.get(o.id)
            and o.company_id.order_plan_auto_instruction
        )
        if effective:
            effective._create_production_instructions()
        return result

    def _create_production_instructions(self):
        """The instructions of these orders (one each, for goods), in one batch."""
        orders = self.filtered(
            lambda o: not o.production_instruction_ids.filtered(lambda i: i.state != "cancel")
            and any(
                not line.display_type and line.product_id.type == "consu" for line in o.order_line
            )
        )
        if not orders:
            return self.env["order.production.instruction"]
        return self.env["order.production.instruction"].sudo()._create_from_orders(orders)

    def _get_procured_productions(self):
        """Manufacturing orders Odoo's procurement made for these orders (make
        to order) and the ones they made in turn; read with the server's
        rights, they are attached to the plan by the server."""
        moves = self.sudo().procurement_group_id.stock_move_ids
        productions = moves.created_production_id
        return productions | productions._order_get_children()

    def _get_procured_purchase_lines(self):
        """Purchase lines Odoo's procurement made for these orders (make to
        order, directly or through the pickings before delivery)."""
        moves = self.sudo().procurement_group_id.stock_move_ids
        origins = moves.browse(moves._rollup_move_origs())
        return (
            moves.created_purchase_line_ids
            | origins.created_purchase_line_ids
            | (origins.purchase_line_id)
        )

    def action_create_production_instruction(self):
        """Draw up the production instruction by hand (an order effective
        before the company asked for them): by the people who change the
        order (its salesperson, the sales managers) or a planner; the
        instruction itself is written with the server's rights."""
        self.ensure_one()
        if not self.env.user.has_group("order_production_plan.group_order_production_plan_planner"):
            self.check_access("write")
        instructions = self._create_production_instructions()
        if not instructions:
            return self.action_view_production_instructions()
        return {
            "type": "ir.actions.act_window",
            "res_model": "order.production.instruction",
            "res_id": instructions.id,
            "views": [(False, "form")],
        }

    @api.model
    def _production_action(self, xmlid, records):
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action["domain"] = [("id", "in", records.ids)]
        action["context"] = {"create": False}
        if len(records) == 1:
            action.update(res_id=records.id, views=[(False, "form")])
        return action

    def action_view_production_instructions(self):
        return self._production_action(
            "order_production_plan.action_order_production_instruction",
            self.production_instruction_ids,
        )

    def action_view_production_plans(self):
        return self._production_action(
            "order_production_plan.action_order_production_plan", self.production_plan_ids
        )

    # ------------------------------------------------------------------
    # Shipping notices (R-PLN-41)
    # ------------------------------------------------------------------
    shipping_notice_ids = fields.One2many(
        comodel_name="order.shipping.notice",
        inverse_name="sale_order_id",
        string="Shipping Notices",
    )
    shipping_notice_count = fields.Integer(compute="_compute_shipping_notice_count")

    def _compute_shipping_notice_count(self):
        counts = dict(
            self.env["order.shipping.notice"]
            .sudo()
            ._read_group([("sale_order_id", "in", self.ids)], ["sale_order_id"], ["__count"])
        )
        for order in self:
            order.shipping_notice_count = counts.get(order, 0)

    def write(self, vals):
        # R-PLN-41: the payment terms the shipping gate checked stay as they
        # were once a notice is issued (else: no-advance terms to issue and
        # ship, the contract's terms back afterwards)
        if "payment_term_id" in vals and not self._workflow_is_trusted():
            issued = (
                self.sudo()
                .shipping_notice_ids.filtered(lambda n: n.state in ("issued", "dispatched", "done"))
                .sale_order_id
            )
            changed = issued.filtered(lambda o: o.payment_term_id.id != vals["payment_term_id"])
            if changed:
                raise UserError(
                    self.env._(
                        "%(orders)s: the goods are noticed for shipment on these payment "
                        "terms; they can no longer change (R-PLN-41).",
                        orders=", ".join(changed.mapped("display_name")),
                    )
                )
        return super().write(vals)

    def init(self):
        """Orders confirmed before the server recorded the confirmation: Odoo
        set their order date to the confirmation's moment then (the best
        record there is); every later confirmation records its own date."""
        result = super().init()
        self.env.cr.execute(
            """UPDATE sale_order SET order_confirmed_on = date_order
                WHERE state = 'sale' AND order_confirmed_on IS NULL"""
        )
        return result

    def _action_confirm(self):
        """The confirmation date, recorded by the server for the cycles (§2.9)."""
        first = self.filtered(lambda o: not o.order_confirmed_on)
        result = super()._action_confirm()
        if first:
            first._workflow_write({"order_confirmed_on": fields.Datetime.now()})
        # a milestone: measured at once (only where a standard exists)
        self._order_refresh_delivery_cycles()
        return result

    def _action_cancel(self):
        result = super()._action_cancel()
        self._order_refresh_delivery_cycles()
        return result

    def action_create_shipping_notice(self):
        """A draft shipping notice of the order's goods (R-PLN-41)."""
        self.ensure_one()
        if self.state != "sale":
            raise UserError(self.env._("Confirm the order before noticing its shipment."))
        plan = self.production_plan_ids.filtered(lambda p: p.state in ("issued", "done"))[:1]
        notice = self.env["order.shipping.notice"]._create_for_orders(self, plan or None)
        return {
            "type": "ir.actions.act_window",
            "res_model": "order.shipping.notice",
            "res_id": notice.id,
            "views": [(False, "form")],
        }

    def action_view_shipping_notices(self):
        return self._production_action(
            "order_production_plan.action_order_shipping_notice", self.shipping_notice_ids
        )

    # ------------------------------------------------------------------
    # Delivery cycles (§2.9)
    # ------------------------------------------------------------------
    @api.depends("order_line.product_id.order_delivery_class")
    def _compute_order_delivery_class(self):
        for order in self:
            classes = order.order_line.product_id.mapped("order_delivery_class")
            order.order_delivery_class = max(
                classes or ["general"], key=lambda c: DELIVERY_CLASS_RANK.get(c, 0)
            )

    def _compute_order_delivery_cycles(self):
        """Measured from the order's milestones, in one batch: one search per
        kind of document (manufacturing orders, plans, deliveries, standards)
        and one fetch of working time per calendar. Called when a milestone
        happens and by the daily cron; never on its own from a dependency."""
        measured = self.filtered(lambda o: isinstance(o.id, int) and o.state == "sale")
        standards = {}
        if measured:
            standards = {
                (standard.company_id.id, standard.product_class): standard
                for standard in self.env["order.delivery.cycle.standard"]
                .sudo()
                .search([("company_id", "in", measured.company_id.ids)])
            }
            # nothing is measured in a company without a standard
            companies = {company_id for company_id, _class in standards}
            measured = measured.filtered(lambda o: o.company_id.id in companies)
        for order in self - measured:
            order.update(dict.fromkeys(CYCLE_FIELDS, False))
        if not measured:
            return
        facts = measured._order_cycle_facts()
        # every span of every order, counted per calendar in one go
        spans = defaultdict(list)
        for order in measured:
            fact = facts[order.id]
            calendar = order.company_id.resource_calendar_id
            spans[calendar].extend(
                [
                    (order.create_date, fact["confirmed"]),
                    (fact["confirmed"], fact["production_done"]),
                    (fact["production_done"], fact["delivered"]),
                    (fact["delivered"], fact["signed"]),
                ]
            )
        days = {}
        for calendar, pairs in spans.items():
            days.update(zip(pairs, self._order_working_days(calendar, pairs), strict=True))

        def verdict(value, standard, field):
            if value is False or not standard:
                return False
            return "met" if value <= standard[field] + 1e-6 else "missed"

        for order in measured:
            fact = facts[order.id]
            confirmation = days[(order.create_date, fact["confirmed"])]
            production = days[(fact["confirmed"], fact["production_done"])]
            transport = days[(fact["production_done"], fact["delivered"])]
            signoff = days[(fact["delivered"], fact["signed"])] if fact["signed"] else 0.0
            if transport is False:
                signoff = False
            logistics = False if transport is False else transport + signoff
            fulfilment = (
                False if production is False or logistics is False else production + logistics
            )
            standard = standards.get((order.company_id.id, order.order_delivery_class))
            order.update(
                {
                    "order_cycle_confirmation_days": confirmation,
                    "order_cycle_production_days": production,
                    "order_cycle_transport_days": transport,
                    "order_cycle_signoff_days": signoff,
                    "order_cycle_logistics_days": logistics,
                    "order_cycle_fulfilment_days": fulfilment,
                    "order_cycle_production_done": fact["production_done"] or False,
                    "order_cycle_delivered": fact["delivered"] or False,
                    "order_cycle_confirmation_met": verdict(
                        confirmation, standard, "confirmation_max_days"
                    ),
                    "order_cycle_production_met": verdict(
                        production, standard, "production_max_days"
                    ),
                    "order_cycle_logistics_met": verdict(logistics, standard, "logistics_max_days"),
                    "order_cycle_complete": fulfilment is not False,
                    "order_cycle_measured": True,
                }
            )

    def _order_cycle_facts(self):
        """The milestones of these orders: {order id: {confirmed, production_done,
        delivered, signed}} (datetimes or None), read with the server's rights,
        from dates the server records (never one a client writes)."""
        orders = self.sudo()
        facts = {
            order.id: {
                # the effective date (guarded, order_review) or the
                # confirmation recorded by the server; not date_order, which
                # the salesperson writes
                "confirmed": order.order_effective_date or order.order_confirmed_on or None,
                "production_done": None,
                "delivered": None,
                "signed": None,
            }
            for order in orders
        }
        # manufacturing: every order of the order done (none left open): the
        # plan's, the procurement's of the order and, for make to order (each
        # MO in its own procurement group in Odoo 18), sale_mrp's link
        # (mrp_production_ids, computed in one batch for the orders)
        productions = (
            self.env["mrp.production"]
            .sudo()
            .search(
                [
                    "|",
                    ("procurement_group_id.sale_id", "in", orders.ids),
                    ("order_plan_id.sale_order_id", "in", orders.ids),
                    ("state", "!=", "cancel"),
                ]
            )
        )
        productions_of = defaultdict(lambda: self.env["mrp.production"])
        for production in productions:
            order = (
                production.procurement_group_id.sale_id or production.order_plan_id.sale_order_id
            )
            productions_of[order.id] |= production
        for order in orders:
            productions_of[order.id] |= order.mrp_production_ids.filtered(
                lambda p: p.state != "cancel"
            )
        plans = (
            self.env["order.production.plan"]
            .sudo()
            .search([("sale_order_id", "in", orders.ids), ("state", "!=", "cancel")])
        )
        planned = set(plans.sale_order_id.ids)
        for order_id, fact in facts.items():
            items = productions_of.get(order_id)
            if items and all(p.state == "done" for p in items):
                # the server's record of each MO done (order_done_on, guarded),
                # not date_finished, which an MRP user writes
                fact["production_done"] = max(p.order_done_on or p.write_date for p in items)
            elif not items and order_id not in planned:
                # nothing to manufacture (no MO, no plan): production ends
                # when the order takes effect, a production cycle of 0
                fact["production_done"] = fact["confirmed"]
        for plan in plans.filtered(lambda p: p.state == "done"):
            fact = facts[plan.sale_order_id.id]
            if fact["production_done"] is None and plan.done_date:
                fact["production_done"] = plan.done_date
        # delivery: every outgoing transfer of the order done
        pickings = (
            self.env["stock.picking"]
            .sudo()
            .search(
                [
                    ("sale_id", "in", orders.ids),
                    ("picking_type_code", "=", "outgoing"),
                    ("state", "!=", "cancel"),
                ]
            )
        )
        by_order = defaultdict(list)
        for picking in pickings:
            by_order[picking.sale_id.id].append(picking)
        for order_id, items in by_order.items():
            if all(p.state == "done" for p in items):
                facts[order_id]["delivered"] = max(p.date_done for p in items)
        for order in orders:
            fact = facts[order.id]
            if order.id not in by_order and not any(
                line.product_id.type == "consu" for line in order.order_line
            ):
                # no goods to deliver (services only): nothing to wait for,
                # every cycle ends with production (marked complete)
                fact["delivered"] = fact["production_done"]
        for order_id, signed in self._order_cycle_signoff_dates().items():
            facts[order_id]["signed"] = signed
        return facts

    def _order_cycle_signoff_dates(self):
        """{order id: customer sign-off datetime} where the suite records one (an
        after-sales addon may override); none here: the sign-off cycle is 0."""
        return {}

    @api.model
    def _order_working_days(self, calendar, pairs):
        """Working days between each (start, stop) of `pairs` on `calendar`
        (working hours / hours per day; holidays off, make-up days on); False
        where a bound is missing. One fetch of working time for the batch."""
        bounds = [(start, stop) for start, stop in pairs if start and stop and stop > start]
        if not calendar:
            return [False] * len(pairs)
        if not bounds:
            return [0.0 if start and stop else False for start, stop in pairs]
        lo = min(start for start, _stop in bounds)
        hi = max(stop for _start, stop in bounds)
        intervals = calendar._order_work_intervals(
            fields.Datetime.to_datetime(lo).replace(tzinfo=utc),
            fields.Datetime.to_datetime(hi).replace(tzinfo=utc),
        )
        starts = [start for start, _stop in intervals]
        stops = [stop for _start, stop in intervals]
        cumulated = [0.0]
        for start, stop in intervals:
            cumulated.append(cumulated[-1] + (stop - start).total_seconds())

        def worked(moment):
            """Working seconds from the window's start to `moment`."""
            index = bisect_right(starts, moment)
            seconds = cumulated[index]
            if index and stops[index - 1] > moment:
                seconds -= (stops[index - 1] - moment).total_seconds()
            return seconds

        day_seconds = (calendar.hours_per_day or 8.0) * 3600.0
        result = []
        for start, stop in pairs:
            if not (start and stop):
                result.append(False)
                continue
            if stop <= start:
                result.append(0.0)
                continue
            seconds = worked(stop.replace(tzinfo=utc)) - worked(start.replace(tzinfo=utc))
            result.append(round(seconds / day_seconds, 2))
        return result

    def _order_refresh_delivery_cycles(self):
        """Measure these orders' cycles again (a milestone happened). Only in
        companies with a delivery-cycle standard: until one is configured,
        nothing is measured (Odoo's flows keep their own cost)."""
        # a cancelled order loses its verdicts (it is measured no more)
        stale = self.sudo().filtered(lambda o: o.state != "sale" and o.order_cycle_measured)
        if stale:
            for name in CYCLE_FIELDS:
                self.env.add_to_compute(self._fields[name], stale)
            stale._recompute_recordset(list(CYCLE_FIELDS))
        orders = self.sudo().filtered(lambda o: o.state == "sale")
        if not orders:
            return
        companies = {
            company.id
            for [company] in self.env["order.delivery.cycle.standard"]
            .sudo()
            ._read_group([("company_id", "in", orders.company_id.ids)], ["company_id"])
        }
        orders = orders.filtered(lambda o: o.company_id.id in companies)
        if not orders:
            return
        for name in CYCLE_FIELDS:
            self.env.add_to_compute(self._fields[name], orders)
        orders._recompute_recordset(list(CYCLE_FIELDS))

    @api.model
    def _cron_order_delivery_cycles(self, batch_size=1000):
        """Daily: the orders whose cycles are not all measured yet, in the
        companies with a standard, by batches."""
        standards = self.env["order.delivery.cycle.standard"].sudo().search([])
        if not standards:
            return
        orders = self.sudo().search(
            [
                ("state", "=", "sale"),
                ("order_cycle_complete", "=", False),
                ("company_id", "in", standards.company_id.ids),
            ],
            order="id",
        )
        for start in range(0, len(orders), batch_size):
            orders[start : start + batch_size]._order_refresh_delivery_cycles()
            self.env.flush_all()
            self.env.invalidate_all()
