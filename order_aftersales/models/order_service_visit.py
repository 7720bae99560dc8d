# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_compare, is_html_empty

from .order_service_request import OPEN_STATES

VISIT_STATES = [
    ("planned", "Planned"),
    ("in_progress", "In Progress"),
    ("done", "Done"),
    ("cancel", "Cancelled"),
]
COMMISSIONING_RESULTS = [
    ("passed", "Passed"),
    ("failed", "Failed"),
    ("na", "Not Applicable"),
]
# what the customer signs: it no longer changes once signed or the visit closed
REPORT_FIELDS = (
    "report",
    "troubleshooting",
    "cause",
    "method",
    "cause_explained",
    "commissioning_result",
    "commissioning_note",
)
# the appointment as the calendar shows it
EVENT_FIELDS = ("start", "stop", "engineer_id", "partner_id", "request_id")


class OrderServiceVisit(models.Model):
    """上门服务: an engineer's on-site visit for a service request (R-AFS-03,
    R-AFS-05, R-AFS-07).

    The appointment agreed with the customer is a calendar event of the
    engineer and the customer, kept in step with the visit. The engineer goes
    with tools and spare parts: the parts are an Odoo delivery from the
    warehouse's spare-parts location to the customer, reserved when the visit
    starts and validated for the parts used when it is done (the unused ones
    go back to the shelf: their reservation is released). On site the engineer
    troubleshoots and repairs, explains the cause and the method to the
    customer, commissions and tests, writes the visit report, and the customer
    signs it (Odoo's signature widget, through the sign action only, once the
    work is recorded). A failed commissioning keeps the request open."""

    _name = "order.service.visit"
    _description = "On-site Service Visit"
    _inherit = ["mail.thread", "mail.activity.mixin", "order.workflow.mixin"]
    _order = "start desc, id desc"

    _workflow_guarded_fields = (
        "state",
        "started_on",
        "done_on",
        "calendar_event_id",
        "picking_id",
        "signature",
        "signed_by",
        "signed_on",
    )
    _workflow_fixed_fields = ("name", "request_id")
    _workflow_frozen_fields = ("engineer_id", "start", "stop", "partner_id", "tools")
    _workflow_editable_states = ("planned", "in_progress")

    name = fields.Char(string="Number", readonly=True, copy=False, default="/", index="trigram")
    request_id = fields.Many2one(
        comodel_name="order.service.request",
        string="Service Request",
        required=True,
        index=True,
        ondelete="cascade",
        domain=[("state", "in", OPEN_STATES)],
    )
    company_id = fields.Many2one(
        related="request_id.company_id", store=True, index=True, precompute=True
    )
    commercial_partner_id = fields.Many2one(related="request_id.commercial_partner_id")
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Customer",
        compute="_compute_partner_id",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        index=True,
        domain="[('commercial_partner_id', '=', commercial_partner_id)]",
        help="The customer's contact and site address the engineer goes to.",
    )
    engineer_id = fields.Many2one(
        comodel_name="res.users",
        required=True,
        index=True,
        tracking=True,
        default=lambda self: self.env.user,
        domain="[('share', '=', False), ('company_ids', 'in', company_id)]",
    )
    start = fields.Datetime(string="Appointment", required=True, tracking=True)
    stop = fields.Datetime(string="Until", required=True, tracking=True)
    calendar_event_id = fields.Many2one(
        comodel_name="calendar.event",
        string="Meeting",
        readonly=True,
        copy=False,
        ondelete="set null",
    )
    tools = fields.Text(string="Tools Taken")
    warehouse_id = fields.Many2one(
        comodel_name="stock.warehouse",
        string="Spare Parts From",
        required=True,
        check_company=True,
        compute="_compute_warehouse_id",
        store=True,
        readonly=False,
        precompute=True,
        help="The warehouse whose spare-parts stock the engineer takes the parts from.",
    )
    part_ids = fields.One2many(
        comodel_name="order.service.visit.part",
        inverse_name="visit_id",
        string="Spare Parts",
        copy=True,
    )
    picking_id = fields.Many2one(
        comodel_name="stock.picking",
        string="Spare Parts Transfer",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )
    state = fields.Selection(
        selection=VISIT_STATES,
        default="planned",
        required=True,
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
    )
    started_on = fields.Datetime(string="Arrived On", readonly=True, copy=False)
    done_on = fields.Datetime(readonly=True, copy=False)
    # the work (R-AFS-05): troubleshoot and repair, explain, commission and test
    troubleshooting = fields.Text(help="What the engineer found on site.")
    cause = fields.Text(help="The cause of the problem.")
    method = fields.Text(help="How the problem was solved (repair, adjustment, replacement…).")
    cause_explained = fields.Boolean(
        string="Cause and Method Explained",
        help="The engineer explained the cause and the method to the customer (R-AFS-05).",
    )
    report = fields.Html(string="Visit Report", help="The work done, as the customer signs it.")
    commissioning_result = fields.Selection(
        selection=COMMISSIONING_RESULTS,
        string="Commissioning Test",
        tracking=True,
        help="The result of the commissioning test run with the customer (R-AFS-05). "
        "A failed test keeps the service request open.",
    )
    commissioning_note = fields.Text(string="Test Note")
    signature = fields.Binary(string="Customer Signature", copy=False, attachment=True)
    signed_by = fields.Char(copy=False)
    signed_on = fields.Datetime(copy=False)

    _sql_constraints = [
        ("appointment_order", "CHECK(stop > start)", "A visit must end after it starts."),
    ]

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("request_id")
    def _compute_partner_id(self):
        for visit in self:
            visit.partner_id = visit.partner_id or visit.request_id.partner_id

    @api.depends("company_id")
    def _compute_warehouse_id(self):
        warehouses = self.env["stock.warehouse"].search(
            [("company_id", "in", self.company_id.ids)], order="sequence, id"
        )
        for visit in self:
            if visit.warehouse_id.company_id != visit.company_id:
                visit.warehouse_id = warehouses.filtered(
                    lambda w, company=visit.company_id: w.company_id == company
                )[:1]

    @api.depends("name", "partner_id")
    def _compute_display_name(self):
        for visit in self:
            customer = visit.partner_id.commercial_partner_id.name
            visit.display_name = f"{visit.name} {customer}" if customer else visit.name

    # ------------------------------------------------------------------
    # Create / write: number, checks, the appointment in the calendar
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        self._workflow_check_create(vals_list)
        self._workflow_number(vals_list, "order.service.visit")
        visits = super().create(vals_list)
        visits._check_request_open()
        visits._check_planner()
        visits._sync_event()
        for visit in visits:
            visit.message_subscribe(partner_ids=visit.engineer_id.partner_id.ids)
            visit.request_id.message_post(
                body=self.env._(
                    "On-site visit %(visit)s planned on %(start)s with %(engineer)s.",
                    visit=visit.name,
                    start=visit._format_date(visit.start),
                    engineer=visit.engineer_id.name,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return visits

    def write(self, vals):
        if "engineer_id" in vals and not self._workflow_is_trusted():
            self._check_planner()
        if "warehouse_id" in vals and not self._workflow_is_trusted():
            for visit in self:
                if visit.picking_id and visit.warehouse_id.id != vals["warehouse_id"]:
                    raise UserError(
                        self.env._(
                            "%(visit)s: the spare parts are taken already; their warehouse "
                            "can no longer change.",
                            visit=visit.display_name,
                        )
                    )
        if not self._workflow_is_trusted() and set(REPORT_FIELDS).intersection(vals):
            for visit in self:
                changed = [
                    name
                    for name in REPORT_FIELDS
                    if name in vals
                    and not self._workflow_same(self._fields[name], visit, vals[name])
                ]
                if not changed:
                    continue
                if visit.signed_on:
                    raise UserError(
                        self.env._(
                            "%(visit)s: the customer signed the report; it can no longer change.",
                            visit=visit.display_name,
                        )
                    )
                if visit.state in ("done", "cancel"):
                    # the result the request was solved or kept open on
                    raise UserError(
                        self.env._(
                            "%(visit)s is closed: its report and commissioning result can no "
                            "longer change.",
                            visit=visit.display_name,
                        )
                    )
        result = super().write(vals)
        if set(EVENT_FIELDS).intersection(vals):
            self._sync_event()
        return result

    @api.constrains("partner_id", "request_id")
    def _check_partner(self):
        """The visit goes to the request's customer (its site contact)."""
        for visit in self.sudo():
            customer = visit.request_id.commercial_partner_id
            if visit.partner_id and visit.partner_id.commercial_partner_id != customer:
                raise ValidationError(
                    self.env._(
                        "%(partner)s is not a contact of %(customer)s.",
                        partner=visit.partner_id.display_name,
                        customer=customer.display_name,
                    )
                )

    def _check_request_open(self):
        for visit in self:
            if visit.request_id.state not in OPEN_STATES:
                raise ValidationError(
                    self.env._(
                        "%(request)s is no longer open: reopen it before planning a visit.",
                        request=visit.request_id.display_name,
                    )
                )

    def _is_agent(self):
        return self.env.user.has_group("order_aftersales.group_order_aftersales_user")

    def _check_planner(self):
        """After-sales plans visits and chooses the engineer (R-AFS-05
        分类派发); an engineer does the visits he is given."""
        if not self._workflow_is_trusted() and not self._is_agent():
            raise UserError(self.env._("Only the after-sales department plans on-site visits."))

    def _check_doer(self):
        """The engineer of the visit, or after-sales, records the work."""
        if self._workflow_is_trusted() or self._is_agent():
            return
        for visit in self:
            if visit.engineer_id != self.env.user:
                raise UserError(
                    self.env._(
                        "%(visit)s is the visit of %(engineer)s.",
                        visit=visit.display_name,
                        engineer=visit.engineer_id.name,
                    )
                )

    # ------------------------------------------------------------------
    # The appointment (calendar.event)
    # ------------------------------------------------------------------
    def _event_values(self):
        self.ensure_one()
        return {
            "name": self.env._(
                "On-site service %(visit)s: %(customer)s",
                visit=self.name,
                customer=self.partner_id.commercial_partner_id.name,
            ),
            "start": self.start,
            "stop": self.stop,
            "allday": False,
            "user_id": self.engineer_id.id,
            "partner_ids": self.engineer_id.partner_id | self.partner_id,
            "location": self.partner_id._display_address(without_company=True).replace("\n", " "),
            "description": self.request_id.sudo().subject,
        }

    def _sync_event(self):
        """Create or update the calendar event of each planned or ongoing
        visit: the engineer and the customer attend (only changed values are
        written: Odoo tells the attendees of each change)."""
        event_model = self.env["calendar.event"].sudo()
        model_id = self.env["ir.model"]._get_id(self._name)
        for visit in self.filtered(lambda v: v.state in ("planned", "in_progress")):
            values = visit._event_values()
            event = visit.calendar_event_id.sudo()
            if not event:
                values.update(
                    partner_ids=[Command.set(values["partner_ids"].ids)],
                    res_model_id=model_id,
                    res_id=visit.id,
                )
                event = event_model.with_company(visit.company_id).create(values)
                visit._workflow_write({"calendar_event_id": event.id})
                continue
            changes = {}
            for name, value in values.items():
                if name == "partner_ids":
                    if value != event.partner_ids:
                        changes[name] = [Command.set(value.ids)]
                elif name == "user_id":
                    if event.user_id.id != value:
                        changes[name] = value
                elif event[name] != value:
                    changes[name] = value
            if changes:
                event.write(changes)

    def _sync_from_event(self, event):
        """The engineer moved the meeting in the calendar: the visit follows
        (as the user who moved it, with their rights)."""
        for visit in self.filtered(lambda v: v.state in ("planned", "in_progress")):
            vals = {
                name: event[name]
                for name in ("start", "stop")
                if event[name] and event[name] != visit[name]
            }
            if vals:
                visit.write(vals)

    # ------------------------------------------------------------------
    # Spare parts (stock)
    # ------------------------------------------------------------------
    def _sync_parts_picking(self):
        """The spare parts taken, as an Odoo delivery from the warehouse's
        spare-parts location to the customer (R-AFS-07): created when the
        visit starts, a move per part line, reserved; a part added during the
        visit joins it. Refused when the spare-parts stock does not hold the
        parts (the engineer cannot take what is not on the shelf)."""
        move_model = self.env["stock.move"].sudo()
        for visit in self:
            lines = visit.part_ids.filtered(lambda line: not line.move_id)
            if not lines:
                continue
            picking_type = visit.warehouse_id._get_service_parts_type()
            picking = visit.picking_id.sudo()
            destination = (
                visit.partner_id.property_stock_customer or picking_type.default_location_dest_id
            )
            if not picking:
                picking = (
                    self.env["stock.picking"]
                    .sudo()
                    .with_company(visit.company_id)
                    .create(
                        {
                            "picking_type_id": picking_type.id,
                            "partner_id": visit.partner_id.id,
                            "location_id": picking_type.default_location_src_id.id,
                            "location_dest_id": destination.id,
                            "origin": f"{visit.name} {visit.request_id.sudo().name}",
                            "company_id": visit.company_id.id,
                            "move_type": "direct",
                        }
                    )
                )
                visit._workflow_write({"picking_id": picking.id})
            moves = move_model.browse()
            for line in lines:
                move = move_model.create(
                    {
                        "name": line.product_id.display_name,
                        "picking_id": picking.id,
                        "product_id": line.product_id.id,
                        "product_uom": line.product_id.uom_id.id,
                        "product_uom_qty": line.quantity,
                        "location_id": picking.location_id.id,
                        "location_dest_id": picking.location_dest_id.id,
                        "partner_id": visit.partner_id.id,
                        "company_id": visit.company_id.id,
                        "origin": picking.origin,
                    }
                )
                line._workflow_write({"move_id": move.id})
                moves |= move
            moves._action_confirm()
            for line in lines:
                move = line.move_id.sudo()
                if line.lot_id:
                    # the very lot the engineer takes
                    move._do_unreserve()
                    self.env["stock.move.line"].sudo().create(
                        {
                            "move_id": move.id,
                            "picking_id": picking.id,
                            "product_id": move.product_id.id,
                            "product_uom_id": move.product_uom.id,
                            "location_id": move.location_id.id,
                            "location_dest_id": move.location_dest_id.id,
                            "lot_id": line.lot_id.id,
                            "quantity": min(
                                line.quantity,
                                self.env["stock.quant"]
                                .sudo()
                                ._get_available_quantity(
                                    move.product_id,
                                    move.location_id,
                                    lot_id=line.lot_id,
                                    strict=True,
                                ),
                            ),
                        }
                    )
                else:
                    move._action_assign()
            missing = [
                line
                for line in lines
                if float_compare(
                    line.move_id.quantity,
                    line.quantity,
                    precision_rounding=line.product_id.uom_id.rounding,
                )
                < 0
            ]
            if missing:
                raise UserError(
                    self.env._(
                        "The spare-parts stock %(location)s does not hold the parts "
                        "of %(visit)s: %(parts)s. Replenish it or take fewer.",
                        location=picking.location_id.display_name,
                        visit=visit.display_name,
                        parts=", ".join(
                            f"{line.product_id.display_name} "
                            f"({line.move_id.quantity:g} / {line.quantity:g})"
                            for line in missing
                        ),
                    )
                )

    def _consume_parts(self):
        """The parts used leave the spare-parts stock for the customer; the
        unused ones stay (their reservation is released, no backorder)."""
        for visit in self.filtered("part_ids"):
            visit._sync_parts_picking()
            picking = visit.picking_id.sudo()
            for line in visit.part_ids:
                move = line.move_id.sudo()
                move.quantity = line.quantity_used
                move.picked = True
            if not any(visit.part_ids.mapped("quantity_used")):
                picking.action_cancel()
                continue
            picking.with_context(
                skip_backorder=True, picking_ids_not_to_backorder=picking.ids
            ).button_validate()

    # ------------------------------------------------------------------
    # Transitions
    # ------------------------------------------------------------------
    def action_start(self):
        """The engineer arrives at the agreed time (R-AFS-05) with the tools
        and the spare parts: the parts are reserved for the visit."""
        self._workflow_check_state(("planned",))
        self._check_doer()
        self._workflow_write({"state": "in_progress", "started_on": fields.Datetime.now()})
        self._sync_parts_picking()
        return True

    def _check_work_recorded(self):
        for visit in self:
            if is_html_empty(visit.report) or not visit.commissioning_result:
                raise UserError(
                    self.env._(
                        "%(visit)s: record the work first: the visit report and the result "
                        "of the commissioning test.",
                        visit=visit.display_name,
                    )
                )

    def action_done(self):
        """The work is done and recorded (R-AFS-05): the parts used are
        delivered, the others go back to stock, and the request learns the
        result: solved when the commissioning passed, kept open when it
        failed."""
        self._workflow_check_state(("in_progress",))
        self._check_doer()
        self._check_work_recorded()
        self._workflow_write({"state": "done", "done_on": fields.Datetime.now()})
        self._consume_parts()
        meetings = self.activity_ids.filtered(
            lambda a: a.calendar_event_id and a.calendar_event_id == self.calendar_event_id
        )
        meetings.sudo().action_done()
        self.request_id._on_visit_done(self)
        return True

    def action_cancel(self):
        """The appointment is called off: the meeting leaves the calendars and
        the reserved parts stay on the shelf."""
        self._workflow_check_state(("planned", "in_progress"))
        if not self._workflow_is_trusted() and not self._is_agent():
            raise UserError(self.env._("Only the after-sales department cancels a visit."))
        pickings = self.picking_id.sudo().filtered(lambda p: p.state not in ("done", "cancel"))
        pickings.action_cancel()
        events = self.calendar_event_id.sudo()
        self._workflow_write({"state": "cancel", "calendar_event_id": False})
        events.unlink()
        return True

    def action_sign(self):
        """Open the signature pad: the customer signs the report."""
        self.ensure_one()
        self._check_signable()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Customer Signature"),
            "res_model": "order.service.visit.sign",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_visit_id": self.id,
                "default_signed_by": self.partner_id.name,
            },
        }

    def _check_signable(self):
        """The customer signs the recorded work of an ongoing or done visit,
        once."""
        self._check_doer()
        for visit in self:
            if visit.state not in ("in_progress", "done"):
                raise UserError(
                    self.env._(
                        "%(visit)s: the customer signs the report on site, once the work "
                        "is done.",
                        visit=visit.display_name,
                    )
                )
            if visit.signed_on:
                raise UserError(
                    self.env._(
                        "%(visit)s: the customer signed the report already.",
                        visit=visit.display_name,
                    )
                )
        self._check_work_recorded()

    def _sign(self, signature, signed_by):
        """The customer's signature on the report (the sign action only)."""
        self._check_signable()
        if not signature or not (signed_by or "").strip():
            raise UserError(self.env._("The customer signs and writes their name."))
        self._workflow_write(
            {
                "signature": signature,
                "signed_by": signed_by.strip(),
                "signed_on": fields.Datetime.now(),
            }
        )
        for visit in self:
            visit.message_post(
                body=self.env._(
                    "The customer signed the visit report: %(name)s.", name=visit.signed_by
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_view_picking(self):
        self.ensure_one()
        return self.picking_id.get_formview_action()

    def _workflow_guard_hint(self, fnames):
        if fnames & {"signature", "signed_by", "signed_on"}:
            return self.env._("The customer signs through the Sign button.")
        if fnames & {"state", "started_on", "done_on"}:
            return self.env._("Use the buttons of the visit (Start, Done, Cancel).")
        return super()._workflow_guard_hint(fnames)
