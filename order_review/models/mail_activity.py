# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class MailActivity(models.Model):
    _inherit = "mail.activity"

    # The deadline clock (order.sla.mixin) an activity belongs to: a document
    # may run several clocks (one per review stage…) on the same chatter.
    sla_res_model = fields.Char(string="Deadline Clock Model", index=True, readonly=True)
    sla_res_id = fields.Many2oneReference(
        string="Deadline Clock", model_field="sla_res_model", readonly=True
    )
