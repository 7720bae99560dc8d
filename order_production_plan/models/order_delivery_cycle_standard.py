# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models

DELIVERY_CLASSES = [
    ("general", "General"),
    ("high_value", "High Value"),
    ("custom", "Custom"),
]
# the strictest class of an order's lines wins: custom > high value > general
DELIVERY_CLASS_RANK = {"general": 0, "high_value": 1, "custom": 2}


class OrderDeliveryCycleStandard(models.Model):
    """Delivery-cycle standard of a product class (§2.9 訂單交付週期要求):
    order confirmation, production and logistics cycles in working days on
    the company's working calendar. An order's measured cycles are judged
    against the maximum of its class."""

    _name = "order.delivery.cycle.standard"
    _inherit = ["order.audited.config.mixin", "mail.thread"]
    _description = "Delivery Cycle Standard"
    _order = "company_id, product_class"
    _rec_name = "product_class"

    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
        tracking=True,
    )
    product_class = fields.Selection(
        selection=DELIVERY_CLASSES,
        required=True,
        default="general",
        tracking=True,
        help="一般商品 general, 高價值商品 high value, 定制商品 custom.",
    )
    active = fields.Boolean(default=True, tracking=True)
    confirmation_min_days = fields.Float(string="Confirmation From", tracking=True)
    confirmation_max_days = fields.Float(
        string="Confirmation Within",
        tracking=True,
        help="Working days from the order's creation to its confirmation (下單→確認).",
    )
    production_min_days = fields.Float(string="Production From", tracking=True)
    production_max_days = fields.Float(
        string="Production Within",
        tracking=True,
        help="Working days from the confirmation to the end of production (確認→生產完成).",
    )
    logistics_min_days = fields.Float(string="Logistics From", tracking=True)
    logistics_max_days = fields.Float(
        string="Logistics Within",
        tracking=True,
        help="Working days from the end of production to the delivery (生產完成→送達).",
    )

    _sql_constraints = [
        (
            "company_class_unique",
            "unique(company_id, product_class)",
            "A company has one delivery-cycle standard per product class.",
        ),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        standards = super().create(vals_list)
        standards._evaluate_orders()
        return standards

    def write(self, vals):
        result = super().write(vals)
        self._evaluate_orders()
        return result

    def _evaluate_orders(self):
        """Judge the measured orders of these companies against the new figures."""
        if not self:
            return
        orders = (
            self.env["sale.order"]
            .sudo()
            .search(
                [
                    ("company_id", "in", self.company_id.ids),
                    ("order_cycle_measured", "=", True),
                ]
            )
        )
        orders._order_refresh_delivery_cycles()
