# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL, format_amount

from odoo.addons.account.models.account_move import PAYMENT_STATE_SELECTION

from .account_payment_term import SETTLEMENT_METHODS

# a collection reminder done, the next one comes this many days later if the
# invoice is still unpaid
REMINDER_INTERVAL_DAYS = 7


class OrderPaymentCollection(models.Model):
    """货款回笼 (R-AFS-23..25): the open customer invoices of sale orders, for
    the salesperson who urges the customer to pay on time.

    One row per posted customer invoice with an amount left to pay that
    comes from a sale order: its customer, its salesperson (the invoice's,
    else the order's), its settlement method (预付款 / 货到付款 / 月结, from
    the payment term: ``account.payment.term.order_settlement_effective``),
    its due date and the days it is overdue, and whether the order is
    delivered (partly or fully: the money of what was delivered is due). A
    daily cron gives the salesperson a "Collect Payment" activity on each
    overdue invoice of a delivered order."""

    _name = "order.payment.collection"
    _description = "Payment Collection"
    _auto = False
    _order = "invoice_date_due, id"
    _rec_name = "name"

    move_id = fields.Many2one(comodel_name="account.move", string="Invoice", readonly=True)
    name = fields.Char(string="Number", readonly=True)
    company_id = fields.Many2one(comodel_name="res.company", readonly=True)
    currency_id = fields.Many2one(comodel_name="res.currency", readonly=True)
    partner_id = fields.Many2one(comodel_name="res.partner", string="Customer", readonly=True)
    user_id = fields.Many2one(comodel_name="res.users", string="Salesperson", readonly=True)
    team_id = fields.Many2one(comodel_name="crm.team", string="Sales Team", readonly=True)
    sale_order_id = fields.Many2one(comodel_name="sale.order", readonly=True)
    is_delivered = fields.Boolean(
        string="Delivered",
        readonly=True,
        help="The sale order is delivered, fully or in part.",
    )
    payment_term_id = fields.Many2one(comodel_name="account.payment.term", readonly=True)
    settlement_method = fields.Selection(
        selection=SETTLEMENT_METHODS,
        readonly=True,
        help="From the payment term (R-AFS-25); without a term, cash on delivery when "
        "the invoice is due on its date, else a monthly statement.",
    )
    invoice_date = fields.Date(readonly=True)
    invoice_date_due = fields.Date(string="Due Date", readonly=True)
    is_overdue = fields.Boolean(string="Overdue", readonly=True)
    days_overdue = fields.Integer(readonly=True, aggregator="max")
    payment_state = fields.Selection(selection=PAYMENT_STATE_SELECTION, readonly=True)
    amount_total = fields.Monetary(string="Total", readonly=True, currency_field="currency_id")
    amount_residual = fields.Monetary(
        string="Amount Due", readonly=True, currency_field="currency_id"
    )

    _depends = {
        "account.move": [
            "name",
            "move_type",
            "state",
            "payment_state",
            "company_id",
            "commercial_partner_id",
            "invoice_user_id",
            "team_id",
            "invoice_payment_term_id",
            "invoice_date",
            "invoice_date_due",
            "amount_total_signed",
            "amount_residual_signed",
        ],
        "account.move.line": ["move_id", "sale_line_ids"],
        "account.payment.term": ["order_settlement_effective"],
        "sale.order": ["user_id", "payment_term_id", "delivery_status"],
        "sale.order.line": ["order_id"],
        "res.company": ["currency_id"],
    }

    @property
    def _table_query(self):
        return SQL(
            """
            SELECT
                move.id AS id,
                move.id AS move_id,
                move.name AS name,
                move.company_id AS company_id,
                company.currency_id AS currency_id,
                move.commercial_partner_id AS partner_id,
                COALESCE(move.invoice_user_id, sale_order.user_id) AS user_id,
                move.team_id AS team_id,
                sale.order_id AS sale_order_id,
                sale.delivered AS is_delivered,
                term.id AS payment_term_id,
                COALESCE(
                    term.order_settlement_effective,
                    CASE WHEN move.invoice_date_due <= move.invoice_date
                        THEN 'cod' ELSE 'monthly' END
                ) AS settlement_method,
                move.invoice_date AS invoice_date,
                move.invoice_date_due AS invoice_date_due,
                move.invoice_date_due < CURRENT_DATE AS is_overdue,
                GREATEST(CURRENT_DATE - move.invoice_date_due, 0) AS days_overdue,
                move.payment_state AS payment_state,
                move.amount_total_signed AS amount_total,
                move.amount_residual_signed AS amount_residual
            FROM account_move move
            JOIN res_company company ON company.id = move.company_id
            JOIN LATERAL (
                SELECT
                    MIN(sol.order_id) AS order_id,
                    BOOL_OR(so.delivery_status IN ('partial', 'full')) AS delivered
                FROM account_move_line aml
                JOIN sale_order_line_invoice_rel rel ON rel.invoice_line_id = aml.id
                JOIN sale_order_line sol ON sol.id = rel.order_line_id
                JOIN sale_order so ON so.id = sol.order_id
                WHERE aml.move_id = move.id
            ) sale ON sale.order_id IS NOT NULL
            JOIN sale_order ON sale_order.id = sale.order_id
            LEFT JOIN account_payment_term term
                ON term.id = COALESCE(move.invoice_payment_term_id, sale_order.payment_term_id)
            WHERE move.move_type = 'out_invoice'
                AND move.state = 'posted'
                AND move.payment_state IN ('not_paid', 'partial')
            """
        )

    # ------------------------------------------------------------------
    # The daily reminder
    # ------------------------------------------------------------------
    @api.model
    def _collection_domain(self, activity_type, today):
        """The overdue invoices of delivered orders whose salesperson has no
        open "Collect Payment" activity on them, nor one done in the last
        days (REMINDER_INTERVAL_DAYS)."""
        followed = (
            self.env["mail.activity"]
            .sudo()
            .with_context(active_test=False)
            ._search(
                [
                    ("res_model", "=", "account.move"),
                    ("activity_type_id", "=", activity_type.id),
                    "|",
                    ("active", "=", True),
                    ("date_done", ">", today - timedelta(days=REMINDER_INTERVAL_DAYS)),
                ]
            )
        )
        return [
            ("is_delivered", "=", True),
            ("invoice_date_due", "<", today),
            ("user_id.active", "=", True),
            ("id", "not in", followed.subselect(SQL.identifier(followed.table, "res_id"))),
        ]

    @api.model
    def _cron_collect_payments(self):
        """R-AFS-23: each salesperson gets a "Collect Payment" activity on the
        overdue invoices of their delivered orders. One search, one batch of
        activities (no per-invoice query)."""
        activity_type = self.env.ref(
            "order_aftersales.mail_activity_type_collect_payment", raise_if_not_found=False
        )
        if not activity_type:
            return self.env["mail.activity"]
        today = fields.Date.context_today(self)
        rows = self.sudo().search(self._collection_domain(activity_type, today))
        if not rows:
            return self.env["mail.activity"]
        model_id = self.env["ir.model"]._get_id("account.move")
        vals_list = [
            {
                "res_model_id": model_id,
                "res_id": row.id,
                "activity_type_id": activity_type.id,
                "user_id": row.user_id.id,
                "date_deadline": today,
                "summary": self.env._(
                    "Collect payment: %(invoice)s, %(days)s days overdue",
                    invoice=row.name,
                    days=row.days_overdue,
                ),
                "note": self.env._(
                    "%(customer)s owes %(amount)s on %(invoice)s, due %(due)s.",
                    customer=row.partner_id.display_name,
                    amount=format_amount(self.env, row.amount_residual, row.currency_id),
                    invoice=row.name,
                    due=row.invoice_date_due,
                ),
            }
            for row in rows
        ]
        # no "assigned to you" e-mail per activity: the to-do list is the reminder
        return (
            self.env["mail.activity"]
            .sudo()
            .with_context(mail_activity_quick_update=True)
            .create(vals_list)
        )

    def action_open_invoice(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.move",
            "res_id": self.move_id.id,
            "view_mode": "form",
        }
