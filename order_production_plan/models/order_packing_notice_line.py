# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models

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

    def _has_consent(self):
        self.ensure_one()
        return bool(
            (self.consent_note or self.consent_attachment_id)
            and self.consent_date
            and self.consent_by
            and self.followup_department_id
        )

    def action_check(self):
        """Ticked by the packing department once the part is packed."""
        self.notice_id._workflow_check_state(("notified",))
        self.notice_id._check_packer()
        self._workflow_write(
            {"checked": True, "checked_on": fields.Datetime.now(), "checked_by_id": self.env.uid}
        )
        return True

    def action_uncheck(self):
        self.notice_id._workflow_check_state(("notified",))
        self.notice_id._check_packer()
        self._workflow_write({"checked": False, "checked_on": False, "checked_by_id": False})
        return True
