# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command, api, fields, models
from odoo.exceptions import UserError


class OrderProductionStepOutsource(models.TransientModel):
    """Outsource a plan step (R-PLN-25): a subcontract purchase order that
    the general manager approves before it is confirmed."""

    _name = "order.production.step.outsource"
    _description = "Outsource a Plan Step"

    step_id = fields.Many2one(
        comodel_name="order.production.plan.step", required=True, readonly=True
    )
    company_id = fields.Many2one(related="step_id.company_id")
    partner_id = fields.Many2one(comodel_name="res.partner", string="Subcontractor", required=True)
    product_id = fields.Many2one(
        comodel_name="product.product",
        string="Subcontracted Service",
        required=True,
        domain=[("purchase_ok", "=", True)],
    )
    quantity = fields.Float(required=True, default=1.0, digits="Product Unit of Measure")
    price_unit = fields.Float(string="Unit Price", digits="Product Price")
    date_planned = fields.Datetime(string="Expected Arrival", required=True)
    reason = fields.Text(required=True, help="Why the step is outsourced.")

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        step = self.env["order.production.plan.step"].browse(values.get("step_id"))
        if step and "date_planned" in fields_list and not values.get("date_planned"):
            values["date_planned"] = step.planned_finish
        return values

    def action_confirm(self):
        self.ensure_one()
        step = self.step_id
        plan = step.plan_id
        if plan.state not in ("draft", "issued") or step.state != "pending":
            raise UserError(
                self.env._("%(step)s cannot be outsourced now.", step=step.display_name)
            )
        if step.outsource_purchase_id and step.outsource_purchase_id.state != "cancel":
            raise UserError(
                self.env._(
                    "%(step)s is already outsourced: %(order)s.",
                    step=step.display_name,
                    order=step.outsource_purchase_id.name,
                )
            )
        vals = {
            "partner_id": self.partner_id.id,
            "company_id": plan.company_id.id,
            "origin": f"{plan.sale_order_id.name} / {plan.name}",
            "order_plan_id": plan.id,
            "notes": self.reason,
            "order_line": [
                Command.create(
                    {
                        "product_id": self.product_id.id,
                        "name": f"{step.display_name}: {self.product_id.display_name}",
                        "product_qty": self.quantity,
                        "price_unit": self.price_unit,
                        "date_planned": self.date_planned,
                        "order_plan_step_id": step.id,
                    }
                )
            ],
        }
        if plan.warehouse_id:
            vals["picking_type_id"] = plan.warehouse_id.in_type_id.id
        purchase_model = self.env["purchase.order"].with_company(plan.company_id)
        with purchase_model._workflow_transition():
            order = purchase_model.create(dict(vals, order_plan_outsourcing=True))
            step.sudo().write({"outsource_purchase_id": order.id})
        order.action_request_review()
        plan._message_log(
            body=self.env._(
                "%(step)s outsourced to %(partner)s (%(order)s): %(reason)s",
                step=step.display_name,
                partner=self.partner_id.display_name,
                order=order.name,
                reason=self.reason,
            )
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "purchase.order",
            "res_id": order.id,
            "views": [(False, "form")],
        }
