# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""What a reviewer's attack on the after-sales guards found, each written as
the user who would try it."""

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .onsite_common import OnsiteCase
from .test_returns_guards import ReturnsGuardCase


@tagged("post_install", "-at_install")
class TestReturnLinkGuards(ReturnsGuardCase):
    def test_clerk_cannot_create_a_move_returning_a_request_line(self):
        """R-AFS-14: a move is linked to a return line by the request's own
        transitions only: a clerk adding a receipt move of 500 units to the
        line would inflate what was received, then refunded or replaced."""
        request = self._return_request([(self._move(self.first, self.widget), 1, None)])
        receipt = self.first
        with self.assertRaisesRegex(UserError, "request's own actions"):
            self.env["stock.move"].with_user(self.clerk).create(
                {
                    "name": "Forged return",
                    "product_id": self.widget.id,
                    "product_uom": self.widget.uom_id.id,
                    "product_uom_qty": 500,
                    "location_id": receipt.location_dest_id.id,
                    "location_dest_id": receipt.location_id.id,
                    "company_id": self.company.id,
                    "aftersales_return_line_id": request.line_ids.id,
                }
            )

    def test_line_cannot_return_another_customers_delivery(self):
        """R-AFS-14: a return line comes back from a delivery to the
        request's own customer."""
        order = self._order([(self.gadget, 2, 40.0)], partner=self.other_customer)
        self._validate(order.picking_ids)
        other_move = order.picking_ids.move_ids
        request = self._request("return")
        with self.assertRaisesRegex(ValidationError, "not a delivery to"):
            request.with_user(self.clerk).write(
                {"line_ids": [(0, 0, {"move_id": other_move.id, "product_id": self.gadget.id})]}
            )


@tagged("post_install", "-at_install")
class TestRatingGuard(ReturnsGuardCase):
    def test_agent_cannot_rate_a_request(self):
        """R-AFS-21: the score is the customer's (rating page) or recorded by
        the phone callback, never set by an agent calling the rating over RPC."""
        request = self._request("support")
        token = request.sudo()._rating_get_access_token()
        with self.assertRaises(AccessError):
            request.with_user(self.agent).rating_apply(5, token=token)
        self.assertFalse(request.satisfaction_score)


@tagged("post_install", "-at_install")
class TestVisitPartnerGuard(OnsiteCase):
    def test_visit_goes_to_the_requests_customer(self):
        """R-AFS-05: an engineer cannot send his visit (its invitation and
        spare parts) to another customer."""
        request = self._onsite_request()
        visit = self._visit(request)
        with self.assertRaisesRegex(ValidationError, "not a contact of"):
            visit.with_user(self.agent).write({"partner_id": self.other_customer.id})
