# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.osv import expression

SEVERITIES = [
    ("minor", "General"),
    ("major", "Important"),
    ("critical", "Serious"),
]
OPEN_STATES = ("new", "acknowledged", "in_progress", "resolved")
# The documents a report may concern, by model
DOCUMENT_FIELDS = {
    "sale.order": "sale_order_id",
    "purchase.order": "purchase_id",
    "mrp.production": "production_id",
    "stock.picking": "picking_id",
}
# Only a manager decides responsibility (R-EXC-27, R-EXC-32)
RESPONSIBILITY_FIELDS = (
    "responsibility_department_id",
    "responsibility_user_id",
    "responsibility_decision",
)


class OrderExceptionReport(models.Model):
    """生产过程异常提报表: an exception report (R-EXC-10, R-EXC-25 to R-EXC-29).

    Raised by an inspector, a department or a detection rule; the people it is
    addressed to react within the category's deadline (20 minutes), else the
    department head is asked, then the general manager. The closed loop:
    acknowledged → in progress (actions started within 4 hours of the
    exception meeting) → resolved → improvement verified → closed, with the
    responsibility decided by a manager. A problem that comes back after being
    closed without verified improvement is a repeat; the second one goes one
    level up at once (R-EXC-29).
    """

    _name = "order.exception.report"
    _description = "Exception Report"
    _inherit = ["mail.thread", "mail.activity.mixin", "order.sla.mixin"]
    _order = "found_date desc, id desc"
    _sla_user_field = "user_id"

    name = fields.Char(string="Reference", readonly=True, copy=False, default="/")
    title = fields.Char(string="Problem", required=True, tracking=True)
    description = fields.Text(string="Details")
    category_id = fields.Many2one(
        comodel_name="order.exception.category",
        required=True,
        tracking=True,
        index=True,
        ondelete="restrict",
    )
    severity = fields.Selection(
        selection=SEVERITIES, required=True, default="minor", tracking=True, index=True
    )
    state = fields.Selection(
        selection=[
            ("new", "New"),
            ("acknowledged", "Acknowledged"),
            ("in_progress", "In Progress"),
            ("resolved", "Resolved"),
            ("verified", "Improvement Verified"),
            ("closed", "Closed"),
            ("cancel", "Cancelled"),
        ],
        default="new",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
        group_expand=True,
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    rule_id = fields.Many2one(
        comodel_name="order.exception.rule",
        string="Detected By",
        readonly=True,
        index="btree_not_null",
        ondelete="set null",
    )
    # The documents concerned
    sale_order_id = fields.Many2one(comodel_name="sale.order", index="btree_not_null")
    purchase_id = fields.Many2one(
        comodel_name="purchase.order", string="Purchase Order", index="btree_not_null"
    )
    production_id = fields.Many2one(
        comodel_name="mrp.production", string="Manufacturing Order", index="btree_not_null"
    )
    picking_id = fields.Many2one(
        comodel_name="stock.picking", string="Transfer", index="btree_not_null"
    )
    product_id = fields.Many2one(comodel_name="product.product", index="btree_not_null")
    lot_id = fields.Many2one(comodel_name="stock.lot", string="Lot/Serial Number")
    partner_id = fields.Many2one(comodel_name="res.partner", string="Customer / Supplier")
    # Who
    reporter_id = fields.Many2one(
        comodel_name="res.users",
        string="Reported By",
        required=True,
        default=lambda self: self.env.user,
    )
    found_date = fields.Datetime(
        string="Found On",
        required=True,
        default=fields.Datetime.now,
        help="When the problem was found: the reaction clock starts here.",
    )
    department_id = fields.Many2one(
        comodel_name="order.department",
        string="Responsible Department",
        compute="_compute_department_id",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
        index=True,
    )
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Responsible",
        tracking=True,
        index=True,
        help="The person who handles the report; the department head when empty.",
    )
    addressee_ids = fields.Many2many(
        comodel_name="res.users",
        relation="order_exception_report_addressee_rel",
        string="Reported To",
        help="The people the report went to when it was raised (asked to react first).",
    )
    # The closed loop
    acknowledged_date = fields.Datetime(readonly=True, copy=False)
    acknowledged_by_id = fields.Many2one(comodel_name="res.users", readonly=True, copy=False)
    containment = fields.Text(
        string="Immediate Measure", help="当时解决措施: what was done at once."
    )
    root_cause = fields.Text(help="出现原因")
    corrective_action = fields.Text()
    date_due = fields.Date(
        string="Target Date",
        tracking=True,
        help="When the corrective action must be done; the exception meeting lists the "
        "reports due before the next meeting.",
    )
    resolved_date = fields.Datetime(readonly=True, copy=False)
    verification = fields.Text(help="How the improvement was checked.")
    improvement_verified = fields.Boolean(readonly=True, copy=False, tracking=True)
    verified_by_id = fields.Many2one(comodel_name="res.users", readonly=True, copy=False)
    verified_date = fields.Datetime(readonly=True, copy=False)
    closed_date = fields.Datetime(readonly=True, copy=False, index=True)
    # Responsibility (manager)
    responsibility_department_id = fields.Many2one(
        comodel_name="order.department", string="Department Held Responsible", tracking=True
    )
    responsibility_user_id = fields.Many2one(
        comodel_name="res.users", string="Person Held Responsible", tracking=True
    )
    responsibility_decision = fields.Text()
    responsibility_decided_by_id = fields.Many2one(
        comodel_name="res.users", string="Decided By", readonly=True, copy=False
    )
    responsibility_date = fields.Datetime(string="Decided On", readonly=True, copy=False)
    # Repeats (R-EXC-29)
    repeat_count = fields.Integer(
        string="Unimproved Before",
        readonly=True,
        copy=False,
        help="How many earlier reports of the same product and category were closed in a "
        "row without verified improvement.",
    )
    previous_report_id = fields.Many2one(
        comodel_name="order.exception.report",
        readonly=True,
        copy=False,
    )
    escalation_reason = fields.Text(readonly=True, copy=False)
    action_ids = fields.One2many(
        comodel_name="order.exception.meeting.action",
        inverse_name="report_id",
        string="Actions",
    )
    meeting_ids = fields.Many2many(
        comodel_name="order.exception.meeting",
        relation="order_exception_meeting_report_rel",
        column1="report_id",
        column2="meeting_id",
        string="Meetings",
        readonly=True,
        copy=False,
    )
    is_overdue = fields.Boolean(
        compute="_compute_is_overdue",
        search="_search_is_overdue",
        help="Open, and past its target date or its reaction deadline.",
    )

    # ------------------------------------------------------------------
    # Creation
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            vals["name"] = self.env["ir.sequence"].next_by_code("order.exception.report") or "/"
        reports = super().create(vals_list)
        reports._fill_addressees()
        reports._check_repeats()
        for (policy, _company), batch in reports.grouped(
            lambda r: (r.rule_id.policy_id or r.category_id.policy_id, r.company_id)
        ).items():
            if policy:
                batch._sla_start(policy, reference={r.id: r.found_date for r in batch})
        reports._escalate_repeats()
        return reports

    @api.depends("category_id")
    def _compute_department_id(self):
        for report in self:
            report.department_id = report.category_id.department_id or report.department_id

    def _fill_addressees(self):
        """Nobody named: the report goes to the head of its department."""
        for report in self.filtered(lambda r: not r.addressee_ids):
            heads = report.department_id.manager_id | report.user_id
            if heads:
                report.addressee_ids = heads

    def _check_repeats(self):
        """Count, for each report, the earlier reports of the same product and
        category closed in a row without verified improvement (one query)."""
        reports = self.filtered(lambda r: r.product_id)
        if not reports:
            return
        earlier = self.search(
            [
                ("id", "not in", reports.ids),
                ("product_id", "in", reports.product_id.ids),
                ("category_id", "in", reports.category_id.ids),
                ("state", "in", ("verified", "closed")),
            ],
            order="closed_date desc, id desc",
        )
        history = defaultdict(list)
        for old in earlier:
            history[(old.company_id, old.product_id, old.category_id)].append(old)
        for report in reports:
            unimproved = []
            for old in history[(report.company_id, report.product_id, report.category_id)]:
                if old.found_date > report.found_date:
                    continue
                if old.improvement_verified:
                    break
                unimproved.append(old)
            if unimproved:
                report.write(
                    {"repeat_count": len(unimproved), "previous_report_id": unimproved[0].id}
                )

    def _escalate_repeats(self):
        """The same problem unimproved twice in a row goes one level up (R-EXC-29)."""
        repeats = self.filtered(lambda r: r.repeat_count >= 2)
        for report in repeats:
            reason = self.env._(
                "%(product)s: %(category)s problem back after %(count)s reports closed in a "
                "row without verified improvement (last: %(previous)s).",
                product=report.product_id.display_name,
                category=report.category_id.name,
                count=report.repeat_count,
                previous=report.previous_report_id.name,
            )
            report.escalation_reason = reason
            if not report._sla_escalate(reason):
                report._message_log(body=reason)

    @api.depends("name", "title")
    def _compute_display_name(self):
        for report in self:
            report.display_name = f"{report.name} {report.title or ''}".strip()

    def _overdue_domain(self):
        """Open, and past its reaction deadline or its target date."""
        return [
            ("state", "in", OPEN_STATES),
            "|",
            ("sla_state", "=", "overdue"),
            ("date_due", "<", fields.Date.context_today(self)),
        ]

    def _compute_is_overdue(self):
        overdue = self.filtered_domain(self._overdue_domain())
        for report in self:
            report.is_overdue = report in overdue

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on 'overdue'."))
        domain = self._overdue_domain()
        positive = (operator == "=") == value
        return domain if positive else ["!", *expression.normalize_domain(domain)]

    # ------------------------------------------------------------------
    # Deadline engine hooks
    # ------------------------------------------------------------------
    def _sla_get_user(self):
        """The people the report went to (its department head by default)."""
        self.ensure_one()
        return self.addressee_ids

    def _sla_get_escalation_users(self, escalation):
        """The rung's people; a rung that names nobody asks the department head."""
        self.ensure_one()
        return (
            escalation._get_users()
            or self.department_id.manager_id
            or super()._sla_get_escalation_users(escalation)
        )

    # ------------------------------------------------------------------
    # Rights
    # ------------------------------------------------------------------
    def _is_head(self):
        return self.env.user.has_group("order_exception.group_order_exception_head")

    def _is_manager(self):
        return self.env.user.has_group("order_exception.group_order_exception_manager")

    def _check_can_handle(self):
        """The people it concerns, the department heads and the managers."""
        if self.env.su or self._is_head():
            return
        for report in self:
            concerned = (
                report.addressee_ids
                | report.user_id
                | report.department_id.manager_id
                | report.department_id.member_ids
            )
            if self.env.user not in concerned:
                raise AccessError(
                    self.env._(
                        "%(report)s is handled by its department: you are not among the "
                        "people it concerns.",
                        report=report.display_name,
                    )
                )

    def write(self, vals):
        if any(field in vals for field in RESPONSIBILITY_FIELDS):
            if not self.env.su and not self._is_manager():
                raise AccessError(self.env._("Only a manager decides who is responsible."))
            vals = {
                **vals,
                "responsibility_decided_by_id": self.env.user.id,
                "responsibility_date": fields.Datetime.now(),
            }
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(self.env._("Exception reports are never deleted: cancel them instead."))

    # ------------------------------------------------------------------
    # Workflow
    # ------------------------------------------------------------------
    def _check_state(self, states, action):
        for report in self:
            if report.state not in states:
                raise UserError(
                    self.env._(
                        "%(report)s cannot be %(action)s in its current state.",
                        report=report.display_name,
                        action=action,
                    )
                )

    def action_acknowledge(self):
        """The report is taken in hand: the reaction clock stops."""
        self._check_state(("new",), self.env._("acknowledged"))
        self._check_can_handle()
        self._sla_stop()
        self.write(
            {
                "state": "acknowledged",
                "acknowledged_date": fields.Datetime.now(),
                "acknowledged_by_id": self.env.user.id,
            }
        )
        for report in self.filtered(lambda r: not r.user_id):
            report.user_id = self.env.user
        return True

    def action_start(self):
        self._check_state(("new", "acknowledged"), self.env._("started"))
        self._check_can_handle()
        self.filtered(lambda r: r.state == "new").action_acknowledge()
        self.write({"state": "in_progress"})
        return True

    def action_resolve(self):
        self._check_state(("acknowledged", "in_progress"), self.env._("resolved"))
        self._check_can_handle()
        for report in self:
            if (
                not (report.root_cause or "").strip()
                or not (report.corrective_action or "").strip()
            ):
                raise UserError(
                    self.env._(
                        "%(report)s: write the root cause and the corrective action first.",
                        report=report.display_name,
                    )
                )
        self.write({"state": "resolved", "resolved_date": fields.Datetime.now()})
        return True

    def action_verify(self):
        """The improvement is checked and holds (R-EXC-27: next-day review)."""
        self._check_state(("resolved",), self.env._("verified"))
        if not self.env.su and not self._is_head():
            raise AccessError(self.env._("A department head verifies the improvement."))
        self.write(
            {
                "state": "verified",
                "improvement_verified": True,
                "verified_by_id": self.env.user.id,
                "verified_date": fields.Datetime.now(),
            }
        )
        return True

    def action_not_improved(self):
        """The check failed: the report goes back to work."""
        self._check_state(("resolved",), self.env._("sent back"))
        if not self.env.su and not self._is_head():
            raise AccessError(self.env._("A department head verifies the improvement."))
        self.write({"state": "in_progress", "resolved_date": False})
        for report in self:
            report._message_log(body=self.env._("Improvement not verified: back to work."))
        return True

    def action_close(self):
        """Close: after verification, or — by a manager — without it (the report
        then counts as unimproved if the problem comes back)."""
        if not self.env.su and not self._is_head():
            raise AccessError(self.env._("A department head closes exception reports."))
        for report in self:
            if report.state == "verified":
                continue
            report._check_state(OPEN_STATES, self.env._("closed"))
            if not self.env.su and not self._is_manager():
                raise AccessError(
                    self.env._(
                        "%(report)s: its improvement is not verified; only a manager closes it "
                        "as it is.",
                        report=report.display_name,
                    )
                )
            report._message_log(body=self.env._("Closed without verified improvement."))
        self._sla_cancel()
        self.write({"state": "closed", "closed_date": fields.Datetime.now()})
        return True

    def action_cancel(self):
        if not self.env.su and not self._is_manager():
            raise AccessError(self.env._("Only a manager cancels an exception report."))
        self._check_state(OPEN_STATES, self.env._("cancelled"))
        self._sla_cancel()
        self.write({"state": "cancel"})
        return True

    def action_open_document(self):
        """The first document the report concerns."""
        self.ensure_one()
        for field in DOCUMENT_FIELDS.values():
            if self[field]:
                return {
                    "type": "ir.actions.act_window",
                    "res_model": self[field]._name,
                    "res_id": self[field].id,
                    "view_mode": "form",
                }
        return False
