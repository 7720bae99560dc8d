# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class PurchaseOrderLine(models.Model):
    _inherit = "purchase.order.line"

    # the parts purchasing step completes when its lines are received: only
    # the plan links them
    _workflow_guarded_fields = (
        "order_plan_step_id",
        # what the supplier confirmed, recorded by the follow-ups (R-PLN-32, R-PLN-34)
        "order_confirmed_ship_date",
        "order_confirmed_by_id",
        "order_confirmed_on",
        "order_dispatched_on",
        "order_carrier_id",
        "order_carrier_contact",
    )

    order_plan_step_id = fields.Many2one(
        comodel_name="order.production.plan.step",
        string="Plan Step",
        index="btree_not_null",
        copy=False,
        readonly=True,
    )
    order_confirmed_ship_date = fields.Datetime(
        string="Confirmed Ship Date",
        copy=False,
        readonly=True,
        help="The ship date the supplier confirmed to the buyer (R-PLN-32).",
    )
    order_confirmed_by_id = fields.Many2one(
        comodel_name="res.users", string="Ship Date Confirmed By", copy=False, readonly=True
    )
    order_confirmed_on = fields.Datetime(string="Ship Date Confirmed On", copy=False, readonly=True)
    order_dispatched_on = fields.Datetime(
        string="Dispatch Confirmed On",
        copy=False,
        readonly=True,
        help="When the supplier confirmed the goods left (R-PLN-34).",
    )
    order_carrier_id = fields.Many2one(
        comodel_name="res.partner", string="Carrier", copy=False, readonly=True
    )
    order_carrier_contact = fields.Char(string="Carrier Contact", copy=False, readonly=True)

    def _order_record_ship_date(self, ship_date, user, when):
        """The supplier's confirmed ship date (the follow-up's action)."""
        self._workflow_write(
            {
                "order_confirmed_ship_date": ship_date,
                "order_confirmed_by_id": user.id,
                "order_confirmed_on": when,
            }
        )

    def _order_record_dispatch(self, carrier, contact, when):
        """The dispatch confirmed by the supplier (the follow-up's action)."""
        self._workflow_write(
            {
                "order_dispatched_on": when,
                "order_carrier_id": carrier.id,
                "order_carrier_contact": contact,
            }
        )
