# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class AccountMove(models.Model):
    _inherit = "account.move"

    def _post(self, soft=True):
        """Settlement only after the acceptance passes (R-AFS-19): a customer
        invoice of an order that requires acceptance is posted only once its
        deliveries are accepted. Every way to post (the button, RPC, the
        auto-post cron, the sale order's invoicing) passes here; down
        payments are not held, and orders without the requirement post as in
        plain Odoo."""
        self._check_acceptance_before_posting()
        return super()._post(soft=soft)

    def _check_acceptance_before_posting(self):
        invoices = self.filtered(lambda m: m.move_type == "out_invoice")
        if not invoices:
            return
        sale_lines = invoices.sudo().invoice_line_ids.sale_line_ids.filtered(
            lambda line: not line.is_downpayment
        )
        sale_lines.order_id._check_acceptance_before_invoicing()
