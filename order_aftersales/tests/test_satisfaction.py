# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Satisfaction (R-AFS-21): at closure the customer gets the survey through
Odoo's rating mechanism; the rating given through its token, or recorded by
the agent on a phone callback, is stored on the request and groups by
agent, department and product; a dissatisfied customer gives the
after-sales head a follow-up."""

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from odoo.addons.order_review.tests.common import local

from .common import AftersalesCase


@tagged("post_install", "-at_install")
class TestSatisfaction(AftersalesCase):
    def _token(self, request):
        rating = request.sudo().rating_ids.filtered(lambda r: not r.consumed)
        self.assertEqual(len(rating), 1)
        return rating.access_token

    def _follow_ups(self, request):
        return request.activity_ids.filtered(
            lambda a: a.activity_type_id
            == self.env.ref("order_aftersales.mail_activity_type_satisfaction_follow_up")
        )

    def test_closing_asks_the_customer_to_rate(self):
        """R-AFS-21: closing sends the customer the survey e-mail whose links
        carry the request's rating token."""
        request = self._request(product_id=self.widget.id)
        self.assertFalse(request.sudo().rating_ids)
        self._close(request)
        self.assertTrue(request.satisfaction_requested_on)
        token = self._token(request)
        rating = request.sudo().rating_ids
        self.assertEqual(rating.partner_id, self.customer_contact)
        self.assertEqual(rating.rated_partner_id, self.agent.partner_id, "the agent is rated")
        mail = self.env["mail.mail"].search(
            [
                ("model", "=", request._name),
                ("res_id", "=", request.id),
                ("recipient_ids", "in", self.customer_contact.ids),
            ]
        )
        self.assertEqual(len(mail), 1)
        self.assertIn("how was our service?", mail.subject)
        for score in (5, 3, 1):
            self.assertIn(f"/rate/{token}/{score}", mail.body_html)

    def test_token_rating_is_stored_and_a_low_one_followed_up(self):
        """R-AFS-21: the rating applied through its token (as the rating page
        does) is stored on the request; dissatisfied: the after-sales head
        gets one follow-up activity."""
        request = self._close(self._request(product_id=self.widget.id))
        token = self._token(request)
        with freeze_time(local(2025, 9, 30, 9, 0)):
            request.sudo().rating_apply(1, token=token, feedback="Nobody called back")
        self.assertEqual(request.satisfaction_score, 1.0)
        self.assertEqual(request.satisfaction_grade, "bad")
        self.assertEqual(request.satisfaction_method, "survey")
        self.assertEqual(request.satisfaction_feedback, "Nobody called back")
        self.assertEqual(request.satisfaction_date, local(2025, 9, 30, 9, 0))
        self.assertEqual(request.rating_last_value, 1.0)
        follow_up = self._follow_ups(request)
        self.assertEqual(follow_up.user_id, self.head)
        self.assertIn("1/5", follow_up.summary)
        # the customer changes their mind through the same link: no second follow-up
        request.sudo().rating_apply(1, token=token, feedback="Still nobody")
        self.assertEqual(len(self._follow_ups(request)), 1)
        self.assertEqual(request.satisfaction_feedback, "Still nobody")

    def test_phone_callback(self):
        """R-AFS-21 电话回访: the agent records the customer's answer with the
        callback wizard; it goes through the rating mechanism and is stored;
        a satisfied customer needs no follow-up; only after-sales records it."""
        request = self._close(self._request(product_id=self.widget.id))
        with self.assertRaises(UserError):
            request.with_user(self.clerk).action_rating_callback()
        action = request.with_user(self.agent).action_rating_callback()
        Wizard = self.env[action["res_model"]].with_user(self.agent)
        with Form(Wizard.with_context(**action["context"])) as form:
            self.assertEqual(form.partner_id, self.customer_contact)
            form.score = "4"
            form.feedback = "Fast and polite"
        form.save().action_apply()
        self.assertEqual(request.satisfaction_score, 4.0)
        self.assertEqual(request.satisfaction_grade, "great")
        self.assertEqual(request.satisfaction_method, "phone")
        rating = request.sudo().rating_ids.filtered("consumed")
        self.assertEqual((rating.rating, rating.feedback), (4.0, "Fast and polite"))
        self.assertFalse(self._follow_ups(request))
        self.assertIn("Phone callback by", request.message_ids[0].body)

        with self.assertRaises(AccessError):
            self.env["order.service.rating.callback"].with_user(self.clerk).create(
                {"request_id": request.id, "score": "1"}
            )
        # another customer's contact is not whom one calls back about this request
        other_contact = self.other_portal_user.partner_id
        wizard = Wizard.create(
            {"request_id": request.id, "partner_id": other_contact.id, "score": "2"}
        )
        with self.assertRaisesRegex(UserError, "is not a contact of"):
            wizard.action_apply()
        open_request = self._request()
        wizard = Wizard.create({"request_id": open_request.id, "score": "5"})
        with self.assertRaisesRegex(UserError, "not solved yet"):
            wizard.action_apply()

    def test_low_callback_score_and_grouping(self):
        """R-AFS-21: a low score on the phone asks the head too; the scores
        group by agent, department and product."""
        widget = self._close(self._request(product_id=self.widget.id))
        gadget = self._close(self._request(product_id=self.gadget.id), user=self.head)
        widget.with_user(self.agent)._satisfaction_callback(2.0, "Slow", self.customer_contact)
        gadget.with_user(self.head)._satisfaction_callback(5.0, "", self.customer_contact)
        self.assertEqual(self._follow_ups(widget).user_id, self.head)
        self.assertFalse(self._follow_ups(gadget))
        Request = self.env["order.service.request"]
        domain = [("id", "in", (widget | gadget).ids)]
        for groupby, expected in (
            ("user_id", {self.agent: 2.0, self.head: 5.0}),
            ("product_id", {self.widget: 2.0, self.gadget: 5.0}),
            ("department_id", {self.aftersales_department: 3.5}),
        ):
            with self.subTest(groupby=groupby):
                self.assertEqual(
                    dict(Request._read_group(domain, [groupby], ["satisfaction_score:avg"])),
                    expected,
                )

    def test_a_rating_token_rates_its_own_request_only(self):
        """R-AFS-21: the token of another customer's request does not rate
        this one."""
        mine = self._close(self._request())
        others = self._close(self._request(partner_id=self.other_portal_user.partner_id.id))
        with self.assertRaises(AccessError):
            mine.sudo().rating_apply(5, token=self._token(others))
        self.assertFalse(mine.satisfaction_score)
        self.assertFalse(others.satisfaction_score)
