# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import plaintext2html

ACCEPTANCE_STATES = [
    ("draft", "To Accept"),
    ("passed", "Passed"),
    ("objection", "Objection"),
]
RECTIFIED_STATES = ("solved", "closed")


class OrderDeliveryAcceptance(models.Model):
    """验收: the customer's acceptance of a delivery (R-AFS-17..19).

    The customer checks the packaging, that names, specifications and
    quantities match the order, and the quality against the standard agreed
    with sales before delivery (R-AFS-18), then signs. An objection becomes a
    complaint request for after-sales (the customer does not settle it
    privately, R-AFS-16); once it is rectified, the acceptance is redone. For
    the orders that require it, a customer invoice is posted only after the
    deliveries passed their acceptance (R-AFS-19)."""

    _name = "order.delivery.acceptance"
    _description = "Delivery Acceptance"
    _inherit = ["mail.thread", "mail.activity.mixin", "order.workflow.mixin"]
    _order = "id desc"

    _workflow_guarded_fields = ("state", "decided_on", "decided_by_id", "request_id")
    _workflow_fixed_fields = ("name", "picking_id", "previous_id")
    _workflow_frozen_fields = (
        "standard",
        "check_packaging",
        "check_quantity",
        "check_quality",
        "objections",
        "objection_move_ids",
        "signature",
        "signed_by",
    )
    _workflow_editable_states = ("draft",)

    name = fields.Char(string="Number", readonly=True, copy=False, default="/", index="trigram")
    picking_id = fields.Many2one(
        comodel_name="stock.picking",
        string="Delivery",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        domain="[('picking_type_code', '=', 'outgoing'), ('state', '=', 'done')]",
    )
    company_id = fields.Many2one(
        related="picking_id.company_id", store=True, index=True, precompute=True
    )
    sale_order_id = fields.Many2one(
        related="picking_id.sale_id", string="Sale Order", store=True, index="btree_not_null"
    )
    partner_id = fields.Many2one(related="picking_id.partner_id", string="Customer", store=True)
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Recorded By",
        default=lambda self: self.env.user,
        tracking=True,
    )
    standard = fields.Text(
        string="Acceptance Standard",
        compute="_compute_standard",
        store=True,
        readonly=False,
        precompute=True,
        help="The acceptance standard and process agreed with the customer before "
        "delivery (R-AFS-18), from the sale order.",
    )
    check_packaging = fields.Boolean(string="Packaging Intact")
    check_quantity = fields.Boolean(
        string="Goods and Quantities Match",
        help="Names, specifications and quantities match the order.",
    )
    check_quality = fields.Boolean(
        string="Quality per Standard", help="The quality meets the agreed acceptance standard."
    )
    objections = fields.Text(help="What the customer objects to.")
    objection_move_ids = fields.Many2many(
        comodel_name="stock.move",
        string="Goods Objected To",
        domain="[('picking_id', '=', picking_id)]",
        help="Leave empty when the objection concerns the whole delivery.",
    )
    signature = fields.Binary(string="Customer Signature", copy=False, attachment=True)
    signed_by = fields.Char(copy=False, help="The name of the customer's representative.")
    state = fields.Selection(
        selection=ACCEPTANCE_STATES,
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
    )
    decided_on = fields.Datetime(string="Date", readonly=True, copy=False)
    decided_by_id = fields.Many2one(comodel_name="res.users", readonly=True, copy=False)
    request_id = fields.Many2one(
        comodel_name="order.service.request",
        string="Objection Request",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )
    request_state = fields.Selection(related="request_id.state", string="Request Status")
    previous_id = fields.Many2one(
        comodel_name="order.delivery.acceptance",
        string="Redo Of",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )

    @api.depends("picking_id")
    def _compute_standard(self):
        for acceptance in self:
            acceptance.standard = (
                acceptance.standard or acceptance.picking_id.sudo().sale_id.acceptance_standard
            )

    # ------------------------------------------------------------------
    # Create: number, one acceptance at a time per delivery
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        self._workflow_check_create(vals_list)
        self._check_one_at_a_time([vals.get("picking_id") for vals in vals_list])
        self._workflow_number(vals_list, "order.delivery.acceptance")
        return super().create(vals_list)

    @api.constrains("picking_id")
    def _check_picking(self):
        for acceptance in self:
            picking = acceptance.picking_id
            if picking.picking_type_code != "outgoing" or picking.state != "done":
                raise ValidationError(
                    self.env._(
                        "%(delivery)s is not a done delivery to a customer: there is nothing "
                        "to accept.",
                        delivery=picking.display_name,
                    )
                )

    @api.model
    def _check_one_at_a_time(self, picking_ids):
        """A delivery is accepted once; after an objection it is accepted
        again only once the objection is rectified (R-AFS-18)."""
        pickings = self.env["stock.picking"].sudo().browse({pid for pid in picking_ids if pid})
        previous = self.sudo().search([("picking_id", "in", pickings.ids)])
        for picking in pickings:
            theirs = previous.filtered(lambda a, p=picking: a.picking_id == p)
            if picking_ids.count(picking.id) > 1 or theirs.filtered(
                lambda a: a.state in ("draft", "passed")
            ):
                raise ValidationError(
                    self.env._(
                        "%(delivery)s already has an acceptance to record or a passed one.",
                        delivery=picking.display_name,
                    )
                )
            pending = theirs.filtered(lambda a: a.request_id.state not in RECTIFIED_STATES)
            if pending:
                raise ValidationError(
                    self.env._(
                        "%(delivery)s: the objection %(request)s is not rectified yet; the "
                        "acceptance is redone once it is solved.",
                        delivery=picking.display_name,
                        request=pending[:1].request_id.display_name,
                    )
                )

    # ------------------------------------------------------------------
    # Transitions
    # ------------------------------------------------------------------
    def _check_signed(self):
        for acceptance in self:
            if not acceptance.signature or not (acceptance.signed_by or "").strip():
                raise UserError(
                    self.env._(
                        "%(acceptance)s: the customer signs the acceptance and writes their name.",
                        acceptance=acceptance.display_name,
                    )
                )

    def action_pass(self):
        """The customer accepts the delivery and signs (R-AFS-17, R-AFS-18):
        packaging, goods and quantities, quality all checked."""
        self._workflow_check_state(("draft",))
        for acceptance in self:
            if not (
                acceptance.check_packaging
                and acceptance.check_quantity
                and acceptance.check_quality
            ):
                raise UserError(
                    self.env._(
                        "%(acceptance)s: the delivery passes only when the packaging, the goods "
                        "and quantities and the quality are all checked; record an objection "
                        "otherwise.",
                        acceptance=acceptance.display_name,
                    )
                )
        self._check_signed()
        self._workflow_write(
            {"state": "passed", "decided_on": fields.Datetime.now(), "decided_by_id": self.env.uid}
        )
        self._close_activities()
        for acceptance in self:
            order = acceptance.sale_order_id.sudo()
            if order:
                order.message_post(
                    body=self.env._(
                        "The customer accepted %(delivery)s (%(acceptance)s, signed by "
                        "%(name)s).",
                        delivery=acceptance.picking_id.name,
                        acceptance=acceptance.name,
                        name=acceptance.signed_by,
                    ),
                    subtype_xmlid="mail.mt_note",
                )
        return True

    def action_object(self):
        """The customer objects (R-AFS-16, R-AFS-18): the objection becomes a
        complaint request of after-sales, with the order, the delivery and
        the goods objected to; the acceptance is redone after the
        rectification."""
        self._workflow_check_state(("draft",))
        for acceptance in self:
            if not (acceptance.objections or "").strip():
                raise UserError(
                    self.env._(
                        "%(acceptance)s: write down what the customer objects to.",
                        acceptance=acceptance.display_name,
                    )
                )
            if not (acceptance.signed_by or "").strip():
                raise UserError(
                    self.env._(
                        "%(acceptance)s: write the name of the customer who objects.",
                        acceptance=acceptance.display_name,
                    )
                )
        request_types = self._complaint_types()
        for acceptance in self:
            request = acceptance._create_objection_request(request_types[acceptance.company_id])
            acceptance._workflow_write(
                {
                    "state": "objection",
                    "decided_on": fields.Datetime.now(),
                    "decided_by_id": self.env.uid,
                    "request_id": request.id,
                }
            )
            if acceptance.sale_order_id:
                acceptance.sale_order_id.sudo().message_post(
                    body=self.env._(
                        "The customer objected at the acceptance of %(delivery)s: %(request)s.",
                        delivery=acceptance.picking_id.name,
                        request=request.name,
                    ),
                    subtype_xmlid="mail.mt_note",
                )
        self._close_activities()
        return True

    def _complaint_types(self):
        """{company: the complaint type of its objections} for the companies
        of these acceptances (the first complaint type of the company or
        shared, by sequence), in one search for the batch."""
        companies = self.company_id
        candidates = (
            self.env["order.service.request.type"]
            .sudo()
            .search(
                [
                    ("kind", "=", "complaint"),
                    ("company_id", "in", [False, *companies.ids]),
                ]
            )
        )
        request_types = {}
        for company in companies:
            request_type = candidates.filtered(
                lambda t, c=company: t.company_id in (c, c.browse())
            )[:1]
            if not request_type:
                raise UserError(
                    self.env._("Set up a complaint type of service request to record objections.")
                )
            request_types[company] = request_type
        return request_types

    def _create_objection_request(self, request_type):
        """The complaint request of an objection, of `request_type` (for
        whoever records the acceptance: the server files it, as the back
        office would)."""
        self.ensure_one()
        moves = self.objection_move_ids or self.picking_id.move_ids.filtered(
            lambda m: m.state == "done"
        )
        lines = []
        for move in moves.sudo():
            lines.append(
                Command.create(
                    {
                        "sale_line_id": move.sale_line_id.id,
                        "move_id": move.id if move.sale_line_id else False,
                        "product_id": move.product_id.id,
                        "quantity": move.quantity or move.product_uom_qty,
                        "problem": self.objections,
                    }
                )
            )
        return (
            self.env["order.service.request"]
            .sudo()
            .with_company(self.company_id)
            .create(
                {
                    "subject": self.env._(
                        "Objection at the acceptance of %(delivery)s", delivery=self.picking_id.name
                    ),
                    "partner_id": self.partner_id.id,
                    "company_id": self.company_id.id,
                    "type_id": request_type.id,
                    "channel": "salesperson",
                    "sale_order_id": self.sale_order_id.id,
                    "picking_id": self.picking_id.id,
                    "description": plaintext2html(self.objections),
                    "line_ids": lines,
                }
            )
        )

    def action_redo(self):
        """Accept the delivery again once the objection is rectified
        (R-AFS-18): a new acceptance of the same delivery."""
        self.ensure_one()
        self._workflow_check_state(("objection",))
        redo = self.create(
            {
                "picking_id": self.picking_id.id,
                "previous_id": self.id,
                "standard": self.standard,
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": redo.id,
            "view_mode": "form",
            "target": "current",
        }

    def _close_activities(self):
        self.sudo().activity_ids.action_done()

    def action_view_request(self):
        self.ensure_one()
        return self.request_id.get_formview_action()

    def _workflow_guard_hint(self, fnames):
        if fnames & {"state", "decided_on", "decided_by_id", "request_id"}:
            return self.env._("Use the buttons of the acceptance (Passed, Objection, Redo).")
        return super()._workflow_guard_hint(fnames)
