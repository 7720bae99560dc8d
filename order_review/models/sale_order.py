# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

ORDER_CLASSES = [("regular", "Regular"), ("non_regular", "Non-regular")]


class SaleOrder(models.Model):
    _name = "sale.order"
    _inherit = ["sale.order", "order.review.mixin"]

    _review_confirm_states = ("sale",)
    _review_send_states = ("sent",)
    _review_date_field = "commitment_date"
    _review_watched_fields = (
        "partner_id",
        "partner_shipping_id",
        "payment_term_id",
        "pricelist_id",
        "commitment_date",
        "order_class_override",
        "nr_technical",
    )
    _workflow_guarded_fields = (
        "nr_custom_product",
        "nr_quantity",
        "nr_short_lead_time",
        "order_class_suggested",
        "delivery_proposal_state",
        "delivery_proposed_date",
        "decline_reason",
        "order_effective_date",
        "first_commitment_date",
        # the customer's signature makes the order effective and lets its
        # goods ship: written by the portal (Odoo's own signing, with the
        # server's rights) or the "Customer Signed" button, never by a client
        "signed_on",
        "signed_by",
        "signature",
    )

    # ------------------------------------------------------------------
    # Order class (R-REV-01): regular / non-regular
    # ------------------------------------------------------------------
    technical_requirement = fields.Text(
        help="The customer's technical or quality requirements, as agreed.",
    )
    nr_custom_product = fields.Boolean(
        string="Non-standard Product",
        compute="_compute_order_class_criteria",
        store=True,
        help="A line sells a customised or non-standard product.",
    )
    nr_quantity = fields.Boolean(
        string="Quantity Outside the Normal Range",
        compute="_compute_order_class_criteria",
        store=True,
    )
    nr_short_lead_time = fields.Boolean(
        string="Delivery Date Shorter Than Lead Time",
        compute="_compute_order_class_criteria",
        store=True,
    )
    nr_technical = fields.Boolean(
        string="Quality Above Our Standard",
        copy=False,
        help="Sales judges that the customer's quality requirements are above the "
        "company's standard (R-REV-01, criterion 3): a deliberate choice, which makes "
        "the order non-regular.",
    )
    order_class_suggested = fields.Selection(
        selection=ORDER_CLASSES,
        string="Suggested Class",
        compute="_compute_order_class_criteria",
        store=True,
    )
    order_class_override = fields.Selection(
        selection=ORDER_CLASSES,
        string="Class Set By Sales",
        copy=False,
        help="Leave empty to follow the suggestion.",
    )
    order_class_reason = fields.Text(string="Reason for the Class", copy=False)
    order_class = fields.Selection(
        selection=ORDER_CLASSES,
        compute="_compute_order_class",
        store=True,
        index=True,
        help="Regular (常规): mature process, existing drawings. Non-regular (非常规): "
        "customised or non-standard product, quantity or specification outside the "
        "normal range, delivery date shorter than the lead time, or special technical "
        "requirement.",
    )

    # ------------------------------------------------------------------
    # Delivery date feasibility (R-REV-06)
    # ------------------------------------------------------------------
    delivery_proposal_state = fields.Selection(
        selection=[
            ("proposed", "New Date Proposed"),
            ("accepted", "Accepted by the Customer"),
            ("refused", "Refused by the Customer"),
        ],
        copy=False,
        readonly=True,
        tracking=True,
    )
    delivery_proposed_date = fields.Datetime(copy=False, readonly=True)
    decline_reason = fields.Text(copy=False, readonly=True)

    # ------------------------------------------------------------------
    # Effectiveness (生效, R-REV-08)
    # ------------------------------------------------------------------
    advance_required = fields.Monetary(
        compute="_compute_advance",
        help="The advance the payment terms ask before the order takes effect.",
    )
    advance_paid = fields.Monetary(compute="_compute_advance")
    order_effective_date = fields.Datetime(
        string="Effective On",
        compute="_compute_order_effective_date",
        store=True,
        copy=False,
        index=True,
        help="When the order took effect: reviewed, confirmed, signed by the customer "
        "and, where the payment terms ask for it, its advance paid. The production "
        "instruction clock starts here.",
    )

    first_commitment_date = fields.Datetime(
        string="First Promised Delivery Date",
        copy=False,
        readonly=True,
        help="The delivery date the order had when it was confirmed after its review; "
        "stored once, never overwritten by later changes (the on-time KPIs measure "
        "against it).",
    )

    @api.depends(
        "order_line.product_id",
        "order_line.product_uom_qty",
        "order_line.customer_lead",
        "commitment_date",
        "date_order",
        "nr_technical",
        "review_state",
    )
    def _compute_order_class_criteria(self):
        for order in self:
            if order.order_class_suggested and (
                order.review_state in ("pending", "approved")
                or order.state not in ("draft", "sent")
            ):
                # frozen when the review is requested: what the reviewers judged
                # (Odoo rewrites date_order at confirmation); an order created
                # and confirmed at once gets its class here, once
                continue
            lines = order.order_line.filtered(
                lambda line: line.product_id and not line.display_type
            )
            templates = lines.product_id.product_tmpl_id
            order.nr_custom_product = any(templates.mapped("order_custom_made"))
            order.nr_quantity = any(
                line.product_id.order_regular_max_qty
                and line.product_uom_qty > line.product_id.order_regular_max_qty
                for line in lines
            )
            lead = max(lines.mapped("customer_lead") or [0])
            order.nr_short_lead_time = bool(
                order.commitment_date
                and order.date_order
                and order.commitment_date < order.date_order + timedelta(days=lead)
            )
            non_regular = (
                order.nr_custom_product
                or order.nr_quantity
                or order.nr_short_lead_time
                or order.nr_technical
            )
            order.order_class_suggested = "non_regular" if non_regular else "regular"

    @api.depends("order_class_suggested", "order_class_override")
    def _compute_order_class(self):
        for order in self:
            order.order_class = order.order_class_override or order.order_class_suggested

    @api.constrains("order_class_override", "order_class_reason")
    def _check_order_class_reason(self):
        for order in self:
            if (
                order.order_class_override
                and order.order_class_override != order.order_class_suggested
                and not (order.order_class_reason or "").strip()
            ):
                raise ValidationError(
                    self.env._(
                        "%(order)s: give the reason why it is not the suggested class.",
                        order=order.display_name,
                    )
                )

    # ------------------------------------------------------------------
    # Review hooks
    # ------------------------------------------------------------------
    def _review_over_credit_limit(self):
        self.ensure_one()
        company = self.company_id
        if not company.account_use_credit_limit:
            return False
        # Odoo's own rule (the credit warning banner of sale orders)
        return bool(
            self.env["account.move"]._build_credit_warning_message(
                self.with_company(company).sudo(),
                current_amount=self.amount_total / (self.currency_rate or 1.0),
            )
        )

    def _review_after_decision(self, review):
        if review.kind != "decline":
            return super()._review_after_decision(review)
        self._message_log(body=review._decision_message())
        if review.state == "approved":
            self.with_context(disable_cancel_warning=True)._action_cancel()
            self._message_log(
                body=Markup("<p>%s</p><p>%s</p>")
                % (self.env._("Order declined and cancelled."), self.decline_reason or "")
            )
        else:
            # the general manager keeps the order: it goes back to sales, to
            # agree a date with the customer and be reviewed again
            self.sudo()._workflow_write(
                {"delivery_proposal_state": False, "delivery_proposed_date": False}
            )
            self._review_cancel(self.env._("Declining refused."))
            self.sudo()._workflow_write({"review_state": False})
            self._message_log(
                body=self.env._(
                    "Declining refused: agree a delivery date with the customer and request "
                    "the review again."
                )
            )
        return True

    def _review_apply_proposed_date(self, review):
        """R-REV-06: the customer answers the date production proposes."""
        self._workflow_write(
            {
                "delivery_proposal_state": "proposed",
                "delivery_proposed_date": review.proposed_date,
            }
        )

    def _review_on_confirmed(self):
        """The order was confirmed after its review: its promised dates are
        kept once (R-REV-06, the KPIs' reference)."""
        first = self.filtered(lambda o: not o.first_commitment_date)
        with self._workflow_transition():
            for order in first:
                order.first_commitment_date = order.commitment_date or order.expected_date
            lines = self.order_line.filtered(
                lambda line: not line.first_delivery_date and not line.display_type
            )
            for line in lines:
                line.first_delivery_date = line.order_id.commitment_date or (
                    line.order_id.date_order + timedelta(days=line.customer_lead or 0.0)
                )

    def _review_blocking_message(self):
        problems = super()._review_blocking_message()
        if not self.env["order.review.stage"]._get_stage_ids(self._name):
            return problems
        for order in self.filtered(lambda o: o.delivery_proposal_state in ("proposed", "refused")):
            problems.setdefault(
                order,
                self.env._(
                    "%(order)s waits for the customer's answer to the proposed delivery date.",
                    order=order.display_name,
                ),
            )
        return problems

    # ------------------------------------------------------------------
    # Delivery date proposal: the customer's answer
    # ------------------------------------------------------------------
    def action_delivery_date_accepted(self):
        """The customer accepts the proposed date: it becomes the order's, and
        a declining still waiting for the general manager is withdrawn."""
        for order in self.filtered(lambda o: o.delivery_proposal_state in ("proposed", "refused")):
            order._workflow_write(
                {
                    "commitment_date": order.delivery_proposed_date,
                    "delivery_proposal_state": "accepted",
                }
            )
            declining = order.sudo().review_ids.filtered(
                lambda r: r.kind == "decline" and r.state in ("waiting", "pending")
            )
            if declining:
                declining._sla_cancel()
                declining.write(
                    {
                        "state": "cancelled",
                        "opinion": self.env._("The customer accepted the proposed date."),
                    }
                )
            order._message_log(body=self.env._("The customer accepted the proposed delivery date."))
        return True

    def action_decline_order(self):
        """The customer refused the proposed date: ask for the decision to
        decline (R-REV-06, general manager)."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Decline the Order"),
            "res_model": "order.review.decline",
            "view_mode": "form",
            "target": "new",
            "context": {"default_order_id": self.id},
        }

    def _request_decline(self, reason):
        self.ensure_one()
        stages = self.env["order.review.stage"]._get_stages(
            self._name, kind="decline", company=self.company_id
        )[:1]
        if not stages:
            raise UserError(
                self.env._(
                    "No review stage decides on declining orders: configure one of kind "
                    "'Declining the order' (general manager)."
                )
            )
        if self.delivery_proposal_state != "proposed":
            raise UserError(
                self.env._(
                    "%(order)s: only a proposed delivery date the customer refuses leads to "
                    "declining the order.",
                    order=self.display_name,
                )
            )
        self.sudo()._workflow_write(
            {"decline_reason": reason, "delivery_proposal_state": "refused"}
        )
        review = (
            self.env["order.review"]
            .sudo()
            .create([self._review_prepare_vals(stages, fields.Datetime.now())])
        )
        self._review_activate(review)
        self._message_log(body=self.env._("Declining requested: %(reason)s", reason=reason))
        return review

    # ------------------------------------------------------------------
    # Guards: e-mail and the portal wait for the review
    # ------------------------------------------------------------------
    def action_quotation_send(self):
        problems = self._review_blocking_message()
        if problems:
            raise UserError("\n".join(problems.values()))
        return super().action_quotation_send()

    def _has_to_be_signed(self):
        return super()._has_to_be_signed() and not self._review_blocking_message()

    def _has_to_be_paid(self):
        return super()._has_to_be_paid() and not self._review_blocking_message()

    # ------------------------------------------------------------------
    # Effectiveness
    # ------------------------------------------------------------------
    @api.depends(
        "amount_total",
        "payment_term_id",
        "transaction_ids.state",
        "order_line.invoice_lines.move_id.state",
        "order_line.invoice_lines.move_id.amount_residual",
        "order_line.invoice_lines.move_id.payment_state",
    )
    def _compute_advance(self):
        for order in self:
            percent = order.payment_term_id.order_advance_percent
            order.advance_required = order.amount_total * percent / 100.0
            # an invoice settled by its credit note (reversed) brought no money
            invoices = order.order_line.invoice_lines.move_id.filtered(
                lambda m: m.state == "posted"
                and m.move_type == "out_invoice"
                and m.payment_state != "reversed"
            )
            paid_invoices = sum(m.amount_total - m.amount_residual for m in invoices)
            order.advance_paid = max(order.amount_paid, paid_invoices)

    @api.depends(
        "state",
        "review_state",
        "signed_on",
        "transaction_ids.state",
        "order_line.invoice_lines.move_id.payment_state",
        "order_line.invoice_lines.move_id.amount_residual",
    )
    def _compute_order_effective_date(self):
        for order in self:
            if order.order_effective_date or order.state != "sale":
                continue
            if order._order_is_effective():
                order.order_effective_date = fields.Datetime.now()

    def _order_is_effective(self):
        """Override to add conditions. The company says which apply."""
        self.ensure_one()
        company = self.company_id
        if company.order_effective_signature and not self.signed_on:
            return False
        if (
            company.order_effective_payment
            and self.payment_term_id.order_advance_percent
            and self.currency_id.compare_amounts(self.advance_paid, self.advance_required) < 0
        ):
            return False
        return True

    def action_mark_signed(self):
        """The customer signed the paper order (签订订单购销单)."""
        for order in self.filtered(lambda o: not o.signed_on):
            order._workflow_write(
                {
                    "signed_on": fields.Datetime.now(),
                    "signed_by": order.partner_id.commercial_partner_id.name,
                }
            )
        return True
