# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import defaultdict

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.osv import expression

SEVERITIES = [
    ("minor", "General"),
    ("major", "Important"),
    ("critical", "Serious"),
]
OPEN_STATES = ("new", "acknowledged", "in_progress", "resolved")
# Only a manager decides responsibility and its sanction (R-EXC-27, R-EXC-28,
# R-EXC-32, R-EXC-33)
RESPONSIBILITY_FIELDS = (
    "responsibility_department_id",
    "responsibility_user_id",
    "responsibility_decision",
    "sanction",
    "violation_level",
    "penalty_amount",
)
# What the closed loop established: frozen once the report is closed or cancelled
# Who handles the report (the rights to move it on follow them)
ROUTING_FIELDS = ("user_id", "addressee_ids", "department_id")
LOOP_FIELDS = ("containment", "root_cause", "corrective_action", "verification")
SANCTIONS = [
    ("none", "None"),
    ("criticism", "Criticism"),
    ("warning", "Warning"),
    ("penalty", "Economic Penalty"),
    ("dismissal", "Dismissal"),
]


class OrderExceptionReport(models.Model):
    """生产过程异常提报表: an exception report (R-EXC-10, R-EXC-25 to R-EXC-29).

    Raised by an inspector, a department or a detection rule; the people it is
    addressed to react within the category's deadline (20 minutes), else the
    department head is asked, then the general manager. The closed loop:
    acknowledged → in progress (actions started within 4 hours of the
    exception meeting) → resolved → improvement verified → closed, with the
    responsibility decided by a manager. A problem found not improved again
    is a repeat; the second one goes one level up at once (R-EXC-29, see
    :meth:`_check_repeats`). A serious report goes to the general manager at
    once, an important one to the department head (R-EXC-21, see
    :meth:`_route_by_severity`).

    The documents a report concerns are the ``_exception_report_field`` of
    the models checked by the exception rules (``order.exception.rule.mixin``):
    a new kind of document plugs in by declaring that attribute and adding the
    Many2one to this model.
    """

    _name = "order.exception.report"
    _description = "Exception Report"
    _inherit = ["mail.thread", "mail.activity.mixin", "order.sla.mixin"]
    _order = "found_date desc, id desc"
    _sla_user_field = "user_id"
    # the department whose head is the general manager (R-EXC-21)
    _general_manager_department_code = "GM"
    # what the closed loop and the responsibility decision established stays
    # as it was once the report is closed or cancelled
    _workflow_frozen_fields = (*LOOP_FIELDS, *RESPONSIBILITY_FIELDS)
    _workflow_editable_states = (*OPEN_STATES, "verified")
    _workflow_guarded_fields = (
        "state",
        "rule_id",
        "acknowledged_date",
        "acknowledged_by_id",
        "resolved_date",
        "improvement_verified",
        "verified_by_id",
        "verified_date",
        "closed_date",
        "responsibility_decided_by_id",
        "responsibility_date",
        "repeat_count",
        "not_improved_count",
        "previous_report_id",
        "escalation_reason",
        "meeting_ids",
    )

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
    sanction = fields.Selection(
        selection=SANCTIONS,
        tracking=True,
        help="The sanction decided (R-EXC-33): criticism, warning, economic penalty, dismissal.",
    )
    violation_level = fields.Selection(
        selection=[("general", "General Violation"), ("serious", "Serious Violation")],
        tracking=True,
        help="一般违规 / 严重违规 (R-EXC-33), verified and recorded.",
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    penalty_amount = fields.Monetary(
        string="Economic Penalty",
        currency_field="currency_id",
        tracking=True,
        help="The economic penalty proposed for an impact on shipment not improved "
        "effectively (R-EXC-28).",
    )
    responsibility_decided_by_id = fields.Many2one(
        comodel_name="res.users", string="Decided By", readonly=True, copy=False
    )
    responsibility_date = fields.Datetime(string="Decided On", readonly=True, copy=False)
    # Repeats (R-EXC-29)
    repeat_count = fields.Integer(
        string="Unimproved in a Row",
        readonly=True,
        copy=False,
        help="How many times in a row the same problem was found not improved: improvement "
        "checks failed and reports closed without verified improvement, on the earlier "
        "reports of the same problem and on this one.",
    )
    not_improved_count = fields.Integer(
        string="Failed Improvement Checks",
        readonly=True,
        copy=False,
        help="How many times the improvement of this report was found not to hold.",
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
    document_ref = fields.Reference(
        selection="_selection_document_ref",
        string="Document",
        compute="_compute_document_ref",
        help="The first document the report concerns.",
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
        if any(vals.get(field) for vals in vals_list for field in RESPONSIBILITY_FIELDS):
            self._check_responsibility_rights()
        # the number comes from the sequence: a client's own number is ignored
        self._workflow_number(vals_list, "order.exception.report")
        reports = super().create(vals_list)
        decided = reports.filtered(lambda r: any(r[field] for field in RESPONSIBILITY_FIELDS))
        if decided:
            decided._workflow_write(
                {
                    "responsibility_decided_by_id": self.env.user.id,
                    "responsibility_date": fields.Datetime.now(),
                }
            )
        reports._fill_addressees()
        routed = reports._route_by_severity()
        reports._check_repeats()
        for (policy, _company), batch in reports.grouped(
            lambda r: (r.rule_id.policy_id or r.category_id.policy_id, r.company_id)
        ).items():
            if policy:
                batch._sla_start(policy, reference={r.id: r.found_date for r in batch})
        # a running reaction clock asks the people routed to already
        reports._notify_routed(routed, reports.filtered(lambda r: not r.sla_policy_id))
        reports.filtered(lambda r: r.repeat_count >= 2)._escalate_repeats()
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
                report._workflow_write({"addressee_ids": [Command.set(heads.ids)]})

    # ------------------------------------------------------------------
    # Documents (the models checked by the exception rules)
    # ------------------------------------------------------------------
    @api.model
    def _document_fields(self):
        """{model: report field} of the documents a report may concern: every
        model inheriting ``order.exception.rule.mixin`` that declares its
        ``_exception_report_field``, the most specific documents first (their
        ``_exception_report_sequence``)."""
        models_ = [
            self.env[name] for name in self.env["order.exception.rule.mixin"]._exception_models()
        ]
        return {
            model._name: model._exception_report_field
            for model in sorted(models_, key=lambda m: (m._exception_report_sequence, m._name))
            if model._exception_report_field in self._fields
        }

    @api.model
    def _selection_document_ref(self):
        IrModel = self.env["ir.model"].sudo()
        return [(name, IrModel._get(name).name) for name in self._document_fields()]

    @api.depends(lambda self: list(self._document_fields().values()))
    def _compute_document_ref(self):
        fnames = list(self._document_fields().values())
        for report in self:
            documents = [report[fname] for fname in fnames if report[fname]]
            report.document_ref = documents[0] if documents else False

    # ------------------------------------------------------------------
    # Severity (R-EXC-21)
    # ------------------------------------------------------------------
    def _general_manager(self):
        """The general manager (总经理): the head of the company's department
        of code ``GM``, or else the people of the top rung of the report's
        deadline ladder."""
        self.ensure_one()
        head = (
            self.env["order.department"]
            .sudo()
            ._get_by_code(self._general_manager_department_code, self.company_id)
            .manager_id
        )
        if head:
            return head
        policy = self.sla_policy_id or self.rule_id.policy_id or self.category_id.policy_id
        top = policy.escalation_ids.sorted("level")[-1:]
        return top._get_users() if top else self.env["res.users"]

    def _severity_addressees(self):
        """Whom a report of its severity reaches at once: the general manager
        for a serious one (R-EXC-21: a major issue goes to the company's
        leadership), the department head for an important one."""
        self.ensure_one()
        if self.severity == "critical":
            return self._general_manager()
        if self.severity == "major":
            return self.department_id.manager_id
        return self.env["res.users"]

    def _route_by_severity(self):
        """Add the people the severity calls for to the addressees.

        :return: {report: the users added}
        """
        routed = {}
        for report in self:
            users = (report._severity_addressees() - report.addressee_ids).filtered("active")
            if users:
                report._workflow_write({"addressee_ids": [Command.link(user.id) for user in users]})
                routed[report] = users
        return routed

    def _notify_routed(self, routed, schedule=None):
        """Say in the chatter whom a report was routed to and why; a to-do for
        them on the reports of `schedule` (all by default: those whose
        reaction clock does not ask them already).

        :param routed: {report: users added}
        """
        for report, users in routed.items():
            if schedule is None or report in schedule:
                if report.severity == "critical":
                    summary = self.env._(
                        "Serious exception: %(report)s", report=report.display_name
                    )
                else:
                    summary = self.env._(
                        "Important exception: %(report)s", report=report.display_name
                    )
                for user in users:
                    report.activity_schedule(
                        "mail.mail_activity_data_todo", summary=summary, user_id=user.id
                    )
            severities = dict(report._fields["severity"]._description_selection(self.env))
            report._message_log(
                body=self.env._(
                    "Sent at once to %(people)s because of its severity (%(severity)s).",
                    people=", ".join(users.mapped("name")),
                    severity=severities[report.severity],
                )
            )

    # ------------------------------------------------------------------
    # Repeats (R-EXC-29)
    # ------------------------------------------------------------------
    def _repeat_key(self):
        """What makes two reports the same problem, or None when nothing does.

        The company and the category, then:

        * the product, when the report names one;
        * without a product, the responsible department and the document
          concerned (:attr:`document_ref`; reports without a document match the
          department's reports without a document). Not the category alone:
          two unrelated equipment failures are no repeat. The department is the
          unit that answers for the problem (R-EXC-29 assesses it, R-EXC-31
          counts per responsible unit) and the document narrows it to the same
          order when there is one (the same supplier batch, the same
          manufacturing order). Without a department nor a document, nothing
          tells that two reports are about the same problem.
        """
        self.ensure_one()
        base = (self.company_id.id, self.category_id.id)
        if self.product_id:
            return (*base, "product", self.product_id.id)
        document = self.document_ref
        if not self.department_id and not document:
            return None
        reference = f"{document._name},{document.id}" if document else False
        return (*base, "department", self.department_id.id, reference)

    def _unimproved_verdicts(self):
        """The "not improved" verdicts on this report: each failed improvement
        check, and its closing without verified improvement."""
        self.ensure_one()
        closed_unverified = self.state == "closed" and not self.improvement_verified
        return self.not_improved_count + int(closed_unverified)

    def _check_repeats(self):
        """Count, for each report, the "not improved" verdicts on the earlier
        reports of the same problem (:meth:`_repeat_key`) since the last one
        whose improvement was verified; cancelled reports do not count. One
        query for the batch."""
        keys = {report: report._repeat_key() for report in self}
        reports = self.filtered(lambda r: keys[r])
        if not reports:
            return
        with_product = reports.filtered("product_id")
        without = reports - with_product
        problem = []
        if with_product:
            problem.append([("product_id", "in", with_product.product_id.ids)])
        if without:
            problem.append(
                [
                    ("product_id", "=", False),
                    ("department_id", "in", list({r.department_id.id for r in without})),
                ]
            )
        earlier = self.sudo().search(
            expression.AND(
                [
                    [
                        ("id", "not in", reports.ids),
                        ("company_id", "in", reports.company_id.ids),
                        ("category_id", "in", reports.category_id.ids),
                        ("state", "!=", "cancel"),
                        ("found_date", "<=", max(reports.mapped("found_date"))),
                    ],
                    expression.OR(problem),
                ]
            ),
            order="found_date desc, id desc",
        )
        history = defaultdict(list)
        for old in earlier:
            history[old._repeat_key()].append(old)
        for report in reports:
            count, previous = 0, self.browse()
            for old in history[keys[report]]:
                if old.found_date > report.found_date:
                    continue
                if old.improvement_verified:
                    break
                verdicts = old._unimproved_verdicts()
                if verdicts and not previous:
                    previous = old
                count += verdicts
            if count:
                report._workflow_write({"repeat_count": count, "previous_report_id": previous.id})

    def _escalate_repeats(self):
        """The same problem found not improved twice in a row goes one level up
        at once (R-EXC-29), through the deadline engine; a report whose
        reaction clock no longer runs asks the next rung's people directly."""
        for report in self:
            subject = (
                report.product_id.display_name
                or report.document_ref.display_name
                or report.department_id.name
            )
            reason = self.env._(
                "%(subject)s: %(category)s problem found not improved %(count)s times in a "
                "row (last: %(previous)s).",
                subject=subject,
                category=report.category_id.name,
                count=report.repeat_count,
                previous=(report.previous_report_id | report)[:1].name,
            )
            report._workflow_write({"escalation_reason": reason})
            if not report._sla_escalate(reason):
                report._escalate_without_clock(reason)

    def _escalate_without_clock(self, reason):
        """The next rung of the report's ladder (its top rung when it was
        reached already), or the department head, gets a to-do."""
        self.ensure_one()
        policy = self.sla_policy_id or self.rule_id.policy_id or self.category_id.policy_id
        rung = (
            policy._escalation_after(self.sla_level or 1)
            or policy.escalation_ids.sorted("level")[-1:]
            if policy
            else None
        )
        users = (rung and self._sla_get_escalation_users(rung)) or self.department_id.manager_id
        for user in users:
            self.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=self.env._("Repeat problem: %(report)s", report=self.display_name),
                note=reason,
                user_id=user.id,
            )
        self._message_log(
            body=self.env._(
                "%(reason)s Asked: %(people)s.",
                reason=reason,
                people=", ".join(users.mapped("name")) or "-",
            )
        )

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

    def _sla_escalation_fallback_users(self):
        """A rung that names nobody of the report's company asks the
        department head."""
        self.ensure_one()
        return self.department_id.manager_id or super()._sla_escalation_fallback_users()

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
            concerned = report.addressee_ids | report.user_id | report.department_id._get_people()
            if self.env.user not in concerned:
                raise AccessError(
                    self.env._(
                        "%(report)s is handled by its department: you are not among the "
                        "people it concerns.",
                        report=report.display_name,
                    )
                )

    def _check_responsibility_rights(self):
        if not self.env.su and not self._is_manager():
            raise AccessError(self.env._("Only a manager decides who is responsible."))

    def _severity_raised(self, vals):
        """The open reports whose severity the write raises."""
        if "severity" not in vals:
            return self.browse()
        rank = [key for key, _label in SEVERITIES]
        new = rank.index(vals["severity"]) if vals["severity"] in rank else -1
        return self.filtered(lambda r: r.state in OPEN_STATES and rank.index(r.severity) < new)

    def write(self, vals):
        # before a responsibility decision enters its transition
        self._workflow_check_frozen(vals)
        # who handles a report is changed by the people it concerns, the
        # heads and the managers (it decides who may move it on)
        if any(field in vals for field in ROUTING_FIELDS) and not self._workflow_is_trusted():
            self._check_can_handle()
        raised = self._severity_raised(vals)
        if any(field in vals for field in RESPONSIBILITY_FIELDS):
            self._check_responsibility_rights()
            self._workflow_check_write(vals)
            with self._workflow_transition():
                result = super().write(
                    {
                        **vals,
                        "responsibility_decided_by_id": self.env.user.id,
                        "responsibility_date": fields.Datetime.now(),
                    }
                )
        else:
            result = super().write(vals)
        if raised:
            raised._notify_routed(raised._route_by_severity())
        return result

    def _workflow_guard_hint(self, fnames):
        return self.env._(
            "Use Acknowledge, Start, Resolve, Verify / Not Improved, Close or Cancel."
        )

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
        self._workflow_write(
            {
                "state": "acknowledged",
                "acknowledged_date": fields.Datetime.now(),
                "acknowledged_by_id": self.env.user.id,
            }
        )
        self.filtered(lambda r: not r.user_id)._workflow_write({"user_id": self.env.user.id})
        return True

    def action_start(self):
        self._check_state(("new", "acknowledged"), self.env._("started"))
        self._check_can_handle()
        self.filtered(lambda r: r.state == "new").action_acknowledge()
        self._workflow_write({"state": "in_progress"})
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
        self._workflow_write({"state": "resolved", "resolved_date": fields.Datetime.now()})
        return True

    def action_verify(self):
        """The improvement is checked and holds (R-EXC-27: next-day review)."""
        self._check_state(("resolved",), self.env._("verified"))
        if not self.env.su and not self._is_head():
            raise AccessError(self.env._("A department head verifies the improvement."))
        self._workflow_write(
            {
                "state": "verified",
                "improvement_verified": True,
                "verified_by_id": self.env.user.id,
                "verified_date": fields.Datetime.now(),
            }
        )
        return True

    def action_not_improved(self):
        """The check failed: the report goes back to work. A "not improved"
        verdict: it counts as a repeat of the problem (R-EXC-29)."""
        self._check_state(("resolved",), self.env._("sent back"))
        if not self.env.su and not self._is_head():
            raise AccessError(self.env._("A department head verifies the improvement."))
        second = self.browse()
        for report in self:
            report._workflow_write(
                {
                    "state": "in_progress",
                    "resolved_date": False,
                    "not_improved_count": report.not_improved_count + 1,
                    "repeat_count": report.repeat_count + 1,
                }
            )
            report._message_log(body=self.env._("Improvement not verified: back to work."))
            if report.repeat_count == 2:
                second |= report
        # the verdict that makes the problem a second repeat climbs (R-EXC-29)
        second._escalate_repeats()
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
        self._workflow_write({"state": "closed", "closed_date": fields.Datetime.now()})
        return True

    def action_cancel(self):
        if not self.env.su and not self._is_manager():
            raise AccessError(self.env._("Only a manager cancels an exception report."))
        self._check_state(OPEN_STATES, self.env._("cancelled"))
        self._sla_cancel()
        self._workflow_write({"state": "cancel"})
        return True

    def action_open_document(self):
        """The first document the report concerns."""
        self.ensure_one()
        document = self.document_ref
        if not document:
            return False
        return {
            "type": "ir.actions.act_window",
            "res_model": document._name,
            "res_id": document.id,
            "view_mode": "form",
        }
