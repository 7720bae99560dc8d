# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging
from datetime import datetime, time, timedelta

import psycopg2
from pytz import timezone, utc

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from odoo.addons.order_review.models.order_workflow_mixin import next_sequence_numbers

_logger = logging.getLogger(__name__)

FOLLOWUP_KINDS = [
    ("order", "Order Follow-up"),
    ("readiness", "Readiness Check"),
    ("supplier_confirm", "Supplier Ship-Date Confirmation"),
    ("supplier_dispatch", "Supplier Dispatch Confirmation"),
]
FOLLOWUP_RESULTS = [
    ("on_track", "On Track"),
    ("deviation", "Deviation"),
    ("ready", "Ready"),
    ("problem", "Problem"),
    ("confirmed", "Ship Date Confirmed"),
    ("dispatched", "Dispatched"),
    ("late", "Late Supply"),
]
SUPPLY_REMEDIES = [
    ("borrow", "Borrow from OEM / sister units"),
    ("urge", "Urge the supplier"),
    ("split", "Split delivery"),
    ("rebuy", "Cancel and buy elsewhere"),
    ("change_model", "Change manufacturer / model"),
]


def general_managers(env, company):
    """The general managers of `company`: the active internal users of the
    plan's manager group (the superuser excluded; the technical
    administrator, linked to the group by the install, only when nobody
    else holds it)."""
    group = env.ref(
        "order_production_plan.group_order_production_plan_manager", raise_if_not_found=False
    )
    if not group:
        return env["res.users"]
    root = env.ref("base.user_root", raise_if_not_found=False)
    users = (
        group.sudo().users.filtered(lambda u: company in u.company_ids and u.active and not u.share)
        - root
    )
    admin = env.ref("base.user_admin", raise_if_not_found=False)
    if admin and users - admin:
        users -= admin
    return users


