# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError

ACCEPTANCE_FIELDS = ("acceptance_required", "acceptance_standard")


class SaleOrder(models.Model):
    """The customer's acceptance agreed on the order (R-AFS-18, R-AFS-19)."""

    _inherit = "sale.order"

    acceptance_required = fields.Boolean(
        string="Acceptance Before Invoicing",
        tracking=True,
        help="The customer accepts each delivery (验收) and the order is invoiced only "
        "once its deliveries passed (R-AFS-19). Agreed before delivery; down "
        "payments are not held.",
    )
    acceptance_standard = fields.Text(
        help="The acceptance standard and process agreed with the customer before delivery "
        "(R-AFS-18): what is checked, how, by whom.",
    )
    acceptance_ids = fields.One2many(
        comodel_name="order.delivery.acceptance",
        inverse_name="sale_order_id",
        string="Acceptances",
    )
    acceptance_count = fields.Integer(compute="_compute_acceptance_count")

    @api.depends("acceptance_ids")
    def _compute_acceptance_count(self):
        counts = dict(
            self.env["order.delivery.acceptance"]
            .sudo()
            ._read_group([("sale_order_id", "in", self.ids)], ["sale_order_id"], ["__count"])
        )
        for order in self:
            order.acceptance_count = counts.get(order, 0)

    def write(self, vals):
        # R-AFS-18: agreed before delivery; once goods are delivered the
        # agreement stays (else: untick it, invoice, tick it again)
        if set(ACCEPTANCE_FIELDS).intersection(vals) and not self._workflow_is_trusted():
            delivered = self._acceptance_done_deliveries()
            for order in self:
                changed = [
                    name
                    for name in ACCEPTANCE_FIELDS
                    if name in vals
                    and not self._workflow_same(self._fields[name], order, vals[name])
                ]
                if changed and delivered.get(order):
                    raise UserError(
                        self.env._(
                            "%(order)s: goods are delivered already; the acceptance agreed "
                            "before delivery can no longer change (R-AFS-18).",
                            order=order.display_name,
                        )
                    )
        return super().write(vals)

    def _acceptance_done_deliveries(self):
        """{order: its done deliveries to the customer}."""
        pickings = self.sudo().picking_ids.filtered(
            lambda p: p.picking_type_code == "outgoing" and p.state == "done"
        )
        result = {}
        for picking in pickings:
            order = self.browse(picking.sale_id.id)
            result[order] = result.get(order, self.env["stock.picking"]) | picking
        return result

    def _acceptance_pending(self):
        """{order: its done deliveries without a passed acceptance} for the
        orders of `self` that require acceptance and cannot be invoiced yet
        (an order with no accepted delivery at all waits too)."""
        orders = self.filtered("acceptance_required")
        if not orders:
            return {}
        delivered = orders._acceptance_done_deliveries()
        all_deliveries = self.env["stock.picking"].union(*delivered.values())
        accepted = (
            self.env["order.delivery.acceptance"]
            .sudo()
            .search([("picking_id", "in", all_deliveries.ids), ("state", "=", "passed")])
            .picking_id
        )
        pending = {}
        for order in orders:
            deliveries = delivered.get(order, self.env["stock.picking"])
            missing = deliveries - accepted
            if missing or not deliveries:
                pending[order] = missing
        return pending

    def _check_acceptance_before_invoicing(self):
        """Refuse the invoicing of orders whose deliveries are not accepted
        (R-AFS-19 验收合格后方可结算)."""
        for order, missing in self._acceptance_pending().items():
            if missing:
                raise UserError(
                    self.env._(
                        "%(order)s is invoiced after the customer's acceptance: "
                        "%(deliveries)s not accepted yet (R-AFS-19).",
                        order=order.display_name,
                        deliveries=", ".join(missing.mapped("name")),
                    )
                )
            raise UserError(
                self.env._(
                    "%(order)s is invoiced after the customer's acceptance: no delivery "
                    "of it is accepted yet (R-AFS-19).",
                    order=order.display_name,
                )
            )

    def action_view_acceptances(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "order_aftersales.order_delivery_acceptance_action"
        )
        action["domain"] = [("sale_order_id", "=", self.id)]
        action["context"] = {"create": False}
        return action
