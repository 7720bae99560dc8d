# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models, tools

from .order_shipping_notice import SHIPPING_STATES


class OrderSalesLedger(models.Model):
    """销售台账 (R-PLN-44): the shipped lines of sale orders (done outgoing
    moves), per customer and month, with their shipping notice and whether
    the customer's delivery receipt (发货回执) is back."""

    _name = "order.sales.ledger"
    _description = "Sales Ledger"
    _auto = False
    _order = "date desc, id desc"

    date = fields.Datetime(string="Shipped On", readonly=True)
    company_id = fields.Many2one(comodel_name="res.company", readonly=True)
    partner_id = fields.Many2one(comodel_name="res.partner", string="Customer", readonly=True)
    sale_order_id = fields.Many2one(comodel_name="sale.order", string="Order", readonly=True)
    user_id = fields.Many2one(comodel_name="res.users", string="Salesperson", readonly=True)
    product_id = fields.Many2one(comodel_name="product.product", readonly=True)
    quantity = fields.Float(readonly=True, digits="Product Unit of Measure")
    currency_id = fields.Many2one(comodel_name="res.currency", readonly=True)
    amount = fields.Monetary(readonly=True, help="Shipped quantity at the order line's price.")
    picking_id = fields.Many2one(comodel_name="stock.picking", string="Delivery", readonly=True)
    shipping_notice_id = fields.Many2one(comodel_name="order.shipping.notice", readonly=True)
    notice_state = fields.Selection(selection=SHIPPING_STATES, readonly=True)
    receipt_back = fields.Boolean(string="Delivery Receipt Back", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            f"""
            CREATE OR REPLACE VIEW {self._table} AS (
                SELECT
                    sm.id AS id,
                    sm.date AS date,
                    so.company_id AS company_id,
                    so.partner_id AS partner_id,
                    so.id AS sale_order_id,
                    so.user_id AS user_id,
                    sm.product_id AS product_id,
                    sm.quantity AS quantity,
                    so.currency_id AS currency_id,
                    sm.quantity * sol.price_unit * (1 - COALESCE(sol.discount, 0) / 100.0)
                        AS amount,
                    sp.id AS picking_id,
                    sn.id AS shipping_notice_id,
                    sn.state AS notice_state,
                    COALESCE(sn.state = 'done', FALSE) AS receipt_back
                FROM stock_move sm
                JOIN stock_picking sp ON sp.id = sm.picking_id
                JOIN stock_picking_type spt ON spt.id = sp.picking_type_id
                JOIN sale_order_line sol ON sol.id = sm.sale_line_id
                JOIN sale_order so ON so.id = sol.order_id
                LEFT JOIN LATERAL (
                    SELECT n.id, n.state
                    FROM order_shipping_notice n
                    WHERE n.picking_id = sp.id AND n.state != 'cancel'
                    ORDER BY n.id DESC
                    LIMIT 1
                ) sn ON TRUE
                WHERE sm.state = 'done' AND spt.code = 'outgoing'
            )
            """
        )
