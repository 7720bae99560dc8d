# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Requests by e-mail (R-AFS-12, R-AFS-01): the alias files a request for
the sender, replies thread into it, and the mail gateway meets the same
checks as the form."""

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import email_normalize

from odoo.addons.mail.tests.common import MailCommon
from odoo.addons.order_review.tests.common import local

from .common import AftersalesCase

MAIL_WITH_ATTACHMENT = """Return-Path: {return_path}
To: {to}
cc: {cc}
Received: by mail1.customer.example.com (Postfix, from userid 10002)
    id 5DF9ABFB2A; Fri, 26 Sep 2025 11:49:39 +0800 (CST)
From: {email_from}
Subject: {subject}
MIME-Version: 1.0
Content-Type: multipart/mixed;
    boundary="----=_Part_4200734_24778174.1344608186754"
Date: Fri, 26 Sep 2025 11:49:26 +0800
Message-ID: {msg_id}
{extra}
------=_Part_4200734_24778174.1344608186754
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: quoted-printable

The widgets of our last delivery rattle when they start.

--
Wang
------=_Part_4200734_24778174.1344608186754
Content-Type: text/plain; charset=utf-8; name="serials.txt"
Content-Disposition: attachment; filename="serials.txt"
Content-Transfer-Encoding: base64

