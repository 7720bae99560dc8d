# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import contextvars

from odoo import fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.order_review.models.order_workflow_mixin import in_workflow_transition, server_flag
from odoo.addons.rating.models import rating_data

SATISFACTION_METHODS = [("survey", "Survey (e-mail / portal)"), ("phone", "Phone Callback")]
SATISFACTION_GRADES = [("great", "Satisfied"), ("okay", "Okay"), ("bad", "Dissatisfied")]

# how the rating ``rating_apply`` applies was given: the rating page's survey
# unless the phone callback (server side, never from a client) says otherwise
_RATED_THROUGH = contextvars.ContextVar("order_service_request_rated_through", default="survey")


def _rated_through(method):
    return server_flag(_RATED_THROUGH, method)


class OrderServiceRequest(models.Model):
    """Satisfaction (R-AFS-21): after the service, the customer rates it.

    Odoo's rating mechanism does the asking: at closure the customer gets
    the e-mail of template ``mail_template_service_request_rating`` (sent by
    ``rating_send_request``) whose links open the rating module's
    ``/rate/<token>/<score>`` page; or the agent calls the customer back
    (电话回访) and records the answer with the callback wizard. Both end in
    ``rating_apply``, which stores the score on the request, so that the
    scores group by request, agent (``user_id``), department
    (``department_id``) and product (``product_id``). A dissatisfied
    customer gives the after-sales head a follow-up activity: results go to
    after-sales, which analyses them and improves (R-AFS-21)."""

    # one file per part of the request (complaints, satisfaction…), as the
    # other parts of the service request do
    _inherit = "order.service.request"  # pylint: disable=consider-merging-classes-inherited

    _workflow_guarded_fields = (
        "satisfaction_score",
        "satisfaction_grade",
        "satisfaction_feedback",
        "satisfaction_date",
        "satisfaction_method",
        "satisfaction_requested_on",
    )

    satisfaction_score = fields.Float(
        string="Satisfaction",
        digits=(2, 1),
        readonly=True,
        copy=False,
        aggregator="avg",
        help="The customer's rating of the service, 1 (dissatisfied) to 5 (satisfied).",
    )
    satisfaction_grade = fields.Selection(
        selection=SATISFACTION_GRADES,
        readonly=True,
        copy=False,
        index="btree_not_null",
    )
    satisfaction_feedback = fields.Text(readonly=True, copy=False)
    satisfaction_date = fields.Datetime(string="Rated On", readonly=True, copy=False)
    satisfaction_method = fields.Selection(
        selection=SATISFACTION_METHODS, string="Rated Through", readonly=True, copy=False
    )
    satisfaction_requested_on = fields.Datetime(
        string="Rating Asked On",
        readonly=True,
        copy=False,
        help="When the satisfaction survey was sent to the customer.",
    )

    # ------------------------------------------------------------------
    # Asking
    # ------------------------------------------------------------------
    def _on_closed(self):
        result = super()._on_closed()
        self._satisfaction_send_request()
        return result

    def _satisfaction_send_request(self):
        """Send the satisfaction survey of the closed requests not rated yet
        to their customer (archive the template to stop sending it)."""
        template = self.env.ref(
            "order_aftersales.mail_template_service_request_rating", raise_if_not_found=False
        )
        if not template or not template.active:
            return
        sent = self.browse()
        for request in self.filtered(lambda r: not r.satisfaction_date):
            partner = request._rating_get_partner()
            if not partner.email or partner == self.env.user.partner_id:
                continue
            request.rating_send_request(template, lang=partner.lang, force_send=False)
            sent |= request
        sent._workflow_write({"satisfaction_requested_on": fields.Datetime.now()})

    # ------------------------------------------------------------------
    # Applying (rating.mixin hooks)
    # ------------------------------------------------------------------
    def _rating_apply_get_default_subtype_id(self):
        return self.env["ir.model.data"]._xmlid_to_res_id(
            "order_aftersales.mt_service_request_rating"
        )

    def rating_apply(
        self,
        rate,
        token=None,
        rating=None,
        feedback=None,
        subtype_xmlid=None,
        notify_delay_send=False,
    ):
        """Apply the rating and store it on the request. The rating must be
        this request's, and a customer's user rates only their company's
        request (the rating page says so on display; this holds on submit
        too)."""
        self.ensure_one()
        # the customer's rating page (which runs as superuser) and the phone
        # callback apply a rating; a client calling this over RPC does not
        if not self.env.su and not in_workflow_transition():
            raise AccessError(
                self.env._("A rating is given on the rating page or recorded by a callback.")
            )
        if token:
            rating = (
                self.env["rating.rating"].sudo().search([("access_token", "=", token)], limit=1)
            )
        if rating:
            self._satisfaction_check_rating(rating)
        rating = super().rating_apply(
            rate,
            token=token,
            rating=rating,
            feedback=feedback,
            subtype_xmlid=subtype_xmlid,
            notify_delay_send=notify_delay_send,
        )
        self._satisfaction_store(rating, method=_RATED_THROUGH.get())
        return rating

    def _satisfaction_check_rating(self, rating):
        self.ensure_one()
        user = self.env.user
        other_customer = (
            user.share
            and not user._is_public()
            and user.partner_id.commercial_partner_id != rating.partner_id.commercial_partner_id
        )
        if rating.res_model != self._name or rating.res_id != self.id or other_customer:
            raise AccessError(
                self.env._("This rating link is not for %(request)s.", request=self.name)
            )

    def _satisfaction_store(self, rating, method):
        """Keep the rating on the request, the one place the facts of the
        satisfaction KPIs are written (stored for the reports: score, grade,
        feedback, date, method), whether the customer rated on the rating page
        or on the phone; a dissatisfied customer is followed up by the
        after-sales head."""
        self.ensure_one()
        grade = rating_data._rating_to_grade(rating.rating)
        self._workflow_write(
            {
                "satisfaction_score": rating.rating,
                "satisfaction_grade": grade,
                "satisfaction_feedback": rating.feedback,
                "satisfaction_date": fields.Datetime.now(),
                "satisfaction_method": method,
            }
        )
        if grade == "bad":
            self._satisfaction_follow_up()

    def _satisfaction_follow_up(self):
        """R-AFS-21: the after-sales head analyses a low score (one open
        follow-up per request)."""
        activity_type = self.env.ref(
            "order_aftersales.mail_activity_type_satisfaction_follow_up",
            raise_if_not_found=False,
        ) or self.env.ref("mail.mail_activity_data_todo")
        for request in self:
            head = request._aftersales_head()
            if not head or request.activity_ids.filtered(
                lambda a, t=activity_type: a.activity_type_id == t
            ):
                continue
            request.sudo().activity_schedule(
                activity_type_id=activity_type.id,
                summary=self.env._(
                    "Dissatisfied customer: %(score)s/5 on %(request)s",
                    score=format(request.satisfaction_score, "g"),
                    request=request.name,
                ),
                note=request.satisfaction_feedback or "",
                user_id=head.id,
            )

    # ------------------------------------------------------------------
    # Phone callback
    # ------------------------------------------------------------------
    def action_rating_callback(self):
        """The agent calls the customer back (电话回访) and records the rating."""
        self.ensure_one()
        self._check_agent()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Phone Callback"),
            "res_model": "order.service.rating.callback",
            "view_mode": "form",
            "target": "new",
            "context": {"default_request_id": self.id},
        }

    def _satisfaction_callback(self, score, feedback, partner):
        """Record the rating the customer gave on the phone, through the
        rating mechanism (a rating of `partner` consumed by ``rating_apply``)."""
        self.ensure_one()
        self._check_agent()
        if self.state not in ("solved", "closed"):
            raise UserError(
                self.env._(
                    "%(request)s is not solved yet: call the customer back once it is.",
                    request=self.display_name,
                )
            )
        if partner.commercial_partner_id != self.commercial_partner_id:
            raise UserError(
                self.env._(
                    "%(partner)s is not a contact of %(customer)s.",
                    partner=partner.display_name,
                    customer=self.commercial_partner_id.display_name,
                )
            )
        token = self._rating_get_access_token(partner=partner)
        with self._workflow_transition(), _rated_through("phone"):
            rating = self.rating_apply(score, token=token, feedback=feedback)
        self._message_log(
            body=self.env._(
                "Phone callback by %(agent)s: %(score)s/5.",
                agent=self.env.user.name,
                score=format(score, "g"),
            )
        )
        return rating
