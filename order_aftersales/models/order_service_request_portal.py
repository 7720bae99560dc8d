# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command, api, models
from odoo.exceptions import AccessError, ValidationError
from odoo.tools import plaintext2html


class OrderServiceRequest(models.Model):
    """The customer portal's intake (R-AFS-01, R-AFS-12, R-AFS-14 step 1):
    a customer files a request against one of their confirmed orders and
    follows it on /my/service-requests."""

    _inherit = "order.service.request"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _portal_orders_domain(self, partner):
        """The orders a customer may file a request against: the confirmed
        orders of their company (the portal's own rules on the orders apply
        on top, the search being made as the portal user)."""
        return [
            ("partner_id", "child_of", partner.commercial_partner_id.id),
            ("state", "=", "sale"),
        ]

    @api.model
    def _portal_request_types(self, company):
        """The request types the portal offers for an order of `company`."""
        return (
            self.env["order.service.request.type"]
            .sudo()
            .search(
                [
                    ("portal_published", "=", True),
                    ("company_id", "in", (False, company.id)),
                ]
            )
        )

    @api.model
    def _portal_file(self, order, request_type, subject, description=None, lines=(), files=()):
        """Create the request the portal user (``self.env.user``) files.

        The server decides everything but what the customer describes: the
        order must be a confirmed order of the user's company, the type one
        the portal offers, the lines lines of that order; the customer is the
        portal user's contact, the channel ``portal``, the number, the receipt
        date and the state the ones every request gets. Nothing else of the
        posted form reaches ``create``. The portal user has no right to create
        requests (nor over RPC): the request is created as superuser once
        these checks pass, so it runs the same ``create`` (number, clocks,
        notification of the after-sales head) as every other channel.

        :param order: a ``sale.order``
        :param request_type: an ``order.service.request.type``
        :param lines: ``(sale.order.line, quantity, problem)`` triples
        :param files: ``(file name, bytes)`` pairs, posted by the customer in
            the request's thread
        :return: the new request, in the portal user's environment
        """
        partner = self.env.user.partner_id
        customer = partner.commercial_partner_id
        order = order.sudo()
        if (
            len(order) != 1
            or order.state != "sale"
            or order.partner_id.commercial_partner_id != customer
        ):
            raise AccessError(
                self.env._("A request can only be filed against one of your confirmed orders.")
            )
        request_type = request_type.sudo()
        if len(request_type) != 1 or request_type not in self._portal_request_types(
            order.company_id
        ):
            raise ValidationError(self.env._("Choose one of the request types offered."))
        subject = (subject or "").strip()
        if not subject:
            raise ValidationError(self.env._("Give your request a subject."))
        line_commands = []
        for sale_line, quantity, problem in lines:
            sale_line = sale_line.sudo()
            if sale_line.order_id != order or sale_line.display_type:
                raise AccessError(
                    self.env._(
                        "The products of a request come from its order %(order)s.",
                        order=order.name,
                    )
                )
            if not 0 < quantity <= sale_line.product_uom_qty:
                raise ValidationError(
                    self.env._(
                        "The quantity of %(product)s is between 0 and %(ordered)s, the "
                        "quantity ordered.",
                        product=sale_line.product_id.display_name,
                        ordered=sale_line.product_uom_qty,
                    )
                )
            line_commands.append(
                Command.create(
                    {
                        "sale_line_id": sale_line.id,
                        "quantity": quantity,
                        "problem": (problem or "").strip() or False,
                    }
                )
            )
        description = (description or "").strip()
        vals = {
            "subject": subject,
            "description": plaintext2html(description) if description else False,
            "partner_id": partner.id,
            "company_id": order.company_id.id,
            "channel": "portal",
            "type_id": request_type.id,
            "sale_order_id": order.id,
            # nobody of the company took the form: the clocks and their
            # escalations go to the assignee or the after-sales head, never
            # to the customer
            "received_by_id": False,
            "line_ids": line_commands,
        }
        # sudo: the portal user has no create right on requests; every value
        # above was checked or set by the server
        service_request = self.sudo().with_company(order.company_id).create(vals)
        service_request.message_subscribe(partner_ids=partner.ids)
        files = [(name, content) for name, content in files if name and content]
        if files:
            service_request.message_post(
                body=self.env._("Documents filed with the request."),
                author_id=partner.id,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                attachments=files,
            )
        return service_request.with_env(self.env)
