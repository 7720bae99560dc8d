# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class StockPicking(models.Model):
    _inherit = "stock.picking"

    acceptance_ids = fields.One2many(
        comodel_name="order.delivery.acceptance",
        inverse_name="picking_id",
        string="Acceptances",
    )
    acceptance_count = fields.Integer(compute="_compute_acceptance_count")
    acceptance_required = fields.Boolean(related="sale_id.acceptance_required")

    @api.depends("acceptance_ids")
    def _compute_acceptance_count(self):
        counts = dict(
            self.env["order.delivery.acceptance"]
            .sudo()
            ._read_group([("picking_id", "in", self.ids)], ["picking_id"], ["__count"])
        )
        for picking in self:
            picking.acceptance_count = counts.get(picking, 0)

    def _action_done(self):
        """A delivery of an order that requires acceptance waits for the
        customer's (R-AFS-17, R-AFS-18): its acceptance is ready to record
        and the salesperson is asked to get it."""
        result = super()._action_done()
        # read as the server: whoever validates need not read the order
        to_accept = self.sudo().filtered(
            lambda p: p.state == "done"
            and p.picking_type_code == "outgoing"
            and p.sale_id.acceptance_required
            and not p.acceptance_ids
        )
        if to_accept:
            acceptances = (
                self.env["order.delivery.acceptance"]
                .sudo()
                .create([{"picking_id": picking.id} for picking in to_accept])
            )
            for acceptance in acceptances:
                user = acceptance.sale_order_id.user_id
                if user:
                    acceptance.activity_schedule(
                        "mail.mail_activity_data_todo",
                        summary=self.env._(
                            "Get the customer's acceptance of %(delivery)s",
                            delivery=acceptance.picking_id.name,
                        ),
                        user_id=user.id,
                    )
        return result

    def action_view_acceptances(self):
        """The delivery's acceptances; a new one when there is none."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "order_aftersales.order_delivery_acceptance_action"
        )
        action["domain"] = [("picking_id", "=", self.id)]
        action["context"] = {"default_picking_id": self.id}
        if not self.acceptance_ids:
            action.update(view_mode="form", views=[(False, "form")])
        elif len(self.acceptance_ids) == 1:
            action.update(view_mode="form", views=[(False, "form")], res_id=self.acceptance_ids.id)
        return action
