# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .order_service_request_type import PRIORITIES, REQUEST_KINDS, RETURN_KINDS

REQUEST_STATES = [
    ("new", "Received"),
    ("transferred", "Transferred"),
    ("in_progress", "In Progress"),
    ("waiting", "Waiting"),
    ("solved", "Solved"),
    ("closed", "Closed"),
    ("cancel", "Cancelled"),
]
OPEN_STATES = ("new", "transferred", "in_progress", "waiting")
CHANNELS = [
    ("phone", "Phone"),
    ("hotline", "After-sales Hotline"),
    ("email", "E-mail"),
    ("web", "Web Form"),
    ("portal", "Customer Portal"),
    ("salesperson", "Salesperson"),
    ("fax", "Fax"),
    ("visit", "Visit"),
]
# the after-sales head's to-do of a new request (R-AFS-01)
NEW_REQUEST_ACTIVITY = "order_aftersales.mail_activity_type_new_request"
WAITING_REASONS = [("customer", "Waiting for the Customer"), ("parts", "Waiting for Parts")]
RETURN_STATES = [
    ("draft", "Not Submitted"),
    ("submitted", "Under Review"),
    ("approved", "Approved"),
    ("rejected", "Rejected"),
    ("awaiting", "Awaiting Return"),
    ("expired", "Expired"),
    ("received", "Received"),
    ("inspected", "Inspected"),
    ("processed", "Processed"),
    ("notified", "Customer Notified"),
]
# the clocks of a request: the policy fields of its type, by the event that
# starts them (R-AFS-01, R-AFS-02, R-AFS-04 / R-AFS-12, R-AFS-14)
CLOCK_FIELDS = {
    "transfer": "transfer_policy_id",
    "contact": "contact_policy_id",
    "solution": "solution_policy_id",
    "return": "return_policy_id",
}
# the event of a clock -> the flags recording it answered on time / late
CLOCK_FLAGS = {
    "transfer": ("transfer_on_time", "transfer_late"),
    "contact": ("contact_on_time", "contact_late"),
    "solution": ("solution_on_time", "solution_late"),
}


