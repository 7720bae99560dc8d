# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models

# 结算方式 (R-AFS-25)
SETTLEMENT_METHODS = [
    ("prepayment", "Prepayment"),
    ("cod", "Cash on Delivery"),
    ("monthly", "Monthly Statement"),
]


class AccountPaymentTerm(models.Model):
    """The settlement method of a payment term (R-AFS-25: 预付款, 货到付款,
    月结), by which the salesperson's collection list is grouped."""

    _inherit = "account.payment.term"

    order_settlement_method = fields.Selection(
        selection=SETTLEMENT_METHODS,
        string="Settlement Method",
        help="预付款 / 货到付款 / 月结 (R-AFS-25). Empty: derived from the term: an advance "
        "before effect means prepayment, an immediate payment cash on delivery, any "
        "other term a monthly statement.",
    )
    order_settlement_effective = fields.Selection(
        selection=SETTLEMENT_METHODS,
        string="Settlement Method (Applied)",
        compute="_compute_order_settlement_effective",
        store=True,
    )

    @api.depends(
        "order_settlement_method",
        "order_advance_percent",
        "line_ids.nb_days",
        "line_ids.delay_type",
    )
    def _compute_order_settlement_effective(self):
        for term in self:
            term.order_settlement_effective = term._order_settlement_derived()

    def _order_settlement_derived(self):
        self.ensure_one()
        if self.order_settlement_method:
            return self.order_settlement_method
        if self.order_advance_percent > 0:
            return "prepayment"
        lines = self.line_ids
        if lines and all(line.delay_type == "days_after" and not line.nb_days for line in lines):
            return "cod"
        return "monthly"
