# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import formatLang

# Fields frozen once the solution leaves the draft: the reviewers approve
# what they saw.
FROZEN_FIELDS = (
    "order_id",
    "new_date",
    "cause",
    "cause_category",
    "compensation_type",
    "compensation_amount",
    "compensation_note",
)


class OrderOverdueSolution(models.Model):
    """逾期交付解决方案 (R-EXC-15, R-EXC-17, R-EXC-18).

    A confirmed order cannot be delivered on time: the responsible department
    states the new delivery date, the cause and the compensation offered to
    the customer. The solution goes through the suite's review; once approved
    the order's delivery date moves (the old one stays in the order's history)
    and the customer is informed by e-mail.
    """

    _name = "order.overdue.solution"
    _description = "Overdue Delivery Solution"
    _inherit = ["mail.thread", "mail.activity.mixin", "order.review.mixin"]
    _order = "id desc"

    _review_draft_states = ("draft", "submitted")
    _review_confirm_states = ("approved",)
    _review_user_field = "user_id"
    _workflow_frozen_fields = FROZEN_FIELDS
    _review_date_field = "new_date"
    _workflow_guarded_fields = ("state", "old_date", "approved_date", "customer_informed_date")

    name = fields.Char(readonly=True, copy=False, default="/")
    order_id = fields.Many2one(
        comodel_name="sale.order",
        string="Sale Order",
        required=True,
        ondelete="restrict",
        index=True,
        domain=[("state", "=", "sale")],
        tracking=True,
    )
    partner_id = fields.Many2one(
        comodel_name="res.partner", related="order_id.partner_id", store=True, string="Customer"
    )
    company_id = fields.Many2one(
        comodel_name="res.company", related="order_id.company_id", store=True, index=True
    )
    currency_id = fields.Many2one(
        comodel_name="res.currency", related="order_id.currency_id", store=True
    )
    amount_total = fields.Monetary(related="order_id.amount_total", string="Order Amount")
    old_date = fields.Datetime(
        string="Delivery Date Before",
        compute="_compute_old_date",
        store=True,
        precompute=True,
        readonly=True,
        copy=False,
        help="The delivery date promised before this solution (the order's commitment "
        "date, or its expected date when none was promised).",
    )
    new_date = fields.Datetime(
        string="New Delivery Date",
        required=True,
        tracking=True,
        help="The delivery date promised to the customer once the solution is approved.",
    )
    cause = fields.Text(required=True, help="Why the order cannot be delivered on time (R-EXC-15).")
    cause_category = fields.Selection(
        selection=[
            ("force_majeure", "Force majeure"),
            ("supply", "Material / supply"),
            ("production", "Production"),
            ("quality", "Quality"),
            ("logistics", "Logistics"),
            ("customer", "Customer"),
            ("other", "Other"),
        ],
    )
    department_id = fields.Many2one(
        comodel_name="order.department",
        string="Responsible Department",
        domain="['|', ('company_id', '=', False), ('company_id', '=', company_id)]",
        help="The department that cannot deliver on time and draws up the solution.",
    )
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Responsible",
        required=True,
        default=lambda self: self.env.user,
        tracking=True,
    )
    compensation_type = fields.Selection(
        selection=[
            ("none", "None"),
            ("discount", "Discount"),
            ("credit", "Credit note"),
            ("free_freight", "Free freight"),
            ("other", "Other"),
        ],
        string="Compensation",
        required=True,
        default="none",
        tracking=True,
        help="The compensation measure (补偿措施) offered to the customer for the delay.",
    )
    compensation_amount = fields.Monetary(tracking=True)
    compensation_note = fields.Text(string="Compensation Details")
    state = fields.Selection(
        selection=[
            ("draft", "Draft"),
            ("submitted", "Under Review"),
            ("approved", "Approved"),
            ("rejected", "Rejected"),
            ("cancel", "Cancelled"),
        ],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    approved_date = fields.Datetime(string="Approved On", readonly=True, copy=False)
    customer_informed_date = fields.Datetime(
        string="Customer Informed On", readonly=True, copy=False
    )

    # ------------------------------------------------------------------
    # Creation and guards
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        # the number comes from the sequence: a client's own number is ignored
        self._workflow_number(vals_list, "order.overdue.solution")
        return super().create(vals_list)

    @api.depends("order_id")
    def _compute_old_date(self):
        """The date promised when the solution is drawn up (approval sets it
        again if the order's date moved meanwhile)."""
        for solution in self:
            order = solution.order_id
            solution.old_date = order and order._get_overdue_reference_date() or False

    @api.constrains("order_id")
    def _check_order_confirmed(self):
        self.order_id._check_overdue_solution_allowed()

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(
            self.env._("Overdue delivery solutions are never deleted: cancel them instead.")
        )

    @api.depends("name", "order_id.name")
    def _compute_display_name(self):
        for solution in self:
            solution.display_name = (
                f"{solution.name} ({solution.order_id.name})"
                if solution.order_id
                else solution.name or ""
            )

    @api.constrains("new_date", "old_date")
    def _check_new_date(self):
        for solution in self:
            if solution.old_date and solution.new_date and solution.new_date <= solution.old_date:
                raise ValidationError(
                    self.env._(
                        "%(solution)s: the new delivery date must be after the current one "
                        "(%(date)s).",
                        solution=solution.display_name,
                        date=solution._format_date(solution.old_date),
                    )
                )

    @api.constrains("compensation_amount")
    def _check_compensation_amount(self):
        for solution in self:
            if solution.compensation_amount < 0:
                raise ValidationError(
                    self.env._(
                        "%(solution)s: the compensation amount cannot be negative.",
                        solution=solution.display_name,
                    )
                )

    # ------------------------------------------------------------------
    # Workflow
    # ------------------------------------------------------------------
    def action_submit(self):
        """The solution is drawn up: the departments concerned review it."""
        for solution in self.filtered(lambda s: s.state == "draft"):
            solution.order_id._check_overdue_solution_allowed()
            solution._workflow_write({"state": "submitted"})
            solution.action_request_review()
            if not solution.review_state:
                solution._review_on_approved()
        return True

    def action_cancel(self):
        for solution in self.filtered(lambda s: s.state in ("draft", "submitted")):
            solution._review_cancel(self.env._("The overdue delivery solution was cancelled."))
            solution._workflow_write({"state": "cancel"})
        return True

    def _review_on_rejected(self, review):
        self.sudo()._workflow_write({"state": "rejected"})
        self.order_id.sudo()._message_log(
            body=self.env._(
                "Overdue delivery solution %(solution)s rejected: the delivery date stays "
                "%(date)s.",
                solution=self.display_name,
                date=self._format_date(self.old_date),
            )
        )

    def _review_on_approved(self):
        """Every department approved: move the order's date, tell the
        customer. Applied with the rights of the review, which the reviewer
        passed, not of the reviewer's own access to sale orders."""
        self.ensure_one()
        if self.state != "submitted" or self.approved_date:
            raise UserError(
                self.env._(
                    "%(solution)s cannot be approved: it is %(state)s.",
                    solution=self.display_name,
                    state=dict(self._fields["state"]._description_selection(self.env))[self.state],
                )
            )
        solution = self.sudo()
        order = solution.order_id
        previous = order._get_overdue_reference_date()
        vals = {"state": "approved", "approved_date": fields.Datetime.now()}
        if previous != solution.old_date:
            # the date moved meanwhile (a change notice, another solution):
            # the history names the date the customer really had
            vals["old_date"] = previous
        with self._workflow_transition():
            solution.write(vals)
            order.commitment_date = solution.new_date
        order._message_log(
            body=Markup("<p>%s</p>")
            % self.env._(
                "Delivery date moved from %(old)s to %(new)s by the overdue delivery "
                "solution %(solution)s.",
                old=self._format_date(solution.old_date) or "-",
                new=self._format_date(solution.new_date),
                solution=solution.name,
            )
        )
        solution._inform_customer()

    def _inform_customer(self):
        """R-EXC-17: the customer gets feedback on the approved solution."""
        self.ensure_one()
        template = self.env.ref(
            "order_exception.mail_template_overdue_solution", raise_if_not_found=False
        )
        if template and self.partner_id:
            self.message_post_with_source(template, subtype_xmlid="mail.mt_comment")
        self._workflow_write({"customer_informed_date": fields.Datetime.now()})

    def _get_compensation_description(self):
        """The compensation as the customer reads it (e-mail template)."""
        self.ensure_one()
        if self.compensation_type == "none":
            return self.compensation_note or self.env._("None")
        label = dict(self._fields["compensation_type"]._description_selection(self.env))[
            self.compensation_type
        ]
        parts = [label]
        if self.compensation_amount:
            parts.append(
                formatLang(self.env, self.compensation_amount, currency_obj=self.currency_id)
            )
        if self.compensation_note:
            parts.append(self.compensation_note)
        return " · ".join(parts)