class OrderProductionFollowup(models.Model):
    """A backward duty of the regulations: somebody must check something a
    given time before a due date (R-PLN-22, R-PLN-23, R-PLN-30, R-PLN-32,
    R-PLN-34).

    One document for every kind, created by one cron when the kind's
    deadline policy says the time has come (its reminder, or its deadline),
    with the engine's clock for the person who must act:

    * ``order``: the order follower checks the plan's progress 2 working days
      before the reviewed delivery date (policy ``plan_followup``); a
      deviation becomes an expedite note (催促单) to the manufacturing head
      and the general managers;
    * ``readiness``: the manufacturing head checks people, machines and
      materials 1 working day before assembly starts (``plan_readiness``); a
      problem becomes a cross-department work contact sheet (跨部门工作联系单);
    * ``supplier_confirm``: the buyer confirms the ship date with the
      supplier 5 working days before the planned receipt
      (``supplier_confirmation``, configured per company);
    * ``supplier_dispatch``: on the confirmed ship day, the buyer confirms
      the dispatch, the carrier and its contact (``supplier_dispatch``).

    A kind plugs in with a line of :attr:`_followup_kinds` and its source
    hook (one SQL query returning the open sources without a follow-up of
    the kind).
    """

    _name = "order.production.followup"
    _description = "Follow-up"
    _inherit = ["mail.thread", "mail.activity.mixin", "order.sla.mixin"]
    _order = "reference_date, id"

    # kind -> (policy code, source hook)
    _followup_kinds = {
        "order": ("plan_followup", "_followup_sources_order"),
        "readiness": ("plan_readiness", "_followup_sources_readiness"),
        "supplier_confirm": ("supplier_confirmation", "_followup_sources_supplier_confirm"),
        "supplier_dispatch": ("supplier_dispatch", "_followup_sources_supplier_dispatch"),
    }
    # kinds acted on by purchasing (the others by the plan's side)
    _followup_supplier_kinds = ("supplier_confirm", "supplier_dispatch")

    _workflow_guarded_fields = (
        "name",
        "kind",
        "state",
        "result",
        "plan_id",
        "sale_order_id",
        "step_id",
        "purchase_line_id",
        "company_id",
        "user_id",
        "reference_date",
        "done_date",
        "done_by_id",
        "expedite_id",
        "work_contact_id",
        "exception_report_id",
    )
    # what the person acting records, until the follow-up is done
    _workflow_frozen_fields = (
        "deviation_note",
        "customer_final_date",
        "people_ok",
        "people_note",
        "machines_ok",
        "machines_note",
        "materials_ok",
        "materials_note",
        "problem",
        "problem_department_id",
        "confirmed_ship_date",
        "carrier_id",
        "carrier_contact",
        "late_reason",
        "supply_remedy",
    )
    _workflow_editable_states = ("open",)
    # what the person acting on each kind records (R-PLN-22, R-PLN-23,
    # R-PLN-32..34): written by that person only (see :meth:`write`)
    _followup_input_fields = {
        "order": ("deviation_note", "customer_final_date"),
        "readiness": (
            "people_ok",
            "people_note",
            "machines_ok",
            "machines_note",
            "materials_ok",
            "materials_note",
            "problem",
            "problem_department_id",
        ),
        "supplier_confirm": ("confirmed_ship_date", "late_reason", "supply_remedy"),
        "supplier_dispatch": ("carrier_id", "carrier_contact", "late_reason", "supply_remedy"),
    }

    name = fields.Char(string="Number", readonly=True, copy=False, default="/")
    kind = fields.Selection(
        selection=FOLLOWUP_KINDS, required=True, readonly=True, default="order", index=True
    )
    state = fields.Selection(
        selection=[("open", "To Do"), ("done", "Done"), ("cancel", "Cancelled")],
        default="open",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    result = fields.Selection(selection=FOLLOWUP_RESULTS, readonly=True, copy=False, tracking=True)
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        readonly=True,
        index=True,
        default=lambda self: self.env.company,
    )
    plan_id = fields.Many2one(
        comodel_name="order.production.plan",
        readonly=True,
        ondelete="cascade",
        index="btree_not_null",
    )
    sale_order_id = fields.Many2one(
        comodel_name="sale.order", readonly=True, index="btree_not_null"
    )
    step_id = fields.Many2one(
        comodel_name="order.production.plan.step",
        string="Assembly Start Step",
        readonly=True,
        ondelete="set null",
    )
    purchase_line_id = fields.Many2one(
        comodel_name="purchase.order.line",
        readonly=True,
        ondelete="cascade",
        index="btree_not_null",
    )
    purchase_id = fields.Many2one(
        related="purchase_line_id.order_id", store=True, string="Purchase Order", index=True
    )
    partner_id = fields.Many2one(related="purchase_line_id.partner_id", string="Supplier")
    product_id = fields.Many2one(related="purchase_line_id.product_id")
    user_id = fields.Many2one(
        comodel_name="res.users", string="Responsible", readonly=True, index=True
    )
    reference_date = fields.Datetime(
        string="Due Date",
        readonly=True,
        help="The date the follow-up counts back from: the reviewed delivery date, the "
        "start of production, the planned receipt, the confirmed ship day.",
    )
    done_date = fields.Datetime(string="Done On", readonly=True, copy=False)
    done_by_id = fields.Many2one(comodel_name="res.users", readonly=True)
    # order follow-up: the plan's progress (R-PLN-22)
    step_done_count = fields.Integer(compute="_compute_progress", string="Steps Done")
    step_count = fields.Integer(compute="_compute_progress", string="Steps")
    late_step_ids = fields.Many2many(
        comodel_name="order.production.plan.step",
        compute="_compute_progress",
        string="Late Steps",
        help="Steps not done whose planned finish has passed.",
    )
    preparation_step_ids = fields.Many2many(
        comodel_name="order.production.plan.step",
        compute="_compute_progress",
        string="Design, Cooperation, Purchasing",
        help="R-PLN-23: the progress of the steps production waits for.",
    )
    deviation_note = fields.Text(string="What Is Late")
    customer_final_date = fields.Datetime(
        string="Final Date Told to the Customer",
        help="The final delivery date agreed with the customer, sent in the expedite note.",
    )
    expedite_id = fields.Many2one(
        comodel_name="order.production.expedite", string="Expedite Note", readonly=True
    )
    # readiness check: people, machines, materials (R-PLN-23)
    people_ok = fields.Boolean(string="People Ready")
    people_note = fields.Char(string="People")
    machines_ok = fields.Boolean(string="Machines Ready")
    machines_note = fields.Char(string="Machines")
    materials_ok = fields.Boolean(string="Materials Ready")
    materials_note = fields.Char(
        string="Materials", help="Cooperation, purchasing and design progress."
    )
    problem = fields.Text()
    problem_department_id = fields.Many2one(
        comodel_name="order.department",
        string="Department Asked",
        domain="['|', ('company_id', '=', False), ('company_id', '=', company_id)]",
    )
    work_contact_id = fields.Many2one(
        comodel_name="order.work.contact", string="Work Contact Sheet", readonly=True
    )
    # supplier follow-up (R-PLN-32..34)
    date_planned = fields.Datetime(related="purchase_line_id.date_planned")
    confirmed_ship_date = fields.Datetime(string="Ship Date Confirmed by the Supplier")
    carrier_id = fields.Many2one(comodel_name="res.partner")
    carrier_contact = fields.Char(string="Carrier Contact / Phone")
    late_reason = fields.Text(string="Why Late")
    supply_remedy = fields.Selection(selection=SUPPLY_REMEDIES, string="Remedy")
    exception_report_id = fields.Many2one(
        comodel_name="order.exception.report", string="Late Supply Report", readonly=True
    )

    @api.depends("kind", "plan_id", "sale_order_id.name", "purchase_line_id")
    def _compute_display_name(self):
        labels = dict(self._fields["kind"]._description_selection(self.env))
        for followup in self:
            # the source's number, shown to whoever reads the follow-up (a
            # salesperson reads no purchase order)
            source = followup.sudo()
            source = source.purchase_id.name if source.purchase_line_id else source.plan_id.name
            followup.display_name = f"{followup.name} {labels.get(followup.kind, '')}" + (
                f" ({source})" if source else ""
            )

    @api.depends("plan_id.step_ids.state", "plan_id.step_ids.planned_finish")
    def _compute_progress(self):
        now = fields.Datetime.now()
        for followup in self:
            steps = followup.plan_id.step_ids.filtered(lambda s: s.state != "cancel")
            followup.step_count = len(steps)
            followup.step_done_count = len(steps.filtered(lambda s: s.state == "done"))
            followup.late_step_ids = steps.filtered(
                lambda s: s.state == "pending" and s.planned_finish and s.planned_finish < now
            )
            followup.preparation_step_ids = steps.filtered(
                lambda s: s.kind in ("design", "cooperation", "purchase")
            )

    @api.constrains("kind", "plan_id", "purchase_line_id")
    def _check_source(self):
        for followup in self:
            supplier = followup.kind in self._followup_supplier_kinds
            if not (followup.purchase_line_id if supplier else followup.plan_id):
                raise UserError(
                    self.env._(
                        "%(followup)s: a follow-up follows a plan or a purchase line.",
                        followup=followup.display_name,
                    )
                )

    def _workflow_guard_hint(self, fnames):
        return self.env._("Follow-ups are created by the server; use their buttons.")

    def init(self):
        """One follow-up of a kind per source, cancelled ones aside (the cron's
        :meth:`_followup_missing` tests the same predicate)."""
        res = super().init()
        supplier = self._followup_supplier_kinds
        plan_kinds = tuple(kind for kind in self._followup_kinds if kind not in supplier)
        for query in (
            SQL(
                "CREATE UNIQUE INDEX IF NOT EXISTS order_production_followup_plan_uniq "
                "ON order_production_followup (kind, plan_id) "
                "WHERE plan_id IS NOT NULL AND kind IN %s AND state != 'cancel'",
                plan_kinds,
            ),
            SQL(
                "CREATE UNIQUE INDEX IF NOT EXISTS order_production_followup_line_uniq "
                "ON order_production_followup (kind, purchase_line_id) "
                "WHERE purchase_line_id IS NOT NULL AND state != 'cancel'"
            ),
        ):
            try:
                with self.env.cr.savepoint(flush=False):
                    self.env.cr.execute(query)
            except psycopg2.errors.UniqueViolation:
                # a database with duplicates from before the index: the
                # update goes on, the duplicates are to be cancelled by hand
                _logger.warning(
                    "order.production.followup: duplicate open follow-ups, index not created"
                )
        return res

    def write(self, vals):
        """What the acting person records is written by that person only:
        the same check as the kind's buttons (R-PLN-22, R-PLN-23, R-PLN-32)."""
        inputs = set(vals) & {f for names in self._followup_input_fields.values() for f in names}
        if inputs and not self._workflow_is_trusted():
            for followup in self:
                if inputs - set(self._followup_input_fields[followup.kind]):
                    raise UserError(
                        self.env._(
                            "%(followup)s: these fields are not for this kind of follow-up.",
                            followup=followup.display_name,
                        )
                    )
            self._check_can_act()
        return super().write(vals)

    # ------------------------------------------------------------------
    # Creation by the cron
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        self._workflow_check_create(vals_list)
        unnamed = [vals for vals in vals_list if vals.get("name", "/") == "/"]
        for vals, name in zip(
            unnamed,
            next_sequence_numbers(self.env, "order.production.followup", len(unnamed)),
            strict=True,
        ):
            vals["name"] = name
        with self._workflow_transition():
            return super().create(vals_list)

    @api.model
    def _cron_create_followups(self):
        """For each kind whose policy exists in a company: its open sources
        without a follow-up of the kind (one query), their deadlines (one
        calendar walk), the follow-ups whose time has come (one create) and
        their clocks (one batch). The queries depend on the kinds and the
        companies, not on the number of sources."""
        now = fields.Datetime.now().replace(microsecond=0)
        model = self.sudo()
        policies = self.env["order.sla.policy"].sudo()
        created = model.browse()
        for company in self.env["res.company"].sudo().search([]):
            for kind, (code, hook) in self._followup_kinds.items():
                policy = policies._get_by_code(code, company)
                if not policy:
                    continue
                calendar = policy._get_calendar(company)
                horizon = model._followup_horizon(policy, calendar, now)
                candidates = getattr(model, hook)(company, now, horizon)
                if not candidates:
                    continue
                if policy.direction == "forward":
                    due = candidates  # the event has come (the source query says so)
                else:
                    computed = policy._compute_deadlines(
                        [(calendar, vals["reference_date"]) for vals in candidates]
                    )
                    due = [
                        vals
                        for vals, (deadline, reminder) in zip(candidates, computed, strict=True)
                        if (reminder or model._followup_day_start(calendar, deadline)) <= now
                    ]
                if not due:
                    continue
                for vals in due:
                    vals.update(kind=kind, company_id=company.id)
                followups = model.with_context(
                    tracking_disable=True, mail_create_nolog=True, mail_create_nosubscribe=True
                ).create(due)
                followups = followups.with_env(model.env)
                # the activities' names, computed for the batch (Odoo's activity
                # reads its document's name record by record)
                followups.mapped("display_name")
                followups._sla_start(policy, reference={f.id: f.reference_date for f in followups})
                created |= followups
        model._followup_close_stale()
        return created

    @api.model
    def _followup_day_start(self, calendar, value):
        """The start of `value`'s day in the calendar's timezone: without a
        reminder, a follow-up appears on the morning its deadline falls on
        (not at the deadline, already overdue)."""
        tz = timezone(calendar.tz or "UTC")
        day = utc.localize(value).astimezone(tz).date()
        return tz.localize(datetime.combine(day, time.min)).astimezone(utc).replace(tzinfo=None)

    @api.model
    def _followup_horizon(self, policy, calendar, now):
        """The latest due date whose follow-up may be due now (a backward
        policy): now plus the duration and the reminder, with a margin; the
        exact test is made on the computed deadlines."""
        if policy.direction == "forward":
            return now
        later = policy._shift(calendar, [now], policy.duration, policy.duration_unit)[0]
        if policy.reminder:
            later = policy._shift(calendar, [later], policy.reminder, policy.reminder_unit)[0]
        return later + timedelta(days=2)

    def _followup_rows(self, query):
        self.env.cr.execute(query)
        return self.env.cr.dictfetchall()

    @api.model
    def _followup_missing(self, kind, source_column, alias):
        """SQL: no follow-up of `kind` for the source yet."""
        return SQL(
            "NOT EXISTS (SELECT 1 FROM order_production_followup f "
            "WHERE f.kind = %s AND f.%s = %s.id AND f.state != 'cancel')",
            kind,
            SQL.identifier(source_column),
            SQL.identifier(alias),
        )

    @api.model
    def _followup_sources_order(self, company, now, horizon):
        """R-PLN-22, R-PLN-30: issued plans of orders not delivered, due
        within the horizon; the order follower (salesperson) acts, else the
        head of the sales department."""
        self.env.flush_all()
        rows = self._followup_rows(
            SQL(
                """
                SELECT p.id AS plan_id, p.sale_order_id, p.delivery_date AS reference_date,
                       so.user_id
                  FROM order_production_plan p
                  JOIN sale_order so ON so.id = p.sale_order_id
                 WHERE p.state = 'issued' AND p.company_id = %s
                   AND p.delivery_date > %s AND p.delivery_date <= %s
                   AND so.state = 'sale'
                   AND COALESCE(so.delivery_status, 'pending') != 'full'
                   AND %s
                 ORDER BY p.delivery_date, p.id
                """,
                company.id,
                now,
                horizon,
                self._followup_missing("order", "plan_id", "p"),
            )
        )
        head = company.order_plan_sales_department_id.manager_id.id
        for row in rows:
            row["user_id"] = row["user_id"] or head
        return [row for row in rows if row["user_id"]]

    @api.model
    def _followup_sources_readiness(self, company, now, horizon):
        """R-PLN-23: issued plans whose production start (the assembly-start
        step, else the plan's start) is ahead, the assembly not started; the
        manufacturing head acts (no head, no check)."""
        head = company.order_plan_department_id.manager_id.id
        if not head:
            return []
        self.env.flush_all()
        rows = self._followup_rows(
            SQL(
                """
                SELECT p.id AS plan_id, p.sale_order_id, s.id AS step_id,
                       COALESCE(s.planned_start, p.start_date) AS reference_date
                  FROM order_production_plan p
                  LEFT JOIN LATERAL (
                        SELECT st.id, st.planned_start, st.state
                          FROM order_production_plan_step st
                         WHERE st.plan_id = p.id AND st.kind = 'assembly_start'
                           AND st.state != 'cancel'
                         ORDER BY st.sequence, st.id
                         LIMIT 1) s ON TRUE
                 WHERE p.state = 'issued' AND p.company_id = %s
                   AND COALESCE(s.planned_start, p.start_date) > %s
                   AND COALESCE(s.planned_start, p.start_date) <= %s
                   AND COALESCE(s.state, '') != 'done'
                   AND %s
                 ORDER BY 4, p.id
                """,
                company.id,
                now,
                horizon,
                self._followup_missing("readiness", "plan_id", "p"),
            )
        )
        for row in rows:
            row["user_id"] = head
        return rows

    @api.model
    def _followup_purchase_head(self, rows, company):
        head = company.order_plan_purchase_department_id.manager_id.id
        for row in rows:
            row["user_id"] = row["user_id"] or head
        return rows

    @api.model
    def _followup_sources_supplier_confirm(self, company, now, horizon):
        """R-PLN-32: lines of confirmed purchase orders not fully received,
        planned within the horizon; the buyer (or the purchasing head) acts."""
        self.env.flush_all()
        rows = self._followup_rows(
            SQL(
                """
                SELECT l.id AS purchase_line_id, l.date_planned AS reference_date,
                       po.user_id, plan.id AS plan_id, plan.sale_order_id
                  FROM purchase_order_line l
                  JOIN purchase_order po ON po.id = l.order_id
                  LEFT JOIN order_production_plan_step st ON st.id = l.order_plan_step_id
                  LEFT JOIN order_production_plan plan
                         ON plan.id = COALESCE(st.plan_id, po.order_plan_id)
                 WHERE po.state IN ('purchase', 'done') AND po.company_id = %s
                   AND l.display_type IS NULL AND l.qty_received < l.product_qty
                   AND l.date_planned > %s AND l.date_planned <= %s
                   AND %s
                 ORDER BY l.date_planned, l.id
                """,
                company.id,
                now,
                horizon,
                self._followup_missing("supplier_confirm", "purchase_line_id", "l"),
            )
        )
        return self._followup_purchase_head(rows, company)

    @api.model
    def _followup_sources_supplier_dispatch(self, company, now, horizon):
        """R-PLN-34: lines whose confirmed ship time has come and whose
        dispatch is not recorded yet."""
        self.env.flush_all()
        rows = self._followup_rows(
            SQL(
                """
                SELECT l.id AS purchase_line_id, l.order_confirmed_ship_date AS reference_date,
                       po.user_id, plan.id AS plan_id, plan.sale_order_id
                  FROM purchase_order_line l
                  JOIN purchase_order po ON po.id = l.order_id
                  LEFT JOIN order_production_plan_step st ON st.id = l.order_plan_step_id
                  LEFT JOIN order_production_plan plan
                         ON plan.id = COALESCE(st.plan_id, po.order_plan_id)
                 WHERE po.state IN ('purchase', 'done') AND po.company_id = %s
                   AND l.display_type IS NULL AND l.qty_received < l.product_qty
                   AND l.order_confirmed_ship_date <= %s
                   AND l.order_dispatched_on IS NULL
                   AND %s
                 ORDER BY l.order_confirmed_ship_date, l.id
                """,
                company.id,
                horizon,
                self._followup_missing("supplier_dispatch", "purchase_line_id", "l"),
            )
        )
        return self._followup_purchase_head(rows, company)

    @api.model
    def _followup_close_stale(self):
        """Open follow-ups whose source closed are cancelled, their clocks
        withdrawn: plan done or cancelled; sale order delivered or no longer
        confirmed (order follow-up); assembly started (readiness check);
        purchase order cancelled or line fully received (supplier). The
        source queries leave the same sources out. One query."""
        self.env.flush_all()
        rows = self._followup_rows(
            SQL(
                """
                SELECT f.id
                  FROM order_production_followup f
                  LEFT JOIN order_production_plan p ON p.id = f.plan_id
                  LEFT JOIN sale_order so ON so.id = f.sale_order_id
                  LEFT JOIN order_production_plan_step st ON st.id = f.step_id
                  LEFT JOIN purchase_order_line l ON l.id = f.purchase_line_id
                  LEFT JOIN purchase_order po ON po.id = l.order_id
                 WHERE f.state = 'open' AND (
                       (f.kind IN ('order', 'readiness') AND p.state IN ('done', 'cancel'))
                    OR (f.kind = 'order' AND (so.state != 'sale' OR so.delivery_status = 'full'))
                    OR (f.kind = 'readiness' AND st.state = 'done')
                    OR (f.kind IN %s AND (po.state = 'cancel' OR l.qty_received >= l.product_qty))
                 )
                """,
                self._followup_supplier_kinds,
            )
        )
        stale = self.browse([row["id"] for row in rows])
        if stale:
            stale._sla_cancel()
            stale._workflow_write({"state": "cancel"})

    # ------------------------------------------------------------------
    # Deadline hooks
    # ------------------------------------------------------------------
    def _sla_escalation_fallback_users(self):
        """A rung that names nobody of the company asks its general managers."""
        return (
            general_managers(self.env, self.company_id) or super()._sla_escalation_fallback_users()
        )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def _check_can_act(self, kinds=None):
        """The person who must act: the follow-up's responsible, else the
        head of the department of the kind or its managers: purchasing for
        the supplier kinds, sales for the order follow-up (R-PLN-22), the
        manufacturing department for the readiness check (R-PLN-23)."""
        user = self.env.user
        for followup in self:
            if kinds and followup.kind not in kinds:
                raise UserError(
                    self.env._(
                        "%(followup)s: this action is not for this kind of follow-up.",
                        followup=followup.display_name,
                    )
                )
            if followup.kind in self._followup_supplier_kinds:
                allowed = user.has_group("purchase.group_purchase_manager")
                head = followup.company_id.order_plan_purchase_department_id.manager_id
            elif followup.kind == "order":
                allowed = user.has_group("sales_team.group_sale_manager")
                head = followup.company_id.order_plan_sales_department_id.manager_id
            else:
                allowed = user.has_group(
                    "order_production_plan.group_order_production_plan_planner"
                )
                head = followup.company_id.order_plan_department_id.manager_id
            if user not in followup.user_id | head and not allowed:
                raise UserError(
                    self.env._(
                        "%(followup)s is done by %(user)s.",
                        followup=followup.display_name,
                        user=followup.user_id.name or head.name or "-",
                    )
                )
        self._workflow_check_state(("open",))

    def _done(self, result, vals=None):
        now = fields.Datetime.now()
        self._workflow_write(
            {"state": "done", "result": result, "done_date": now, "done_by_id": self.env.user.id}
            | (vals or {})
        )
        self._sla_stop(now)

    def action_on_track(self):
        """R-PLN-22: the order follower found the plan on track."""
        self._check_can_act(("order",))
        self._done("on_track")
        return True

    def action_deviation(self):
        """R-PLN-22: the delivery cannot be kept: an expedite note (催促单)
        with the final date told to the customer goes to the manufacturing
        head and the general managers, who must answer."""
        self._check_can_act(("order",))
        for followup in self:
            if not followup.deviation_note or not followup.customer_final_date:
                raise UserError(
                    self.env._(
                        "%(followup)s: say what is late and the final date told to the "
                        "customer first.",
                        followup=followup.display_name,
                    )
                )
            delivery = followup.plan_id.delivery_date
            if delivery and followup.customer_final_date <= delivery:
                raise UserError(
                    self.env._(
                        "%(followup)s: the final date told to the customer comes after the "
                        "reviewed delivery date %(date)s.",
                        followup=followup.display_name,
                        date=followup.plan_id._format_date(delivery),
                    )
                )
        for followup in self:
            expedite = (
                self.env["order.production.expedite"]
                .sudo()
                ._create_from_followup(followup, self.env.user)
            )
            followup._done("deviation", {"expedite_id": expedite.id})
        if len(self) == 1:
            return self.expedite_id._get_form_action()
        return True

    def action_ready(self):
        """R-PLN-23: people, machines and materials are ready."""
        self._check_can_act(("readiness",))
        for followup in self:
            if not (followup.people_ok and followup.machines_ok and followup.materials_ok):
                raise UserError(
                    self.env._(
                        "%(followup)s: check people, machines and materials first "
                        "(R-PLN-23), or report the problem.",
                        followup=followup.display_name,
                    )
                )
        self._done("ready")
        return True

    def action_problem(self):
        """R-PLN-23: a problem goes to the department that must solve it as a
        cross-department work contact sheet (跨部门工作联系单), on a clock."""
        self._check_can_act(("readiness",))
        for followup in self:
            if not followup.problem or not followup.problem_department_id:
                raise UserError(
                    self.env._(
                        "%(followup)s: describe the problem and name the department asked.",
                        followup=followup.display_name,
                    )
                )
            if followup.problem_department_id.company_id - followup.company_id:
                raise UserError(
                    self.env._(
                        "%(followup)s: %(department)s belongs to another company.",
                        followup=followup.display_name,
                        department=followup.problem_department_id.display_name,
                    )
                )
        for followup in self:
            requesting = followup.company_id.order_plan_department_id
            contact = (
                self.env["order.work.contact"]
                .with_company(followup.company_id)
                .create(
                    {
                        "plan_id": followup.plan_id.id,
                        "company_id": followup.company_id.id,
                        "problem": followup.problem,
                        "requesting_department_id": requesting.id,
                        "department_id": followup.problem_department_id.id,
                    }
                )
            )
            with self._workflow_transition():
                contact.write({"followup_id": followup.id})
            followup._done("problem", {"work_contact_id": contact.id})
        if len(self) == 1:
            return self.work_contact_id._get_form_action()
        return True

    def action_confirm_ship_date(self):
        """R-PLN-32: the ship date confirmed with the supplier, and who
        confirmed it, are recorded on the purchase line."""
        self._check_can_act(("supplier_confirm",))
        now = fields.Datetime.now()
        for followup in self:
            if not followup.confirmed_ship_date:
                raise UserError(
                    self.env._(
                        "%(followup)s: enter the ship date the supplier confirmed.",
                        followup=followup.display_name,
                    )
                )
            if followup.confirmed_ship_date < now:
                raise UserError(
                    self.env._(
                        "%(followup)s: the confirmed ship date is past.",
                        followup=followup.display_name,
                    )
                )
            if followup.confirmed_ship_date > followup.date_planned:
                raise UserError(
                    self.env._(
                        "%(followup)s: the supplier ships after the planned receipt %(date)s: "
                        "use Late Supply (R-PLN-33).",
                        followup=followup.display_name,
                        date=followup._format_date(followup.date_planned),
                    )
                )
            followup.purchase_line_id.sudo()._order_record_ship_date(
                followup.confirmed_ship_date, self.env.user, now
            )
        self._done("confirmed")
        return True

    def action_dispatched(self):
        """R-PLN-34: the supplier dispatched; the carrier and its contact
        are recorded on the purchase line."""
        self._check_can_act(("supplier_dispatch",))
        now = fields.Datetime.now()
        for followup in self:
            if not followup.carrier_id or not followup.carrier_contact:
                raise UserError(
                    self.env._(
                        "%(followup)s: name the carrier and its contact.",
                        followup=followup.display_name,
                    )
                )
            followup.purchase_line_id.sudo()._order_record_dispatch(
                followup.carrier_id, followup.carrier_contact, now
            )
        self._done("dispatched")
        return True

    def action_late_supply(self):
        """R-PLN-33, R-PLN-34: the goods will not arrive as planned: one
        exception report to the purchasing head, on the 30-minute clock of
        policy ``supplier_delay_report``, with the remedy chosen."""
        self._check_can_act(self._followup_supplier_kinds)
        for followup in self:
            if not followup.late_reason:
                raise UserError(
                    self.env._(
                        "%(followup)s: say why the goods will be late.",
                        followup=followup.display_name,
                    )
                )
        reports = self.env["order.exception.report"]
        for followup in self:
            report = reports._order_create_late_supply(followup)
            vals = {"exception_report_id": report.id}
            if followup.confirmed_ship_date and followup.kind == "supplier_confirm":
                followup.purchase_line_id.sudo()._order_record_ship_date(
                    followup.confirmed_ship_date, self.env.user, fields.Datetime.now()
                )
            followup._done("late", vals)
            reports |= report
        if len(reports) == 1:
            return {
                "type": "ir.actions.act_window",
                "res_model": reports._name,
                "res_id": reports.id,
                "views": [(False, "form")],
            }
        return True

    def _order_sale_order(self):
        """The sale order a supplier follow-up's purchase serves (via the plan)."""
        self.ensure_one()
        return self.sale_order_id

    def action_cancel(self):
        if not self.env.user.has_group(
            "order_production_plan.group_order_production_plan_manager"
        ) and not self.env.user.has_group("purchase.group_purchase_manager"):
            raise UserError(self.env._("A follow-up is cancelled by a manager."))
        self._workflow_check_state(("open",))
        self._sla_cancel()
        self._workflow_write({"state": "cancel"})
        return True

    def action_open_source(self):
        self.ensure_one()
        if self.purchase_id:
            return {
                "type": "ir.actions.act_window",
                "res_model": "purchase.order",
                "res_id": self.purchase_id.id,
                "views": [(False, "form")],
            }
        return self.plan_id._get_form_action()