U04tMDAwMQpTTi0wMDAy
------=_Part_4200734_24778174.1344608186754--
"""

MAIL_REPLY = """Return-Path: {return_path}
To: {to}
cc: {cc}
From: {email_from}
Subject: {subject}
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: quoted-printable
Date: Fri, 26 Sep 2025 15:00:00 +0800
Message-ID: {msg_id}
{extra}
The serial numbers are on the labels, photos follow.
"""


@tagged("post_install", "-at_install")
class TestRequestMail(AftersalesCase, MailCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.alias = cls.env.ref("order_aftersales.mail_alias_service_request")
        cls.complaint_alias = cls.env.ref("order_aftersales.mail_alias_service_complaint")
        # the company's alias domain; a company of its own sets its requests'
        # company in the alias defaults, as any multi-company alias does
        cls.alias.write(
            {
                "alias_domain_id": cls.mail_alias_domain.id,
                "alias_defaults": str({"company_id": cls.company.id}),
            }
        )
        cls.complaint_alias.write(
            {
                "alias_domain_id": cls.mail_alias_domain.id,
                "alias_defaults": str(
                    {"company_id": cls.company.id, "type_id": cls.types["complaint"].id}
                ),
            }
        )
        cls.Request = cls.env["order.service.request"]
        # mail_new_test_user gave the portal contact its default address
        cls.customer_contact.email = "wang@customer.example.com"

    def _mail(self, subject, email_from="Buyer Wang <wang@customer.example.com>", alias=None):
        with freeze_time(local(2025, 9, 26, 11, 50)):
            return self.format_and_process(
                MAIL_WITH_ATTACHMENT,
                email_from,
                (alias or self.alias).alias_full_name,
                subject=subject,
                target_model="order.service.request",
                target_field="subject",
            )

    def test_mail_creates_request_for_sender(self):
        """R-AFS-12, R-AFS-01: an e-mail to service@ files a request of the
        sender's contact: channel e-mail, the mail's subject and body, the
        technical support type, the attachment kept, the number of the
        sequence (not the subject the mail layer offers as its name), and the
        60-minute transfer clock from receipt (11:50 → 14:20)."""
        request = self._mail("Widgets rattle")
        self.assertEqual(len(request), 1)
        self.assertEqual(request.partner_id, self.customer_contact)
        self.assertEqual(request.commercial_partner_id, self.customer)
        self.assertEqual(request.company_id, self.company)
        self.assertEqual(request.channel, "email")
        self.assertEqual(request.type_id, self.types["support"])
        self.assertRegex(request.name, r"^QR/JY-2005/\d{4}/\d{5}$")
        self.assertIn("rattle when they start", request.description)
        self.assertEqual(request.received_on, local(2025, 9, 26, 11, 50))
        # the sender is the portal user the gateway runs as: nobody of the
        # company received it, no clock nor activity goes to the customer
        self.assertFalse(request.received_by_id)
        attachments = self.env["ir.attachment"].search(
            [("res_model", "=", request._name), ("res_id", "=", request.id)]
        )
        self.assertEqual(attachments.mapped("name"), ["serials.txt"])
        message = request.message_ids.filtered(lambda m: m.message_type == "email")
        self.assertEqual(message.author_id, self.customer_contact)
        self.assertIn(self.customer_contact, request.message_partner_ids)
        self.assertEqual(
            self._clock(request, "aftersales_transfer").sla_deadline, local(2025, 9, 26, 14, 20)
        )

    def test_reply_threads_into_request(self):
        """R-AFS-12: the customer's reply (In-Reply-To the first mail)
        threads into the request instead of filing another one."""
        request = self._mail("Widgets rattle")
        first = request.message_ids.filtered(lambda m: m.message_type == "email")
        count = self.Request.search_count([])
        with freeze_time(local(2025, 9, 26, 15, 0)):
            self.format_and_process(
                MAIL_REPLY,
                "Buyer Wang <wang@customer.example.com>",
                self.alias.alias_full_name,
                subject="Re: Widgets rattle",
                extra=f"In-Reply-To: {first.message_id}\n",
                target_model="order.service.request",
                target_field="subject",
            )
        self.assertEqual(self.Request.search_count([]), count)
        reply = request.message_ids.filtered(lambda m: "photos follow" in (m.body or ""))
        self.assertEqual(len(reply), 1)
        self.assertEqual(reply.author_id, self.customer_contact)
        self.assertEqual(reply.parent_id, first)
        self.assertEqual(request.subject, "Widgets rattle")

    def _reply(self, request, when=(2025, 9, 29, 10, 0)):
        """The customer's reply to the first mail of `request`."""
        first = request.message_ids.filtered(lambda m: m.message_type == "email")[-1:]
        with freeze_time(local(*when)):
            self.format_and_process(
                MAIL_REPLY,
                "Buyer Wang <wang@customer.example.com>",
                self.alias.alias_full_name,
                subject=f"Re: {request.subject}",
                extra=f"In-Reply-To: {first.message_id}\n",
                target_model="order.service.request",
                target_field="subject",
            )

    def _waiting(self, subject, reason):
        """A mailed request taken by the agent, then put on hold for `reason`
        (Friday 26 September 2025, 13:40)."""
        request = self._mail(subject)
        with freeze_time(local(2025, 9, 26, 13, 40)):
            request.with_user(self.agent).action_contact()
            request.with_user(self.agent)._wait(reason)
        self.assertEqual(request.state, "waiting")
        self.assertEqual(self._clock(request, "aftersales_solution").sla_state, "paused")
        return request

    def test_customer_reply_resumes_request_waiting_for_them(self):
        """R-AFS-09, R-AFS-12: a request waiting for the customer goes back to
        work when the customer's e-mail reply threads into it; its paused
        clock resumes with the time it had left (the 24-hour solution clock:
        received Friday 11:50, held at 13:40 with 22:10 left, resumed Monday
        10:00 → Tuesday 08:10), as the agent's Resume button does."""
        request = self._waiting("Widgets rattle", "customer")
        self._reply(request, when=(2025, 9, 29, 10, 0))
        self.assertEqual(request.state, "in_progress")
        self.assertFalse(request.waiting_reason)
        clock = self._clock(request, "aftersales_solution")
        self.assertEqual(clock.sla_state, "running")
        self.assertEqual(clock.sla_deadline, local(2025, 9, 30, 8, 10))

    def test_customer_reply_leaves_request_waiting_for_parts(self):
        """R-AFS-07: a request waiting for spare parts stays on hold whatever
        the customer writes: the parts, not the customer, are awaited."""
        request = self._waiting("Widgets rattle", "parts")
        self._reply(request)
        self.assertTrue(request.message_ids.filtered(lambda m: "photos follow" in (m.body or "")))
        self.assertEqual(request.state, "waiting")
        self.assertEqual(request.waiting_reason, "parts")
        self.assertEqual(self._clock(request, "aftersales_solution").sla_state, "paused")

    def test_unknown_sender_gets_contact(self):
        """R-AFS-12: a sender the company does not know becomes a contact
        of the request."""
        partners = self.env["res.partner"].search_count([])
        request = self._mail("Where is my manual?", email_from="Zhang San <zhang@new.example.com>")
        self.assertEqual(self.env["res.partner"].search_count([]), partners + 1)
        self.assertEqual(request.partner_id.email_normalized, "zhang@new.example.com")
        self.assertEqual(request.partner_id.name, "Zhang San")
        self.assertEqual(email_normalize(request.email_from), "zhang@new.example.com")

    def test_sender_of_another_company_gets_contact(self):
        """A partner of another company is not used for the request: a
        contact is created instead (a request links only its company's
        partners)."""
        other_company = self.env["res.company"].create({"name": "Other company"})
        stranger = self.env["res.partner"].create(
            {
                "name": "Stranger",
                "email": "stranger@else.example.com",
                "company_id": other_company.id,
            }
        )
        request = self._mail("Hello", email_from="Stranger <stranger@else.example.com>")
        self.assertNotEqual(request.partner_id, stranger)
        self.assertEqual(request.partner_id.email_normalized, "stranger@else.example.com")
        self.assertFalse(request.partner_id.company_id)

    def test_complaint_alias_and_company_type(self):
        """R-AFS-11, R-AFS-08: the complaints alias files complaints, handled
        first; the company chooses the type of the other e-mailed requests."""
        complaint = self._mail("Broken on arrival", alias=self.complaint_alias)
        self.assertEqual(complaint.type_id, self.types["complaint"])
        self.assertTrue(complaint.is_complaint)
        self.assertEqual(complaint.priority, "2")
        self.company.aftersales_mail_type_id = self.types["consultation"]
        question = self._mail("How do I clean it?")
        self.assertEqual(question.type_id, self.types["consultation"])

    def test_mail_gateway_meets_the_guard(self):
        """R-AFS-01: the gateway runs as superuser, the sender is nobody the
        server trusts: defaults carrying a workflow field (a request born
        solved) are refused like a form or RPC create. (message_new directly,
        as the gateway calls it: a refused mail through message_process
        marks the alias invalid in a second transaction, which waits for
        this test's.)"""
        mail = self.format(
            MAIL_WITH_ATTACHMENT,
            to=self.alias.alias_full_name,
            subject="Born solved",
            email_from="Buyer Wang <wang@customer.example.com>",
        )
        msg_dict = self.env["mail.thread"].message_parse(self.from_string(mail))
        gateway = self.Request.with_user(self.env.ref("base.user_root")).sudo()
        with self.assertRaisesRegex(UserError, "change only through the document's own actions"):
            gateway.message_new(dict(msg_dict), {"company_id": self.company.id, "state": "solved"})
        self.assertFalse(self.Request.search([("subject", "=", "Born solved")]))
        request = gateway.message_new(dict(msg_dict), {"company_id": self.company.id})
        self.assertEqual(request.state, "new")
        self.assertRegex(request.name, r"^QR/JY-2005/")

    def test_settings_rename_alias(self):
        """The settings show and rename the service alias and set the type
        of e-mailed requests for the company."""
        settings = (
            self.env["res.config.settings"]
            .with_company(self.company)
            .create({"aftersales_mail_type_id": self.types["consultation"].id})
        )
        self.assertEqual(settings.aftersales_alias_prefix, "service")
        self.assertEqual(settings.aftersales_alias_domain_id, self.mail_alias_domain)
        settings.aftersales_alias_prefix = "after-sales"
        settings.execute()
        self.assertEqual(self.alias.alias_full_name, f"after-sales@{self.alias_domain}")
        self.assertEqual(self.company.aftersales_mail_type_id, self.types["consultation"])
