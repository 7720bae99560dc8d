# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command, fields, models, tools


class ResCompany(models.Model):
    _inherit = "res.company"

    order_effective_signature = fields.Boolean(
        string="Effective After the Customer's Signature",
        help="A confirmed sale order takes effect only once the customer signed it.",
    )
    order_effective_payment = fields.Boolean(
        string="Effective After the Advance",
        help="A confirmed sale order takes effect only once the advance its payment "
        "terms ask for is paid (付款后订单正式生效).",
    )

    def _order_demo_welcome(self, user_ids, action_id=False):
        """Demo data: the users work in this company from their next login (it
        becomes their current company, their other companies stay allowed, their
        contact is not moved into it) and land on the given action.

        Not when Odoo installs with its tests enabled (``--test-enable``, as
        Odoo's own CI and ``scripts/odoo_tests.sh`` run them): Odoo's tests log
        in as the administrator and expect the main company."""
        self.ensure_one()
        if tools.config["test_enable"]:
            return False
        users = self.env["res.users"].browse(user_ids)
        # Odoo moves a user's contact into their new current company: keep
        # Odoo's demo contacts out of the demo company, shared by the companies
        # the user works in (contacts of internal users are visible in every
        # company anyway)
        users.partner_id.company_id = False
        users.write(
            {
                "company_ids": [Command.link(self.id)],
                "company_id": self.id,
                "action_id": action_id,
            }
        )
        return True
