# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    order_risky = fields.Boolean(
        string="Risky Customer",
        help="Orders of this customer need a management decision (R-REV-12).",
        tracking=True,
    )
    order_risk_note = fields.Text(string="Risk Note")
