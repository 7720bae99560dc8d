# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_compare
from odoo.tools.sql import constraint_definition, drop_constraint

CLASSES = [
    ("minor", "Minor"),
    ("date", "Affects the delivery date"),
    ("structural", "Structural (technical change)"),
]
CLASS_RANK = {code: rank for rank, (code, _label) in enumerate(CLASSES)}
# a notice is open until applied, rejected or cancelled (an approved notice
# may still wait for a department's acknowledgement)
OPEN_STATES = ("draft", "submitted", "approved")


class OrderChangeNotice(models.Model):
    """合同订单更改通知单 / 合同订单技术更改通知单 (R-EXC-01 to R-EXC-09).

    The customer (or the supplier, on a purchase order) changes a confirmed
    order: the proposed lines live here, not on the order, until the notice
    is reviewed and approved; then they are applied to the order, and Odoo
    carries them to its pickings, manufacturing and purchase orders. Every
    notice keeps the order as it was before.

    Two kinds (``notice_type``): the customer's commercial change
    (合同订单更改通知单, R-EXC-01) and the technical change
    (合同订单技术更改通知单, R-EXC-02 to R-EXC-04), needed only when the
    overall structure, a component's specification or model, or the
    designated manufacturer changes; it goes to production, QC, supply and
    the contract-order management department (``recipient_department_ids``,
    departments found by code), whose heads get an activity once it applies.

    One notice is open per order at a time: a second one is refused, naming
    the open one, so two versions never overwrite each other; versions
    number the notices of an order (two concurrent creations collide on the
    unique (order, version) constraint).

    The notice knows no document type: the order tells it how it is read and
    written through the hooks of ``order.change.mixin``.
    """

    _name = "order.change.notice"
    _description = "Order Change Notice"
    _inherit = ["mail.thread", "mail.activity.mixin", "order.review.mixin", "order.sla.mixin"]
    _order = "id desc"

    _review_draft_states = ("draft", "submitted")
    _review_confirm_states = ("approved",)
    # what the reviewers approve is what gets applied
    _workflow_frozen_fields = (
        "line_ids",
        "order_id",
        "purchase_id",
        "commitment_date",
        "partner_shipping_id",
        "change_class_requested",
        "customer_reason",
        "customer_approval_ids",
        "supplementary_contract_ids",
        "notice_type",
        "tech_structure",
        "tech_component",
        "tech_manufacturer",
        "tech_origin",
        "drawing_ref",
        "recipient_department_ids",
    )
    _review_user_field = "received_by_id"
    _review_date_field = "commitment_date"
    _sla_user_field = "received_by_id"
    _workflow_guarded_fields = (
        "state",
        "version",
        "old_commitment_date",
        "old_partner_shipping_id",
        "snapshot_before",
        "applied_date",
        "circulated_date",
        "change_class",
        "change_class_computed",
        "consult_code",
        "consult_department_id",
        "consulted_by_id",
        "consulted_date",
    )
    # the departments a notice is circulated to, by code (order.department)
    _recipient_codes_commercial = ("MFG",)
    # production, QC, supply and the contract-order management department
    _recipient_codes_technical = ("MFG", "QA", "PUR", "COM")

    name = fields.Char(readonly=True, copy=False, default="/")
    version = fields.Integer(readonly=True, copy=False)
    notice_type = fields.Selection(
        selection=[("commercial", "Order Change"), ("technical", "Technical Change")],
        string="Kind",
        default="commercial",
        required=True,
        help="Order change (合同订单更改通知单): the customer changes quantities, prices, dates "
        "or the address. Technical change (合同订单技术更改通知单): the overall structure, a "
        "component's specification or model, or the designated manufacturer changes.",
    )
    order_id = fields.Many2one(
        comodel_name="sale.order",
        string="Sale Order",
        ondelete="restrict",
        index="btree_not_null",
        domain=[("state", "=", "sale")],
    )
    purchase_id = fields.Many2one(
        comodel_name="purchase.order",
        string="Purchase Order",
        ondelete="restrict",
        index="btree_not_null",
        domain=[("state", "in", ("purchase", "done"))],
        help="Supplier-side change of a confirmed purchase order.",
    )
    partner_id = fields.Many2one(
        comodel_name="res.partner", compute="_compute_document_fields", store=True
    )
    company_id = fields.Many2one(
        comodel_name="res.company", compute="_compute_document_fields", store=True, index=True
    )
    currency_id = fields.Many2one(
        comodel_name="res.currency", compute="_compute_document_fields", store=True
    )
    amount_total = fields.Monetary(compute="_compute_amount_total")
    old_amount_total = fields.Monetary(string="Amount Before", compute="_compute_amount_total")
    state = fields.Selection(
        selection=[
            ("draft", "Draft"),
            ("submitted", "Under Review"),
            ("approved", "Approved"),
            ("applied", "Applied"),
            ("rejected", "Rejected"),
            ("cancel", "Cancelled"),
        ],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
    )
    received_by_id = fields.Many2one(
        comodel_name="res.users",
        required=True,
        default=lambda self: self.env.user,
    )
    received_date = fields.Datetime(
        string="Received On",
        required=True,
        default=fields.Datetime.now,
        help="When the customer's change request arrived: once the notice is submitted, the "
        "response deadline counts from here.",
    )
    circulated_date = fields.Datetime(
        string="Circulated On",
        readonly=True,
        copy=False,
        help="When the first reviewer decided (or the notice was submitted, when no review "
        "applies): the response deadline stops here.",
    )
    channel = fields.Selection(
        selection=[
            ("phone", "Phone"),
            ("email", "E-mail"),
            ("fax", "Fax"),
            ("portal", "Portal"),
            ("visit", "Visit"),
            ("other", "Other"),
        ],
        default="phone",
        required=True,
    )
    customer_reason = fields.Text(string="Customer's Reason")
    line_ids = fields.One2many(
        comodel_name="order.change.notice.line", inverse_name="notice_id", string="Lines", copy=True
    )
    old_commitment_date = fields.Datetime(string="Delivery Date Before", readonly=True)
    commitment_date = fields.Datetime(string="New Delivery Date")
    old_partner_shipping_id = fields.Many2one(
        comodel_name="res.partner", string="Delivery Address Before", readonly=True
    )
    partner_shipping_id = fields.Many2one(
        comodel_name="res.partner", string="New Delivery Address", ondelete="restrict"
    )
    change_class_computed = fields.Selection(
        selection=CLASSES,
        string="Class From the Changes",
        compute="_compute_change_class",
        store=True,
    )
    change_class_requested = fields.Selection(
        selection=CLASSES,
        string="Class Set By Sales",
        help="Raise the class above what the changes imply; it cannot be lowered.",
    )
    change_class = fields.Selection(
        selection=CLASSES, string="Class", compute="_compute_change_class", store=True, index=True
    )
    # technical change (R-EXC-02, R-EXC-03)
    tech_structure = fields.Boolean(string="Overall Product Structure Changes")
    tech_component = fields.Boolean(string="Component Specification / Model Changes")
    tech_manufacturer = fields.Boolean(string="Designated Manufacturer Changes")
    tech_origin = fields.Selection(
        selection=[("design_error", "Design Error"), ("customer", "Customer Request")],
        string="Origin of the Technical Change",
    )
    drawing_ref = fields.Char(string="Drawing / Specification")
    recipient_department_ids = fields.Many2many(
        comodel_name="order.department",
        relation="order_change_notice_department_rel",
        string="Circulated To",
        compute="_compute_recipient_department_ids",
        store=True,
        readonly=False,
        help="Their heads get an activity when the notice is applied.",
    )
    customer_approval_ids = fields.Many2many(
        comodel_name="ir.attachment",
        relation="order_change_notice_customer_approval_rel",
        string="Customer's Written Approval",
    )
    supplementary_contract_ids = fields.Many2many(
        comodel_name="ir.attachment",
        relation="order_change_notice_contract_rel",
    )
    price_changed = fields.Boolean(compute="_compute_requirements")
    approval_required = fields.Boolean(
        string="Customer's Written Approval Required", compute="_compute_requirements"
    )
    contract_required = fields.Boolean(
        string="Supplementary Contract Required", compute="_compute_requirements"
    )
    # a department consulted before the notice is applied (R-REV-22)
    consult_department_id = fields.Many2one(
        comodel_name="order.department",
        string="Department to Consult",
        compute="_compute_consult_department_id",
        store=True,
    )
    consult_code = fields.Char(compute="_compute_consult_department_id", store=True)
    consulted_by_id = fields.Many2one(
        comodel_name="res.users", string="Acknowledged By", readonly=True, copy=False
    )
    consulted_date = fields.Datetime(string="Acknowledged On", readonly=True, copy=False)
    snapshot_before = fields.Json(readonly=True, copy=False)
    diff_html = fields.Html(string="Changes", compute="_compute_diff_html")
    impact_html = fields.Html(string="Impact", compute="_compute_impact_html")
    applied_date = fields.Datetime(readonly=True, copy=False)

    _sql_constraints = [
        ("order_version_uniq", "unique(order_id, version)", "A version appears once per order."),
        (
            "purchase_version_uniq",
            "unique(purchase_id, version)",
            "A version appears once per order.",
        ),
    ]

    def init(self):
        # one document per notice is a Python constraint now, so that a new
        # document type adds its field without touching this table's checks
        if constraint_definition(self.env.cr, self._table, f"{self._table}_one_document"):
            drop_constraint(self.env.cr, self._table, f"{self._table}_one_document")

    # ------------------------------------------------------------------
    # The document changed
    # ------------------------------------------------------------------
    @api.model
    def _document_fields(self):
        """{notice field: order model} of every document type taking change
        notices (the models inheriting ``order.change.mixin``)."""
        registry = self.env.registry
        result = {}
        for name in sorted(registry.descendants(["order.change.mixin"], "_inherit")):
            model = registry[name]
            if model._abstract or not model._auto:
                continue
            if model._change_notice_field in self._fields:
                result[model._change_notice_field] = name
        return result

    @api.model
    def _document_from_vals(self, vals):
        for fname, model in self._document_fields().items():
            if vals.get(fname):
                return self.env[model].browse(vals[fname])
        return None

    def _get_document(self):
        """The order the notice changes (None while none is chosen)."""
        self.ensure_one()
        for fname in self._document_fields():
            if self[fname]:
                return self[fname]
        return None

    @api.constrains("order_id", "purchase_id")
    def _check_one_document(self):
        fnames = list(self._document_fields())
        for notice in self:
            if sum(bool(notice[fname]) for fname in fnames) != 1:
                raise ValidationError(
                    self.env._("A change notice changes exactly one confirmed order.")
                )

    # ------------------------------------------------------------------
    # Creation from an order
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        self._workflow_check_create(vals_list)
        defaults = self.default_get(list(self._document_fields()))
        opening = set()
        for vals in vals_list:
            order = self._document_from_vals({**defaults, **vals})
            if not order:
                raise UserError(self.env._("Choose the confirmed order the notice changes."))
            if not order._change_is_confirmed():
                raise UserError(
                    self.env._(
                        "Only a confirmed order takes a change notice (%(order)s).",
                        order=order.display_name,
                    )
                )
            if (order._name, order.id) in opening:
                raise UserError(
                    self.env._(
                        "%(order)s takes one change notice at a time.", order=order.display_name
                    )
                )
            opening.add((order._name, order.id))
            self._check_no_open_notice(order)
            vals[order._change_notice_field] = order.id
            vals["version"] = self._next_version(order)
            for notice_field, order_field in order._change_header_map().items():
                value = self._fields[notice_field].convert_to_write(order[order_field], order)
                vals[f"old_{notice_field}"] = value
                vals.setdefault(notice_field, value)
            vals["snapshot_before"] = order._change_snapshot()
            if not vals.get("line_ids"):
                vals["line_ids"] = [
                    Command.create(order._change_prepare_notice_line_vals(line))
                    for line in order._change_lines()
                ]
        # the number comes from the sequence: a client's own number is ignored
        self._workflow_number(vals_list, "order.change.notice")
        with self._workflow_transition():
            return super().create(vals_list)

    @api.model
    def _check_no_open_notice(self, order):
        """One notice at a time per order: the open one is finished (applied,
        rejected) or cancelled before another starts."""
        open_notice = self.sudo().search(
            [(order._change_notice_field, "=", order.id), ("state", "in", OPEN_STATES)], limit=1
        )
        if open_notice:
            raise UserError(
                self.env._(
                    "%(order)s already has an open change notice, %(notice)s: add the change "
                    "to it, or wait until it is applied or rejected (or cancel it) before "
                    "opening another one.",
                    order=order.display_name,
                    notice=open_notice.display_name,
                )
            )

    @api.model
    def _next_version(self, order):
        last = self.sudo().search(
            [(order._change_notice_field, "=", order.id)], order="version desc", limit=1
        )
        return last.version + 1

    @api.depends("order_id", "purchase_id")
    def _compute_document_fields(self):
        for notice in self:
            order = notice._get_document()
            notice.partner_id = order.partner_id if order else False
            notice.company_id = order.company_id if order else False
            notice.currency_id = order.currency_id if order else False

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(self.env._("Change notices are never deleted: cancel them instead."))

    @api.depends("order_id.name", "purchase_id.name", "version")
    def _compute_display_name(self):
        for notice in self:
            order = notice._get_document()
            notice.display_name = f"{notice.name} ({order.name if order else ''} V{notice.version})"

    @api.depends(
        "line_ids.product_uom_qty",
        "line_ids.price_unit",
        "line_ids.old_product_uom_qty",
        "line_ids.old_price_unit",
    )
    def _compute_amount_total(self):
        for notice in self:
            notice.amount_total = sum(
                line.product_uom_qty * line.price_unit for line in notice.line_ids
            )
            notice.old_amount_total = sum(
                line.old_product_uom_qty * line.old_price_unit for line in notice.line_ids
            )

    @api.depends("notice_type", "company_id")
    def _compute_recipient_department_ids(self):
        Department = self.env["order.department"]
        for notice in self:
            codes = (
                self._recipient_codes_technical
                if notice.notice_type == "technical"
                else self._recipient_codes_commercial
            )
            company = notice.company_id or self.env.company
            departments = Department
            for code in codes:
                departments |= Department._get_by_code(code, company)
            notice.recipient_department_ids = departments

    # ------------------------------------------------------------------
    # Diff, class and what the change needs
    # ------------------------------------------------------------------
    @api.depends(
        "line_ids.change",
        "line_ids.product_id",
        "line_ids.name",
        "line_ids.product_uom_qty",
        "commitment_date",
        "old_commitment_date",
        "change_class_requested",
        "notice_type",
        "tech_structure",
        "tech_component",
        "tech_manufacturer",
    )
    def _compute_change_class(self):
        for notice in self:
            computed = notice._classify()
            notice.change_class_computed = computed
            requested = notice.change_class_requested
            notice.change_class = (
                requested
                if requested and CLASS_RANK[requested] > CLASS_RANK[computed]
                else computed
            )

    def _technical_triggers(self):
        """The R-EXC-02 triggers ticked on a technical notice."""
        self.ensure_one()
        return [
            fname
            for fname in ("tech_structure", "tech_component", "tech_manufacturer")
            if self[fname]
        ]

    def _classify(self):
        """Structural: a technical change notice (its triggers), or a product
        (structure, a component's specification or model, the designated
        manufacturer) changes, or a manufactured product is added or removed.
        Date: the delivery date moves, or quantities grow. Minor: everything
        else (prices, smaller quantities, the address, wording)."""
        self.ensure_one()
        if self.notice_type == "technical" and self._technical_triggers():
            return "structural"
        for line in self.line_ids:
            manufactured = bool(line.product_id.bom_ids or line.old_product_id.bom_ids)
            if line.change == "changed" and line.product_id != line.old_product_id:
                return "structural"
            if line.change in ("added", "removed") and manufactured:
                return "structural"
            if (
                line.change == "changed"
                and manufactured
                and (line.name or "") != (line.old_name or "")
            ):
                return "structural"
        if self._date_moved():
            return "date"
        if any(
            line.change == "added" or line.product_uom_qty > line.old_product_uom_qty
            for line in self.line_ids
        ):
            return "date"
        return "minor"

    def _date_moved(self):
        self.ensure_one()
        return (self.commitment_date or False) != (self.old_commitment_date or False)

    def _reduces_quantities(self):
        """Whether a line's quantity drops (or a line is removed)."""
        self.ensure_one()
        return any(
            line._get_order_line()
            and float_compare(
                line.product_uom_qty,
                line.old_product_uom_qty,
                precision_rounding=line._get_order_line().product_uom.rounding or 0.001,
            )
            < 0
            for line in self.line_ids
        )

    @api.constrains("change_class_requested", "change_class_computed")
    def _check_class_not_lowered(self):
        for notice in self:
            requested = notice.change_class_requested
            if requested and CLASS_RANK[requested] < CLASS_RANK[notice.change_class_computed]:
                raise ValidationError(
                    self.env._(
                        "%(notice)s: the changes make it at least %(class)s; it cannot be lowered.",
                        notice=notice.display_name,
                        **{"class": dict(CLASSES)[notice.change_class_computed]},
                    )
                )

    @api.depends(
        "line_ids.price_unit",
        "line_ids.old_price_unit",
        "line_ids.change",
        "change_class",
        "notice_type",
        "tech_origin",
        "commitment_date",
        "old_commitment_date",
        "company_id",
    )
    def _compute_requirements(self):
        for notice in self:
            notice.price_changed = notice._prices_changed()
            notice.approval_required = bool(notice._approval_reasons())
            notice.contract_required = bool(notice._contract_reasons())

    def _prices_changed(self):
        self.ensure_one()
        return any(
            line._get_order_line()
            and float_compare(line.price_unit, line.old_price_unit, precision_digits=6) != 0
            for line in self.line_ids
        )

    def _design_error(self):
        """A technical change correcting the design: internal, the customer
        signs nothing for it (R-EXC-03)."""
        self.ensure_one()
        return self.notice_type == "technical" and self.tech_origin == "design_error"

    def _approval_reasons(self):
        """Why the customer's written approval must be attached before the
        notice applies (one whole sentence each): a structural change
        (R-EXC-04), a technical change the customer asked for (R-EXC-02,
        R-EXC-03), a price change (R-EXC-05)."""
        self.ensure_one()
        reasons = []
        if self.notice_type == "technical" and self.tech_origin == "customer":
            reasons.append(
                self.env._(
                    "%(notice)s is a technical change asked by the customer: attach the "
                    "customer's written change documents first.",
                    notice=self.display_name,
                )
            )
        elif self.change_class == "structural" and not self._design_error():
            reasons.append(
                self.env._(
                    "%(notice)s changes the product structure: attach the customer's written "
                    "approval first.",
                    notice=self.display_name,
                )
            )
        if self._prices_changed():
            reasons.append(
                self.env._(
                    "%(notice)s changes prices: attach the customer's written confirmation "
                    "first.",
                    notice=self.display_name,
                )
            )
        return reasons

    def _contract_reasons(self):
        """Why a supplementary contract must be attached: "if necessary"
        (R-EXC-01 tier 3, R-EXC-05), as the company sets it — a structural
        change (not a design error corrected), a higher contract amount, a
        later delivery date."""
        self.ensure_one()
        company = self.company_id or self.env.company
        reasons = []
        if (
            company.order_change_contract_structural
            and self.change_class == "structural"
            and not self._design_error()
        ):
            reasons.append(
                self.env._(
                    "%(notice)s changes the product structure: attach the supplementary "
                    "contract signed with the customer first.",
                    notice=self.display_name,
                )
            )
        if (
            company.order_change_contract_amount_increase
            and self.currency_id
            and self.currency_id.compare_amounts(self.amount_total, self.old_amount_total) > 0
        ):
            reasons.append(
                self.env._(
                    "%(notice)s increases the contract amount: attach the supplementary "
                    "contract signed with the customer first.",
                    notice=self.display_name,
                )
            )
        if (
            company.order_change_contract_delay
            and self.commitment_date
            and self.old_commitment_date
            and self.commitment_date > self.old_commitment_date
        ):
            reasons.append(
                self.env._(
                    "%(notice)s postpones the delivery date: attach the supplementary contract "
                    "signed with the customer first.",
                    notice=self.display_name,
                )
            )
        return reasons

    @api.depends("line_ids.product_uom_qty", "line_ids.old_product_uom_qty", "company_id")
    def _compute_consult_department_id(self):
        Department = self.env["order.department"]
        for notice in self:
            order = notice._get_document()
            code = order._change_consulted_department_code(notice) if order else False
            notice.consult_code = code or False
            notice.consult_department_id = (
                Department._get_by_code(code, notice.company_id or self.env.company)
                if code
                else False
            )

    def _consult_pending(self):
        self.ensure_one()
        return bool(self.consult_code and not self.consulted_date)

    # ------------------------------------------------------------------
    # Rendering: QWeb templates (order_change_notice_templates.xml)
    # ------------------------------------------------------------------
    @api.model
    def _diff_cell(self, field, value):
        """A value and the QWeb widget options that show it in the user's
        language and time zone."""
        if value is False or value is None:
            return {"value": None, "options": {"widget": "char"}}
        if isinstance(value, models.BaseModel):
            return {
                "value": ", ".join(value.mapped("display_name")) or None,
                "options": {"widget": "char"},
            }
        if field.type == "datetime":
            return {"value": value, "options": {"widget": "datetime", "hide_seconds": True}}
        if field.type == "date":
            return {"value": value, "options": {"widget": "date"}}
        if field.type in ("float", "monetary"):
            digits = field.get_digits(self.env)
            options = {"widget": "float"}
            if digits:
                options["precision"] = digits[1]
            return {"value": value, "options": options}
        if field.type == "integer":
            return {"value": value, "options": {"widget": "integer"}}
        if field.type == "text":
            return {"value": value, "options": {"widget": "text"}}
        return {"value": value, "options": {"widget": "char"}}

    def _get_diff(self):
        """Every change: [{label, change, fields: [{name, label, before,
        after}]}], before and after as :meth:`_diff_cell` cells."""
        self.ensure_one()
        result = []
        order = self._get_document()
        header = []
        for notice_field, order_field in (order._change_header_map() if order else {}).items():
            before, after = self[f"old_{notice_field}"], self[notice_field]
            if (before or False) != (after or False):
                field = self._fields[notice_field]
                header.append(
                    {
                        "name": notice_field,
                        "label": order._fields[order_field].get_description(self.env)["string"],
                        "before": self._diff_cell(field, before),
                        "after": self._diff_cell(field, after),
                    }
                )
        if header:
            result.append({"label": self.env._("Order"), "change": "changed", "fields": header})
        Line = self.env["order.change.notice.line"]
        for line in self.line_ids.filtered(lambda item: item.change != "same"):
            if line.change == "added":
                compared = [
                    (fname, None, line[fname]) for fname in ("product_uom_qty", "price_unit")
                ]
            else:
                compared = line._get_diff()
            result.append(
                {
                    "label": line.old_product_id.display_name or line.product_id.display_name,
                    "change": line.change,
                    "fields": [
                        {
                            "name": fname,
                            "label": Line._fields[fname].get_description(self.env)["string"],
                            "before": self._diff_cell(Line._fields[fname], before),
                            "after": self._diff_cell(Line._fields[fname], after),
                        }
                        for fname, before, after in compared
                    ],
                }
            )
        return result

    @api.depends(
        "line_ids.product_id",
        "line_ids.name",
        "line_ids.product_uom_qty",
        "line_ids.price_unit",
        "commitment_date",
        "partner_shipping_id",
    )
    @api.depends_context("lang", "tz")
    def _compute_diff_html(self):
        kinds = dict(
            self.env["order.change.notice.line"]._fields["change"]._description_selection(self.env)
        )
        for notice in self:
            notice.diff_html = self.env["ir.qweb"]._render(
                "order_exception.order_change_notice_diff",
                {"diff": notice._get_diff(), "kinds": kinds},
            )

    def _get_impacted_documents(self):
        """[{record, state, done, started, problem}] of every document Odoo
        derived from the order (the order's hook), and of the lines that
        cannot drop below what was already shipped or received."""
        self.ensure_one()
        order = self._get_document()
        impacts = []
        for record, done, started in order._change_impacted_documents() if order else []:
            state = ""
            if "state" in record._fields:
                state = dict(record._fields["state"]._description_selection(self.env)).get(
                    record.state, ""
                )
            impacts.append(
                {"record": record, "state": state, "done": done, "started": started, "problem": ""}
            )
        for line in self.line_ids:
            order_line = line._get_order_line()
            if order_line and (
                float_compare(
                    line.product_uom_qty,
                    line.qty_done,
                    precision_rounding=order_line.product_uom.rounding or 0.001,
                )
                < 0
            ):
                impacts.append(
                    {
                        "record": order_line,
                        "state": "",
                        "done": line.qty_done,
                        "started": False,
                        "problem": self.env._(
                            "%(product)s: %(qty)s already shipped or received, more than the "
                            "new quantity %(new)s.",
                            product=line.product_id.display_name,
                            qty=line.qty_done,
                            new=line.product_uom_qty,
                        ),
                    }
                )
        return impacts

    @api.depends_context("lang", "tz")
    def _compute_impact_html(self):
        for notice in self:
            # whoever reads the notice (a reviewer without rights on
            # manufacturing or purchase) sees what it reaches
            rows = [
                {
                    **impact,
                    "model": self.env["ir.model"]._get(impact["record"]._name).name
                    or impact["record"]._description,
                }
                for impact in notice.sudo()._get_impacted_documents()
            ]
            notice.impact_html = self.env["ir.qweb"]._render(
                "order_exception.order_change_notice_impact",
                {"impacts": rows, "qty_options": self._qty_options()},
            )

    @api.model
    def _qty_options(self):
        digits = self.env["decimal.precision"].precision_get("Product Unit of Measure")
        return {"widget": "float", "precision": digits}

    # ------------------------------------------------------------------
    # Workflow
    # ------------------------------------------------------------------
    def _check_can_apply(self):
        """What the regulations need before the change reaches the order."""
        for notice in self:
            if not (notice.customer_reason or "").strip():
                raise UserError(
                    self.env._(
                        "%(notice)s: write the customer's reason.", notice=notice.display_name
                    )
                )
            problems = [impact["problem"] for impact in notice.sudo()._get_impacted_documents()]
            problems = [problem for problem in problems if problem]
            if problems:
                raise UserError("\n".join(problems))
            if notice._approval_reasons() and not notice.customer_approval_ids:
                raise UserError(notice._approval_reasons()[0])
            if notice._contract_reasons() and not notice.supplementary_contract_ids:
                raise UserError(notice._contract_reasons()[0])

    def _check_can_submit(self):
        for notice in self:
            if notice.notice_type == "technical":
                if not notice._technical_triggers():
                    raise UserError(
                        self.env._(
                            "%(notice)s: a technical change notice is needed only when the "
                            "overall structure, a component's specification or model, or the "
                            "designated manufacturer changes. Tick what changes, or make it an "
                            "order change.",
                            notice=notice.display_name,
                        )
                    )
                if not notice.tech_origin:
                    raise UserError(
                        self.env._(
                            "%(notice)s: say whether the technical change corrects a design "
                            "error or comes from the customer.",
                            notice=notice.display_name,
                        )
                    )
            # the reviewers judge a complete notice
            notice._check_can_apply()
            if notice.consult_code and not notice.consult_department_id:
                raise UserError(
                    self.env._(
                        "%(notice)s reduces quantities: the department with code %(code)s must "
                        "be consulted first, and the company has none. Create it under "
                        "Departments.",
                        notice=notice.display_name,
                        code=notice.consult_code,
                    )
                )

    def action_submit(self):
        """The notice is written and sent: its reviews start.

        The response clock of R-EXC-01 (deadline policy ``change_response``,
        30 working minutes) starts here, not when the notice is created:
        opening Change Order, a draft, starts nothing. It counts from the
        receipt of the customer's request (``received_date``), so a notice
        submitted late is overdue at once. It stops when the notice is
        circulated (``circulated_date``): the first reviewer's decision,
        approval or rejection — the receiving department reacted — or the
        submission itself when no review stage applies. Cancelling the
        notice withdraws the clock.
        """
        for notice in self.filtered(lambda n: n.state == "draft"):
            notice._check_can_submit()
            notice._workflow_write({"state": "submitted"})
            notice._start_response_clock()
            notice.action_request_review()
            notice._ask_consulted_department()
            if not notice.review_state:
                notice._mark_circulated()
                notice._review_on_approved()
        return True

    def _start_response_clock(self):
        for company, notices in self.grouped("company_id").items():
            policy = self.env["order.sla.policy"]._get_by_code("change_response", company)
            if policy:
                notices._sla_start(policy, reference={n.id: n.received_date for n in notices})

    def _mark_circulated(self):
        """The notice reached its reviewers and the first one reacted."""
        now = fields.Datetime.now()
        pending = self.filtered(lambda n: not n.circulated_date)
        pending.sudo()._workflow_write({"circulated_date": now})
        pending._sla_stop(now)

    def _review_after_decision(self, review):
        self._mark_circulated()
        return super()._review_after_decision(review)

    def action_cancel(self):
        for notice in self.filtered(lambda n: n.state in OPEN_STATES):
            notice._review_cancel(self.env._("The change notice was cancelled."))
            notice._sla_cancel()
            notice._workflow_write({"state": "cancel"})
        return True

    def _review_get_stages(self, kinds=("standard", "delivery", "credit", "risk")):
        """A stage of kind 'Delivery date feasibility' (production) reviews
        exactly the notices that move the date or change the structure, and
        one of them must (R-EXC-01 tiers 2 and 3)."""
        result = super()._review_get_stages(tuple(k for k in kinds if k != "delivery"))
        if "delivery" not in kinds:
            return result
        affecting = self.filtered(lambda n: n.change_class in ("date", "structural"))
        production = super(OrderChangeNotice, affecting)._review_get_stages(("delivery",))
        for notice in affecting:
            if not production[notice]:
                raise UserError(
                    self.env._(
                        "%(notice)s affects the delivery date or the product structure: it "
                        "needs the production review, and no change-notice stage of kind "
                        "'Delivery date feasibility' applies to it.",
                        notice=notice.display_name,
                    )
                )
            result[notice] |= production[notice]
        return result

    def _review_on_rejected(self, review):
        self._workflow_write({"state": "rejected"})
        self._get_document()._message_log(
            body=self.env._(
                "Change notice %(notice)s rejected: the order stays as it was.",
                notice=self.display_name,
            )
        )

    def _review_on_approved(self):
        """Every stage approved: the notice applies, unless a department
        must still acknowledge it (R-REV-22); it applies then."""
        self._workflow_write({"state": "approved"})
        if self._consult_pending():
            self._message_log(
                body=self.env._(
                    "Approved; applied once %(department)s acknowledges it.",
                    department=self.consult_department_id.display_name,
                )
            )
            return
        with self._workflow_transition():
            self._apply()

    # ------------------------------------------------------------------
    # Consulting a department (R-REV-22)
    # ------------------------------------------------------------------
    def _consult_summary(self):
        self.ensure_one()
        return self.env._(
            "Acknowledge the quantities reduced by %(notice)s", notice=self.display_name
        )

    def _ask_consulted_department(self):
        """The head of the department to consult gets an activity."""
        for notice in self.filtered(lambda n: n._consult_pending()):
            head = notice.consult_department_id.manager_id
            if head:
                notice.sudo().activity_schedule(
                    "mail.mail_activity_data_todo",
                    summary=notice._consult_summary(),
                    note=self.env._(
                        "A planned quantity drops: the notice applies only once your department "
                        "has acknowledged it. Acknowledge it, or answer in its chatter."
                    ),
                    user_id=head.id,
                )

    def action_consult_acknowledge(self):
        """The consulted department (its head or a member) acknowledges the
        notice; an approved notice waiting for it is then applied."""
        now = fields.Datetime.now()
        for notice in self:
            department = notice.consult_department_id
            if not notice._consult_pending() or not department:
                raise UserError(
                    self.env._(
                        "%(notice)s waits for no acknowledgement.", notice=notice.display_name
                    )
                )
            if notice.state not in ("submitted", "approved"):
                raise UserError(
                    self.env._(
                        "%(notice)s is not submitted: there is nothing to acknowledge yet.",
                        notice=notice.display_name,
                    )
                )
            if not self.env.su and self.env.user not in department._get_people():
                raise UserError(
                    self.env._(
                        "Only the head or a member of %(department)s acknowledges %(notice)s.",
                        department=department.display_name,
                        notice=notice.display_name,
                    )
                )
            sudo_notice = notice.sudo()
            sudo_notice._workflow_write(
                {"consulted_by_id": self.env.user.id, "consulted_date": now}
            )
            sudo_notice.activity_ids.filtered(
                lambda a, n=notice: a.summary == n._consult_summary()
            ).action_feedback(feedback=self.env._("Acknowledged."))
            sudo_notice._message_log(
                body=self.env._(
                    "%(user)s acknowledged the notice for %(department)s.",
                    user=self.env.user.name,
                    department=department.display_name,
                )
            )
            if notice.state == "approved":
                with self._workflow_transition():
                    sudo_notice._apply()
        return True

    # ------------------------------------------------------------------
    # Application
    # ------------------------------------------------------------------
    def _apply(self):
        """Write the approved changes on the order (through the order's
        hooks); Odoo carries them to the pickings, manufacturing and purchase
        orders. The recipients are told, what Odoo cannot adjust becomes an
        activity."""
        self.ensure_one()
        self._check_can_apply()
        if self._consult_pending():
            raise UserError(
                self.env._(
                    "%(notice)s waits for the acknowledgement of %(department)s.",
                    notice=self.display_name,
                    department=self.consult_department_id.display_name,
                )
            )
        order = self._get_document()
        order._change_apply_notice(self)
        self._workflow_write({"state": "applied", "applied_date": fields.Datetime.now()})
        order._message_log(
            body=Markup("<p>%s</p>%s")
            % (
                self.env._("Change notice %(notice)s applied.", notice=self.display_name),
                self.diff_html,
            )
        )
        self._schedule_follow_ups()
        self._notify_recipients()

    def _schedule_follow_ups(self):
        """What Odoo cannot adjust by itself becomes an activity for the
        person responsible: production already started, goods received."""
        self.ensure_one()
        summary = self.env._("Adjust to change notice %(notice)s", notice=self.display_name)
        for impact in self._get_impacted_documents():
            record = impact["record"]
            if impact["started"] and hasattr(record, "activity_schedule"):
                responsible = record.user_id if "user_id" in record._fields else None
                record.activity_schedule(
                    "mail.mail_activity_data_todo",
                    summary=summary,
                    user_id=(responsible or self.env.user).id,
                )

    def _notify_recipients(self):
        """The heads of the departments the notice is circulated to get an
        activity (R-EXC-01 tier 1, R-EXC-03: production, QC, supply, the
        contract-order management department)."""
        self.ensure_one()
        summary = self.env._(
            "Change notice %(notice)s applied: adjust your department's work",
            notice=self.display_name,
        )
        for head in self.recipient_department_ids.manager_id:
            self.activity_schedule("mail.mail_activity_data_todo", summary=summary, user_id=head.id)
