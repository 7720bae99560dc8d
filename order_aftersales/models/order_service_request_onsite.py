# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import is_html_empty

from .order_service_request import OPEN_STATES


class OrderServiceRequest(models.Model):
    """On-site service of a request (R-AFS-03, R-AFS-05): any request may
    need an engineer on site; installation and commissioning requests are
    made for it."""

    _inherit = "order.service.request"  # pylint: disable=consider-merging-classes-inherited

    visit_ids = fields.One2many(
        comodel_name="order.service.visit",
        inverse_name="request_id",
        string="On-site Visits",
    )
    visit_count = fields.Integer(compute="_compute_visit_count")
    onsite_requested_date = fields.Datetime(
        string="Requested Service Date",
        tracking=True,
        help="When the customer's project is ready for the installation or commissioning: "
        "the salesperson follows the project and tells after-sales the timing (R-AFS-03). "
        "The first visit is planned for it.",
    )

    @api.depends("visit_ids")
    def _compute_visit_count(self):
        counts = dict(
            self.env["order.service.visit"]._read_group(
                [("request_id", "in", self.ids)], ["request_id"], ["__count"]
            )
        )
        for request in self:
            request.visit_count = counts.get(request, 0)

    def action_plan_visit(self):
        """Plan an engineer's visit (R-AFS-05 上门服务): a new visit of the
        request, its engineer the request's assignee by default."""
        self.ensure_one()
        if self.state not in OPEN_STATES:
            raise UserError(
                self.env._(
                    "%(request)s is no longer open: reopen it before planning a visit.",
                    request=self.display_name,
                )
            )
        self.env["order.service.visit"].check_access("create")
        start = self.onsite_requested_date
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Plan a Visit"),
            "res_model": "order.service.visit",
            "view_mode": "form",
            "target": "current",
            "context": {
                "default_request_id": self.id,
                "default_engineer_id": (self.user_id or self.env.user).id,
                "default_partner_id": self.partner_id.id,
                "default_start": start and fields.Datetime.to_string(start),
                "default_stop": start and fields.Datetime.to_string(start + timedelta(hours=2)),
            },
        }

    def action_view_visits(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "order_aftersales.order_service_visit_action"
        )
        action["domain"] = [("request_id", "=", self.id)]
        action["context"] = {
            "default_request_id": self.id,
            "default_engineer_id": (self.user_id or self.env.user).id,
        }
        if self.visit_count == 1:
            action.update(view_mode="form", views=[(False, "form")], res_id=self.visit_ids.id)
        return action

    def _visit_failed(self):
        """Whether the last finished visit of the request failed its
        commissioning test (and no later one passed)."""
        self.ensure_one()
        done = self.visit_ids.filtered(lambda v: v.state == "done").sorted(
            lambda v: (v.done_on, v.id)
        )
        return bool(done) and done[-1].commissioning_result == "failed"

    def action_solve(self):
        """A request is not solved while an engineer is still due on site or
        the last commissioning test failed (R-AFS-05: commission and test)."""
        for request in self:
            if request.visit_ids.filtered(lambda v: v.state in ("planned", "in_progress")):
                raise UserError(
                    self.env._(
                        "%(request)s has an on-site visit still to finish.",
                        request=request.display_name,
                    )
                )
            if request._visit_failed():
                raise UserError(
                    self.env._(
                        "%(request)s: the commissioning test of its last visit failed; "
                        "plan another visit before solving it.",
                        request=request.display_name,
                    )
                )
        return super().action_solve()

    def _on_visit_done(self, visits):
        """A visit is done: a passed (or not applicable) commissioning solves
        the request when after-sales finished it and nothing else is due on
        site; a failed one keeps the request open and asks its assignee to
        plan the next visit. Run for the engineer, who need not read the
        request: its messages and activities are the server's."""
        agent = self.env.user.has_group("order_aftersales.group_order_aftersales_user")
        for visit in visits:
            request = visit.request_id.sudo()
            request.message_post(
                body=self.env._(
                    "On-site visit %(visit)s done by %(engineer)s: commissioning %(result)s.",
                    visit=visit.name,
                    engineer=visit.engineer_id.name,
                    result=dict(
                        visit._fields["commissioning_result"]._description_selection(self.env)
                    )[visit.commissioning_result],
                ),
                subtype_xmlid="mail.mt_note",
            )
            responsible = request._sla_clock_get_user(False)
            if visit.commissioning_result == "failed":
                request.activity_schedule(
                    "mail.mail_activity_data_todo",
                    summary=self.env._(
                        "Commissioning failed at %(visit)s: plan another visit", visit=visit.name
                    ),
                    user_id=responsible.id or self.env.uid,
                )
                continue
            if request.state != "in_progress" or request.visit_ids.filtered(
                lambda v: v.state in ("planned", "in_progress")
            ):
                continue
            if not agent:
                request.activity_schedule(
                    "mail.mail_activity_data_todo",
                    summary=self.env._(
                        "On-site visit %(visit)s done: solve the request", visit=visit.name
                    ),
                    user_id=responsible.id or self.env.uid,
                )
                continue
            if is_html_empty(request.solution):
                request.solution = visit.report
            request.action_solve()
