# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .order_packing_check_item import CHECK_KINDS


class OrderPackingNoticeLine(models.Model):
    """One accessory or document of one product on a pre-packing notice:
    checked by the packing department, or missing with the customer's
    documented consent and a follow-up department (§8.9)."""

    _name = "order.packing.notice.line"
    _description = "Pre-packing Checklist Line"
    _inherit = ["order.workflow.mixin"]
    _order = "notice_id, product_id, id"

    _workflow_guarded_fields = ("checked", "checked_on", "checked_by_id")
    _workflow_fixed_fields = ("notice_id",)
    _workflow_state_field = "notice_state"
    _workflow_editable_states = ("draft", "notified")
    _workflow_frozen_fields = (
        "product_id",
        "kind",
        "name",
        "quantity",
        "consent_note",
        "consent_attachment_id",
        "consent_date",
        "consent_by",
        "followup_department_id",
    )

    notice_id = fields.Many2one(
        comodel_name="order.packing.notice",
        required=True,
        ondelete="cascade",
        index=True,
    )
    notice_state = fields.Selection(related="notice_id.state", string="Notice Status")
    company_id = fields.Many2one(related="notice_id.company_id", store=True, index=True)
    product_id = fields.Many2one(comodel_name="product.product", required=True)
    item_id = fields.Many2one(comodel_name="order.packing.check.item", ondelete="set null")
    kind = fields.Selection(selection=CHECK_KINDS, required=True, default="accessory")
    name = fields.Char(required=True)
    quantity = fields.Float(default=1.0, digits="Product Unit of Measure")
    checked = fields.Boolean(readonly=True, copy=False)
    checked_on = fields.Datetime(readonly=True, copy=False)
    checked_by_id = fields.Many2one(comodel_name="res.users", readonly=True, copy=False)
    consent_note = fields.Text(
        string="Customer Consent",
        help="How the customer agreed to receive this part later (§8.9).",
    )
    consent_attachment_id = fields.Many2one(
        comodel_name="ir.attachment", string="Consent Document", ondelete="restrict"
    )
    consent_date = fields.Date()
    consent_by = fields.Char(string="Agreed By", help="Who agreed at the customer.")
    followup_department_id = fields.Many2one(
        comodel_name="order.department",
        string="Delivers Later",
        help="The department that delivers the missing part later.",
    )

    @api.depends("product_id", "name")
    def _compute_display_name(self):
        for line in self:
            line.display_name = f"{line.product_id.display_name or ''}: {line.name or ''}"

    CONSENT_FIELDS = (
        "consent_note",
        "consent_attachment_id",
        "consent_date",
        "consent_by",
        "followup_department_id",
    )

    def _consent_document_ok(self):
        """The consent document is a file of this line or of its notice."""
        self.ensure_one()
        document = self.sudo().consent_attachment_id
        return bool(document) and (
            (document.res_model == self._name and document.res_id == self.id)
            or (document.res_model == self.notice_id._name and document.res_id == self.notice_id.id)
        )

    @api.constrains("consent_attachment_id")
    def _check_consent_attachment(self):
        for line in self.filtered("consent_attachment_id"):
            if not line._consent_document_ok():
                raise ValidationError(
                    self.env._(
                        "%(line)s: the customer's consent must be a file attached to the "
                        "pre-packing notice or to its line (§8.9).",
                        line=line.display_name,
                    )
                )

    def _check_sales_side(self):
        """The customer's consent is recorded by the contract-order side (a
        salesperson) or a planner, not by the packer (§8.9)."""
        user = self.env.user
        if self._workflow_is_trusted() or user.has_group("sales_team.group_sale_salesman"):
            return
        if user.has_group("order_production_plan.group_order_production_plan_planner"):
            return
        raise UserError(
            self.env._("The customer's consent is recorded by the salesperson or a planner (§8.9).")
        )

    def _check_notice_state(self, notices, states):
        if self._workflow_is_trusted():
            return
        wrong = notices.filtered(lambda n: n.state not in states)
        if wrong:
            raise UserError(
                self.env._(
                    "%(notices)s: the checklist can no longer change.",
                    notices=", ".join(wrong.mapped("display_name")),
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        # lines are added to a draft notice only; a consent on a new line is
        # the sales side's too
        self._check_notice_state(
            self.env["order.packing.notice"].browse(
                {vals["notice_id"] for vals in vals_list if vals.get("notice_id")}
            ),
            ("draft",),
        )
        if any(vals.get(name) for vals in vals_list for name in self.CONSENT_FIELDS):
            self._check_sales_side()
        return super().create(vals_list)

    def write(self, vals):
        if any(
            not self._workflow_same(self._fields[name], line, vals[name])
            for name in self.CONSENT_FIELDS
            if name in vals
            for line in self
        ):
            self._check_sales_side()
        return super().write(vals)

    def unlink(self):
        # an unchecked line is not deleted to pack with nothing missing
        self._check_notice_state(self.notice_id, ("draft",))
        return super().unlink()

    def _has_consent(self):
        self.ensure_one()
        return bool(
            self._consent_document_ok()
            and self.consent_date
            and self.consent_by
            and self.followup_department_id
        )

    def action_check(self):
        """Ticked by the packing department once the part is packed (with
        the server's rights after the membership check: a packer may be only
        a warehouse user)."""
        self.notice_id._workflow_check_state(("notified",))
        self.notice_id._check_packer()
        self.sudo()._workflow_write(
            {"checked": True, "checked_on": fields.Datetime.now(), "checked_by_id": self.env.uid}
        )
        return True

    def action_uncheck(self):
        self.notice_id._workflow_check_state(("notified",))
        self.notice_id._check_packer()
        self.sudo()._workflow_write({"checked": False, "checked_on": False, "checked_by_id": False})
        return True
