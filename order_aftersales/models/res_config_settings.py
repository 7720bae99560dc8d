# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models

ALIAS_XMLID = "order_aftersales.mail_alias_service_request"


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    aftersales_department_id = fields.Many2one(
        related="company_id.aftersales_department_id", readonly=False
    )
    aftersales_mail_type_id = fields.Many2one(
        related="company_id.aftersales_mail_type_id",
        readonly=False,
        domain="['|', ('company_id', '=', False), ('company_id', '=', company_id)]",
    )
    aftersales_alias_prefix = fields.Char(
        string="Service Request Alias",
        compute="_compute_aftersales_alias",
        inverse="_inverse_aftersales_alias",
        help="Customers e-mail this address to file a service request.",
    )
    aftersales_alias_domain_id = fields.Many2one(
        comodel_name="mail.alias.domain",
        string="Service Request Alias Domain",
        compute="_compute_aftersales_alias",
        inverse="_inverse_aftersales_alias",
    )

    @api.depends("company_id")
    def _compute_aftersales_alias(self):
        alias = self.env.ref(ALIAS_XMLID, raise_if_not_found=False)
        for settings in self:
            settings.aftersales_alias_prefix = alias.alias_name if alias else False
            settings.aftersales_alias_domain_id = alias.alias_domain_id if alias else False

    def _inverse_aftersales_alias(self):
        alias = self.env.ref(ALIAS_XMLID, raise_if_not_found=False)
        if not alias:
            return
        for settings in self:
            vals = {}
            if settings.aftersales_alias_prefix != alias.alias_name:
                vals["alias_name"] = settings.aftersales_alias_prefix
            if settings.aftersales_alias_domain_id != alias.alias_domain_id:
                vals["alias_domain_id"] = settings.aftersales_alias_domain_id.id
            if vals:
                alias.sudo().write(vals)
