# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Over real HTTP: the customer rates a closed request through the rating
module's /rate pages (R-AFS-21), another customer cannot; the complaint's
report link and the stored rating are written by their actions only, not
by a client (R-AFS-11, R-AFS-21)."""

import re

from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged

from odoo.addons.order_review.tests.rpc import GUARDED, JsonRpcCase

from .common import AftersalesCase


@tagged("post_install", "-at_install")
class TestCareHttp(JsonRpcCase, AftersalesCase, HttpCase):
    refused_exceptions = (UserError,)

    def _token(self, request):
        return request.sudo().rating_ids.filtered(lambda r: not r.consumed).access_token

    def _submit(self, token, rate, feedback):
        page = self.url_open(f"/rate/{token}/{rate}")
        self.assertEqual(page.status_code, 200)
        csrf = re.search(r'name="csrf_token"\s+value="([^"]+)"', page.text)
        self.assertTrue(csrf, "the rating page offers the feedback form")
        return self.url_open(
            f"/rate/{token}/submit_feedback",
            data={"rate": str(rate), "feedback": feedback, "csrf_token": csrf.group(1)},
        )

    def test_customer_rates_through_the_rating_page(self):
        """R-AFS-21: the link of the survey e-mail opens the rating page; the
        score submitted there is stored on the request."""
        request = self._close(self._request(product_id=self.widget.id))
        response = self._submit(self._token(request), 5, "Quick and clear")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(request.satisfaction_score, 5.0)
        self.assertEqual(request.satisfaction_feedback, "Quick and clear")
        self.assertEqual(request.satisfaction_grade, "great")

    def test_another_customer_cannot_rate(self):
        """R-AFS-21: logged in as another customer, the rating page of this
        request says no, and a submitted score is refused."""
        request = self._close(self._request())
        token = self._token(request)
        self.authenticate("afs_other_portal", "afs_other_portal")
        page = self.url_open(f"/rate/{token}/1")
        self.assertIn("You cannot rate this", page.text)
        response = self.url_open(
            f"/rate/{token}/submit_feedback",
            data={"rate": "1", "feedback": "Bad", "csrf_token": self._csrf()},
        )
        self.assertNotEqual(response.status_code, 200)
        self.assertFalse(request.satisfaction_score)
        self.assertFalse(request.sudo().rating_ids.filtered("consumed"))
        self.assertEqual(self.url_open("/rate/not-a-token/5").status_code, 404)

    def _csrf(self):
        page = self.url_open("/my")
        return re.search(r'csrf_token: "([^"]+)"', page.text).group(1)

    def test_report_link_and_rating_are_guarded(self):
        """R-AFS-11, R-AFS-21: an agent cannot link a request to a report nor
        write its satisfaction, in the client nor over JSON-RPC."""
        request = self._close(self._request())
        report = self.env["order.exception.report"].create(
            {
                "title": "Scratches",
                "category_id": self.env.ref("order_exception.exception_category_quality").id,
                "company_id": self.company.id,
            }
        )
        for vals in (
            {"exception_report_id": report.id},
            {"satisfaction_score": 5.0},
            {"satisfaction_grade": "great"},
            {"satisfaction_method": "phone"},
        ):
            with self.subTest(vals=vals), self.assertRaisesRegex(UserError, GUARDED):
                request.with_user(self.agent).write(vals)
        model = request._name
        self.authenticate("afs_agent", "afs_agent")
        self._assert_refused(
            model, "write", [[request.id], {"exception_report_id": report.id}], GUARDED
        )
        self._assert_refused(model, "write", [[request.id], {"satisfaction_score": 5.0}], GUARDED)
        self._assert_refused(
            model,
            "create",
            [
                {
                    "subject": "Pre-rated",
                    "partner_id": self.customer_contact.id,
                    "type_id": self.types["support"].id,
                    "satisfaction_score": 5.0,
                }
            ],
            GUARDED,
        )
        self.env.invalidate_all()
        self.assertFalse(request.exception_report_id)
        self.assertFalse(request.satisfaction_score)
