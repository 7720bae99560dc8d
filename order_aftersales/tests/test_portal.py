# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The customer portal over real HTTP: a customer files a request against
one of their orders and follows it; another customer's requests and orders
stay out of reach, over the portal routes as over JSON-RPC (R-AFS-01
intake by the portal, R-AFS-12 channels, R-AFS-14 step 1; issue #12
points 1 and 9)."""

import json

from lxml import html

from odoo import http
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged

from odoo.addons.order_review.tests.rpc import JsonRpcCase

from .common import AftersalesCase


@tagged("post_install", "-at_install")
class TestPortal(JsonRpcCase, AftersalesCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.order = cls._order([(cls.widget, 10, 100.0), (cls.gadget, 5, 40.0)])
        cls.order.name = "TOUR-AFS-SO"
        cls.widget_line, cls.gadget_line = cls.order.order_line
        cls.other_order = cls._order([(cls.widget, 3, 100.0)], partner=cls.other_customer)
        cls.other_contact = cls.other_portal_user.partner_id
        cls.requests = cls.env["order.service.request"]

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _login(self, user):
        self.authenticate(user.login, user.login)

    def _page(self, url, status=200):
        response = self.url_open(url, allow_redirects=False)
        self.assertEqual(response.status_code, status, url)
        return response

    def _post_form(self, order, **fields):
        data = {
            "csrf_token": http.Request.csrf_token(self),
            "order_id": order.id,
            "type_id": self.types["complaint"].id,
            "subject": "Scratched widgets",
            "description": "Two widgets arrived scratched.\nPhotos attached.",
            **fields,
        }
        return self.url_open("/my/service-requests/new", data=data, allow_redirects=False)

    def _rpc(self, model, method, args, kwargs=None):
        """A JSON-RPC call of the web client; the error's class name, or the
        result."""
        body = self._rpc_body(model, method, args, kwargs)
        if "error" in body:
            return body["error"]["data"]["name"], None
        return None, body["result"]

    def _filed(self, subject="Scratched widgets"):
        return self.requests.search([("subject", "=", subject)])

    # ------------------------------------------------------------------
    # Home and list
    # ------------------------------------------------------------------
    def test_home_entry_before_first_request(self):
        """R-AFS-12 (the portal is one of the customer's channels): /my shows
        the service requests entry to a customer who has none yet, so that
        they can file the first one (OCA/helpdesk#820); its counter is 0."""
        self._login(self.portal_user)
        page = html.fromstring(self._page("/my").content)
        cards = page.xpath(
            "//a[@href='/my/service-requests']"
            "/ancestor::div[contains(@class, 'o_portal_index_card')]"
        )
        self.assertEqual(len(cards), 1)
        self.assertNotIn("d-none", cards[0].get("class").split())
        counters = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["service_request_count"]}
        )
        self.assertEqual(counters, {"service_request_count": 0})
        # and the empty list leads to the form
        page = html.fromstring(self._page("/my/service-requests").content)
        self.assertTrue(page.xpath("//div[@name='no_service_requests']"))
        self.assertTrue(page.xpath("//a[@name='new_service_request']"))

    def test_list_shows_own_company_requests_only(self):
        """Issue #12 point 9: a customer's list holds their company's
        requests (their own and a colleague's), never another customer's;
        the counter of /my agrees."""
        own = self._request(subject="Own noisy widget")
        colleague = self._request(subject="Colleague's gadget", partner_id=self.customer.id)
        other = self._request(subject="Other's broken widget", partner_id=self.other_contact.id)
        self._login(self.portal_user)
        page = html.fromstring(self._page("/my/service-requests").content)
        rows = page.xpath("//tr[contains(@class, 'o_service_request_row')]")
        self.assertEqual(
            sorted(int(row.get("data-id")) for row in rows), sorted((own | colleague).ids)
        )
        text = page.text_content()
        self.assertIn(own.name, text)
        self.assertIn("Colleague's gadget", text)
        self.assertNotIn(other.name, text)
        self.assertNotIn("Other's broken widget", text)
        counters = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["service_request_count"]}
        )
        self.assertEqual(counters["service_request_count"], 2)
        # the filters and sortings keep to the same requests
        page = html.fromstring(self._page("/my/service-requests?filterby=open&sortby=name").content)
        self.assertEqual(len(page.xpath("//tr[contains(@class, 'o_service_request_row')]")), 2)

    # ------------------------------------------------------------------
    # One request: access
    # ------------------------------------------------------------------
    def test_other_customer_request_refused(self):
        """Issue #12 point 9: a customer cannot open another customer's
        request by its id, neither on the portal (sent back to /my) nor over
        JSON-RPC (read, search), cannot reply in its thread, and cannot create
        a request over RPC at all (only the portal form, with its checks)."""
        own = self._request(subject="Own noisy widget")
        other = self._request(subject="Other's broken widget", partner_id=self.other_contact.id)
        self._login(self.portal_user)
        response = self._page(f"/my/service-requests/{other.id}", status=303)
        self.assertTrue(response.headers["Location"].endswith("/my"))
        self.assertNotIn("Other's broken widget", response.text)
        page = self._page(f"/my/service-requests/{own.id}")
        self.assertIn("Own noisy widget", page.text)

        model = "order.service.request"
        error, _result = self._rpc(model, "read", [[other.id], ["subject"]])
        self.assertEqual(error, "odoo.exceptions.AccessError")
        error, _result = self._rpc(
            "order.service.request.line",
            "search_read",
            [[("request_id", "=", other.id)], ["problem"]],
        )
        self.assertIsNone(error)
        self.assertEqual(_result, [])
        error, result = self._rpc(model, "search_read", [[], ["subject"]])
        self.assertIsNone(error)
        self.assertEqual([r["id"] for r in result], own.ids)
        error, _result = self._rpc(
            model,
            "create",
            [
                {
                    "subject": "Over RPC",
                    "partner_id": self.portal_user.partner_id.id,
                    "type_id": self.types["support"].id,
                    "sale_order_id": self.order.id,
                }
            ],
        )
        self.assertEqual(error, "odoo.exceptions.AccessError")

        # the customer replies in their own request's thread, not in another's
        post = {"body": "The scratches are on the left side.", "message_type": "comment"}
        self.make_jsonrpc_request(
            "/mail/message/post",
            {"thread_model": model, "thread_id": own.id, "post_data": post},
        )
        self.assertIn(
            "left side", own.message_ids.filtered(lambda m: m.message_type == "comment").body
        )
        response = self.url_open(
            "/mail/message/post",
            data=json.dumps(
                {
                    "jsonrpc": "2.0",
                    "method": "call",
                    "params": {"thread_model": model, "thread_id": other.id, "post_data": post},
                }
            ).encode(),
            headers={"Content-Type": "application/json"},
        )
        self.assertIn("error", response.json())
        self.assertFalse(other.message_ids.filtered(lambda m: "left side" in (m.body or "")))

    def test_customer_answer_in_chatter_resumes_request(self):
        """R-AFS-09, R-AFS-12: a request waiting for the customer goes back to
        work when the customer answers in the portal chatter (the route and
        the values the portal's composer posts): the server resumes it and its paused
        clock runs again, though the customer cannot write its state."""
        service_request = self._request(subject="Own noisy widget")
        agent_request = service_request.with_user(self.agent)
        agent_request.action_contact()
        agent_request.action_wait_customer()
        solution = service_request.sla_clock_ids.filtered(lambda c: c.key == "aftersales_solution")
        self.assertEqual(solution.sla_state, "paused")
        self._login(self.portal_user)
        self.make_jsonrpc_request(
            "/mail/message/post",
            {
                "thread_model": service_request._name,
                "thread_id": service_request.id,
                "post_data": {
                    "body": "Serial SN-0001, photo attached.",
                    "message_type": "comment",
                    "subtype_xmlid": "mail.mt_comment",
                },
            },
        )
        # the route ran in the server's own environment: read afresh
        self.env.invalidate_all()
        message = service_request.message_ids.filtered(lambda m: "SN-0001" in (m.body or ""))
        self.assertEqual(message.author_id, self.portal_user.partner_id)
        self.assertEqual(service_request.state, "in_progress")
        self.assertFalse(service_request.waiting_reason)
        self.assertEqual(solution.sla_state, "running")

    def test_access_token_link_without_login(self):
        """Issue #12 point 1: the link sent to the customer (portal.mixin's
        share URL, with the request's access token) opens the request without
        logging in; without the token, or with a wrong one, it does not."""
        service_request = self._request(subject="Own noisy widget")
        self.assertEqual(service_request.access_url, f"/my/service-requests/{service_request.id}")
        share_url = service_request._get_share_url()
        self.assertIn("access_token=", share_url)
        page = self._page(share_url)
        self.assertIn("Own noisy widget", page.text)
        # the customer can answer from the link (the token opens the thread)
        self.assertIn(
            f'data-token="{service_request.access_token}"',
            page.text,
        )
        for url in (
            service_request.access_url,
            f"{service_request.access_url}?access_token=wrong-token",
        ):
            response = self._page(url, status=303)
            self.assertNotIn("Own noisy widget", response.text)

    # ------------------------------------------------------------------
    # Filing a request
    # ------------------------------------------------------------------
    def test_file_request_on_own_order(self):
        """R-AFS-01 (the form taken at once, its clocks started), R-AFS-14
        step 1 (the customer states the products and the reason): the
        customer files a complaint against their order with two products and
        a photo; the request is theirs, on that order, by the portal channel,
        numbered, received now, its transfer and solution clocks running, the
        customer following it and the after-sales head asked to take it."""
        self._login(self.portal_user)
        page = html.fromstring(
            self._page(f"/my/service-requests/new?order_id={self.order.id}").content
        )
        self.assertEqual(
            sorted(
                page.xpath(
                    "//form[@name='service_request_form']"
                    "//input[starts-with(@name, 'line_qty_')]/@name"
                )
            ),
            sorted(f"line_qty_{line.id}" for line in self.order.order_line),
        )
        response = self.url_open(
            "/my/service-requests/new",
            data={
                "csrf_token": http.Request.csrf_token(self),
                "order_id": self.order.id,
                "type_id": self.types["complaint"].id,
                "subject": "Scratched widgets",
                "description": "Two widgets arrived scratched.",
                f"line_qty_{self.widget_line.id}": "2",
                f"line_problem_{self.widget_line.id}": "Scratched housing",
                f"line_qty_{self.gadget_line.id}": "1",
                f"line_problem_{self.gadget_line.id}": "",
            },
            files={"attachments": ("scratches.png", b"\x89PNG fake photo", "image/png")},
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 303, response.text)
        service_request = self._filed()
        self.assertEqual(len(service_request), 1)
        self.assertTrue(
            response.headers["Location"].endswith(
                f"/my/service-requests/{service_request.id}?created=1"
            )
        )
        self.assertRecordValues(
            service_request,
            [
                {
                    "partner_id": self.portal_user.partner_id.id,
                    "commercial_partner_id": self.customer.id,
                    "sale_order_id": self.order.id,
                    "company_id": self.company.id,
                    "channel": "portal",
                    "type_id": self.types["complaint"].id,
                    "state": "new",
                    "received_by_id": False,
                    "department_id": self.aftersales_department.id,
                    "is_complaint": True,
                }
            ],
        )
        self.assertRegex(service_request.name, r"^QR/JY-2005/")
        self.assertIn("Two widgets arrived scratched.", service_request.description)
        self.assertRecordValues(
            service_request.line_ids.sorted("quantity"),
            [
                {
                    "sale_line_id": self.gadget_line.id,
                    "product_id": self.gadget.id,
                    "quantity": 1.0,
                },
                {
                    "sale_line_id": self.widget_line.id,
                    "product_id": self.widget.id,
                    "quantity": 2.0,
                },
            ],
        )
        self.assertEqual(
            service_request.line_ids.filtered(lambda line: line.product_id == self.widget).problem,
            "Scratched housing",
        )
        # the clocks of the engine run from the receipt (R-AFS-01, R-AFS-04)
        self.assertTrue(service_request.sla_clock_ids)
        self.assertEqual(
            set(service_request.sla_clock_ids.mapped("key")),
            {"aftersales_transfer", "aftersales_solution"},
        )
        self.assertEqual(set(service_request.sla_clock_ids.mapped("sla_state")), {"running"})
        self.assertIn(self.portal_user.partner_id, service_request.message_partner_ids)
        self.assertTrue(
            service_request.activity_ids.filtered(lambda a: a.user_id == self.head),
            "the after-sales head is asked to take the request",
        )
        photo = service_request.message_ids.attachment_ids
        self.assertEqual(photo.mapped("name"), ["scratches.png"])
        self.assertEqual(
            service_request.message_ids.filtered("attachment_ids").author_id,
            self.portal_user.partner_id,
        )
        # the customer lands on the request, then finds it in the list
        page = self._page(f"{service_request.access_url}?created=1")
        self.assertIn('name="service_request_created"', page.text)
        self.assertIn("Scratched housing", page.text)
        self.assertIn(service_request.name, self._page("/my/service-requests").text)

    def test_file_request_on_other_customer_order_refused(self):
        """Issue #12 point 1: the order is one of the customer's company's
        confirmed orders, or nothing is filed: another customer's order is
        not found (form and post), a line of another order is not taken, a
        quotation is not offered."""
        self._login(self.portal_user)
        self._page(f"/my/service-requests/new?order_id={self.other_order.id}", status=404)
        response = self._post_form(self.other_order)
        self.assertEqual(response.status_code, 404)
        self.assertFalse(self._filed())
        # the form offers the customer's own confirmed orders only
        quotation = self.env["sale.order"].create(
            {
                "partner_id": self.customer.id,
                "company_id": self.company.id,
                "order_line": [(0, 0, {"product_id": self.widget.id, "product_uom_qty": 1})],
            }
        )
        page = html.fromstring(self._page("/my/service-requests/new").content)
        offered = page.xpath("//select[@name='order_id']/option/@value")
        self.assertEqual([int(value) for value in offered if value], self.order.ids)
        self.assertNotIn(str(quotation.id), offered)
        response = self._post_form(quotation)
        self.assertEqual(response.status_code, 404)
        # a line of another customer's order smuggled into the customer's form
        other_line = self.other_order.order_line
        response = self._post_form(self.order, **{f"line_qty_{other_line.id}": "1"})
        self.assertEqual(response.status_code, 303)
        self.assertFalse(self._filed().line_ids)
        # and over the model, as the portal user, the same check holds
        with self.assertRaises(AccessError):
            self.requests.with_user(self.portal_user)._portal_file(
                self.other_order, self.types["complaint"], "Not mine"
            )

    def test_posted_form_cannot_set_guarded_fields(self):
        """The server decides (issue #12 point 1, the project's workflow
        guard): a form posted with a state, a number, a receipt date, a
        channel, another customer, an assignee or a company sets none of
        them."""
        self._login(self.portal_user)
        response = self._post_form(
            self.order,
            state="closed",
            name="QR/JY-2005/FORGED",
            received_on="2020-01-01 00:00:00",
            channel="phone",
            partner_id=self.other_contact.id,
            user_id=self.head.id,
            received_by_id=self.head.id,
            company_id=self.env.ref("base.main_company").id,
            priority="3",
            return_state="approved",
            transferred_on="2020-01-01 00:00:00",
        )
        self.assertEqual(response.status_code, 303, response.text)
        service_request = self._filed()
        self.assertEqual(len(service_request), 1)
        self.assertRecordValues(
            service_request,
            [
                {
                    "state": "new",
                    "channel": "portal",
                    "partner_id": self.portal_user.partner_id.id,
                    "user_id": False,
                    "received_by_id": False,
                    "company_id": self.company.id,
                    "priority": self.types["complaint"].priority,
                    "return_state": "draft",
                    "transferred_on": False,
                }
            ],
        )
        self.assertNotEqual(service_request.name, "QR/JY-2005/FORGED")
        self.assertRegex(service_request.name, r"^QR/JY-2005/")
        self.assertGreater(service_request.received_on.year, 2020)

    def test_invalid_form_shown_again(self):
        """A form without a subject, with a quantity above the one ordered or
        a type the portal does not offer is shown again with the reason;
        nothing is filed."""
        self._login(self.portal_user)
        cases = [
            ({"subject": " "}, "subject"),
            ({f"line_qty_{self.widget_line.id}": "11"}, "quantity ordered"),
            ({f"line_qty_{self.widget_line.id}": "two"}, "not a number"),
            ({"type_id": ""}, "type of your request"),
        ]
        self.types["onsite"].portal_published = False
        cases.append(({"type_id": self.types["onsite"].id}, "types offered"))
        for fields, reason in cases:
            with self.subTest(fields=fields):
                response = self._post_form(self.order, **fields)
                self.assertEqual(response.status_code, 200)
                errors = html.fromstring(response.content).xpath("//div[@name='errors']")
                self.assertTrue(errors, response.text)
                self.assertIn(reason, errors[0].text_content())
                self.assertFalse(self._filed())
        # the types not offered are not shown either
        page = html.fromstring(
            self._page(f"/my/service-requests/new?order_id={self.order.id}").content
        )
        kinds = page.xpath("//input[@name='type_id']/@data-kind")
        self.assertIn("complaint", kinds)
        self.assertNotIn("onsite", kinds)

    def test_order_page_offers_a_request(self):
        """Issue #12 point 1: the customer's order page leads to the form of
        a request on that order."""
        self._login(self.portal_user)
        page = html.fromstring(self._page(f"/my/orders/{self.order.id}").content)
        self.assertEqual(
            page.xpath("//a[@name='request_service']/@href"),
            [f"/my/service-requests/new?order_id={self.order.id}"],
        )

    # ------------------------------------------------------------------
    # Tour
    # ------------------------------------------------------------------
    def test_portal_tour(self):
        """Issue #12 acceptance, in Chromium: the customer opens /my, goes to
        the service requests (none yet), files a complaint against their
        order with one product, and finds it in their list."""
        self.start_tour("/my", "order_aftersales_portal_tour", login=self.portal_user.login)
        service_request = self._filed("Tour: scratched widgets")
        self.assertEqual(len(service_request), 1)
        self.assertRecordValues(
            service_request,
            [
                {
                    "channel": "portal",
                    "partner_id": self.portal_user.partner_id.id,
                    "sale_order_id": self.order.id,
                    "type_id": self.types["complaint"].id,
                    "state": "new",
                }
            ],
        )
        self.assertRecordValues(
            service_request.line_ids,
            [
                {
                    "sale_line_id": self.widget_line.id,
                    "quantity": 2.0,
                    "problem": "Scratched housing",
                }
            ],
        )
        self.assertTrue(service_request.sla_clock_ids)
