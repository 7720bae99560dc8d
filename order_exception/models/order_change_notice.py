# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_compare

CLASSES = [
    ("minor", "Minor"),
    ("date", "Affects the delivery date"),
    ("structural", "Structural (technical change)"),
]
CLASS_RANK = {code: rank for rank, (code, _label) in enumerate(CLASSES)}
# How a notice reads and writes the document it changes
DOCUMENTS = {
    "sale.order": {
        "field": "order_id",
        "line_field": "sale_line_id",
        "qty": "product_uom_qty",
        "date": "commitment_date",
        "confirmed": ("sale",),
    },
    "purchase.order": {
        "field": "purchase_id",
        "line_field": "purchase_line_id",
        "qty": "product_qty",
        "date": "date_planned",
        "confirmed": ("purchase", "done"),
    },
}


class OrderChangeNotice(models.Model):
    """合同订单更改通知单 / 合同订单技术更改通知单 (R-EXC-01 to R-EXC-09).

    The customer changes a confirmed order: the proposed lines live here, not
    on the order, until the notice is reviewed and approved; then they are
    applied to the order, and Odoo carries them to its pickings, manufacturing
    and purchase orders. Every notice keeps the lines as they were before.
    """

    _name = "order.change.notice"
    _description = "Order Change Notice"
    _inherit = ["mail.thread", "mail.activity.mixin", "order.review.mixin", "order.sla.mixin"]
    _order = "id desc"

    _review_draft_states = ("draft", "submitted")
    _review_confirm_states = ("approved",)
    # what the reviewers approve is what gets applied
    _review_frozen_fields = (
        "line_ids",
        "order_id",
        "purchase_id",
        "commitment_date",
        "change_class_requested",
        "customer_reason",
        "customer_approval_ids",
        "supplementary_contract_ids",
    )
    _review_user_field = "received_by_id"
    _sla_user_field = "received_by_id"

    name = fields.Char(readonly=True, copy=False, default="/")
    version = fields.Integer(readonly=True, copy=False)
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
        help="When the customer's change request arrived: the response clock starts here.",
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
    customer_approval_ids = fields.Many2many(
        comodel_name="ir.attachment",
        relation="order_change_notice_customer_approval_rel",
        string="Customer's Written Approval",
    )
    supplementary_contract_ids = fields.Many2many(
        comodel_name="ir.attachment",
        relation="order_change_notice_contract_rel",
    )
    snapshot_before = fields.Json(readonly=True, copy=False)
    diff_html = fields.Html(string="Changes", compute="_compute_diff_html", sanitize=False)
    impact_html = fields.Html(string="Impact", compute="_compute_impact_html", sanitize=False)
    applied_date = fields.Datetime(readonly=True, copy=False)

    _sql_constraints = [
        ("order_version_uniq", "unique(order_id, version)", "A version appears once per order."),
        (
            "purchase_version_uniq",
            "unique(purchase_id, version)",
            "A version appears once per order.",
        ),
        (
            "one_document",
            "CHECK((order_id IS NULL) != (purchase_id IS NULL))",
            "A change notice changes one sale order or one purchase order.",
        ),
    ]

    # ------------------------------------------------------------------
    # Creation from an order
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        defaults = self.default_get(["order_id", "purchase_id"])
        for vals in vals_list:
            order = self._document_from_vals({**defaults, **vals})
            spec = DOCUMENTS[order._name]
            if order.state not in spec["confirmed"]:
                raise UserError(
                    self.env._(
                        "Only a confirmed order takes a change notice (%(order)s).",
                        order=order.display_name,
                    )
                )
            vals[spec["field"]] = order.id
            versions = order.with_context(active_test=False).change_notice_ids.mapped("version")
            vals["version"] = max(versions or [0]) + 1
            vals["name"] = self.env["ir.sequence"].next_by_code("order.change.notice") or "/"
            vals["old_commitment_date"] = order[spec["date"]]
            vals.setdefault("commitment_date", order[spec["date"]])
            vals["snapshot_before"] = self._snapshot(order)
            if not vals.get("line_ids"):
                vals["line_ids"] = [
                    Command.create(
                        {
                            "sequence": line.sequence,
                            spec["line_field"]: line.id,
                            "product_id": line.product_id.id,
                            "name": line.name,
                            "product_uom_qty": line[spec["qty"]],
                            "price_unit": line.price_unit,
                            "old_product_id": line.product_id.id,
                            "old_name": line.name,
                            "old_product_uom_qty": line[spec["qty"]],
                            "old_price_unit": line.price_unit,
                        }
                    )
                    for line in order.order_line.filtered(lambda item: not item.display_type)
                ]
        notices = super().create(vals_list)
        for company, company_notices in notices.grouped("company_id").items():
            policy = self.env["order.sla.policy"]._get_by_code("change_response", company)
            if policy:
                company_notices._sla_start(
                    policy, reference={n.id: n.received_date for n in company_notices}
                )
        return notices

    @api.model
    def _document_from_vals(self, vals):
        if vals.get("purchase_id"):
            return self.env["purchase.order"].browse(vals["purchase_id"])
        return self.env["sale.order"].browse(vals.get("order_id"))

    def _get_document(self):
        """The order the notice changes, and how to read it."""
        self.ensure_one()
        order = self.order_id or self.purchase_id
        return order, DOCUMENTS[order._name]

    @api.model
    def _snapshot(self, order):
        """The order's lines as they are now (kept by each notice)."""
        spec = DOCUMENTS[order._name]
        return {
            "commitment_date": fields.Datetime.to_string(order[spec["date"]]),
            "lines": [
                {
                    "id": line.id,
                    "product_id": line.product_id.id,
                    "product": line.product_id.display_name,
                    "name": line.name,
                    "product_uom_qty": line[spec["qty"]],
                    "price_unit": line.price_unit,
                }
                for line in order.order_line.filtered(lambda item: not item.display_type)
            ],
        }

    @api.depends("order_id", "purchase_id")
    def _compute_document_fields(self):
        for notice in self:
            order = notice.order_id or notice.purchase_id
            notice.partner_id = order.partner_id
            notice.company_id = order.company_id
            notice.currency_id = order.currency_id

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(self.env._("Change notices are never deleted: cancel them instead."))

    @api.depends("order_id.name", "purchase_id.name", "version")
    def _compute_display_name(self):
        for notice in self:
            order = notice.order_id or notice.purchase_id
            notice.display_name = f"{notice.name} ({order.name} V{notice.version})"

    @api.depends("line_ids.product_uom_qty", "line_ids.price_unit")
    def _compute_amount_total(self):
        for notice in self:
            notice.amount_total = sum(
                line.product_uom_qty * line.price_unit for line in notice.line_ids
            )

    # ------------------------------------------------------------------
    # Diff and class
    # ------------------------------------------------------------------
    @api.depends(
        "line_ids.change",
        "line_ids.product_id",
        "line_ids.name",
        "line_ids.product_uom_qty",
        "commitment_date",
        "old_commitment_date",
        "change_class_requested",
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

    def _classify(self):
        """Structural: a product (structure, a component's specification or
        model, the designated manufacturer) changes, or a manufactured product
        is added or removed. Date: the delivery date moves, or quantities grow.
        Minor: everything else (prices, smaller quantities, wording)."""
        self.ensure_one()
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
        if (self.commitment_date or False) != (self.old_commitment_date or False):
            return "date"
        if any(
            line.change == "added" or line.product_uom_qty > line.old_product_uom_qty
            for line in self.line_ids
        ):
            return "date"
        return "minor"

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

    def _get_diff(self):
        """[(line label, kind, [(field, before, after)])] for every change."""
        self.ensure_one()
        result = []
        if (self.commitment_date or False) != (self.old_commitment_date or False):
            result.append(
                (
                    self.env._("Order"),
                    "changed",
                    [
                        (
                            self.env._("Delivery Date"),
                            self._sla_format(self.old_commitment_date)
                            if self.old_commitment_date
                            else "",
                            self._sla_format(self.commitment_date) if self.commitment_date else "",
                        )
                    ],
                )
            )
        for line in self.line_ids.filtered(lambda item: item.change != "same"):
            label = line.old_product_id.display_name or line.product_id.display_name
            if line.change == "added":
                fields_diff = [
                    (self.env._("Quantity"), "", line.product_uom_qty),
                    (self.env._("Unit Price"), "", line.price_unit),
                ]
            else:
                fields_diff = line._get_diff()
            result.append((label, line.change, fields_diff))
        return result

    @api.depends(
        "line_ids.product_id",
        "line_ids.name",
        "line_ids.product_uom_qty",
        "line_ids.price_unit",
        "commitment_date",
    )
    def _compute_diff_html(self):
        kinds = dict(
            self.env["order.change.notice.line"]._fields["change"]._description_selection(self.env)
        )
        for notice in self:
            rows = Markup("")
            for label, kind, fields_diff in notice._get_diff():
                for field_label, before, after in fields_diff or [("", "", "")]:
                    rows += Markup(
                        "<tr><td>%s</td><td>%s</td><td>%s</td><td class='text-muted'>%s</td>"
                        "<td class='fw-bold'>%s</td></tr>"
                    ) % (label, kinds[kind], field_label, before, after)
            notice.diff_html = (
                Markup(
                    "<table class='table table-sm o_order_change_diff'><thead><tr><th>%s</th>"
                    "<th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>%s</tbody></table>"
                )
                % (
                    self.env._("Line"),
                    self.env._("Change"),
                    self.env._("Field"),
                    self.env._("Before"),
                    self.env._("After"),
                    rows,
                )
                if rows
                else Markup("<p class='text-muted'>%s</p>") % self.env._("Nothing changes yet.")
            )

    # ------------------------------------------------------------------
    # Impact analysis
    # ------------------------------------------------------------------
    def _get_impacted_documents(self):
        """(record, state label, done quantity, blocking problem) of every
        manufacturing order, purchase order and picking of the order."""
        self.ensure_one()
        order, spec = self._get_document()
        impacts = []
        for production in order.mrp_production_ids if order._name == "sale.order" else []:
            impacts.append(
                (
                    production,
                    dict(production._fields["state"]._description_selection(self.env))[
                        production.state
                    ],
                    production.qty_produced,
                    False,
                )
            )
        purchases = (
            order._get_purchase_orders()
            if order._name == "sale.order" and hasattr(order, "_get_purchase_orders")
            else []
        )
        for purchase in purchases:
            received = sum(purchase.order_line.mapped("qty_received"))
            impacts.append(
                (
                    purchase,
                    dict(purchase._fields["state"]._description_selection(self.env))[
                        purchase.state
                    ],
                    received,
                    False,
                )
            )
        for picking in order.picking_ids:
            done = sum(picking.move_ids.filtered(lambda m: m.state == "done").mapped("quantity"))
            impacts.append(
                (
                    picking,
                    dict(picking._fields["state"]._description_selection(self.env))[picking.state],
                    done,
                    False,
                )
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
                    (
                        order_line,
                        "",
                        line.qty_done,
                        self.env._(
                            "%(product)s: %(qty)s already shipped or received, more than the "
                            "new quantity %(new)s.",
                            product=line.product_id.display_name,
                            qty=line.qty_done,
                            new=line.product_uom_qty,
                        ),
                    )
                )
        return impacts

    def _compute_impact_html(self):
        for notice in self:
            rows = Markup("")
            for record, state, done, problem in notice._get_impacted_documents():
                rows += Markup(
                    "<tr class='%s'><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>"
                ) % (
                    "table-danger" if problem else "",
                    self.env["ir.model"]._get(record._name).name or record._description,
                    record.display_name,
                    state,
                    done,
                    problem or "",
                )
            notice.impact_html = Markup(
                "<table class='table table-sm'><thead><tr><th>%s</th><th>%s</th><th>%s</th>"
                "<th>%s</th><th>%s</th></tr></thead><tbody>%s</tbody></table>"
            ) % (
                self.env._("Document"),
                self.env._("Reference"),
                self.env._("Status"),
                self.env._("Done Quantity"),
                self.env._("Cannot Be Applied"),
                rows,
            )

    # ------------------------------------------------------------------
    # Workflow
    # ------------------------------------------------------------------
    def _check_can_apply(self):
        for notice in self:
            if not (notice.customer_reason or "").strip():
                raise UserError(
                    self.env._(
                        "%(notice)s: write the customer's reason.", notice=notice.display_name
                    )
                )
            problems = [p for _r, _s, _d, p in notice._get_impacted_documents() if p]
            if problems:
                raise UserError("\n".join(problems))
            if notice.change_class == "structural" and not (
                notice.customer_approval_ids and notice.supplementary_contract_ids
            ):
                raise UserError(
                    self.env._(
                        "%(notice)s changes the product structure: attach the customer's written "
                        "approval and the supplementary contract first.",
                        notice=notice.display_name,
                    )
                )

    def action_submit(self):
        """The notice is answered and circulated: its reviews start."""
        for notice in self.filtered(lambda n: n.state == "draft"):
            notice._check_can_apply()
            notice._sla_stop()
            notice.state = "submitted"
            notice.action_request_review()
            if not notice.review_state:
                notice._review_on_approved()
        return True

    def action_cancel(self):
        for notice in self.filtered(lambda n: n.state in ("draft", "submitted")):
            notice._review_cancel(self.env._("The change notice was cancelled."))
            notice._sla_cancel()
            notice.state = "cancel"
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
        self.state = "rejected"
        self._get_document()[0]._message_log(
            body=self.env._(
                "Change notice %(notice)s rejected: the order stays as it was.",
                notice=self.display_name,
            )
        )

    def _review_on_approved(self):
        self.state = "approved"
        self._apply()

    def _apply(self):
        """Write the approved changes on the order; Odoo carries them to the
        pickings, manufacturing and purchase orders."""
        self.ensure_one()
        self._check_can_apply()
        order, spec = self._get_document()
        order = order.with_context(order_review_no_reset=True)
        date_changed = (self.commitment_date or False) != (self.old_commitment_date or False)
        for line in self.line_ids:
            vals = {spec["qty"]: line.product_uom_qty, "price_unit": line.price_unit}
            if line.change == "added":
                vals.update(
                    order_id=order.id,
                    product_id=line.product_id.id,
                    name=line.name or line.product_id.display_name,
                )
                if order._name == "purchase.order":
                    vals["date_planned"] = self.commitment_date or order.date_planned
                order.order_line.create(vals)
            elif line.change in ("changed", "removed"):
                if line.name != line.old_name:
                    vals["name"] = line.name
                if line.product_id != line.old_product_id:
                    vals["product_id"] = line.product_id.id
                line._get_order_line().with_context(order_review_no_reset=True).write(vals)
        if date_changed:
            order[spec["date"]] = self.commitment_date
        self.write({"state": "applied", "applied_date": fields.Datetime.now()})
        order._message_log(
            body=Markup("<p>%s</p>%s")
            % (
                self.env._("Change notice %(notice)s applied.", notice=self.display_name),
                self.diff_html,
            )
        )
        self._schedule_follow_ups()

    def _schedule_follow_ups(self):
        """What Odoo cannot adjust by itself becomes an activity for the
        department responsible: production already started, goods received."""
        self.ensure_one()
        summary = self.env._("Adjust to change notice %(notice)s", notice=self.display_name)
        for record, _state, done, _problem in self._get_impacted_documents():
            started = (
                record._name == "mrp.production" and record.state in ("progress", "to_close")
            ) or (record._name == "purchase.order" and done)
            if started:
                record.activity_schedule(
                    "mail.mail_activity_data_todo",
                    summary=summary,
                    user_id=(record.user_id or self.env.user).id,
                )
