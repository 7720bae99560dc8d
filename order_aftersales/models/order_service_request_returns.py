# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import defaultdict

from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare, float_is_zero

from .order_service_request_line_returns import RETURN_EDITABLE_STATES, TO_REFUND

# the return states in which a return request may be solved and closed: no
# return asked, refused, lapsed, or settled and told to the customer
RETURN_FINAL_STATES = ("draft", "rejected", "expired", "notified")
# the resolutions the inspection may still turn a product to (a failed one
# cannot be refunded or exchanged; never to a resolution its policy forbids)
INSPECTION_RESOLUTIONS = ("repair", "other")


# the return's workflow fields: set by its transitions only
RETURN_GUARDED_FIELDS = (
    "return_policy_id",
    "return_approved_on",
    "return_received_on",
    "return_inspected_on",
    "return_inspected_by_id",
    "return_processed_on",
    "return_notified_on",
    "return_rejection_reason",
    "refund_ids",
)


class OrderServiceRequest(models.Model):
    """Returns, exchanges and repairs (R-AFS-14..16, 退换货).

    The flow of R-AFS-14, on ``return_state``: the agent submits the
    application (its products, each with the delivery it came with, the
    reason and the resolution asked) → the review stages of order_review
    decide it (no stage configured for the company: submitting approves at
    once, as an order without stages is confirmed at once) → approved: one
    return receipt per original delivery through Odoo's return wizard, the
    customer is e-mailed the return address and instructions, and the return
    window (7 working days, a clock of the deadline engine) starts → awaiting
    return; the window missed, the application lapses (expired) → received
    when the return receipts are done (the warehouse validates them, or the
    agent marks the goods received) → inspected → processed: credit notes
    through Odoo's reversal, replacement deliveries the way Odoo's exchange
    sends them, repair orders of Odoo's repair module → customer notified →
    the request is solved and closed. Rejected: the customer is told why.

    Every step is a transition: ``return_state``, the dates, the documents
    and the lines' inspection are refused from any client. The return's
    Odoo documents are made with the company's authority (the agent needs no
    stock or accounting rights to run a return; the warehouse and the
    accountants work on them with their own)."""

    _inherit = "order.service.request"  # pylint: disable=consider-merging-classes-inherited

    _workflow_guarded_fields = RETURN_GUARDED_FIELDS

    return_policy_id = fields.Many2one(
        comodel_name="order.sla.policy",
        string="Return Window",
        readonly=True,
        copy=False,
        help="The time limit the customer had to send the goods back, set at the approval: "
        "the type's (7 working days, R-AFS-14), or a promotion item's own.",
    )
    return_deadline = fields.Datetime(
        string="Return Before", compute="_compute_return_deadline", compute_sudo=True
    )
    return_approved_on = fields.Datetime(readonly=True, copy=False)
    return_received_on = fields.Datetime(string="Goods Received On", readonly=True, copy=False)
    return_inspected_on = fields.Datetime(readonly=True, copy=False)
    return_inspected_by_id = fields.Many2one(
        comodel_name="res.users", string="Inspected By", readonly=True, copy=False
    )
    return_processed_on = fields.Datetime(readonly=True, copy=False)
    return_notified_on = fields.Datetime(string="Customer Notified On", readonly=True, copy=False)
    return_rejection_reason = fields.Text(readonly=True, copy=False)
    return_address_id = fields.Many2one(
        comodel_name="res.partner",
        compute="_compute_return_address_id",
        compute_sudo=True,
        help="Where the customer sends the goods: the warehouse of the return receipts.",
    )
    refund_ids = fields.Many2many(
        comodel_name="account.move",
        relation="order_service_request_refund_rel",
        column1="request_id",
        column2="move_id",
        string="Credit Notes",
        readonly=True,
        copy=False,
    )
    refund_count = fields.Integer(compute="_compute_return_documents", compute_sudo=True)
    return_picking_ids = fields.Many2many(
        comodel_name="stock.picking",
        string="Return Receipts",
        compute="_compute_return_documents",
        compute_sudo=True,
    )
    return_picking_count = fields.Integer(compute="_compute_return_documents", compute_sudo=True)
    replacement_picking_ids = fields.Many2many(
        comodel_name="stock.picking",
        string="Replacement Deliveries",
        compute="_compute_return_documents",
        compute_sudo=True,
    )
    replacement_picking_count = fields.Integer(
        compute="_compute_return_documents", compute_sudo=True
    )
    repair_ids = fields.Many2many(
        comodel_name="repair.order",
        string="Repair Orders",
        compute="_compute_return_documents",
        compute_sudo=True,
    )
    repair_count = fields.Integer(compute="_compute_return_documents", compute_sudo=True)

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    def _compute_return_deadline(self):
        clocks = self._sla_clocks({p.code for p in self.return_policy_id if p.code})
        deadlines = {(clock.res_id, clock.key): clock.sla_deadline for clock in clocks}
        for request in self:
            policy = request.return_policy_id
            request.return_deadline = (
                deadlines.get((request.id, self.env["order.sla.clock"]._key_of(policy)))
                if policy
                else False
            )

    @api.depends("line_ids.return_picking_id", "company_id")
    def _compute_return_address_id(self):
        for request in self:
            warehouse = request.line_ids.return_picking_id.picking_type_id.warehouse_id[:1]
            request.return_address_id = warehouse.partner_id or request.company_id.partner_id

    @api.depends(
        "line_ids.return_move_ids",
        "line_ids.replacement_move_ids",
        "line_ids.repair_id",
        "refund_ids",
    )
    def _compute_return_documents(self):
        for request in self:
            lines = request.line_ids
            request.return_picking_ids = lines.return_move_ids.picking_id
            request.return_picking_count = len(request.return_picking_ids)
            request.replacement_picking_ids = lines.replacement_move_ids.picking_id
            request.replacement_picking_count = len(request.replacement_picking_ids)
            request.repair_ids = lines.repair_id
            request.repair_count = len(lines.repair_id)
            request.refund_count = len(request.refund_ids)

    # ------------------------------------------------------------------
    # Guards
    # ------------------------------------------------------------------
    def write(self, vals):
        # what was approved is what is returned: the customer and the type
        # of a return stay once it is approved
        if {"partner_id", "type_id"} & set(vals) and not self._workflow_is_trusted():
            for request in self:
                if request.return_state not in RETURN_EDITABLE_STATES + ("expired",):
                    changed = [
                        fname
                        for fname in ("partner_id", "type_id")
                        if fname in vals
                        and not self._workflow_same(self._fields[fname], request, vals[fname])
                    ]
                    if changed:
                        raise UserError(
                            self.env._(
                                "%(request)s: the return is approved, its customer and type "
                                "can no longer change.",
                                request=request.display_name,
                            )
                        )
        return super().write(vals)

    def _workflow_guard_hint(self, fnames):
        if fnames & set(RETURN_GUARDED_FIELDS):
            return self.env._(
                "Use the return's buttons (Submit Return, Goods Received, Inspect, Process "
                "Return, Notify Customer)."
            )
        return super()._workflow_guard_hint(fnames)

    def _return_check_agent(self):
        self._check_agent()
        for request in self:
            if not request._is_return():
                raise UserError(
                    self.env._(
                        "%(request)s is not a return, an exchange or a repair.",
                        request=request.display_name,
                    )
                )

    # ------------------------------------------------------------------
    # Submission and review (R-AFS-14 steps 1–3)
    # ------------------------------------------------------------------
    def action_return_submit(self):
        """The agent who contacted the customer submits the application: its
        reviews start (the review stages of order_review for service
        requests, by default the after-sales manager). With no stage for the
        company the application is approved at once, as an order without
        review stages is confirmed at once."""
        self._return_check_agent()
        for request in self:
            if request.return_state != "draft":
                raise UserError(
                    self.env._(
                        "%(request)s: the return was already submitted.",
                        request=request.display_name,
                    )
                )
            if request.state != "in_progress":
                raise UserError(
                    self.env._(
                        "%(request)s: contact the customer first (Customer Contacted), then "
                        "submit the return.",
                        request=request.display_name,
                    )
                )
            if not request.line_ids:
                raise UserError(
                    self.env._(
                        "%(request)s: list the products to return.", request=request.display_name
                    )
                )
            # checked on the documents, whatever the agent may read of them
            request.sudo().line_ids._return_check_submittable()
        self._workflow_write({"return_state": "submitted"})
        self.action_request_review()
        unreviewed = self.filtered(lambda r: not r.review_state)
        if unreviewed:
            # no stage applies: approved at once (a stage added later does
            # not hold back a return already under way)
            unreviewed._workflow_write({"review_state": "approved"})
            unreviewed._review_on_approved()
        return True

    def action_request_review(self):
        """A return is reviewed once submitted (Submit Return checks the
        application first): the review cannot be asked around it."""
        for request in self:
            if not request._is_return() or request.return_state != "submitted":
                raise UserError(
                    self.env._(
                        "%(request)s: submit the return (Submit Return) to have it reviewed.",
                        request=request.display_name,
                    )
                )
        return super().action_request_review()

    def _review_reset_on_change(self, labels):
        """A product changed after the submission: the review is asked again,
        and the application goes back to draft to be submitted again."""
        submitted = self.filtered(
            lambda r: r.return_state == "submitted" and r.review_state in ("pending", "approved")
        )
        result = super()._review_reset_on_change(labels)
        reset = submitted.filtered(lambda r: not r.review_state)
        if reset:
            reset.sudo()._workflow_write({"return_state": "draft"})
        return result

    def _review_on_approved(self):
        """Every stage approved (R-AFS-14 step 3, 退換貨確認): the return
        receipts are made, the window starts, the customer gets the return
        address and instructions."""
        result = super()._review_on_approved()
        requests = self.filtered(lambda r: r.return_state == "submitted")
        if not requests:
            return result
        now = fields.Datetime.now()
        for request in requests:
            request._workflow_write(
                {
                    "return_state": "approved",
                    "return_approved_on": now,
                    "return_policy_id": request._return_window_policy().id,
                    "return_rejection_reason": False,
                }
            )
        requests._return_create_pickings()
        for policy, batch in requests.grouped("return_policy_id").items():
            if policy:
                batch._sla_clocks_start(policy, reference=now)
        requests._workflow_write({"return_state": "awaiting"})
        requests._return_send("order_aftersales.mail_template_return_approved")
        return result

    def _review_on_rejected(self, review):
        """A stage rejected the application: the customer is told why."""
        result = super()._review_on_rejected(review)
        requests = self.filtered(lambda r: r.return_state == "submitted")
        if requests:
            requests._workflow_write(
                {"return_state": "rejected", "return_rejection_reason": review.opinion or False}
            )
            requests._return_send("order_aftersales.mail_template_return_rejected")
        return result

    def action_return_reset(self):
        """A rejected application is corrected and submitted again."""
        self._return_check_agent()
        for request in self:
            if request.return_state != "rejected":
                raise UserError(
                    self.env._(
                        "%(request)s: only a rejected return goes back to draft.",
                        request=request.display_name,
                    )
                )
        self._workflow_write({"return_state": "draft"})
        return True

    def _return_window_policy(self):
        """The return window: the type's (7 working days, R-AFS-14), or the
        shorter one of a promotion item (its product's or its order's
        pricelist's window): the earliest deadline wins."""
        self.ensure_one()
        candidates = self.type_id._policy("return_policy_id", self.company_id)
        for line in self.sudo().line_ids:
            candidates |= line.product_id.product_tmpl_id.aftersales_return_window_id
            candidates |= line.sale_line_id.order_id.pricelist_id.aftersales_return_window_id
        if len(candidates) <= 1:
            return candidates
        now = fields.Datetime.now()
        return min(
            candidates,
            key=lambda p: p._compute_deadlines([(p._get_calendar(self.company_id), now)])[0][0],
        )

    # ------------------------------------------------------------------
    # Return receipts (Odoo's return wizard, one per original delivery)
    # ------------------------------------------------------------------
    def _return_create_pickings(self):
        """One return receipt per original delivery through Odoo's return
        wizard (``stock.return.picking``), with the lines' quantities; its
        "Update quantities on SO/PO" (``to_refund``) is set for the products
        refunded or exchanged. Each return move keeps its line."""
        for request in self:
            wizard_model = self.env["stock.return.picking"].sudo().with_company(request.company_id)
            lines = request.line_ids.filtered("move_id")
            for picking, picking_lines in lines.grouped(lambda li: li.move_id.picking_id).items():
                wizard = wizard_model.with_context(
                    active_model="stock.picking", active_id=picking.id, active_ids=picking.ids
                ).create({"picking_id": picking.id})
                by_move = {line.move_id: line for line in picking_lines}
                for wizard_line in wizard.product_return_moves:
                    line = by_move.get(wizard_line.move_id)
                    wizard_line.write(
                        {
                            "quantity": line.quantity if line else 0.0,
                            "to_refund": bool(line) and line.resolution in TO_REFUND,
                        }
                    )
                action = wizard.action_create_returns()
                receipt = self.env["stock.picking"].sudo().browse(action["res_id"])
                for move in receipt.move_ids:
                    line = by_move.get(move.origin_returned_move_id)
                    if line:
                        move.aftersales_return_line_id = line
            lines.invalidate_recordset(["return_move_ids"])
            missing = lines.sudo().filtered(lambda li: not li.return_move_ids)
            if missing:
                raise UserError(
                    self.env._(
                        "%(product)s cannot be returned from %(delivery)s any more.",
                        product=missing[0].product_id.display_name,
                        delivery=missing[0].move_id.picking_id.display_name,
                    )
                )

    def _return_open_receipts(self):
        return self.sudo().line_ids.return_move_ids.picking_id.filtered(
            lambda p: p.state not in ("done", "cancel")
        )

    def action_return_receive(self):
        """The goods are back (R-AFS-14 step 4): the agent validates the open
        return receipts for their whole quantities (Odoo's validation: a lot
        or serial number still missing is asked there). A return is received
        only once approved."""
        self._return_check_agent()
        for request in self:
            if request.return_state != "awaiting":
                raise UserError(
                    self.env._(
                        "%(request)s is not awaiting its goods: a return is received only "
                        "once approved.",
                        request=request.display_name,
                    )
                )
        receipts = self._return_open_receipts()
        for move in receipts.move_ids.filtered(lambda m: m.state not in ("done", "cancel")):
            move.quantity = move.product_uom_qty
            move.picked = True
        if receipts:
            action = receipts.button_validate()
            if isinstance(action, dict):
                return action
        # no receipt left open (all cancelled by the warehouse but some done)
        self._return_check_received()
        return True

    def _return_check_received(self):
        """The requests awaiting their goods whose return receipts are all
        done (or cancelled, some done) are received: the window stops."""
        received = self.browse()
        for request in self.sudo().filtered(lambda r: r.return_state == "awaiting"):
            moves = request.line_ids.return_move_ids
            if any(m.state == "done" for m in moves) and all(
                m.state in ("done", "cancel") for m in moves
            ):
                received |= request
        if received:
            received.sudo()._return_mark_received()

    def _return_mark_received(self):
        self._workflow_write(
            {"return_state": "received", "return_received_on": fields.Datetime.now()}
        )
        self._return_stop_window()

    def _return_stop_window(self):
        keys = {self.env["order.sla.clock"]._key_of(policy) for policy in self.return_policy_id}
        if keys:
            self._sla_clocks_stop(keys)

    def _sla_clocks_pause(self, keys=None):
        """Waiting for the customer or for parts pauses the request's answer
        clocks, never the customer's own return window."""
        if keys is None:
            window = {
                self.env["order.sla.clock"]._key_of(policy) for policy in self.return_policy_id
            }
            keys = {clock.key for clock in self._sla_clocks()} - window
        return super()._sla_clocks_pause(keys)

    def _sla_clocks_overdue(self, clocks):
        """The return window turned overdue (R-AFS-14: the goods are not back
        within 7 working days of the approval): the application lapses, the
        open return receipts are cancelled, said in the chatter. Goods partly
        back: the request goes on with what came back (received)."""
        result = super()._sla_clocks_overdue(clocks)
        overdue = {(clock.res_id, clock.key) for clock in clocks}
        requests = self.filtered(
            lambda r: r.return_state == "awaiting"
            and r.return_policy_id
            and (r.id, self.env["order.sla.clock"]._key_of(r.return_policy_id)) in overdue
        ).sudo()
        if requests:
            requests._return_expire()
        return result

    def _return_expire(self):
        partly = self.filtered(lambda r: any(m.state == "done" for m in r.line_ids.return_move_ids))
        lapsed = self - partly
        receipts = self._return_open_receipts()
        if lapsed:
            lapsed._workflow_write({"return_state": "expired"})
        if partly:
            partly._workflow_write(
                {"return_state": "received", "return_received_on": fields.Datetime.now()}
            )
        if receipts:
            receipts.action_cancel()
        self._return_stop_window()
        lapsed_body = Markup("<p>%s</p>") % self.env._(
            "The goods did not come back within the return window: the return application "
            "lapsed and its return receipts are cancelled."
        )
        partly_body = Markup("<p>%s</p>") % self.env._(
            "The return window is over with part of the goods back: the rest lapsed and its "
            "return receipts are cancelled."
        )
        self._message_log_batch(
            bodies={r.id: lapsed_body if r in lapsed else partly_body for r in self}
        )

    # ------------------------------------------------------------------
    # Inspection (R-AFS-14 step 5)
    # ------------------------------------------------------------------
    def action_return_inspect(self):
        """Open the inspection of the goods received."""
        self.ensure_one()
        self._return_check_agent()
        self._return_check_inspectable()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Inspect %(request)s", request=self.display_name),
            "res_model": "order.service.request.inspection",
            "view_mode": "form",
            "target": "new",
            "context": {"default_request_id": self.id},
        }

    def _return_check_inspectable(self):
        for request in self:
            if request.return_state != "received":
                raise UserError(
                    self.env._(
                        "%(request)s: only goods received are inspected.",
                        request=request.display_name,
                    )
                )

    def _return_inspect(self, results):
        """Record the inspection: `results` {line: {inspection_result,
        inspection_note, resolution}} for the products received. A product
        that fails it is neither refunded nor exchanged: it is repaired or
        settled otherwise."""
        self.ensure_one()
        self._return_check_agent()
        self._return_check_inspectable()
        resolutions = dict(self.line_ids._fields["resolution"]._description_selection(self.env))
        received = self.line_ids.filtered(
            lambda li: not float_is_zero(
                li.quantity_received, precision_rounding=li.product_id.uom_id.rounding
            )
        )
        for line in results:
            if line not in self.line_ids:
                raise UserError(
                    self.env._(
                        "%(product)s is not a product of %(request)s.",
                        product=line.product_id.display_name,
                        request=self.display_name,
                    )
                )
        for line in received:
            values = results.get(line) or {}
            result = values.get("inspection_result")
            resolution = values.get("resolution") or line.resolution
            if result not in ("pass", "fail"):
                raise UserError(
                    self.env._(
                        "%(product)s: record the result of its inspection.",
                        product=line.product_id.display_name,
                    )
                )
            if resolution != line.resolution and resolution not in INSPECTION_RESOLUTIONS:
                raise UserError(
                    self.env._(
                        "%(product)s: the inspection may turn it to a repair or another "
                        "solution only, not to %(resolution)s.",
                        product=line.product_id.display_name,
                        resolution=resolutions.get(resolution, resolution),
                    )
                )
            if result == "fail" and resolution in TO_REFUND:
                raise UserError(
                    self.env._(
                        "%(product)s does not meet the return conditions: it cannot be "
                        "%(resolution)s; choose a repair or another solution.",
                        product=line.product_id.display_name,
                        resolution=resolutions[resolution].lower(),
                    )
                )
            line._workflow_write(
                {
                    "inspection_result": result,
                    "inspection_note": values.get("inspection_note") or False,
                    "resolution": resolution,
                }
            )
        self._workflow_write(
            {
                "return_state": "inspected",
                "return_inspected_on": fields.Datetime.now(),
                "return_inspected_by_id": self.env.uid,
            }
        )
        return True

    # ------------------------------------------------------------------
    # Processing (R-AFS-14 step 6, R-AFS-15)
    # ------------------------------------------------------------------
    def action_return_process(self):
        """Settle each product received as inspected: refunds in one credit
        note per invoice, replacement deliveries, repair orders. A return is
        refunded only once approved, received and inspected."""
        self._return_check_agent()
        for request in self:
            if request.return_state != "inspected":
                raise UserError(
                    self.env._(
                        "%(request)s: the goods must be received and inspected before the "
                        "return is settled.",
                        request=request.display_name,
                    )
                )
        # the documents are made and read with the company's authority
        for request in self.sudo():
            lines = request.line_ids.filtered(
                lambda li: li.inspection_result
                and not float_is_zero(
                    li.quantity_received, precision_rounding=li.product_id.uom_id.rounding
                )
            )
            request._return_refund(lines.filtered(lambda li: li.resolution == "refund"))
            request._return_exchange(lines.filtered(lambda li: li.resolution == "exchange"))
            request._return_repair(lines.filtered(lambda li: li.resolution == "repair"))
        self._workflow_write(
            {"return_state": "processed", "return_processed_on": fields.Datetime.now()}
        )
        return True

    def _return_refund(self, lines):
        """Credit notes through Odoo's reversal (``account.move.reversal``)
        of the invoices of the returned order lines; each draft credit note
        then keeps only the products refunded, for the quantities received,
        at the prices and taxes they were invoiced.

        Why the reversal and not the sale order's "Create Invoice" for the
        returned quantities: the order's way credits whatever the whole order
        has "to invoice" at that moment (another delivery not invoiced yet,
        an exchange's goods on their way back) and only for products invoiced
        on delivered quantities; the reversal credits exactly this request's
        goods at their invoiced price, whatever the invoicing policy, and
        Odoo copies the order lines onto the reversed lines, so the order's
        invoiced quantities follow. The credit notes stay drafts, for the
        accountants to post, as Odoo's reversal leaves them."""
        self.ensure_one()
        if not lines:
            return
        # quantities to credit per invoice and order line, in the order line's unit
        to_credit = defaultdict(lambda: defaultdict(float))
        uncovered = []
        for sale_line, sale_lines in lines.grouped("sale_line_id").items():
            quantity = sum(
                line.product_id.uom_id._compute_quantity(
                    line.quantity_received, sale_line.product_uom or line.product_id.uom_id
                )
                for line in sale_lines
            )
            remaining = min(quantity, sale_line.qty_invoiced) if sale_line else 0.0
            invoice_lines = sale_line.sudo().invoice_lines.filtered(
                lambda il: il.move_id.state == "posted" and il.move_id.move_type == "out_invoice"
            )
            for invoice_line in invoice_lines.sorted(
                lambda il: (il.move_id.invoice_date or il.move_id.date, il.move_id.id),
                reverse=True,
            ):
                if remaining <= 0:
                    break
                available = invoice_line.product_uom_id._compute_quantity(
                    invoice_line.quantity, sale_line.product_uom
                )
                take = min(remaining, available)
                to_credit[invoice_line.move_id][sale_line] += take
                remaining -= take
            rounding = (sale_line.product_uom or sale_lines.product_id.uom_id[:1]).rounding
            if float_compare(remaining, 0.0, precision_rounding=rounding) > 0 or not sale_line:
                uncovered.append(sale_lines.product_id.display_name)
        if uncovered:
            self._message_log(
                body=self.env._(
                    "Not invoiced, nothing to credit for: %(products)s (the order invoices what "
                    "is delivered, the return is deducted).",
                    products=", ".join(uncovered),
                )
            )
        if not to_credit:
            return
        invoices = self.env["account.move"].sudo().browse([inv.id for inv in to_credit])
        reversal = (
            self.env["account.move.reversal"]
            .sudo()
            .with_company(self.company_id)
            .with_context(active_model="account.move", active_ids=invoices.ids)
            .create(
                {
                    "reason": self.env._("return %(request)s", request=self.name),
                    "journal_id": invoices[0].journal_id.id,
                }
            )
        )
        reversal.refund_moves()
        credit_notes = reversal.new_move_ids
        for credit_note in credit_notes:
            wanted = dict(to_credit[credit_note.reversed_entry_id])
            commands = []
            for line in credit_note.invoice_line_ids:
                sale_line = line.sale_line_ids[:1]
                want = wanted.get(sale_line, 0.0)
                if line.display_type != "product" or want <= 0:
                    commands.append(Command.delete(line.id))
                    continue
                available = line.product_uom_id._compute_quantity(
                    line.quantity, sale_line.product_uom
                )
                take = min(want, available)
                wanted[sale_line] = want - take
                commands.append(
                    Command.update(
                        line.id,
                        {
                            "quantity": sale_line.product_uom._compute_quantity(
                                take, line.product_uom_id
                            )
                        },
                    )
                )
            credit_note.write({"invoice_line_ids": commands})
        self._workflow_write({"refund_ids": [Command.link(move.id) for move in credit_notes]})
        self._message_log(
            body=Markup("<p>%s</p>")
            % self.env._(
                "Credit notes drafted by reversal: %(moves)s",
                moves=", ".join(credit_notes.mapped("display_name")),
            )
        )

    def _return_exchange(self, lines):
        """Replacement deliveries, the way Odoo's own exchange sends them
        (the return wizard's "Exchange": a procurement with the order line's
        values, so the warehouse's delivery route, the order's procurement
        group and its delivered quantities follow), for the quantities
        received and passed. Each replacement move keeps its line."""
        self.ensure_one()
        if not lines:
            return
        procurements = []
        group = self.env["procurement.group"].sudo().with_company(self.company_id)
        wizard_model = self.env["stock.return.picking"].sudo().with_company(self.company_id)
        for picking, picking_lines in lines.grouped(lambda li: li.move_id.picking_id).items():
            wizard = wizard_model.with_context(
                active_model="stock.picking", active_id=picking.id, active_ids=picking.ids
            ).create({"picking_id": picking.id})
            for line in picking_lines:
                wizard_line = wizard.product_return_moves.filtered(
                    lambda wl, li=line: wl.move_id == li.move_id
                )[:1]
                wizard_line.quantity = line.quantity_received
                values = wizard._get_proc_values(wizard_line)
                values["aftersales_replacement_line_id"] = line.id
                procurements.append(
                    group.Procurement(
                        line.product_id,
                        line.quantity_received,
                        line.product_id.uom_id,
                        line.move_id.location_dest_id or picking.location_dest_id,
                        line.product_id.display_name,
                        self.name,
                        self.company_id,
                        values,
                    )
                )
        group.run(procurements)
        lines.invalidate_recordset(["replacement_move_ids"])
        pickings = lines.sudo().replacement_move_ids.picking_id
        self._message_log(
            body=Markup("<p>%s</p>")
            % self.env._(
                "Replacement deliveries: %(pickings)s",
                pickings=", ".join(pickings.mapped("display_name")) or "-",
            )
        )

    def _return_repair(self, lines):
        """One repair order of Odoo's repair module per product to repair,
        linked to its return receipt (the repair's "Return"), the product,
        its lot, the customer, at the location the goods came back to.

        The original sale order is not set as the repair's "Sale Order":
        for Odoo that is the order that bills the repair (its parts become
        lines of it, cancelling the repair zeroes its line); the receipt
        links the repair to the order, and the notes name the request."""
        self.ensure_one()
        if not lines:
            return
        vals_list = []
        for line in lines:
            moves = line.sudo().return_move_ids.filtered(lambda m: m.state == "done")
            receipt = moves.picking_id[:1]
            warehouse = receipt.picking_type_id.warehouse_id
            vals = {
                "product_id": line.product_id.id,
                "product_qty": line.quantity_received,
                "product_uom": line.product_id.uom_id.id,
                "lot_id": (line.lot_id or moves.move_line_ids.lot_id[:1]).id,
                "partner_id": self.partner_id.id,
                "picking_id": receipt.id,
                "company_id": self.company_id.id,
                "user_id": (self.user_id or self.env.user).id,
                "internal_notes": Markup("<p>%s</p><p>%s</p>")
                % (
                    self.env._(
                        "Service request %(request)s, order %(order)s.",
                        request=self.name,
                        order=line.sale_line_id.order_id.name or "-",
                    ),
                    line.inspection_note or line.problem or "",
                ),
            }
            if warehouse.repair_type_id:
                vals["picking_type_id"] = warehouse.repair_type_id.id
            if moves:
                vals["product_location_src_id"] = moves[:1].location_dest_id.id
            vals_list.append(vals)
        repairs = self.env["repair.order"].sudo().with_company(self.company_id).create(vals_list)
        for line, repair in zip(lines, repairs, strict=True):
            line._workflow_write({"repair_id": repair.id})
        self._message_log(
            body=Markup("<p>%s</p>")
            % self.env._(
                "Repair orders: %(repairs)s", repairs=", ".join(repairs.mapped("display_name"))
            )
        )

    # ------------------------------------------------------------------
    # The customer is told (R-AFS-14 step 7)
    # ------------------------------------------------------------------
    def action_return_notify(self):
        """E-mail the customer the result (refund, replacement, repair),
        then the request can be solved and closed."""
        self._return_check_agent()
        for request in self:
            if request.return_state != "processed":
                raise UserError(
                    self.env._(
                        "%(request)s: settle the return (Process Return) before telling the "
                        "customer.",
                        request=request.display_name,
                    )
                )
        self._return_send("order_aftersales.mail_template_return_processed")
        self._workflow_write(
            {"return_state": "notified", "return_notified_on": fields.Datetime.now()}
        )
        return True

    def _return_send(self, xmlid):
        """Post the e-mail of `xmlid` to the customer (rendered with the
        company's authority: the agent may not read the credit notes)."""
        template = self.env.ref(xmlid, raise_if_not_found=False)
        if not template:
            return
        for request in self.sudo():
            request.message_post_with_source(
                template,
                email_layout_xmlid="mail.mail_notification_light",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )

    # ------------------------------------------------------------------
    # Solving, closing, cancelling
    # ------------------------------------------------------------------
    def action_solve(self):
        """A return is solved once settled and told to the customer (or
        refused, or lapsed)."""
        for request in self:
            if request._is_return() and request.return_state not in RETURN_FINAL_STATES:
                raise UserError(
                    self.env._(
                        "%(request)s: finish the return first (the customer is notified of "
                        "its result), or have it rejected.",
                        request=request.display_name,
                    )
                )
        return super().action_solve()

    def action_cancel(self):
        """Cancelling the request withdraws the return receipts still open."""
        receipts = self._return_open_receipts()
        result = super().action_cancel()
        if receipts:
            receipts.action_cancel()
        return result

    # ------------------------------------------------------------------
    # Smart buttons
    # ------------------------------------------------------------------
    def _return_documents_action(self, records, action_xmlid):
        self.ensure_one()
        action = self.env["ir.actions.actions"]._for_xml_id(action_xmlid)
        if len(records) == 1:
            action.update({"view_mode": "form", "views": [(False, "form")], "res_id": records.id})
        else:
            action["domain"] = [("id", "in", records.ids)]
        action["context"] = {"create": False}
        return action

    def action_view_return_pickings(self):
        return self._return_documents_action(
            self.return_picking_ids, "stock.action_picking_tree_all"
        )

    def action_view_replacement_pickings(self):
        return self._return_documents_action(
            self.replacement_picking_ids, "stock.action_picking_tree_all"
        )

    def action_view_refunds(self):
        return self._return_documents_action(self.refund_ids, "account.action_move_out_refund_type")

    def action_view_repairs(self):
        return self._return_documents_action(self.repair_ids, "repair.action_repair_order_tree")
