# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Intake of the service request: the e-mail alias, the escalation of its
clocks, and the facts the KPIs read (working time to transfer, contact and
solve, late answers)."""

import contextvars
from collections import defaultdict

from pytz import utc

from odoo import api, fields, models
from odoo.tools import email_normalize

from odoo.addons.order_review.models.order_workflow_mixin import in_workflow_transition, server_flag

# set while the mail gateway creates a request: the gateway runs as superuser,
# the sender is nobody the server trusts
_FROM_MAIL = contextvars.ContextVar("order_service_request_from_mail", default=False)

# duration field -> (start field, end field, seconds per unit): working time
# on the company's calendar, written by the transition that sets the end
DURATIONS = {
    "transfer_minutes": ("received_on", "transferred_on", 60.0),
    "contact_hours": ("transferred_on", "contacted_on", 3600.0),
    "response_hours": ("received_on", "contacted_on", 3600.0),
    "resolution_hours": ("received_on", "solved_on", 3600.0),
}


def _from_mail():
    return server_flag(_FROM_MAIL)


class OrderServiceRequest(models.Model):
    _inherit = "order.service.request"  # pylint: disable=consider-merging-classes-inherited

    _workflow_guarded_fields = (*DURATIONS,)

    # the facts of the KPIs (R-AFS-13: response time, resolution): working
    # time on the company's calendar, empty until the step happens
    transfer_minutes = fields.Float(
        string="Transfer Time (working min)",
        readonly=True,
        copy=False,
        aggregator="avg",
        help="Working minutes from receipt to the hand-over to after-sales (R-AFS-01: 60).",
    )
    contact_hours = fields.Float(
        string="Contact Time (working h)",
        readonly=True,
        copy=False,
        aggregator="avg",
        help="Working hours from the hand-over to the first contact (R-AFS-02: 2).",
    )
    response_hours = fields.Float(
        string="Response Time (working h)",
        readonly=True,
        copy=False,
        aggregator="avg",
        help="Working hours from receipt to the first contact with the customer.",
    )
    resolution_hours = fields.Float(
        string="Resolution Time (working h)",
        readonly=True,
        copy=False,
        aggregator="avg",
        help="Working hours from receipt to the solution (waiting time included).",
    )

    # ------------------------------------------------------------------
    # E-mail alias (R-AFS-12: customers write to customer service)
    # ------------------------------------------------------------------
    def _workflow_is_trusted(self):
        """A request the mail gateway creates meets the checks of a form or
        RPC create (guarded fields refused, number from the sequence),
        although the gateway runs as superuser."""
        if _FROM_MAIL.get():
            return in_workflow_transition()
        return super()._workflow_is_trusted()

    @api.model
    def message_new(self, msg_dict, custom_values=None):
        """An e-mail to the alias becomes a request of the sender: the
        partner of the sender's address (a new contact when unknown), the
        e-mail channel, the subject and the body of the mail, the alias's
        type or the company's default one; the attachments stay on it."""
        values = dict(custom_values or {})
        company = self.env["res.company"].browse(values.get("company_id")) or self.env.company
        partner = self._mail_customer(msg_dict, company)
        if partner:
            msg_dict["author_id"] = partner.id
            values.setdefault("partner_id", partner.id)
        values.update(channel="email", company_id=company.id)
        if self.env.user.share:
            # the gateway runs as the user of the sender's address: a
            # customer's portal user received nothing (as on the portal)
            values["received_by_id"] = False
        values.setdefault("subject", msg_dict.get("subject") or self.env._("(no subject)"))
        values.setdefault("description", msg_dict.get("body"))
        if not values.get("type_id"):
            values["type_id"] = self._mail_default_type(company).id
        with _from_mail():
            return super().message_new(msg_dict, custom_values=values)

    @api.model
    def _mail_customer(self, msg_dict, company):
        """The sender's partner usable in `company`, else a new contact."""
        author = self.env["res.partner"].browse(msg_dict.get("author_id")).exists()
        if author and author.company_id in (company, company.browse()):
            return author
        email_from = msg_dict.get("email_from")
        if not email_normalize(email_from or ""):
            return self.env["res.partner"]
        return self._mail_find_partner_from_emails(
            [email_from],
            force_create=True,
            extra_domain=[("company_id", "in", [company.id, False])],
        )[0]

    @api.model
    def _mail_default_type(self, company):
        """The type of an e-mailed request: the company's setting, else the
        technical support type."""
        return (
            company.aftersales_mail_type_id
            or self.env.ref("order_aftersales.request_type_support", raise_if_not_found=False)
            or self.env["order.service.request.type"].search(
                [("kind", "=", "support"), ("company_id", "in", [company.id, False])], limit=1
            )
        )

    # ------------------------------------------------------------------
    # Clocks: escalation (R-AFS-01, R-AFS-02)
    # ------------------------------------------------------------------
    def _sla_clock_escalation_fallback_users(self, clock):
        """A rung that names nobody of the request's company asks the head
        of the request's department, else the head of the company's
        after-sales department (售后服务部门负责人), never the assignee who
        let the time pass."""
        self.ensure_one()
        return self._aftersales_head() or super()._sla_clock_escalation_fallback_users(clock)

    # ------------------------------------------------------------------
    # Transitions: the durations of the KPIs
    # ------------------------------------------------------------------
    def action_transfer(self):
        result = super().action_transfer()
        self._kpi_write_durations(["transfer_minutes"])
        return result

    def action_contact(self):
        result = super().action_contact()
        self._kpi_write_durations(["contact_hours", "response_hours"])
        return result

    def action_solve(self):
        result = super().action_solve()
        self._kpi_write_durations(["resolution_hours"])
        return result

    def _kpi_write_durations(self, fnames):
        """Write the working time of `fnames` (keys of DURATIONS): one walk
        of each company calendar for the whole batch."""
        values = defaultdict(dict)
        by_calendar = defaultdict(list)
        for request in self:
            calendar = request.company_id.resource_calendar_id
            for fname in fnames:
                start_field, end_field, _unit = DURATIONS[fname]
                start, end = request[start_field], request[end_field]
                if start and end and calendar:
                    by_calendar[calendar].append((request, fname, start, end))
        for calendar, items in by_calendar.items():
            seconds = calendar._order_work_seconds(
                [(utc.localize(s), utc.localize(e)) for _r, _f, s, e in items]
            )
            for (request, fname, _start, _end), value in zip(items, seconds, strict=True):
                values[request][fname] = value / DURATIONS[fname][2]
        for request, vals in values.items():
            request._workflow_write(vals)