class OrderServiceRequest(models.Model):
    """用户服务、质量信息反馈接受单 (QR/JY-2005, R-AFS-01..13).

    A customer's service request, quality feedback or complaint, from any
    channel: the clerk who receives it fills the form and transfers it to the
    after-sales department (60 working minutes), after-sales contacts the
    customer (2 working hours) and solves it (24 hours), each time limit a
    clock of the suite's deadline engine chosen by the request's type. Waiting
    for the customer or for parts pauses the clocks. Returns, exchanges and
    repairs go through the review stages and Odoo's own return, credit note
    and repair documents; at closure the customer rates the service."""

    _name = "order.service.request"
    _description = "Service Request"
    _inherit = [
        "portal.mixin",
        "mail.thread.cc",
        "mail.activity.mixin",
        "rating.mixin",
        "order.sla.clock.mixin",
        "order.review.mixin",
    ]
    _order = "priority desc, received_on desc, id desc"
    _mail_post_access = "read"
    _primary_email = "email_from"

    _workflow_guarded_fields = (
        "state",
        "waiting_reason",
        "transferred_on",
        "transferred_by_id",
        "contacted_on",
        "contacted_by_id",
        "solved_on",
        "solved_by_id",
        "closed_on",
        "closed_by_id",
        "transfer_on_time",
        "contact_on_time",
        "solution_on_time",
        "transfer_late",
        "contact_late",
        "solution_late",
        "return_state",
    )
    _workflow_fixed_fields = ("name", "received_on", "received_by_id", "channel")

    # the review of returns (R-AFS-14 审核申请) through order_review's stages
    _review_state_field = "return_state"
    _review_draft_states = ("draft", "submitted")
    _review_confirm_states = (
        "approved",
        "awaiting",
        "received",
        "inspected",
        "processed",
        "notified",
    )
    _review_watched_fields = ("partner_id", "type_id")
    _review_user_field = "user_id"
    _review_kinds = ("standard",)

    name = fields.Char(string="Number", readonly=True, copy=False, default="/", index="trigram")
    subject = fields.Char(required=True, tracking=True)
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Customer",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
    )
    commercial_partner_id = fields.Many2one(
        related="partner_id.commercial_partner_id", store=True, index=True
    )
    email_from = fields.Char(
        string="E-mail",
        compute="_compute_contact",
        store=True,
        readonly=False,
        precompute=True,
    )
    phone = fields.Char(compute="_compute_contact", store=True, readonly=False, precompute=True)
    channel = fields.Selection(selection=CHANNELS, required=True, default="phone")
    type_id = fields.Many2one(
        comodel_name="order.service.request.type",
        required=True,
        tracking=True,
        domain="['|', ('company_id', '=', False), ('company_id', '=', company_id)]",
    )
    kind = fields.Selection(related="type_id.kind", store=True, index=True)
    is_complaint = fields.Boolean(compute="_compute_is_complaint", store=True)
    priority = fields.Selection(
        selection=PRIORITIES,
        compute="_compute_priority",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        tracking=True,
    )
    description = fields.Html(help="The request or the quality problem, as the customer put it.")
    sale_order_id = fields.Many2one(
        comodel_name="sale.order",
        index="btree_not_null",
        check_company=True,
        domain="[('partner_id.commercial_partner_id', '=', commercial_partner_id), "
        "('state', '=', 'sale')]",
    )
    picking_id = fields.Many2one(
        comodel_name="stock.picking",
        string="Delivery",
        index="btree_not_null",
        check_company=True,
        domain="[('partner_id.commercial_partner_id', '=', commercial_partner_id), "
        "('picking_type_code', '=', 'outgoing'), ('state', '=', 'done')]",
    )
    invoice_id = fields.Many2one(
        comodel_name="account.move",
        index="btree_not_null",
        check_company=True,
        domain="[('commercial_partner_id', '=', commercial_partner_id), "
        "('move_type', '=', 'out_invoice'), ('state', '=', 'posted')]",
    )
    product_id = fields.Many2one(comodel_name="product.product", index="btree_not_null")
    lot_id = fields.Many2one(
        comodel_name="stock.lot",
        string="Lot/Serial Number",
        domain="[('product_id', '=', product_id)]",
        check_company=True,
    )
    line_ids = fields.One2many(
        comodel_name="order.service.request.line",
        inverse_name="request_id",
        string="Lines",
        copy=True,
    )
    received_by_id = fields.Many2one(
        comodel_name="res.users",
        default=lambda self: self.env.user,
        readonly=True,
    )
    received_on = fields.Datetime(
        default=fields.Datetime.now,
        required=True,
        index=True,
        help="When the request reached the company; the clocks count from it.",
    )
    department_id = fields.Many2one(
        comodel_name="order.department",
        string="After-sales Department",
        default=lambda self: self.env.company.aftersales_department_id,
        check_company=True,
        tracking=True,
    )
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Assigned To",
        index="btree_not_null",
        tracking=True,
        domain="[('share', '=', False), ('company_ids', 'in', company_id)]",
    )
    state = fields.Selection(
        selection=REQUEST_STATES,
        default="new",
        required=True,
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
        group_expand="_group_expand_states",
    )
    waiting_reason = fields.Selection(selection=WAITING_REASONS, readonly=True, copy=False)
    transferred_on = fields.Datetime(readonly=True, copy=False)
    transferred_by_id = fields.Many2one(comodel_name="res.users", readonly=True, copy=False)
    contacted_on = fields.Datetime(string="First Contact On", readonly=True, copy=False)
    contacted_by_id = fields.Many2one(
        comodel_name="res.users", string="First Contact By", readonly=True, copy=False
    )
    contact_note = fields.Text(
        string="First Contact Note", help="How and what the customer was told."
    )
    solution = fields.Html(help="The answer given or the work done.")
    solved_on = fields.Datetime(readonly=True, copy=False)
    solved_by_id = fields.Many2one(comodel_name="res.users", readonly=True, copy=False)
    closed_on = fields.Datetime(readonly=True, copy=False, index=True)
    closed_by_id = fields.Many2one(comodel_name="res.users", readonly=True, copy=False)
    # the facts of the KPIs (R-AFS-13): each time limit met or not, once answered
    transfer_on_time = fields.Boolean(readonly=True, copy=False)
    contact_on_time = fields.Boolean(readonly=True, copy=False)
    solution_on_time = fields.Boolean(readonly=True, copy=False)
    # answered after the deadline: with the on-time flags, the requests the
    # time limit applied to (a type without the clock has neither)
    transfer_late = fields.Boolean(readonly=True, copy=False)
    contact_late = fields.Boolean(string="First Contact Late", readonly=True, copy=False)
    solution_late = fields.Boolean(readonly=True, copy=False)
    return_state = fields.Selection(
        selection=RETURN_STATES,
        string="Return Status",
        default="draft",
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
    )
    amount_total = fields.Monetary(
        string="Value", compute="_compute_amount_total", currency_field="currency_id"
    )
    currency_id = fields.Many2one(related="company_id.currency_id")

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("partner_id")
    def _compute_contact(self):
        for request in self:
            request.email_from = request.partner_id.email or request.email_from
            request.phone = request.partner_id.phone or request.partner_id.mobile or request.phone

    @api.depends("type_id.kind")
    def _compute_is_complaint(self):
        for request in self:
            request.is_complaint = request.type_id.kind == "complaint"

    @api.depends("type_id")
    def _compute_priority(self):
        for request in self:
            request.priority = request.type_id.priority or request.priority or "0"

    @api.depends("line_ids.price_subtotal")
    def _compute_amount_total(self):
        for request in self:
            request.amount_total = sum(request.line_ids.mapped("price_subtotal"))

    def _compute_access_url(self):
        result = super()._compute_access_url()
        for request in self:
            request.access_url = f"/my/service-requests/{request.id}"
        return result

    @api.model
    def _group_expand_states(self, states, domain):
        return [key for key, _label in REQUEST_STATES if key != "cancel"]

    def _compute_display_name(self):
        for request in self:
            request.display_name = f"{request.name} {request.subject or ''}".strip()

    # ------------------------------------------------------------------
    # Create: number, checks, clocks
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        self._workflow_check_create(vals_list)
        self._workflow_number(vals_list, "order.service.request")
        requests = super().create(vals_list)
        requests._check_received_on()
        requests._start_clocks("transfer", "received_on")
        requests._start_clocks("solution", "received_on")
        requests._notify_department()
        return requests

    @api.constrains("sale_order_id", "picking_id", "invoice_id", "partner_id")
    def _check_documents(self):
        """The linked documents are the customer's own (a request over RPC
        meets the same check as the form, whatever the user may read of the
        documents)."""
        for request in self.sudo():
            customer = request.commercial_partner_id
            for document in (request.sale_order_id, request.picking_id, request.invoice_id):
                if document and document.partner_id.commercial_partner_id != customer:
                    raise ValidationError(
                        self.env._(
                            "%(document)s is not a document of %(customer)s.",
                            document=document.display_name,
                            customer=customer.display_name,
                        )
                    )

    def _check_received_on(self):
        now = fields.Datetime.now()
        for request in self:
            if request.received_on > now:
                raise ValidationError(
                    self.env._(
                        "%(request)s cannot be received in the future.",
                        request=request.display_name,
                    )
                )

    # ------------------------------------------------------------------
    # Clocks (the deadline engine)
    # ------------------------------------------------------------------
    def _clock_policies(self, event):
        """{policy: requests} of the clock of `event` (a key of CLOCK_FIELDS):
        the policy looked up once per type and company."""
        result = {}
        for (rtype, company), requests in self.grouped(lambda r: (r.type_id, r.company_id)).items():
            policy = rtype._policy(CLOCK_FIELDS[event], company) if rtype else rtype
            if policy:
                result[policy] = result.get(policy, self.browse()) | requests
        return result

    def _start_clocks(self, event, reference_field=None):
        """Start the clock of `event` where the request's type gives it
        one: one batch per policy."""
        for policy, requests in self._clock_policies(event).items():
            reference = {r.id: r[reference_field] for r in requests} if reference_field else None
            requests._sla_clocks_start(policy, reference=reference)

    def _clock_keys(self, event):
        """The keys the clocks of `event` run under on these requests."""
        return {self.env["order.sla.clock"]._key_of(p) for p in self._clock_policies(event)}

    def _stop_clocks(self, event):
        """Stop the clock of `event` and record the fact of the KPIs: met
        (on time) or missed (late); a request without the clock has neither."""
        keys = self._clock_keys(event)
        if not keys:
            return
        self._sla_clocks_stop(keys)
        on_time_field, late_field = CLOCK_FLAGS[event]
        clocks = self._sla_clocks(keys)
        met = self.browse({c.res_id for c in clocks if c.sla_state == "met"})
        missed = self.browse({c.res_id for c in clocks if c.sla_state == "missed"}) - met
        if met:
            met._workflow_write({on_time_field: True})
        if missed:
            missed._workflow_write({on_time_field: False, late_field: True})

    def _aftersales_head(self):
        """The head of the request's department, else of the company's
        after-sales department (售后服务部门负责人)."""
        self.ensure_one()
        return self.department_id.manager_id or self.company_id.aftersales_department_id.manager_id

    def _sla_clock_get_user(self, key):
        """The assignee, else the head of the after-sales department."""
        self.ensure_one()
        return self.user_id or self._aftersales_head() or self.received_by_id

    def _notify_department(self):
        """The after-sales head is asked to take the new request (R-AFS-01)."""
        for request in self:
            head = request._aftersales_head()
            if head and head != self.env.user:
                request.activity_schedule(
                    NEW_REQUEST_ACTIVITY,
                    summary=self.env._("New service request: %(name)s", name=request.name),
                    user_id=head.id,
                )

    def _close_new_request_activities(self, feedback):
        """The head's "new request" to-dos are done once the request is
        transferred or cancelled (one search for the batch)."""
        activity_type = self.env.ref(NEW_REQUEST_ACTIVITY, raise_if_not_found=False)
        if not activity_type or not self:
            return
        # sudo: the clerk who transfers closes the head's to-do
        activities = (
            self.env["mail.activity"]
            .sudo()
            .search(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", self.ids),
                    ("activity_type_id", "=", activity_type.id),
                ]
            )
        )
        if activities:
            activities.action_feedback(feedback=feedback)

    # ------------------------------------------------------------------
    # Transitions
    # ------------------------------------------------------------------
    def _check_agent(self):
        if not self.env.user.has_group("order_aftersales.group_order_aftersales_user"):
            raise UserError(self.env._("Only the after-sales department handles service requests."))

    def action_transfer(self):
        """The clerk hands the form to the after-sales department (R-AFS-01):
        the transfer clock stops, the first-contact clock starts (R-AFS-02)."""
        self._workflow_check_state(("new",))
        now = fields.Datetime.now()
        self._workflow_write(
            {"state": "transferred", "transferred_on": now, "transferred_by_id": self.env.uid}
        )
        self._stop_clocks("transfer")
        self._start_clocks("contact")
        self._close_new_request_activities(self.env._("Transferred to after-sales."))
        return True

    def action_contact(self):
        """After-sales contacted the customer (R-AFS-02, R-AFS-05): a request
        taken straight by after-sales (its hotline) is transferred at once."""
        self._check_agent()
        self._workflow_check_state(("new", "transferred"))
        new = self.filtered(lambda r: r.state == "new")
        if new:
            new.action_transfer()
        unassigned = self.filtered(lambda r: not r.user_id)
        self._workflow_write(
            {
                "state": "in_progress",
                "contacted_on": fields.Datetime.now(),
                "contacted_by_id": self.env.uid,
            }
        )
        if unassigned:
            unassigned._workflow_write({"user_id": self.env.uid})
        self._stop_clocks("contact")
        return True

    def action_wait_customer(self):
        return self._wait("customer")

    def action_wait_parts(self):
        return self._wait("parts")

    def _wait(self, reason):
        """Waiting for the customer or for parts pauses the running clocks;
        they resume with the working time they had left."""
        self._check_agent()
        self._workflow_check_state(("in_progress",))
        self._workflow_write({"state": "waiting", "waiting_reason": reason})
        self._sla_clocks_pause()
        return True

    def action_resume(self):
        self._check_agent()
        return self._resume()

    def _resume(self):
        """Back to work after waiting: the paused clocks resume with the
        working time they had left (the agent's button, or the customer's
        answer)."""
        self._workflow_check_state(("waiting",))
        self._workflow_write({"state": "in_progress", "waiting_reason": False})
        self._sla_clocks_resume()
        return True

    def _message_post_after_hook(self, message, msg_vals):
        """The customer answered (an e-mail reply threaded by the mail
        gateway, or a message in the portal chatter): a request waiting for
        the customer goes back to work and its clocks resume (R-AFS-09,
        follow up until resolved). The server resumes it: the customer gets
        no right to write the state. Internal notes, the company's own
        people and a request waiting for parts are left as they are."""
        result = super()._message_post_after_hook(message, msg_vals)
        waiting = self.filtered(lambda r: r.state == "waiting" and r.waiting_reason == "customer")
        if waiting and self._posted_by_the_outside(message):
            author = message.sudo().author_id
            if (
                author
                and not message.sudo().subtype_id.internal
                and not author.user_ids.filtered(lambda u: not u.share)
            ):
                answered = waiting.filtered(
                    lambda r: r.commercial_partner_id == author.commercial_partner_id
                )
                # sudo: the customer may not write the request; the transition is the server's
                answered.sudo()._resume()
        return result

    def _posted_by_the_outside(self, message):
        """Whether `message` reached the request from outside the company: an
        e-mail the mail gateway posts (as the superuser), or a message of a
        portal or public session (the customer's portal chatter, a token
        link). An internal user may name any author when posting: their
        messages never speak for the customer."""
        if message.message_type == "email":
            return self.env.uid == SUPERUSER_ID
        return message.message_type == "comment" and self.env.user.share

    def action_solve(self):
        """The answer is given or the work done (R-AFS-04, R-AFS-12)."""
        self._check_agent()
        self._workflow_check_state(("in_progress",))
        for request in self:
            if not request.solution:
                raise UserError(
                    self.env._(
                        "Describe the solution of %(request)s first.",
                        request=request.display_name,
                    )
                )
        self._workflow_write(
            {"state": "solved", "solved_on": fields.Datetime.now(), "solved_by_id": self.env.uid}
        )
        self._stop_clocks("solution")
        return True

    def action_reopen(self):
        """The customer says it is not solved."""
        self._check_agent()
        self._workflow_check_state(("solved",))
        self._workflow_write({"state": "in_progress", "solved_on": False, "solved_by_id": False})
        return True

    def action_close(self):
        self._check_agent()
        self._workflow_check_state(("solved",))
        self._workflow_write(
            {"state": "closed", "closed_on": fields.Datetime.now(), "closed_by_id": self.env.uid}
        )
        self._on_closed()
        return True

    def _on_closed(self):
        """Hook: the request is closed (the satisfaction survey, R-AFS-21)."""

    def action_cancel(self):
        if not self.env.user.has_group("order_aftersales.group_order_aftersales_head"):
            raise UserError(self.env._("Only the after-sales head cancels a service request."))
        self._workflow_check_state(OPEN_STATES + ("solved",))
        self._workflow_write({"state": "cancel", "waiting_reason": False})
        self._sla_clocks_cancel()
        self._close_new_request_activities(self.env._("The service request was cancelled."))
        self._review_cancel(self.env._("The service request was cancelled."))
        return True

    # ------------------------------------------------------------------
    # Review of returns (order.review.mixin hooks)
    # ------------------------------------------------------------------
    def _review_summary_vals(self):
        self.ensure_one()
        return {
            "res_name": self.display_name,
            "partner_id": self.partner_id.id,
            "amount_total": self.amount_total,
            "currency_id": self.currency_id.id,
        }

    def _review_is_risky(self):
        return False

    def _review_over_credit_limit(self):
        return False

    def _is_return(self):
        self.ensure_one()
        return self.kind in RETURN_KINDS

    def _workflow_guard_hint(self, fnames):
        if fnames & {"state", "waiting_reason", "return_state"}:
            return self.env._(
                "Use the buttons of the service request (Transfer, Contacted, Solve, Close…)."
            )
        return super()._workflow_guard_hint(fnames)

    @api.model
    def _kinds(self):
        return dict(REQUEST_KINDS)
